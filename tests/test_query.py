"""revkg.query: saved-query headers, safe parameters, checks, output formats, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from revkg import vocab
from revkg.errors import (
    QueryError,
    QuerySyntaxError,
    ResultTooLarge,
    ServiceRefused,
    UpdateRefused,
)
from revkg.project import Project
from revkg.sparql import query as q
from revkg.sparql import results, tables
from revkg.sparql.store import RdflibStore, open_store

from .query_fixtures import QUERIES

RK = vocab.PREFIXES["rk"]
PERSON = vocab.PREFIXES["person"]


def small_store(engine: str = "rdflib"):
    ds = vocab.new_dataset()
    g = ds.graph(vocab.GRAPH_CURATED)
    lenin = URIRef(PERSON + "vladimir-lenin")
    g.add((lenin, vocab.RDF.type, vocab.RK.Person))
    g.add((lenin, vocab.RDFS.label, Literal("Vladimir Lenin")))
    g.add((lenin, vocab.RK.birthDate, Literal("1870", datatype=vocab.XSD.gYear)))
    return open_store(ds, engine=engine)


SAVED = """# title: Things in a year
# description: Everything dated in the year,
#   with its sentence.
# param: year integer The year.
SELECT ?x WHERE {
  VALUES ?year { 1921 }
  ?x ?p ?year
}
"""


def test_the_header_gives_title_description_and_parameters():
    saved = q.parse_saved("things", SAVED)
    assert saved.title == "Things in a year"
    assert saved.description == "Everything dated in the year, with its sentence."
    assert saved.params == (q.Param("year", "integer", "The year."),)


def test_a_declared_parameter_needs_a_values_placeholder():
    with pytest.raises(QueryError, match="VALUES"):
        q.parse_saved("broken", "# param: year integer\nSELECT * WHERE { ?s ?p ?o }")


def test_a_parameter_type_must_be_known():
    with pytest.raises(QueryError, match="TYPE one of"):
        q.parse_saved("broken", "# param: year number\nSELECT * WHERE { VALUES ?year {1} }")


def test_binding_replaces_the_placeholder_with_a_typed_literal():
    saved = q.parse_saved("things", SAVED)
    text = q.bind(saved.text, {"year": "1917"}, declared=saved.params)
    assert 'VALUES ?year { "1917"^^<http://www.w3.org/2001/XMLSchema#integer> }' in text
    assert "1921" not in text


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("value", ['"} } DROP ALL #\nx', "'} GRAPH <http://x> {", "\\u0022 } } x"])
def test_user_text_cannot_escape_the_literal(value: str, engine: str):
    text = q.bind("SELECT ?name WHERE { VALUES ?name { 'x' } }", {"name": value})
    (row,) = q.run(small_store(engine), text).rows
    if "\\" not in value or engine == "oxigraph":  # rdflib decodes \\u inside strings
        assert row == (Literal(value),)
    assert isinstance(row[0], Literal) and "x" in str(row[0])


def test_integer_parameters_must_be_numbers():
    saved = q.parse_saved("things", SAVED)
    with pytest.raises(QueryError, match="not a whole number"):
        q.bind(saved.text, {"year": "1917 } ?x ?y ?z {"}, declared=saved.params)


def test_iri_parameters_are_checked_and_prefixes_expanded():
    assert q.to_term("person:vladimir-lenin", "iri") == URIRef(PERSON + "vladimir-lenin")
    with pytest.raises(QueryError, match="not an IRI"):
        q.to_term("<http://a> } <x>", "iri")


def test_unknown_parameters_are_named():
    saved = q.parse_saved("things", SAVED)
    with pytest.raises(QueryError, match=r"no parameter 'month'.*year"):
        q.bind(saved.text, {"month": "3"}, declared=saved.params)


def test_entity_parameters_are_looked_up_by_name():
    text = q.bind(
        "SELECT * WHERE { VALUES ?who { <urn:x> } }",
        {"who": "Lenin"},
        declared=(q.Param("who", "entity"),),
        find=lambda name: URIRef(PERSON + "vladimir-lenin"),
    )
    assert f"<{PERSON}vladimir-lenin>" in text


def test_a_syntax_error_has_line_column_and_caret():
    text = "SELECT ?x WHERE {\n  ?x a rk:Person\n  ?x rdfs:label }"
    with pytest.raises(QuerySyntaxError) as info:
        q.check(text)
    err = info.value
    assert (err.line, err.column) == (3, 3)
    assert str(err).splitlines()[1:] == ["    ?x rdfs:label }", "    ^"]


def test_an_unknown_prefix_is_pointed_at():
    with pytest.raises(QuerySyntaxError, match="unknown prefix foo") as info:
        q.check("SELECT * WHERE { ?s foo:bar ?o }")
    assert (info.value.line, info.value.column) == (1, 21)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "PREFIX x: <http://x/> DROP GRAPH <http://x/g>",
    ],
)
def test_updates_are_refused(update: str):
    with pytest.raises(UpdateRefused, match="read-only"):
        q.check(update)


def test_service_is_refused_unless_allowed():
    text = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(ServiceRefused, match="--allow-service"):
        q.check(text)
    q.check(text, allow_service=True)
    with pytest.raises(ServiceRefused, match="even in a string"):
        q.check('SELECT * WHERE { ?s ?p "civil service" }')  # the word, anywhere
    q.check('SELECT * WHERE { ?s ?p "civil servic" . ?service ?p ?o }')


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_select_ask_construct_and_describe_all_run(engine: str):
    store = small_store(engine)
    select = q.run(store, "SELECT ?p WHERE { ?p a rk:Person }")
    assert select.kind == "select" and select.rows == ((URIRef(PERSON + "vladimir-lenin"),),)
    assert q.run(store, "ASK { ?p rk:birthDate ?d }").boolean is True
    built = q.run(store, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p rdfs:label ?l }")
    assert len(built.graph()) == 1
    described = q.run(store, "DESCRIBE person:vladimir-lenin")
    assert described.kind == "graph" and len(described.triples) >= 3
    assert "person:vladimir-lenin" in results.render(described, "turtle")


def test_the_table_shows_labels_and_compact_iris():
    store = small_store()
    result = q.run(store, "SELECT ?p ?t ?d WHERE { ?p a ?t ; rk:birthDate ?d }")
    assert tables.table(result, q.labels(store)) == (
        ["p", "t", "d"],
        [["Vladimir Lenin", "rk:Person", "1870"]],
    )


def test_sparql_json_follows_the_standard():
    store = small_store()
    result = q.run(
        store, "SELECT ?p ?d ?none WHERE { ?p rk:birthDate ?d OPTIONAL { ?p rk:x ?none } }"
    )
    data = json.loads(results.sparql_json(result))
    assert data["head"]["vars"] == ["p", "d", "none"]
    (binding,) = data["results"]["bindings"]
    assert binding["p"] == {"type": "uri", "value": PERSON + "vladimir-lenin"}
    assert binding["d"]["datatype"].endswith("#gYear") and "none" not in binding
    assert json.loads(results.sparql_json(q.run(store, "ASK { ?s ?p ?o }"))) == {
        "head": {},
        "boolean": True,
    }


def test_raw_csv_of_an_ask_query_is_the_protocol_boolean():
    store = small_store()
    for delimiter in (",", "\t"):
        answer = q.run(store, "ASK { ?s ?p ?o }")
        fmt = "csv" if delimiter == "," else "tsv"
        expected = "_askResult\r\ntrue\r\n" if fmt == "csv" else "?_askResult\ntrue\n"
        assert results.render(answer, fmt) == expected


def test_csv_with_labels_and_raw_tsv():
    store = small_store()
    result = q.run(store, "SELECT ?p ?d WHERE { ?p rk:birthDate ?d }")
    assert (
        tables.delimited(result, delimiter=",", names=q.labels(store))
        == "p,d\r\nVladimir Lenin,1870\r\n"
    )
    raw = results.sparql_tsv(result).splitlines()
    assert raw[0] == "?p\t?d"
    assert raw[1].startswith(f'<{PERSON}vladimir-lenin>\t"1870"^^')


def test_result_size_is_limited():
    store = small_store()
    with pytest.raises(ResultTooLarge, match="more than 2 rows"):
        store.run("SELECT * WHERE { ?s ?p ?o }", max_rows=2)


def test_extraction_coverage_sorts_facts_by_their_support():
    """The saved query tells extraction-only facts from facts with both sources."""
    from rdflib import Namespace

    ev, st = Namespace(vocab.PREFIXES["ev"]), Namespace(vocab.PREFIXES["stmt"])
    ds: Dataset = vocab.new_dataset()
    g = ds.graph(vocab.GRAPH_EXTRACTED)
    for fact, methods in (
        ("a", ["extracted"]),
        ("b", ["curated", "extracted"]),
        ("c", ["curated"]),
    ):
        g.add((st[fact], vocab.RDF.type, vocab.RK.Statement))
        g.add((st[fact], vocab.RDF.subject, URIRef(PERSON + fact)))
        g.add((st[fact], vocab.RDF.predicate, URIRef(RK + "met")))
        g.add((st[fact], vocab.RDF.object, URIRef(PERSON + "z")))
        for m in methods:
            g.add((st[fact], vocab.RK.hasEvidence, ev[fact + m]))
            g.add((ev[fact + m], vocab.RK.method, vocab.RK[m]))
    saved = q.saved_query(QUERIES, "extraction-coverage")
    result = q.run(RdflibStore(ds), saved.text)
    support = sorted((str(r[1]).rsplit("/", 1)[-1], str(r[0])) for r in result.rows)
    assert support == [("a", "extraction only"), ("b", "both")]


def test_saved_names_resolve_and_near_misses_are_suggested():
    text, saved = q.resolve("memberships", QUERIES)
    assert saved is not None and saved.name == "memberships" and "rk:memberOf" in text
    with pytest.raises(QueryError, match="Did you mean: memberships"):
        q.resolve("membership", QUERIES)
    assert q.resolve("SELECT * WHERE { ?s ?p ?o }", QUERIES)[1] is None


# The command line


def test_query_list_shows_names_and_titles(run_cli, built_project: Project, monkeypatch):
    monkeypatch.chdir(built_project.root)
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    assert "brest-litovsk-opponents  Who opposed the Treaty of Brest-Litovsk?" in result.stdout
    assert "--param year=" in result.stdout


def test_query_by_name_prints_a_table_with_labels(run_cli, built_project: Project, monkeypatch):
    monkeypatch.chdir(built_project.root)
    result = run_cli("query", "--name", "brest-litovsk-opponents", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("opponent,kind,quote,essay")
    assert "Gavril Myasnikov,person,After opposing the Treaty" in result.stdout
    assert "https://" not in result.stdout


def test_query_parameters_and_json(run_cli, built_project: Project, monkeypatch):
    monkeypatch.chdir(built_project.root)
    result = run_cli("query", "-n", "events-in-year", "--param", "year=1922", "-f", "json")
    assert result.exit_code == 0, result.stderr
    whens = {b["when"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert whens == {"1922"}


def test_query_from_a_file_and_an_empty_answer(
    run_cli, built_project: Project, monkeypatch, tmp_path: Path
):
    monkeypatch.chdir(built_project.root)
    rq = tmp_path / "nobody.rq"
    rq.write_text('SELECT ?p WHERE { ?p rdfs:label "Nobody at all" }', encoding="utf-8")
    result = run_cli("query", str(rq))
    assert result.exit_code == 0
    assert "No results" in result.stderr


def test_query_syntax_error_exits_nonzero_with_a_caret(
    run_cli, built_project: Project, monkeypatch
):
    monkeypatch.chdir(built_project.root)
    result = run_cli("query", "SELECT ?x WHERE { ?x ?p }")
    assert result.exit_code == 1
    assert "line 1, column" in result.stderr and "^" in result.stderr


def test_query_construct_prints_turtle(run_cli, built_project: Project, monkeypatch):
    monkeypatch.chdir(built_project.root)
    result = run_cli(
        "query", 'CONSTRUCT { ?p a rk:Person } WHERE { ?p rdfs:label "Gavril Myasnikov" }'
    )
    assert result.exit_code == 0, result.stderr
    assert "person:gavril-myasnikov a rk:Person" in result.stdout


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_query_ask_on_either_store(run_cli, built_project: Project, monkeypatch, store: str):
    monkeypatch.chdir(built_project.root)
    result = run_cli("query", "--store", store, "ASK { person:gavril-myasnikov rk:memberOf ?o }")
    assert result.exit_code == 0, result.stderr
    assert "yes" in result.stdout


def test_two_crafted_string_parameters_cannot_change_the_query():
    text = "SELECT ?a ?b WHERE {\n  VALUES ?a { 1 }\n  VALUES ?b { 2 }\n}"
    bound = q.bind(text, {"a": "VALUES ?b { }", "b": "} ?x a rk:Person } LIMIT 3 #"})
    assert bound == (
        "SELECT ?a ?b WHERE {\n"
        '  VALUES ?a { "VALUES ?b { }" }\n'
        '  VALUES ?b { "} ?x a rk:Person } LIMIT 3 #" }\n'
        "}"
    )
    result = q.run(small_store(), text, params={"a": "VALUES ?b { }", "b": "} ?x a rk:Person } #"})
    assert result.variables == ("a", "b") and len(result.rows) == 1
