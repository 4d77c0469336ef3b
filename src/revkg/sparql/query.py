"""SPARQL text or a saved .rq question -> checked, parameters bound -> rows -> table/csv/json.

Saved questions live in graph/queries/<name>.rq. Each starts with a comment header::

    # title: Everything that happened in a given year
    # description: Dated facts of the year, with the sentence that supports each.
    #   (further lines of the description are indented)
    # param: year integer The year, e.g. 1921.

A parameter is written in the query body as a ``VALUES`` line holding its
default, e.g. ``VALUES ?year { 1917 }``. A value given by the user replaces the
default *as an RDF term*: it is converted to the declared type (``integer``,
``string``, ``iri``, or ``entity``: a name or alias looked up in the graph) and
written with rdflib's N-Triples escaping, so user text is never pasted into the
query. Every query is checked before it runs: syntax errors carry line and
column, updates are refused (the graph is read-only), SERVICE is refused unless
allowed.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from .. import vocab
from ..errors import QueryError, QuerySyntaxError
from . import guard
from .store import QueryResult, Store, prefixes_of

PARAM_TYPES = ("integer", "string", "iri", "entity")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')


@dataclass(frozen=True)
class Param:
    """A parameter of a saved question."""

    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class SavedQuery:
    """One saved question: graph/queries/<name>.rq."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse_saved(name: str, text: str, path: Path | None = None) -> SavedQuery:
    """Read the comment header of a saved question; check its parameters have placeholders."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"\s?(title|description|param):\s*(.*)", body)
        if m:
            key = m.group(1)
            fields[key].append(m.group(2).strip())
        elif key and body.startswith("  ") and body.strip():
            fields[key][-1] += " " + body.strip()
    params = tuple(_parse_param(name, p) for p in fields["param"])
    for p in params:
        if not _placeholder(p.name).search(text):
            raise QueryError(
                f"saved query {name!r} declares parameter {p.name!r} but has no "
                f"`VALUES ?{p.name} {{ default }}` line; add one."
            )
    return SavedQuery(
        name,
        path or Path(f"{name}.rq"),
        " ".join(fields["title"]) or name,
        " ".join(fields["description"]),
        params,
        text,
    )


def _parse_param(query: str, spec: str) -> Param:
    parts = spec.split(None, 2)
    if len(parts) < 2 or parts[1] not in PARAM_TYPES or not _VAR.fullmatch(parts[0]):
        raise QueryError(
            f"saved query {query!r}: write parameters as `# param: NAME TYPE description` "
            f"with TYPE one of {', '.join(PARAM_TYPES)} (got {spec!r})."
        )
    return Param(parts[0], parts[1], parts[2] if len(parts) > 2 else "")


def saved_queries(queries_dir: Path) -> list[SavedQuery]:
    """Every saved question, sorted by name."""
    return [read_saved(p) for p in _saved_paths(queries_dir)]


def saved_query(queries_dir: Path, name: str) -> SavedQuery:
    """The saved question called ``name``; the error suggests near names."""
    path = queries_dir / f"{name}.rq"
    if path.is_file():
        return read_saved(path)
    known = [p.stem for p in _saved_paths(queries_dir)]
    near = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise QueryError(
        f"no saved query is called {name!r}.{hint} See them all with `revkg query --list`."
    )


def read_saved(path: Path) -> SavedQuery:
    """One saved question from its .rq file, named after the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else f"not UTF-8 text: {e.reason}"
        raise QueryError(f"{path}: cannot read the query ({reason}); save it as UTF-8 text.") from e
    return parse_saved(path.stem, text, path)


def _saved_paths(queries_dir: Path) -> list[Path]:
    return sorted(queries_dir.glob("*.rq"))


