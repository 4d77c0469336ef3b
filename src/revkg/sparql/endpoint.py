"""The SPARQL 1.1 Protocol endpoint and the query page, as one WSGI application.

    GET  /sparql?query=...                 a query (GET); without a query: the service
                                           description (SPARQL 1.1 Service Description)
    POST /sparql  form query=...           a query (URL-encoded POST)
    POST /sparql  application/sparql-query a query (direct POST)
    HEAD, OPTIONS /sparql                  headers only; OPTIONS answers CORS preflights
    GET  /                                 the query page (revkg.sparql.page); /static/...
                                           its style and script
    anything else                          the ``pages`` app, when one is given (the
                                           entity and essay pages, and /search, which
                                           the query page's search box asks); 404
                                           otherwise

Requests are read and answers negotiated with werkzeug; pages come from Jinja2
templates with autoescaping. Nothing a client sends runs in this process: the text
is inspected (:mod:`revkg.sparql.guard`) and every query, ASK included, is parsed,
run and rendered by a worker process under the time limit (``runner.answer``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Any, Protocol

import jinja2
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from ..errors import (
    NotRepresentable,
    QueryError,
    QueryRefused,
    QueryTimeout,
    ServerBusy,
    ServiceRefused,
    UpdateRefused,
)
from ..graph.void import LOCAL_ENDPOINT
from . import guard, page, views
from .cache import AnswerCache
from .http import WSGIApp
from .query import SavedQuery
from .results import GRAPH_FORMATS, SELECT_FORMATS
from .service import service_description

ENDPOINT = "/sparql"
ALLOWED = "GET, HEAD, POST, OPTIONS"
MAX_FORM_BYTES = 4 * guard.MAX_QUERY_BYTES
#: Names a client may give with ?format= (SPARQLWrapper sends these) -> our formats.
FORMAT_NAMES = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",
        "nt": "nt",
        "ntriples": "nt",
        "xml": "rdfxml",
        "rdfxml": "rdfxml",
        "rdf": "rdfxml",
        "json": "jsonld",
        "jsonld": "jsonld",
        "json-ld": "jsonld",
    },
}
ACCEPT_NAMES = {
    "select": {
        "application/sparql-results+json": "json",
        "application/json": "json",
        "application/sparql-results+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
    },
    "graph": {
        "text/turtle": "turtle",
        "application/x-turtle": "turtle",
        "application/n-triples": "nt",
        "text/plain": "nt",
        "application/rdf+xml": "rdfxml",
        "application/xml": "rdfxml",
        "application/ld+json": "jsonld",
        "application/json": "jsonld",
    },
}


class Runner(Protocol):
    """Where queries run: ``answer`` parses, runs and renders one in a worker."""

    def answer(
        self,
        text: str,
        fmt: str,
        *,
        max_rows: int | None,
        max_bytes: int,
        cancelled: Callable[[], bool],
    ) -> bytes: ...


class Endpoint:
    """The WSGI application: a runner, the saved questions and the policy switches."""

    def __init__(
        self,
        runner: Runner,
        *,
        saved: Sequence[SavedQuery] = (),
        allow_service: bool = False,
        max_rows: int | None = 10_000,
        max_bytes: int = 16 * 1024 * 1024,
        title: str = "Ask the revkg graph",
        answer_cache: int = 32 * 1024 * 1024,
        pages: WSGIApp | None = None,
        page_of: Callable[[str], str | None] | None = None,
        void: str | None = None,
    ) -> None:
        self.runner, self.saved, self.allow_service = runner, list(saved), allow_service
        self.void = void  # graph/void.ttl, served at /.well-known/void
        self.max_rows, self.max_bytes, self.title = max_rows, max_bytes, title
        self._by_name = {s.name: s for s in self.saved}
        self.answers = AnswerCache(max_bytes=answer_cache)
        self.pages, self.page_of = pages, page_of  # page_of: an IRI's page, from the root
        self.names = page.EntityNames(self._answer_json)
        self.urls = Map(
            [
                Rule(ENDPOINT, endpoint="sparql", strict_slashes=False),
                Rule("/", endpoint="page"),
                Rule("/static/<name>", endpoint="static"),
                Rule("/.well-known/void", endpoint="void"),
            ],
            merge_slashes=False,
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        request.max_form_memory_size = MAX_FORM_BYTES
        request.max_content_length = MAX_FORM_BYTES
        try:
            endpoint, args = self.urls.bind_to_environ(environ).match()
            response = getattr(self, f"on_{endpoint}")(request, **args)
        except NotFound:
            if self.pages is not None:
                return self.pages(environ, start_response)
            response = _plain(404, NotFound.description)
        except HTTPException as e:
            response = _plain(e.code or 500, e.description or e.name)
            if e.code == 405:
                response.headers["Allow"] = ALLOWED
        return response(environ, start_response)

    def _answer_json(self, text: str, fmt: str) -> bytes:
        return self.runner.answer(
            text, fmt, max_rows=None, max_bytes=self.max_bytes, cancelled=lambda: False
        )

    # ---- the protocol ---------------------------------------------------------

    def on_sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": ALLOWED})
        if request.method not in ("GET", "HEAD", "POST"):
            return _plain(405, f"use {ALLOWED}.", Allow=ALLOWED)
        chunked = request.headers.get("Transfer-Encoding")
        if request.method == "POST" and request.content_length is None and not chunked:
            return _plain(411, "a POST needs a Content-Length header.")
        try:
            fields, text = _query_of(request)
        except QueryRefused as e:
            return _plain(400, str(e))
        if fields.getlist("update") or request.mimetype == "application/sparql-update":
            return _plain(403, "this endpoint is read-only: updates are refused.")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            return _plain(
                400,
                "default-graph-uri and named-graph-uri are not supported: the dataset is "
                "fixed (the default graph is the union of all graphs); use GRAPH <...>.",
            )
        if text is None:
            return self.describe(request)
        return self.query(request, fields, text)

    def query(self, request: Request, fields: MultiDict[str, str], text: str) -> Response:
        try:
            found = guard.check(text, allow_service=self.allow_service)
            kind = "graph" if found.form in ("CONSTRUCT", "DESCRIBE") else "select"
            fmt = _negotiate(request, fields, kind)
            if fmt is None:
                wanted = ", ".join(sorted(set(ACCEPT_NAMES[kind])))
                return _plain(406, f"this answer can be sent as: {wanted}.")
            ctype = (GRAPH_FORMATS if kind == "graph" else SELECT_FORMATS)[fmt]
            if request.method == "HEAD":
                return Response(status=200, content_type=ctype)
            key = self.answers.key(text, fmt)
            body = self.answers.get(key)
            if body is None:
                body = self.runner.answer(
                    text,
                    fmt,
                    max_rows=self.max_rows,
                    max_bytes=self.max_bytes,
                    cancelled=_disconnected(request),
                )
                self.answers.put(key, body)
        except (UpdateRefused, ServiceRefused) as e:
            return _plain(403, str(e))
        except (QueryTimeout, ServerBusy) as e:
            return _plain(503, str(e), **{"Retry-After": "5"})
        except NotRepresentable as e:
            return _plain(406, str(e))
        except QueryError as e:
            return _plain(400, str(e))
        return Response(body, status=200, content_type=ctype)

    def describe(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description of this endpoint, in Turtle or RDF/XML."""
        best = request.accept_mimetypes.best_match(["text/turtle", "application/rdf+xml"])
        fmt = "xml" if best == "application/rdf+xml" else "turtle"
        body = service_description(request.base_url, fmt)
        ctype = "application/rdf+xml" if fmt == "xml" else "text/turtle; charset=utf-8"
        return Response(body, content_type=ctype)

    # ---- the page ---------------------------------------------------------------

    def on_page(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _plain(405, "use GET.", Allow="GET, HEAD")
        if request.method == "HEAD":
            return Response(content_type="text/html; charset=utf-8")  # nothing is run
        values = self._page_values(request)
        html = _templates().get_template("query.html").render(title=self.title, **values)
        return Response(html, content_type="text/html; charset=utf-8")

    def _page_values(self, request: Request) -> dict[str, Any]:
        """What the query page shows: the question asked, its answer or why there is none."""
        question = page.fallback(request.args, self._by_name)  # shown if the address is refused
        table, error, text = None, "", ""
        try:
            question = page.asked(request.args, self._by_name)
            text = page.bound(question, self.names) if question.text.strip() else ""
            if text:
                table = self._table(text, request)
        except QueryError as e:
            error = str(e)
        chosen = question.saved.name if question.saved else request.args.get("name", "")
        return {
            "endpoint": ENDPOINT,
            "saved": self.saved,
            "chosen": chosen,
            "query": question.text,
            "params": self._fields(question),
            "entity_names": self._entity_names(),
            "table": table,
            "error": error,
            "timeline": views.timeline(table, self._href) if table else None,
            "picture": views.graph(table, self._href) if table else None,
            "downloads": page.downloads(ENDPOINT.lstrip("/"), text, table["kind"])
            if table and table["kind"] != "ask"
            else [],
            "address": page.address(question),
            "index": self.pages is not None,
            "texts": json.dumps({s.name: s.text for s in self.saved}),
        }

    def _table(self, text: str, request: Request) -> dict[str, Any]:
        """The answer as the page's table, each cell's link to its page beside its text."""
        guard.check(text, allow_service=self.allow_service)
        raw = self.runner.answer(
            text,
            "table",
            max_rows=min(self.max_rows or 1000, 1000),
            max_bytes=self.max_bytes,
            cancelled=_disconnected(request),
        )
        table: dict[str, Any] = json.loads(raw)
        table["cells"] = [[(c[0], self._href(c[1])) for c in row] for row in table["rows"]]
        return table

    def _fields(self, question: page.Asked) -> dict[str, list[page.Field]]:
        """Each saved question's parameter inputs: the asked values for the one asked."""
        try:
            return {
                s.name: page.fields(
                    question if question.saved is s else page.Asked(s, s.text, {}), self.names
                )
                for s in self.saved
            }
        except QueryError:  # the names could not be read: the inputs show the IRIs
            return {}

    def _entity_names(self) -> list[str]:
        try:
            return list(page.entity_names(self.names))
        except QueryError:
            return []

    def _href(self, iri: str | None) -> str | None:
        return self.page_of(iri) if iri and self.page_of is not None else None

    def on_static(self, request: Request, name: str) -> Response:
        types = {"query.css": "text/css; charset=utf-8", "query.js": "text/javascript"}
        if name not in types:
            return _plain(404, f"no file {name!r} here.")
        return Response(_asset(name), content_type=types[name])

    def on_void(self, request: Request) -> Response:
        """The dataset's description (VoID, DCAT), naming this endpoint's address."""
        if self.void is None:
            return _plain(404, "no dataset description here; run `revkg build` to write one.")
        here = f"<{request.host_url.rstrip('/')}{ENDPOINT}>"
        text = self.void.replace(f"<{LOCAL_ENDPOINT}>", here)
        return Response(text, content_type="text/turtle; charset=utf-8")


def _query_of(request: Request) -> tuple[MultiDict[str, str], str | None]:
    """The request's fields and its query text (None when it has none)."""
    fields: MultiDict[str, str] = MultiDict(request.args)
    text: str | None = None
    if request.method == "POST":
        if request.mimetype == "application/sparql-query":
            try:
                text = request.get_data().decode("utf-8")
            except UnicodeDecodeError:
                raise QueryRefused("the request body is not UTF-8.") from None
        elif request.mimetype == "application/x-www-form-urlencoded":
            for key, value in request.form.items(multi=True):
                fields.add(key, value)
        elif request.mimetype != "application/sparql-update":
            raise QueryRefused(
                "POST application/sparql-query or application/x-www-form-urlencoded."
            )
    queries = fields.getlist("query")
    if len(queries) > 1 or (queries and text is not None):
        raise QueryRefused("the request gives more than one query; send exactly one.")
    if queries:
        text = queries[0]
    if text is not None and not text.strip():
        raise QueryRefused("the query is empty.")
    return fields, text


def _negotiate(request: Request, fields: MultiDict[str, str], kind: str) -> str | None:
    """?format= when it names a format this answer has; otherwise the Accept header."""
    for name in fields.getlist("format") + fields.getlist("output"):
        found = FORMAT_NAMES[kind].get(name.lower())
        if found:
            return found
    offered = ACCEPT_NAMES[kind]
    accept = request.accept_mimetypes
    if not accept or (accept.best == "*/*" and len(accept) == 1):
        return "turtle" if kind == "graph" else "json"
    best = accept.best_match(list(offered))
    return offered[best] if best else None


def _disconnected(request: Request) -> Callable[[], bool]:
    check = request.environ.get("waitress.client_disconnected")
    return check if callable(check) else (lambda: False)


def _plain(status: int, message: str, **headers: str) -> Response:
    return Response(message.rstrip() + "\n", status=status, headers=headers, mimetype="text/plain")


@functools.cache
def _templates() -> jinja2.Environment:
    loader = jinja2.PackageLoader("revkg.sparql", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


@functools.cache
def _asset(name: str) -> str:
    return resources.files("revkg.sparql").joinpath("assets", name).read_text(encoding="utf-8")
