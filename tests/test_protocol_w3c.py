"""The query-side cases of the W3C SPARQL 1.1 Protocol test suite, by their names.

Each case sends the request the suite describes to the endpoint (in-process) and checks
the status and media type the suite expects. The dataset cases (default-graph-uri,
named-graph-uri, FROM) are answered 400 with a reason: the dataset is fixed.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from werkzeug.test import Client

from revkg.graph.load import read_dataset
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

HOST = {"Host": "localhost"}
ASK = "ASK { ?s ?p ?o }"
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
DESCRIBE = "DESCRIBE person:gavril-myasnikov"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@pytest.fixture(scope="module")
def client(built_project) -> Client:
    return Client(
        guarded(Endpoint(Direct(RdflibStore(read_dataset(built_project.trig)))), host="127.0.0.1")
    )


def form(**fields: str) -> dict:
    return {"method": "POST", "data": urlencode(fields), "content_type": FORM}


CASES = [
    ("query_get", {"query_string": {"query": ASK}}, 200, "application/sparql-results"),
    ("query_post_form", form(query=ASK), 200, "application/sparql-results"),
    (
        "query_post_direct",
        {"method": "POST", "data": ASK, "content_type": DIRECT},
        200,
        "application/sparql-results",
    ),
    (
        "query_content_type_select",
        {
            "query_string": {"query": SELECT},
            "headers": {"Accept": "application/sparql-results+xml"},
        },
        200,
        "application/sparql-results+xml",
    ),
    (
        "query_content_type_ask",
        {"query_string": {"query": ASK}, "headers": {"Accept": "application/sparql-results+json"}},
        200,
        "application/sparql-results+json",
    ),
    (
        "query_content_type_describe",
        {
            "query_string": {"query": DESCRIBE},
            "headers": {"Accept": "application/rdf+xml, text/turtle;q=0.9"},
        },
        200,
        "application/rdf+xml",
    ),
    (
        "query_content_type_construct",
        {"query_string": {"query": CONSTRUCT}, "headers": {"Accept": "text/turtle"}},
        200,
        "text/turtle",
    ),
    (
        "query_dataset_default_graph",
        {"query_string": {"query": ASK, "default-graph-uri": "http://example.org/g"}},
        400,
        "text/plain",
    ),
    (
        "query_dataset_named_graphs",
        form(query=ASK, **{"named-graph-uri": "http://ex/g"}),
        400,
        "text/plain",
    ),
    (
        "query_dataset_full",
        {"query_string": {"query": "ASK FROM <http://ex/g> { ?s ?p ?o }"}},
        400,
        "text/plain",
    ),
    (
        "query_multiple_dataset",
        {
            "query_string": [
                ("query", "ASK FROM <http://ex/a> {}"),
                ("default-graph-uri", "http://ex/b"),
            ]
        },
        400,
        "text/plain",
    ),
    ("bad_query_method", {"method": "PUT", "data": ASK, "content_type": DIRECT}, 405, "text/plain"),
    (
        "bad_multiple_queries",
        {"query_string": [("query", ASK), ("query", SELECT)]},
        400,
        "text/plain",
    ),
    (
        "bad_query_wrong_media_type",
        {"method": "POST", "data": ASK, "content_type": "text/plain"},
        400,
        "text/plain",
    ),
    (
        "bad_query_missing_form_type",
        {"method": "POST", "data": "query=" + ASK, "content_type": ""},
        400,
        "text/plain",
    ),
    (
        "bad_query_missing_direct_type",
        {"method": "POST", "data": ASK, "content_type": ""},
        400,
        "text/plain",
    ),
    (
        "bad_query_non_utf8",
        {"method": "POST", "data": "ASK { ?s ?p 'é' }".encode("latin-1"), "content_type": DIRECT},
        400,
        "text/plain",
    ),
    ("bad_query_syntax", {"query_string": {"query": "ASK {"}}, 400, "text/plain"),
    ("bad_update_get", {"query_string": {"update": "CLEAR ALL"}}, 403, "text/plain"),
]


@pytest.mark.parametrize(
    ("name", "request_args", "status", "ctype"), CASES, ids=[c[0] for c in CASES]
)
def test_w3c_protocol_case(client, name, request_args, status, ctype):
    args = dict(request_args)
    method = args.pop("method", "GET")
    headers = {**HOST, **args.pop("headers", {})}
    r = client.open("/sparql", method=method, headers=headers, **args)
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.content_type.startswith(ctype)
