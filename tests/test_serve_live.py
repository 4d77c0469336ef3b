"""The endpoint as a real server on a free loopback port: standard clients, and abuse.

Every request goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from revkg.project import Project

from .serve_fixtures import Served, serve

pytestmark = pytest.mark.slow
SIMPLE = "SELECT ?p WHERE { ?p a rk:Person } LIMIT 3"
_VALUES = " ".join(str(i) for i in range(40))
CARTESIAN = (  # four VALUES blocks and a triple pattern: 2.5 million rows for each triple
    f"ASK {{ VALUES ?a {{ {_VALUES} }} VALUES ?b {{ {_VALUES} }} VALUES ?c {{ {_VALUES} }} "
    f"VALUES ?d {{ {_VALUES} }} ?s ?p ?o FILTER(STRLEN(STR(?o)) + ?a * ?b * ?c * ?d < 0) }}"
)


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def served(request, built_project: Project) -> Iterator[Served]:
    yield from serve(built_project.trig, request.param, cors="*")


class Listener:
    """A loopback socket that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def client(url: str, query: str, *, method: str = "GET", fmt: str | None = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    if fmt:
        sparql.setReturnFormat(fmt)
    if method == "POST":
        sparql.setMethod(POST)
    return sparql


def still_answers(served: Served) -> None:
    r = httpx.get(served.url, params={"query": SIMPLE}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.count("\n") == 4


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_and_ask(served, method):
    query = """
    SELECT ?name WHERE {
      ?fact rdf:subject ?who ; rdf:predicate rk:opposed ; rdf:object event:treaty-of-brest-litovsk .
      ?who rdfs:label ?name
    }"""
    result = client(served.url, query, method=method).queryAndConvert()
    assert "Gavril Myasnikov" in {b["name"]["value"] for b in result["results"]["bindings"]}
    assert client(served.url, "ASK { ?s a rk:Person }").queryAndConvert()["boolean"] is True


@pytest.mark.parametrize(
    "form",
    ["CONSTRUCT { ?p a rk:Person } WHERE { ?p a rk:Person }", "DESCRIBE person:gavril-myasnikov"],
)
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_defaults_for_graph_queries(served, form):
    graph = client(served.url, form, fmt=None).queryAndConvert()  # its defaults: RDF/XML
    assert len(graph) > 0


def test_a_malformed_query_is_a_400(served):
    with pytest.raises(QueryBadFormed, match="syntax error"):
        client(served.url, "SELECT ?x WHERE { ?x ?p }").query()


def test_a_browser_client_from_another_origin(served):
    pre = httpx.options(
        served.url,
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
    )
    assert pre.status_code == 204 and pre.headers["Access-Control-Allow-Origin"] == "*"
    r = httpx.post(served.url, data={"query": SIMPLE}, headers={"Origin": "https://yasgui.example"})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"


def test_keep_alive_serves_many_requests_on_one_connection(served):
    with httpx.Client(http2=False) as http:
        answers = [http.get(served.url, params={"query": SIMPLE}) for _ in range(20)]
    assert {a.status_code for a in answers} == {200}
    assert {a.http_version for a in answers} == {"HTTP/1.1"}


SERVICE_SPELLINGS = [
    "SELECT * {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "select * {{ service <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE SILENT <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SeRvIcE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "PREFIX e: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE e:x {{ ?s ?p ?o }} }}",
    "SELECT * {{ BIND(<http://127.0.0.1:{port}/x> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ VALUES ?e {{ <http://127.0.0.1:{port}/x> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE#c\n<http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT * {{ \\u0053ERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "CONSTRUCT WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT * {{ {{ SELECT * {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * {{ OPTIONAL {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/x> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("spelling", SERVICE_SPELLINGS)
def test_no_refused_query_sends_anything_anywhere(served, listener, spelling):
    query = spelling.format(port=listener.port)
    for how in ("get", "post"):
        if how == "get":
            r = httpx.get(served.url, params={"query": query})
        else:
            r = httpx.post(
                served.url, content=query, headers={"Content-Type": "application/sparql-query"}
            )
        assert r.status_code in (400, 403), r.text
    time.sleep(0.3)
    assert listener.connections == 0


def test_from_a_file_is_refused_on_every_engine(served, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> 'the secret' .\n")
    r = httpx.get(served.url, params={"query": f"SELECT * FROM <file://{secret}> {{ ?s ?p ?o }}"})
    assert r.status_code == 400 and "the secret" not in r.text


def test_deep_nesting_is_refused_and_the_server_lives(served):
    r = httpx.get(served.url, params={"query": "SELECT * " + "{" * 3000 + "}" * 3000})
    assert r.status_code == 400
    still_answers(served)


def test_a_cartesian_ask_is_stopped_while_others_are_answered(served):
    slow: dict[str, int] = {}
    thread = threading.Thread(
        target=lambda: slow.update(
            code=httpx.get(served.url, params={"query": CARTESIAN}, timeout=30).status_code
        )
    )
    thread.start()
    time.sleep(0.2)
    still_answers(served)
    thread.join(30)
    assert slow["code"] == 503


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Content-Length: -1", 400),
        ("Content-Length: 50000000", 413),
        ("Content-Length: abc", 400),
        ("", 411),
    ],
)
def test_bad_content_lengths(served, head, expected):
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        f"{head + chr(13) + chr(10) if head else ''}Connection: close\r\n\r\nASK {{}}"
    )
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
        sock.sendall(request.encode())
        answer = sock.recv(200).decode("latin-1")
    assert answer.split()[1] == str(expected), answer


def test_memory_stays_flat_under_abuse(served):
    still_answers(served)
    before = served.rss_mib()
    big = "SELECT * { ?s ?p ?o } #" + "x" * 1_000_000
    for _ in range(30):
        assert httpx.post(
            served.url, content=big, headers={"Content-Type": "application/sparql-query"}
        ).status_code in (400, 413)
    two = "?a rdfs:label ?l . ?b rdfs:label ?m"
    concat = f"SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?b))) AS ?x) WHERE {{ {two} }} LIMIT 1000"
    r = httpx.get(served.url, params={"query": concat}, timeout=30)
    assert r.status_code in (200, 400, 503) and len(r.content) <= 16 * 1024 * 1024
    three = concat.replace(two, two + " . ?c rdfs:label ?n").replace("STR(?b)", "STR(?b), STR(?c)")
    assert httpx.get(served.url, params={"query": three}, timeout=30).status_code in (400, 503)
    for _ in range(30):
        text = "SELECT * { ?s ?p ?o } LIMIT 1 #" + "y" * 60_000
        assert (
            httpx.post(
                served.url, content=text, headers={"Content-Type": "application/sparql-query"}
            ).status_code
            == 200
        )
    still_answers(served)
    assert served.rss_mib() - before < 40


def test_slow_sockets_do_not_starve_the_server(served):
    idle = []
    try:
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
            sock.sendall(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: 127")  # and never more
            idle.append(sock)
        started = time.monotonic()
        still_answers(served)
        assert time.monotonic() - started < 2
    finally:
        for sock in idle:
            sock.close()


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:80", "192.168.1.5"])
def test_a_rebound_host_name_is_refused(served, host):
    r = httpx.get(served.url, params={"query": SIMPLE}, headers={"Host": host})
    assert r.status_code == 403


def test_a_client_that_goes_away_cancels_its_query(built_project):
    from urllib.parse import quote

    for served in serve(built_project.trig, "oxigraph", timeout=30):
        request = f"GET /sparql?query={quote(CARTESIAN)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        gone = []
        for _ in range(2):  # one for each worker
            sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
            sock.sendall(request.encode())
            gone.append(sock)
        time.sleep(0.5)
        for sock in gone:
            sock.close()
        started = time.monotonic()
        still_answers(served)  # both workers were busy for up to 30 s unless cancelled
        assert time.monotonic() - started < 10
