"""The SPARQL endpoint, called in-process as a WSGI app (no socket)."""

from __future__ import annotations

import pytest
from werkzeug.test import Client, EnvironBuilder

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.sparql import query as q
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.serve import make_app
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PEOPLE = "SELECT ?p WHERE { ?p a rk:Person } ORDER BY ?p LIMIT 2"
LOCAL = {"Host": "127.0.0.1:8917"}


@pytest.fixture(scope="module")
def store(built_project: Project) -> RdflibStore:
    return RdflibStore(read_dataset(built_project.trig))


@pytest.fixture(scope="module")
def client(built_project: Project, store) -> Client:
    endpoint = Endpoint(Direct(store), saved=q.saved_queries(built_project.queries_dir))
    return Client(guarded(endpoint, host="127.0.0.1", cors="https://yasgui.example"))


def get(client, path="/sparql", **kwargs):
    headers = {**LOCAL, **kwargs.pop("headers", {})}
    return client.get(path, headers=headers, **kwargs)


def test_get_answers_sparql_json_by_default(client):
    r = get(client, query_string={"query": PEOPLE})
    assert (r.status_code, r.content_type) == (200, "application/sparql-results+json")
    assert len(r.json["results"]["bindings"]) == 2
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_form_post_and_direct_post(client):
    by_form = client.post("/sparql", data={"query": PEOPLE}, headers=LOCAL)
    direct = client.post(
        "/sparql", data=PEOPLE, content_type="application/sparql-query", headers=LOCAL
    )
    assert by_form.status_code == direct.status_code == 200
    assert by_form.get_data() == direct.get_data()


