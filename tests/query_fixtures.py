"""Shared pieces for the SPARQL tests: stores over the built graph, and the expected answers
kept in graph/queries/ (every ``*.expected.yaml`` there), with their matcher.

One format for every question. A case file is a list of cases; a case has

- ``rows``: the expected rows, each a mapping of answer columns to cells;
- ``match``: ``contains`` (the default: each expected row is matched by some answer row)
  or ``exactly`` (also, each answer row matches some expected row);
- ``params``: parameters of a saved query (optional);
- ``query``: SPARQL text, for a question that is not a saved query; without it the case
  asks the saved query the file is named after (``<name>.expected.yaml`` beside
  ``<name>.rq``);
- ``id``, ``question``, ``essay``, ``note``: what the case is about; a case with a ``query``
  needs an ``id`` and a ``question``, and the id of a saved query's case is its name and
  parameters.

A cell naming an entity matches any of its labels, aliases, misspellings or its id,
ignoring typography and case; a literal cell matches its text exactly; a cell with * is a
pattern (typography and case ignored); "" matches an unbound cell.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Literal, URIRef

from revkg.api import KnowledgeGraph, load
from revkg.project import Project
from revkg.sparql import query as q
from revkg.sparql.store import QueryResult
from revkg.text import normalize_string

from .conftest import REPO

QUERIES = REPO / "graph" / "queries"
CASE_SUFFIX = ".expected.yaml"
CASE_KEYS = {"id", "question", "essay", "note", "query", "params", "match", "rows"}
MATCHES = ("contains", "exactly")
#: At most this many answer rows are shown when a case fails.
SHOWN_ROWS = 25

NAMES_QUERY = """
SELECT ?e ?n WHERE {
  VALUES ?p { rdfs:label skos:altLabel skos:hiddenLabel }
  ?e ?p ?n
}"""


@dataclass(frozen=True)
class Case:
    """One expected answer: what is asked (a saved query with parameters, or SPARQL text)
    and the rows the answer must hold."""

    path: Path
    query: str
    rows: list[dict[str, Any]]
    match: str = "contains"
    params: dict[str, object] = field(default_factory=dict)
    saved: bool = True
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        if "id" in self.record:
            return str(self.record["id"])
        args = ",".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.query}[{args}]" if args else self.query

    @property
    def question(self) -> str | None:
        return self.record.get("question")

    @property
    def essay(self) -> str | None:
        return self.record.get("essay")

    @property
    def where(self) -> str:
        return f"graph/queries/{self.path.name}"


def case_files() -> list[Path]:
    return sorted(QUERIES.glob(f"*{CASE_SUFFIX}"))


def load_cases(path: Path) -> list[Case]:
    """The cases of one file; a file named after a saved query asks that query."""
    name = path.name.removesuffix(CASE_SUFFIX)
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(records, list), f"{path.name} must hold a list of cases"
    saved = (path.parent / f"{name}.rq").is_file()
    found = []
    for record in records:
        assert isinstance(record, dict) and "rows" in record, f"{path.name}: a case needs rows"
        inline = record.get("query")
        found.append(
            Case(
                path,
                inline or name,
                record["rows"],
                record.get("match", "contains"),
                record.get("params") or {},
                saved=inline is None,
                record=record,
            )
        )
    assert saved or all(not c.saved for c in found), (
        f"{path.name}: there is no {name}.rq, so every case needs its own query"
    )
    return found


def cases() -> list[Case]:
    return [case for path in case_files() for case in load_cases(path)]


def key(text: str) -> str:
    return normalize_string(text, casefold=True)


def names(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """IRI -> every normalized name it may be called by (labels, aliases, misspellings, id)."""
    found: dict[str, set[str]] = {}
    for iri, name in kg.run(NAMES_QUERY).rows:
        found.setdefault(str(iri), {key(str(iri).rsplit("/", 1)[-1])}).add(key(str(name)))
    return found


def cell_matches(term: object, expected: object, known: dict[str, set[str]]) -> bool:
    want = str(expected)
    if isinstance(term, URIRef):
        candidates = known.get(str(term), set()) | {key(str(term).rsplit("/", 1)[-1])}
    elif isinstance(term, Literal):
        if "*" not in want:
            return str(term) == want
        candidates = {key(str(term))}
    else:  # unbound: matches "" (or a pattern such as *)
        candidates = {""}
    pattern = key(want)
    if "*" in pattern:
        return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)
    return pattern in candidates


def row_matches(
    row: dict[str, object], expected: dict[str, object], known: dict[str, set[str]]
) -> bool:
    return all(cell_matches(row.get(col), val, known) for col, val in expected.items())


@dataclass
class Verdict:
    """How an answer compares with a case: expected rows no answer row matches, and (for
    ``match: exactly``) answer rows no expected row matches."""

    answer: list[dict[str, object]]
    missing: list[dict[str, Any]]
    unexpected: list[dict[str, object]]

    def __bool__(self) -> bool:
        return not self.missing and not self.unexpected

    def __repr__(self) -> str:
        return f"<{len(self.missing)} missing, {len(self.unexpected)} unexpected>"


def compare(result: QueryResult, case: Case, known: dict[str, set[str]]) -> Verdict:
    rows = [dict(zip(result.variables, r, strict=True)) for r in result.rows]
    for expected in case.rows:
        unknown = set(expected) - set(result.variables)
        assert not unknown, (
            f"{case.id}: expected columns {sorted(unknown)} are not in the answer "
            f"(its columns: {', '.join(result.variables)})"
        )
    missing = [e for e in case.rows if not any(row_matches(r, e, known) for r in rows)]
    unexpected = []
    if case.match == "exactly":
        unexpected = [r for r in rows if not any(row_matches(r, e, known) for e in case.rows)]
    return Verdict(rows, missing, unexpected)


def show_cell(term: object, labels: dict[str, str]) -> str:
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        short = q.compact(str(term))
        label = labels.get(str(term))
        return f"{label} [{short}]" if label else short
    text = str(term)
    return text if len(text) <= 80 else text[:79] + "…"


def show_row(row: dict[str, Any], labels: dict[str, str] | None = None) -> str:
    cells = (f"{col}: {show_cell(val, labels or {})}" for col, val in row.items())
    return "{" + ", ".join(cells) + "}"


def explain(case: Case, verdict: Verdict, labels: dict[str, str]) -> str:
    """A failure message: the question, the rows expected, what was missing or
    unexpected, and the answer's rows (entities by label)."""
    asked = f"saved query {case.query}" if case.saved else "its own query"
    if case.params:
        asked += " with " + ", ".join(f"{k}={v}" for k, v in case.params.items())
    lines = [f"{case.id} ({case.where}, {asked}, match: {case.match})"]
    if case.question:
        lines.append(f"  {case.question}")
    lines.append("expected rows:")
    lines += [f"  {show_row(e)}" for e in case.rows]
    if verdict.missing:
        lines.append("missing (no answer row matches):")
        lines += [f"  {show_row(e)}" for e in verdict.missing]
    if verdict.unexpected:
        lines.append("unexpected (no expected row matches):")
        lines += [f"  {show_row(r, labels)}" for r in verdict.unexpected[:SHOWN_ROWS]]
    lines.append(f"the answer ({len(verdict.answer)} row(s)):")
    lines += [f"  {show_row(r, labels)}" for r in verdict.answer[:SHOWN_ROWS]]
    if len(verdict.answer) > SHOWN_ROWS:
        lines.append(f"  ... and {len(verdict.answer) - SHOWN_ROWS} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def kg_rdflib(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root, store="rdflib")


@pytest.fixture(scope="session")
def kg_oxigraph(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root, store="oxigraph")


def saved_names() -> list[str]:
    return [p.stem for p in sorted(QUERIES.glob("*.rq"))]


def parse_all() -> list[q.SavedQuery]:
    return q.saved_queries(QUERIES)
