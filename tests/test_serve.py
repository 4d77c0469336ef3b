"""The SPARQL endpoint, called in-process as a WSGI app (no socket)."""

from __future__ import annotations

import io
import json
from urllib.parse import urlencode

import pytest

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.sparql import query as q
from revkg.sparql.serve import SparqlApp, make_app
from revkg.sparql.store import RdflibStore

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PEOPLE = "SELECT ?p WHERE { ?p a rk:Person } ORDER BY ?p LIMIT 2"


@pytest.fixture(scope="module")
def app(built_project: Project) -> SparqlApp:
    store = RdflibStore(read_dataset(built_project.trig))
    return SparqlApp(store, saved=q.saved_queries(built_project.queries_dir))


def call(app, path="/sparql", *, method="GET", params=None, body=b"", ctype="", accept=""):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(params or {}),
        "CONTENT_TYPE": ctype,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    if accept:
        environ["HTTP_ACCEPT"] = accept
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    data = b"".join(app(environ, start_response)).decode("utf-8")
    return int(seen["status"].split()[0]), seen["headers"]["Content-Type"], data


def test_get_answers_sparql_json_by_default(app):
    status, ctype, body = call(app, params={"query": PEOPLE})
    assert (status, ctype) == (200, "application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 2


def test_form_post_and_direct_post(app):
    form = urlencode({"query": PEOPLE}).encode()
    by_form = call(app, method="POST", body=form, ctype="application/x-www-form-urlencoded")
    direct = call(app, method="POST", body=PEOPLE.encode(), ctype="application/sparql-query")
    assert by_form == direct and by_form[0] == 200


@pytest.mark.parametrize(
    ("accept", "ctype", "start"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("text/csv", "text/csv; charset=utf-8", "p\r\nhttps://"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?p\n<https://"),
        ("text/html;q=0.9, text/csv;q=0.1", "text/csv; charset=utf-8", "p\r\n"),
    ],
)
def test_content_negotiation(app, accept, ctype, start):
    status, got, body = call(app, params={"query": PEOPLE}, accept=accept)
    assert (status, got) == (200, ctype) and body.startswith(start)


def test_graph_results_are_turtle(app):
    query = "CONSTRUCT { ?p a rk:Person } WHERE { ?p a rk:Person } LIMIT 1"
    status, ctype, body = call(app, params={"query": query})
    assert (status, ctype) == (200, "text/turtle; charset=utf-8") and "a rk:Person" in body
    status, ctype, _ = call(app, params={"query": query}, accept="application/sparql-results+json")
    assert status == 406


def test_ask_in_json_and_xml(app):
    query = "ASK { person:gavril-myasnikov ?p ?o }"
    assert json.loads(call(app, params={"query": query})[2]) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in call(app, params={"query": query, "format": "xml"})[2]


def test_named_graphs_are_served(app):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    body = json.loads(call(app, params={"query": query})[2])
    graphs = {b["g"]["value"] for b in body["results"]["bindings"]}
    assert "https://w3id.org/revkg/graph/curated" in graphs


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"params": {"query": "SELECT ?x WHERE { ?x ?p }"}}, 400, "syntax error at line 1"),
        (
            {"params": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
            403,
            "read-only",
        ),
        ({"params": {"update": "CLEAR ALL"}}, 403, "read-only"),
        (
            {"method": "POST", "body": b"CLEAR ALL", "ctype": "application/sparql-update"},
            403,
            "read-only",
        ),
        (
            {"params": {"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}},
            403,
            "--allow-service",
        ),
        ({"params": {}}, 400, "no query"),
        (
            {"method": "POST", "body": b"\xff\xfe", "ctype": "application/sparql-query"},
            400,
            "UTF-8",
        ),
        ({"method": "DELETE"}, 405, "GET or POST"),
        ({"params": {"query": PEOPLE, "default-graph-uri": "urn:x"}}, 400, "not supported"),
    ],
)
def test_refusals_are_clear_and_never_a_traceback(app, kwargs, status, message):
    got, ctype, body = call(app, **kwargs)
    assert got == status and ctype.startswith("text/plain")
    assert message in body and "Traceback" not in body


def test_the_query_page_lists_saved_questions_and_shows_a_table(app):
    status, ctype, body = call(app, "/", params={"name": "brest-litovsk-opponents"})
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    assert "Who opposed the Treaty of Brest-Litovsk?" in body
    assert "<td>Gavril Myasnikov</td>" in body
    assert "http://" not in body.replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    assert "<script src" not in body and "<link" not in body


def test_the_query_page_shows_errors_in_place(app):
    status, _, body = call(app, "/", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert status == 200 and 'class="error"' in body and "syntax error" in body


def test_unknown_paths_are_404(app):
    assert call(app, "/nothing")[0] == 404


@pytest.fixture(scope="module")
def limited_app(built_project: Project):
    app = make_app(read_dataset(built_project.trig), workers=1, timeout=1.0, max_rows=5)
    yield app
    app.store.close()


@pytest.mark.slow
def test_a_slow_query_is_stopped_and_the_next_one_answers(limited_app):
    status, _, body = call(limited_app, params={"query": SLOW})
    assert status == 503 and "longer than 1 s" in body
    status, _, body = call(limited_app, params={"query": PEOPLE})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2


def test_large_answers_are_refused(limited_app):
    status, _, body = call(limited_app, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 400 and "more than 5 rows" in body


def test_an_internal_fault_is_a_plain_500(app, monkeypatch, capsys):
    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(app, "run", broken)
    status, ctype, body = call(app, params={"query": PEOPLE})
    assert status == 500 and ctype.startswith("text/plain")
    assert "boom" not in body and "Traceback" not in body
    assert "RuntimeError: boom" in capsys.readouterr().err


def test_the_workers_can_read_the_trig_file_themselves(built_project: Project):
    app = make_app(built_project.trig, workers=1)
    try:
        assert app.store.engine == "oxigraph"
        assert len(app.store) == len(read_dataset(built_project.trig))
        status, _, body = call(app, params={"query": PEOPLE})
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        app.store.close()