def resolve(text_or_name: str, queries_dir: Path | None) -> tuple[str, SavedQuery | None]:
    """Query text for a saved name, a .rq file path or SPARQL text itself.

    ``queries_dir`` is None when there is no project (a graph file opened on its own):
    then a saved name cannot be looked up."""
    candidate = text_or_name.strip()
    if _NAME.fullmatch(candidate):
        if queries_dir is None:
            raise QueryError("saved queries need a project (graph/queries/); pass SPARQL text.")
        saved = saved_query(queries_dir, candidate)
        return saved.text, saved
    if candidate.endswith(".rq") and "\n" not in candidate:
        path = Path(candidate)
        if not path.is_file():
            raise QueryError(f"{path} does not exist; give a SPARQL query, a .rq file or a name.")
        saved = read_saved(path)
        return saved.text, saved
    return text_or_name, None


def _placeholder(name: str) -> re.Pattern[str]:
    return re.compile(rf"VALUES\s+\?{re.escape(name)}\s*\{{[^{{}}]*\}}", re.IGNORECASE)


def default_of(text: str, name: str) -> str:
    """What the query's ``VALUES ?name { ... }`` line holds: the parameter's default,
    as written (``1921``, ``<https://...>``); empty when there is no such line."""
    match = _placeholder(name).search(text)
    return match.group().partition("{")[2].rpartition("}")[0].strip() if match else ""


