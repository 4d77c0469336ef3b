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
#: Opening brackets of any kind in the whole text, counted without reading tokens: a
#: parser that recurses on them must never see thousands, whatever the tokens say.
MAX_BRACKETS = 1024
#: The word SERVICE anywhere, once escapes are decoded in every way an engine does and
#: case is folded as rdflib folds it: refused even inside a string or a comment, since a
#: reader of tokens that disagrees with an engine about where a string ends must not be
#: what stands between a client and a request sent elsewhere.
_SERVICE_ANYWHERE = re.compile(r"(?<![A-Za-z0-9_?$])SERVICE(?![A-Za-z0-9_])")  # not ?service

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.'"<>=!&|+*/^#-]*)
    | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\u00b7\u00c0-\uffff.-]*|_)?:
                (?:\\.|[^\s(){}\[\],;'"<>=!&|+*/^#\\])*)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
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
#: rdflib's reading: \u or \U, either case, with 4 or 8 digits.
_CODEPOINT_LOOSE = re.compile(r"\\[uU]([0-9A-Fa-f]{8}|[0-9A-Fa-f]{4})")


def unescape(text: str) -> str:
    """The text a SPARQL parser reads: ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes are
    replaced before parsing, anywhere in the query (SPARQL 1.1, section 19.2)."""
    if "\\u" not in text and "\\U" not in text:
        return text
    return _CODEPOINT.sub(lambda m: _char(m.group(1) or m.group(2)), text)


def readings(text: str) -> list[str]:
    """Every text an engine may parse ``text`` as: as written, with escapes decoded the
    standard's way, and rdflib's looser way; upper-cased as rdflib compares keywords."""
    loose = _CODEPOINT_LOOSE.sub(lambda m: _char(m.group(1)), text)
    return [variant.upper() for variant in (text, unescape(text), loose)]


def mentions_service(text: str) -> bool:
    """True when the word SERVICE is anywhere in any reading of ``text``."""
    return any(_SERVICE_ANYWHERE.search(variant) for variant in readings(text))


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
            depth = max(depth - 1, 0)
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
    if sum(map(text.count, "{([")) > MAX_BRACKETS:
        raise QueryRefused(
            f"the query has more than {MAX_BRACKETS} brackets; write it with fewer levels."
        )
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
    if mentions_service(text) and not allow_service:  # the SERVICE token included
        raise ServiceRefused(
            "SERVICE (querying other endpoints) is turned off, and the word is refused "
            "anywhere in a query, even in a string or a comment (match 'servic' instead); "
            "the server's operator can allow it with `revkg serve --allow-service`."
        )
    if "FROM" in found.words:
        raise QueryRefused(
            "FROM and FROM NAMED are refused: the dataset is fixed (the default graph is the "
            "union of all graphs); use GRAPH <...> in the query instead."
        )
    return found
