"""What a query may be before any parser sees it: size, nesting and refused keywords.

A SPARQL text is split into tokens (strings, IRIs, comments, names, punctuation) by
one regular expression, in time linear in its length, without parsing or running
it. That is enough to refuse, in the server process and before a worker is asked:

- texts over ``max_bytes`` (a 1 MB query is no question a person asks);
- nesting of ``{``, ``(`` and ``[`` deeper than ``max_depth`` (thousands of nested
  braces crash SPARQL parsers written with recursion, Oxigraph's included);
- updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``,
  ``MOVE``, ``COPY``, ``WITH``): the graph is read-only;
- ``SERVICE`` unless allowed, and ``FROM``/``FROM NAMED``: the engine would fetch
  a URL or read a file to answer them.

SPARQL keywords are reserved words: outside strings, IRIs and comments a word such
as ``SERVICE`` can only be the keyword (a variable is ``?service``, a prefixed name
``ex:SERVICE``), so finding the token is finding the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryRefused, ServiceRefused, UpdateRefused

MAX_QUERY_BYTES = 64 * 1024
MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.'"<>=!&|+*/^#-]*)
    | (?P<pname>[A-Za-z\u00c0-\uffff][\w\u00b7\u00c0-\uffff.-]*:[^\s(){}\[\],;'"<>=!&|+*/^#]*
                |:[^\s(){}\[\],;'"<>=!&|+*/^#]*|_:[^\s(){}\[\],;'"<>=!&|+*/^#]*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


@dataclass(frozen=True)
class Inspection:
    """What the tokens of a query say: its form, the words it uses, how deep it nests."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or "" if none was found
    words: frozenset[str]
    depth: int


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(text: str) -> str:
    """The text a SPARQL parser reads: ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes are
    replaced before parsing, anywhere in the query (SPARQL 1.1, section 19.2)."""
    if "\\u" not in text and "\\U" not in text:
        return text
    return _CODEPOINT.sub(lambda m: _char(m.group(1) or m.group(2)), text)


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def inspect(text: str) -> Inspection:
    """Tokenize ``text`` (escapes replaced) once; QueryRefused for an unclosed string."""
    text = unescape(text)
    words: set[str] = set()
    form, depth, deepest = "", 0, 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            words.add(word)
            if not form and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        elif kind == "other" and m.group() in "'\"":
            raise QueryRefused(f"a string is not closed (at character {m.start()}).")
    return Inspection(form, frozenset(words), deepest)


def check(
    text: str,
    *,
    allow_service: bool = False,
    max_bytes: int = MAX_QUERY_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Inspection:
    """Refuse what must never reach a parser or an engine; the inspection otherwise."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise QueryRefused(f"the query is {size:,} bytes; queries are limited to {max_bytes:,}.")
    found = inspect(text)
    if found.depth > max_depth:
        raise QueryRefused(
            f"the query nests brackets more than {max_depth} deep; write it with fewer levels."
        )
    if found.words & _UPDATES:
        raise UpdateRefused(
            "this graph is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR ...) is "
            "refused. Change graph/curated/ and run `revkg build` instead."
        )
    if "SERVICE" in found.words and not allow_service:
        raise ServiceRefused(
            "SERVICE (querying other endpoints) is turned off; the server's operator can "
            "allow it with `revkg serve --allow-service`."
        )
    if "FROM" in found.words:
        raise QueryRefused(
            "FROM and FROM NAMED are refused: the dataset is fixed (the default graph is the "
            "union of all graphs); use GRAPH <...> in the query instead."
        )
    return found