@pytest.mark.parametrize(
    ("accept", "ctype", "start"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("text/csv", "text/csv; charset=utf-8", "p\r\nhttps://"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?p\n<https://"),
        ("text/html;q=0.9, text/csv;q=0.1", "text/csv; charset=utf-8", "p\r\n"),
    ],
)
def test_content_negotiation(client, accept, ctype, start):
    r = get(client, query_string={"query": PEOPLE}, headers={"Accept": accept})
    assert (r.status_code, r.content_type) == (200, ctype)
    assert r.get_data(as_text=True).startswith(start)


@pytest.mark.parametrize(
    ("accept", "fmt", "ctype", "marker"),
    [
        ("", "", "text/turtle; charset=utf-8", "a rk:Person"),
        ("application/rdf+xml", "", "application/rdf+xml", "<rdf:RDF"),
        ("application/ld+json", "", "application/ld+json", '"@id"'),
        ("application/n-triples", "", "application/n-triples", "> .\n"),
        ("text/turtle", "xml", "application/rdf+xml", "<rdf:RDF"),  # ?format= as SPARQLWrapper
        ("application/rdf+xml", "nonsense", "application/rdf+xml", "<rdf:RDF"),  # Accept decides
    ],
)
def test_graph_answers_in_every_rdf_format(client, accept, fmt, ctype, marker):
    query = "CONSTRUCT { ?p a rk:Person } WHERE { ?p a rk:Person } LIMIT 1"
    args = {"query": query, **({"format": fmt} if fmt else {})}
    r = get(client, query_string=args, headers={"Accept": accept} if accept else {})
    assert (r.status_code, r.content_type) == (200, ctype)
    assert marker in r.get_data(as_text=True)


def test_a_graph_answer_cannot_be_sparql_json(client):
    query = "CONSTRUCT { ?p a rk:Person } WHERE { ?p a rk:Person } LIMIT 1"
    r = get(client, query_string={"query": query}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.get_data(as_text=True)


def test_ask_in_json_and_xml(client):
    query = "ASK { person:gavril-myasnikov ?p ?o }"
    assert get(client, query_string={"query": query}).json == {"head": {}, "boolean": True}
    r = get(client, query_string={"query": query, "format": "xml"})
    assert "<boolean>true</boolean>" in r.get_data(as_text=True)


def test_named_graphs_are_served(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    graphs = {
        b["g"]["value"]
        for b in get(client, query_string={"query": query}).json["results"]["bindings"]
    }
    assert "https://w3id.org/revkg/graph/curated" in graphs


def test_get_without_a_query_is_the_service_description(client):
    r = get(client)
    assert (r.status_code, r.content_type) == (200, "text/turtle; charset=utf-8")
    text = r.get_data(as_text=True)
    assert "a sd:Service" in text and "<http://127.0.0.1:8917/sparql>" in text
    assert "sd:UnionDefaultGraph" in text


def ask(text: str) -> dict:
    return {"query_string": {"query": text}}


def post(data: bytes, ctype: str) -> dict:
    return {"method": "POST", "data": data, "content_type": ctype}


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        (ask("SELECT ?x WHERE { ?x ?p }"), 400, "syntax error at line 1"),
        (ask("INSERT DATA { <http://a> <http://b> <http://c> }"), 403, "read-only"),
        ({"query_string": {"update": "CLEAR ALL"}}, 403, "read-only"),
        (post(b"CLEAR ALL", "application/sparql-update"), 403, "read-only"),
        (ask("SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"), 403, "SERVICE"),
        (ask("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"), 400, "FROM"),
        (ask(""), 400, "empty"),
        ({"query_string": [("query", PEOPLE), ("query", PEOPLE)]}, 400, "more than one query"),
        (post(b"\xff\xfe", "application/sparql-query"), 400, "UTF-8"),
        (post(b"x", "image/png"), 400, "POST application/sparql-query"),
        ({"method": "DELETE"}, 405, "GET, HEAD, POST, OPTIONS"),
        ({"query_string": {"query": PEOPLE, "default-graph-uri": "urn:x"}}, 400, "not supported"),
        (ask("SELECT * {" + "{" * 3000 + "}" * 3001), 400, "more than 1024 brackets"),
        (ask("SELECT * {" + "{" * 100 + "}" * 101), 400, "more than 64 deep"),
        (ask("SELECT * { ?s ?p ?o } #" + "x" * 70_000), 400, "limited to"),
    ],
)
def test_refusals_are_clear_and_never_a_traceback(client, request_args, status, message):
    request_args = dict(request_args)
    method = request_args.pop("method", "GET")
    r = client.open("/sparql", method=method, headers=LOCAL, **request_args)
    body = r.get_data(as_text=True)
    assert r.status_code == status, body
    assert r.content_type.startswith("text/plain")
    assert message in body and "Traceback" not in body
    if status == 405:
        assert r.headers["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_a_post_without_content_length_is_411(client):
    environ = EnvironBuilder("/sparql", method="POST", headers=LOCAL).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["CONTENT_TYPE"] = "application/sparql-query"
    seen = []
    b"".join(client.application(environ, lambda status, headers: seen.append(status)))
    assert seen == ["411 LENGTH REQUIRED"]


def test_head_answers_headers_without_running_the_query(built_project, store):
    seen = []

    class Counting(Direct):
        def answer(self, *args, **kwargs):
            seen.append(args)
            return super().answer(*args, **kwargs)

    client = Client(guarded(Endpoint(Counting(store)), host="127.0.0.1"))
    r = client.head("/sparql", query_string={"query": PEOPLE}, headers=LOCAL)
    assert (r.status_code, r.content_type) == (200, "application/sparql-results+json")
    assert r.get_data() == b"" and seen == []


def test_options_and_cors_for_a_browser_client(client):
    r = client.options(
        "/sparql",
        headers={
            **LOCAL,
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert r.status_code == 204 and "POST" in r.headers["Access-Control-Allow-Methods"]
    assert r.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    other = get(client, query_string={"query": PEOPLE}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8917", "10.0.0.1", ""])
def test_a_foreign_host_header_is_refused_on_loopback(client, host):
    r = client.get("/sparql", query_string={"query": PEOPLE}, headers={"Host": host})
    assert r.status_code == 403


@pytest.mark.parametrize("host", ["localhost:8917", "127.0.0.1", "[::1]:8917"])
def test_loopback_host_headers_are_answered(client, host):
    assert (
        client.get("/sparql", query_string={"query": PEOPLE}, headers={"Host": host}).status_code
        == 200
    )


def test_the_query_page_lists_saved_questions_and_shows_a_table(client):
    r = get(client, "/", query_string={"name": "brest-litovsk-opponents"})
    assert (r.status_code, r.content_type) == (200, "text/html; charset=utf-8")
    body = r.get_data(as_text=True)
    assert "Who opposed the Treaty of Brest-Litovsk?" in body
    assert "<td>Gavril Myasnikov</td>" in body
    assert "http://" not in body.replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert get(client, "/static/query.js").status_code == 200


def test_the_query_page_keeps_a_submitted_query_as_text(client):
    query = 'SELECT ?x WHERE { BIND("{{results}} <script>alert(1)</script>" AS ?x) }'
    body = get(client, "/", query_string={"query": query}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert body.count("{{results}}") == 2  # in the editor and in the answer, never replaced


def test_the_query_page_shows_errors_in_place(client):
    r = get(client, "/", query_string={"query": "SELECT ?x WHERE { ?x ?p }"})
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and 'class="error"' in body and "syntax error" in body


def test_unknown_paths_are_404(client):
    assert get(client, "/nothing").status_code == 404
    assert get(client, "/static/../../etc/passwd").status_code == 404


def test_answers_are_bounded_in_rows_and_bytes(store):
    rows = Client(guarded(Endpoint(Direct(store), max_rows=5), host="127.0.0.1"))
    r = get(rows, query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "more than 5 rows" in r.get_data(as_text=True)
    small = Client(guarded(Endpoint(Direct(store), max_bytes=2000), host="127.0.0.1"))
    query = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s rdfs:label ?o }"
    r = get(small, query_string={"query": query})
    assert r.status_code == 400 and "over the limit of 2,000" in r.get_data(as_text=True)


def test_xml_refuses_characters_xml_cannot_carry_and_tsv_escapes(client):
    query = 'SELECT ?x WHERE { BIND("bell\\u0007 and\\nnewline\\ttab" AS ?x) }'
    xml = get(
        client, query_string={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.status_code == 406 and "U+0007" in xml.get_data(as_text=True)
    tsv = get(
        client, query_string={"query": query}, headers={"Accept": "text/tab-separated-values"}
    )
    assert tsv.get_data(as_text=True) == '?x\n"bell\x07 and\\nnewline\\ttab"\n'


@pytest.fixture(scope="module")
def limited_app(built_project: Project):
    app = make_app(read_dataset(built_project.trig), workers=1, timeout=1.0, max_rows=5)
    yield Client(app)
    app.close()


@pytest.mark.slow
def test_a_slow_query_is_stopped_and_the_next_one_answers(limited_app):
    r = get(limited_app, query_string={"query": SLOW})
    assert r.status_code == 503 and "longer than 1 s" in r.get_data(as_text=True)
    r = get(limited_app, query_string={"query": PEOPLE})
    assert r.status_code == 200 and len(r.json["results"]["bindings"]) == 2


@pytest.mark.slow
def test_the_workers_read_the_built_file_themselves(built_project: Project):
    app = make_app(built_project.trig, workers=1)
    try:
        assert app.pool.engine == "oxigraph"
        assert len(app.pool) == len(read_dataset(built_project.trig))
        r = get(Client(app), query_string={"query": PEOPLE})
        assert r.status_code == 200 and len(r.json["results"]["bindings"]) == 2
    finally:
        app.close()
