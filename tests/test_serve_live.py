"""The endpoint as a real server on a free loopback port, queried with SPARQLWrapper."""

from __future__ import annotations

import threading
from urllib.error import HTTPError

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.sparql.serve import make_app, make_server_for

from .test_serve import SLOW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def endpoint(built_project: Project):
    app = make_app(read_dataset(built_project.trig), workers=2, timeout=1.5)
    server = make_server_for(app, host="127.0.0.1", port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()
    app.store.close()


def client(url: str, query: str, *, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(JSON)
    if method == "POST":
        sparql.setMethod(POST)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_saved_style_query_over_http(endpoint, method):
    query = """
    SELECT ?name WHERE {
      ?fact rdf:subject ?who ; rdf:predicate rk:opposed ; rdf:object event:treaty-of-brest-litovsk .
      ?who rdfs:label ?name
    }"""
    result = client(endpoint, query, method=method).queryAndConvert()
    names = {b["name"]["value"] for b in result["results"]["bindings"]}
    assert "Gavril Myasnikov" in names


def refused(sparql: SPARQLWrapper) -> tuple[int, str]:
    """The status and message of a refused request (the response is closed after)."""
    with pytest.raises(HTTPError) as info:
        sparql.query()
    with info.value as response:
        return response.code, response.read().decode("utf-8")


def test_an_update_is_refused(endpoint):
    sparql = client(endpoint, "INSERT DATA { <http://a> <http://b> <http://c> }", method="POST")
    code, message = refused(sparql)
    assert code == 403 and "read-only" in message


def test_service_is_refused(endpoint):
    sparql = client(endpoint, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    code, message = refused(sparql)
    assert code == 403 and "--allow-service" in message


def test_a_timeout_is_reported_and_the_server_keeps_serving(endpoint):
    code, message = refused(client(endpoint, SLOW))
    assert code == 503 and "was stopped" in message
    result = client(endpoint, "ASK { ?s a rk:Person }").queryAndConvert()
    assert result["boolean"] is True


def test_a_malformed_query_is_a_400(endpoint):
    with pytest.raises(QueryBadFormed, match="syntax error"):
        client(endpoint, "SELECT ?x WHERE { ?x ?p }").query()
