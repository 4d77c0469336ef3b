"""Defences that must hold even where a reader of query text and an engine disagree."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Literal, URIRef

from revkg import files
from revkg.errors import QueryError, QueryRefused, ServiceRefused
from revkg.extract.pipeline import extract
from revkg.model import Entity
from revkg.sparql import guard
from revkg.sparql.store import RdflibStore

U = "http://127.0.0.1:9/x"
SLIPS = [  # each once passed a reader of tokens while an engine ran its SERVICE
    rf"PREFIX ex: <http://ex/> SELECT * {{ BIND(ex:a\# AS ?q) SERVICE <{U}> {{ ?x ?y ?z }} }}",
    rf"""SELECT * WHERE {{ FILTER("a"<'>"' || true) SERVICE <{U}> {{ ?a ?b ?c }} }} #" """,
    f'SELECT * WHERE {{\n# \\\\u000a"""\nSERVICE <{U}> {{ ?x ?y ?z }}\n# """\n}}',
    rf"SELECT * {{ ?s ?p ?o }} # \u0000000A SERVICE <{U}> {{}}",
    f"SELECT * {{ \u017fERVICE <{U}> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ SERV\u0131CE <{U}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("text", SLIPS)
def test_service_is_refused_however_it_is_hidden(text):
    with pytest.raises(ServiceRefused):
        guard.check(text)


def test_brackets_are_capped_whatever_the_tokens_say():
    text = (
        "PREFIX ex: <http://ex/> SELECT * WHERE { BIND(ex:a"
        + r"\)" * 5000
        + " AS ?z) FILTER("
        + "(" * 5000
        + "1"
        + ")" * 5000
        + ") }"
    )
    with pytest.raises(QueryRefused, match="brackets"):
        guard.check(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?x { ?x ?p "x"@add }',
        r"PREFIX ex: <http://ex/> SELECT * { ex:O\'Brien ?p ?o }",
        "SELECT ?service { ?service ?p ?o }",
    ],
)
def test_ordinary_queries_are_not_refused(text):
    guard.check(text)


def _store() -> RdflibStore:
    ds = Dataset()
    ds.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    return RdflibStore(ds)


def test_rdflib_refuses_service_as_it_evaluates_it():
    with pytest.raises(QueryError, match="SERVICE is refused"):
        _store().run(f"SELECT * WHERE {{ SERVICE <{U}> {{ ?s ?p ?o }} }}")


def test_rdflib_loads_no_graph_a_query_names(tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:x> <urn:y> 'TOP SECRET' .\n")
    result = _store().run(f"SELECT ?o FROM <file://{secret}> WHERE {{ ?s ?p ?o }}")
    assert "TOP SECRET" not in str(result.rows)


def test_a_journal_that_points_elsewhere_renames_nothing(tmp_path):
    graph, victim = tmp_path / "graph", tmp_path / "victim"
    graph.mkdir()
    victim.mkdir()
    (victim / "junk").write_text("junk")
    (victim / "important").write_text("important")
    journal = graph / ".revkg.renames"
    journal.write_text(json.dumps([[str(victim / "junk"), str(victim / "important")]]))
    assert files.finish_renames(journal) == 0
    assert (victim / "important").read_text() == "important" and not journal.exists()
    journal.write_text('{"a": 1}')
    assert files.finish_renames(journal) == 0


def test_the_same_fact_at_two_times_in_one_sentence_keeps_two_ids():
    entities = [
        Entity(
            "gavril-myasnikov", "Person", "Gavril Myasnikov", "A worker.", aliases=("Myasnikov",)
        ),
        Entity("bolsheviks", "Organization", "Bolsheviks", "A party."),
    ]
    text = "In 1906 Myasnikov joined the Bolsheviks; in 1914 Myasnikov rejoined the Bolsheviks."
    found = extract(entities, [("essay", text)]).candidates
    joined = [c for c in found if c.predicate == "memberOf"]
    assert len(joined) == 2 and len({c.id for c in joined}) == 2
