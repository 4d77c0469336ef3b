"""Questions a reader would ask of the three essays, answered from the built graph.

Each record in ``tests/data/reader_questions.yaml`` holds a question, the essay it is
about, a SPARQL SELECT query over ``graph/revkg.ttl`` and the expected answers: the
set of values of the query's first variable (entity labels via ``rdfs:label``, or
literal values such as years). One parametrized test per question; its id is the
question's slug. Build the graph first: ``revkg build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.query import ResultRow

GRAPH_FILE = Path(__file__).parent.parent / "graph" / "revkg.ttl"
QUESTIONS_FILE = Path(__file__).parent / "data" / "reader_questions.yaml"
ESSAYS = {"state-and-revolution", "shadow-of-stalinism", "gavril-myasnikov"}

BASE = "https://w3id.org/revkg/"
NAMESPACES = {
    "rk": Namespace(BASE + "vocab#"),
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "oa": Namespace("http://www.w3.org/ns/oa#"),
    "essay": Namespace(BASE + "essay/"),
    "person": Namespace(BASE + "person/"),
    "work": Namespace(BASE + "work/"),
    "org": Namespace(BASE + "organization/"),
    "event": Namespace(BASE + "event/"),
    "place": Namespace(BASE + "place/"),
    "concept": Namespace(BASE + "concept/"),
}


def load_questions() -> list[dict[str, Any]]:
    records = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    assert isinstance(records, list), f"{QUESTIONS_FILE} must hold a list of questions"
    return records


QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def graph() -> Graph:
    if not GRAPH_FILE.exists():
        pytest.fail(f"{GRAPH_FILE} does not exist; run `revkg build` first")
    g = Graph()
    g.parse(GRAPH_FILE, format="turtle")
    return g


def test_questions_are_well_formed() -> None:
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids)), "question ids must be unique"
    for q in QUESTIONS:
        assert set(q) <= {"id", "essay", "question", "query", "expected", "note"}, q["id"]
        assert q["essay"] in ESSAYS, q["id"]
        assert q["question"].strip().endswith("?"), q["id"]
        assert "SELECT" in q["query"].upper(), q["id"]
        assert q["expected"], f"{q['id']}: expected answers must not be empty"


def test_every_essay_has_questions() -> None:
    per_essay = {essay: sum(q["essay"] == essay for q in QUESTIONS) for essay in ESSAYS}
    assert len(QUESTIONS) >= 30, per_essay
    assert all(n >= 8 for n in per_essay.values()), per_essay


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_reader_question(graph: Graph, q: dict[str, Any]) -> None:
    result = graph.query(q["query"], initNs=NAMESPACES)
    assert result.type == "SELECT", f"{q['id']}: the query must be a SELECT"
    answers = {str(row[0]) for row in result if isinstance(row, ResultRow) and row[0] is not None}
    expected = {str(x) for x in q["expected"]}
    assert answers == expected, (
        f"{q['question']}\n  missing: {expected - answers}\n  unexpected: {answers - expected}"
    )