def to_term(
    value: object,
    kind: str,
    find: Callable[[str], URIRef] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> Node:
    """A user's value as an RDF term of the declared kind (never raw query text); a
    prefixed IRI is expanded with ``prefixes`` (revkg's own when not given)."""
    text = str(value).strip()
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise QueryError(f"{text!r} is not a whole number.")
        return Literal(int(text), datatype=XSD.integer)
    if kind == "iri":
        iri = _expand(text.removeprefix("<").removesuffix(">"), prefixes or vocab.PREFIXES)
        if _BAD_IRI.search(iri) or ":" not in iri:
            raise QueryError(f"{text!r} is not an IRI; write <https://...> or prefix:name.")
        return URIRef(iri)
    if kind == "entity":
        if find is None:
            raise QueryError("entity parameters need the graph to look names up in.")
        return find(text)
    return Literal(text)


def _expand(text: str, prefixes: Mapping[str, str]) -> str:
    prefix, _, local = text.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else text


def bind(
    text: str,
    params: Mapping[str, object],
    *,
    declared: tuple[Param, ...] = (),
    find: Callable[[str], URIRef] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> str:
    """Replace each parameter's ``VALUES ?name { ... }`` placeholder with the typed value.

    Undeclared parameters of ad-hoc queries are typed by their look: whole
    numbers as integers, ``<...>`` as IRIs, anything else as a string. Every
    placeholder is found in the original text and replaced in one pass, so a value
    can never be read as another parameter's placeholder.
    """
    kinds = {p.name: p.type for p in declared}
    found: list[tuple[int, int, str]] = []  # placeholders of the original text, replaced once
    for name, value in params.items():
        placeholder = _placeholder(name) if _VAR.fullmatch(name) else None
        match = placeholder.search(text) if placeholder else None
        if match is None or (declared and name not in kinds):
            known = ", ".join(kinds) or "none"
            raise QueryError(
                f"the query has no parameter {name!r} (parameters: {known}); a parameter "
                f"needs a `VALUES ?{name} {{ default }}` line in the query."
            )
        kind = kinds.get(name) or _guess_kind(str(value))
        try:
            term = to_term(value, kind, find, prefixes)
        except QueryError as e:
            raise QueryError(f"parameter {name}: {e}") from e
        found.append((match.start(), match.end(), f"VALUES ?{name} {{ {term.n3()} }}"))
    pieces, done = [], 0
    for start, end, replacement in sorted(found):
        pieces += [text[done:start], replacement]
        done = end
    return "".join(pieces) + text[done:]


def _guess_kind(value: str) -> str:
    if re.fullmatch(r"[+-]?\d+", value.strip()):
        return "integer"
    return "iri" if value.startswith("<") and value.endswith(">") else "string"


def _syntax_error(text: str, error: Exception) -> QuerySyntaxError:
    """rdflib's position (it points at the token it stopped on), else Oxigraph's reason."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseException as e:
        found = re.search(r"found (.*?)\s+\(at char", str(e))
        what = found.group(1) if found else ""
        message = "the query ends too early" if what == "end of text" else f"unexpected {what}"
        return QuerySyntaxError(message, text, e.lineno, e.col)
    raw = str(error)
    m = re.match(r"error at (\d+):(\d+): (.*)", raw, re.DOTALL)
    line, column, message = (int(m.group(1)), int(m.group(2)), m.group(3)) if m else (1, 1, raw)
    unknown = _unknown_prefix(text)
    if unknown:
        line, column, prefix = unknown
        message = f"unknown prefix {prefix}: declare it with PREFIX, or use one of " + (
            ", ".join(f"{p}:" for p in list(vocab.PREFIXES)[:10])
        )
    return QuerySyntaxError(message.splitlines()[0], text, line, column)


def _unknown_prefix(text: str) -> tuple[int, int, str] | None:
    """Line, column and name of the first prefix that is neither declared nor revkg's."""
    masked = re.sub(r'<[^<>\s]*>|"[^"\n]*"|#[^\n]*', lambda m: " " * len(m.group()), text)
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", masked, re.IGNORECASE))
    for m in re.finditer(r"(?<![\w:?$-])([A-Za-z][\w-]*)?:(?=[\w])", masked):
        prefix = m.group(1) or ""
        if prefix not in declared and prefix not in vocab.PREFIXES:
            before = text[: m.start()]
            return before.count("\n") + 1, m.start() - (before.rfind("\n") + 1) + 1, prefix
    return None


@functools.cache
def _empty_store() -> object:
    import pyoxigraph as ox

    return ox.Store()


@functools.lru_cache(maxsize=512)
def check(text: str, *, allow_service: bool = False) -> None:
    """Raise if the query is refused (see :mod:`revkg.sparql.guard`) or does not parse.

    The syntax is checked by running the query on an empty Oxigraph store, which only
    happens when the word SERVICE is nowhere in the text (Oxigraph would call it); with
    SERVICE allowed and used, the engine that runs the query reports its syntax errors."""
    guard.check(text, allow_service=allow_service)
    check_syntax(text)


def check_syntax(text: str) -> None:
    """Raise QuerySyntaxError, with line and column, if ``text`` does not parse. It runs
    the query on an empty store, so text with the word SERVICE is left to the engine
    that runs it (Oxigraph would call the service)."""
    if guard.mentions_service(text):
        return
    try:
        _empty_store().query(text, prefixes=vocab.PREFIXES)  # type: ignore[attr-defined]
    except SyntaxError as e:
        raise _syntax_error(text, e) from None


def run(
    store: Store,
    text: str,
    *,
    params: Mapping[str, object] | None = None,
    saved: SavedQuery | None = None,
    find: Callable[[str], URIRef] | None = None,
    allow_service: bool = False,
    max_rows: int | None = None,
) -> QueryResult:
    """Check the query, bind parameters (prefixed IRIs under the store's base) and run it."""
    if params:
        declared = saved.params if saved else ()
        text = bind(text, params, declared=declared, find=find, prefixes=prefixes_of(store))
    check(text, allow_service=allow_service)
    return store.run(text, max_rows=max_rows)


def labels(store: Store) -> dict[str, str]:
    """IRI -> rdfs:label for everything labelled in the store (the shortest label wins)."""
    result = store.run("SELECT ?s ?l WHERE { ?s rdfs:label ?l }")
    found: dict[str, str] = {}
    for s, lab in result.rows:
        key, text = str(s), str(lab)
        if key not in found or (len(text), text) < (len(found[key]), found[key]):
            found[key] = text
    return found
