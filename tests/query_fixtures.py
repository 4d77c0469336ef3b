"""Shared pieces for the SPARQL tests: stores over the built graph, and the matcher for the
expected answers kept beside the saved queries (graph/queries/<name>.expected.yaml)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

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

NAMES_QUERY = """
SELECT ?e ?n WHERE {
  VALUES ?p { rdfs:label skos:altLabel skos:hiddenLabel }
  ?e ?p ?n
}"""


@dataclass(frozen=True)
class Case:
    """One expected answer: the parameters and the rows the answer must contain."""

    query: str
    params: dict[str, object]
    match: str
    rows: list[dict[str, str]]

    @property
    def id(self) -> str:
        args = ",".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.query}[{args}]" if args else self.query


def cases() -> list[Case]:
    found = []
    for path in sorted(QUERIES.glob("*.expected.yaml")):
        name = path.name.removesuffix(".expected.yaml")
        for record in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append(
                Case(
                    name,
                    record.get("params") or {},
                    record.get("match", "contains"),
                    record["rows"],
                )
            )
    return found


def key(text: str) -> str:
    return normalize_string(text, casefold=True)


def names(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """IRI -> every normalized name it may be called by (labels, aliases, misspellings, id)."""
    found: dict[str, set[str]] = {}
    for iri, name in kg.run(NAMES_QUERY).rows:
        found.setdefault(str(iri), {key(str(iri).rsplit("/", 1)[-1])}).add(key(str(name)))
    return found


def cell_matches(term: object, expected: str, known: dict[str, set[str]]) -> bool:
    want = key(str(expected))
    if isinstance(term, URIRef):
        candidates = known.get(str(term), set()) | {key(str(term).rsplit("/", 1)[-1])}
    elif isinstance(term, Literal):
        candidates = {key(str(term))}
    else:
        candidates = {""}
    if "*" in want:
        return any(fnmatch.fnmatchcase(c, want) for c in candidates)
    return want in candidates


def row_matches(
    row: dict[str, object], expected: dict[str, str], known: dict[str, set[str]]
) -> bool:
    return all(cell_matches(row.get(col), str(val), known) for col, val in expected.items())


def missing_rows(
    result: QueryResult, case: Case, known: dict[str, set[str]]
) -> list[dict[str, str]]:
    """Expected rows that no answer row matches."""
    rows = [dict(zip(result.variables, r, strict=True)) for r in result.rows]
    for expected in case.rows:
        unknown = set(expected) - set(result.variables)
        assert not unknown, f"{case.id}: expected columns {unknown} are not in the answer"
    return [e for e in case.rows if not any(row_matches(r, e, known) for r in rows)]


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
