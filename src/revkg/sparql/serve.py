"""A read-only SPARQL 1.1 Protocol endpoint and a query page: ``make_app(dataset)``.

    GET  /sparql?query=...                        SPARQL 1.1 Protocol, query via GET
    POST /sparql  (form: query=...)               ... via URL-encoded POST
    POST /sparql  (application/sparql-query)      ... via direct POST
    GET  /                                        the query page for people

Answers are negotiated from the Accept header (or ``?format=json|xml|csv|tsv|turtle``):
SPARQL JSON (default), XML, CSV and TSV results; Turtle or N-Triples for CONSTRUCT and
DESCRIBE. Updates are refused with 403, SERVICE with 403 unless allowed, malformed
queries get 400 with the parser's message. Every query runs in a worker process with
a time limit and a row limit (see revkg.store.WorkerPool). No globals: everything
the app needs is passed to make_app.
"""

from __future__ import annotations

import functools
import html
import json
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Dataset, Literal, URIRef

from ..errors import (
    AddressUnavailable,
    HttpError,
    QueryError,
    QueryTimeout,
    ServerBusy,
    ServiceRefused,
    UpdateRefused,
)
from . import query as q
from .store import QueryResult, Store, WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8917
MAX_BODY = 1_000_000
ENDPOINT = "/sparql"

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}
CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
}

StartResponse = Callable[..., Any]


class SparqlApp:
    """The WSGI application: a store, the saved questions and the policy switches."""

    def __init__(
        self,
        store: Store,
        *,
        saved: Sequence[q.SavedQuery] = (),
        allow_service: bool = False,
        max_rows: int | None = 10_000,
    ) -> None:
        self.store, self.saved, self.allow_service = store, list(saved), allow_service
        self.max_rows = max_rows
        self.labels = q.labels(store)
        self._by_name = {s.name: s for s in self.saved}
        self._page = _page_template(self.saved)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        try:
            if path in (ENDPOINT, ENDPOINT + "/"):
                status, ctype, body = self.protocol(environ)
            elif path in ("/", "/index.html"):
                status, ctype, body = self.page(environ)
            else:
                raise HttpError("404 Not Found", f"nothing at {path}; the endpoint is {ENDPOINT}")
        except HttpError as e:
            status, ctype, body = e.status, "text/plain; charset=utf-8", str(e) + "\n"
        except Exception:  # a fault of ours: log it, answer plainly, keep serving
            traceback.print_exc(file=sys.stderr)
            status, ctype = "500 Internal Server Error", "text/plain; charset=utf-8"
            body = "the server failed to answer this request; the error is in its log.\n"
        data = body.encode("utf-8")
        headers = [("Content-Type", ctype), ("Content-Length", str(len(data)))]
        start_response(status, [*headers, ("Cache-Control", "no-store")])
        return [data]

    def run(self, text: str) -> QueryResult:
        """Check and run one query, turning errors into HTTP answers."""
        try:
            return q.run(self.store, text, allow_service=self.allow_service, max_rows=self.max_rows)
        except (UpdateRefused, ServiceRefused) as e:
            raise HttpError("403 Forbidden", str(e)) from None
        except (QueryTimeout, ServerBusy) as e:
            raise HttpError("503 Service Unavailable", str(e)) from None
        except QueryError as e:
            raise HttpError("400 Bad Request", str(e)) from None

    def protocol(self, environ: dict[str, Any]) -> tuple[str, str, str]:
        """The SPARQL 1.1 Protocol: find the query, run it, answer in the negotiated format."""
        if environ.get("CONTENT_TYPE", "").startswith("application/sparql-update"):
            raise HttpError("403 Forbidden", "this endpoint is read-only: updates are refused.")
        fields, body = _request(environ)
        if "update" in fields:
            raise HttpError("403 Forbidden", "this endpoint is read-only: updates are refused.")
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            raise HttpError(
                "400 Bad Request",
                "default-graph-uri and named-graph-uri are not supported; "
                "use GRAPH <...> in the query (the default graph is the union of all graphs).",
            )
        text = body if body is not None else (fields.get("query") or [""])[0]
        if not text.strip():
            raise HttpError(
                "400 Bad Request", "no query: send ?query=... (GET or form POST) or a direct POST."
            )
        result = self.run(text)
        fmt = _negotiate(environ, fields, graph=result.kind == "graph")
        return "200 OK", CONTENT_TYPE[fmt], render(result, fmt)

    def page(self, environ: dict[str, Any]) -> tuple[str, str, str]:
        """The query page: a form, the saved questions, and the results as a table."""
        fields, _ = _request(environ)
        text = (fields.get("query") or [""])[0]
        name = (fields.get("name") or [""])[0]
        if not text.strip() and name in self._by_name:
            text = self._by_name[name].text
        results = ""
        if text.strip():
            try:
                results = self._results_html(self.run(text))
            except HttpError as e:
                results = f'<div class="error">{html.escape(str(e))}</div>'
        page = _fill(self._page, {"query": html.escape(text), "results": results})
        return "200 OK", "text/html; charset=utf-8", page

    def _results_html(self, result: QueryResult) -> str:
        header, rows = q.table(result, self.labels)
        if not rows:
            return '<p class="count">No results: the query matched nothing.</p>'
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
        return f'<p class="count">{count}</p><table><tr>{head}</tr>{body}</table>'


def _request(environ: dict[str, Any]) -> tuple[dict[str, list[str]], str | None]:
    """Query-string and form fields; the body itself for a direct POST."""
    method = environ.get("REQUEST_METHOD", "GET")
    if method not in ("GET", "POST", "HEAD"):
        raise HttpError("405 Method Not Allowed", "use GET or POST.")
    fields = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if method != "POST":
        return fields, None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError("400 Bad Request", "Content-Length is not a number.") from None
    if length > MAX_BODY:
        raise HttpError("413 Content Too Large", f"the request is over {MAX_BODY} bytes.")
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError("400 Bad Request", "the request body is not UTF-8.") from None
    ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        return fields, body
    if ctype in ("application/x-www-form-urlencoded", ""):
        for key, values in parse_qs(body, keep_blank_values=True).items():
            fields.setdefault(key, []).extend(values)
        return fields, None
    raise HttpError(
        "415 Unsupported Media Type",
        "POST application/sparql-query or application/x-www-form-urlencoded.",
    )


def _negotiate(environ: dict[str, Any], fields: dict[str, list[str]], *, graph: bool) -> str:
    """The answer format from ?format= or the Accept header (with q-values)."""
    offered = GRAPH_TYPES if graph else SELECT_TYPES
    default = "turtle" if graph else "json"
    asked = (fields.get("format") or [""])[0].lower()
    if asked:
        if asked in offered.values():
            return asked
        raise HttpError(
            "406 Not Acceptable", f"format {asked!r}: choose {', '.join(set(offered.values()))}."
        )
    ranked = []
    for i, part in enumerate((environ.get("HTTP_ACCEPT") or "*/*").split(",")):
        mime, *opts = [x.strip() for x in part.split(";")]
        weight = next((float(o[2:]) for o in opts if o.startswith("q=") and _num(o[2:])), 1.0)
        ranked.append((-weight, i, mime.lower()))
    for weight, _, mime in sorted(ranked):
        if weight == 0:
            continue
        if mime in offered:
            return offered[mime]
        if mime in ("*/*", "application/*", "text/*"):
            return default
    wanted = ", ".join(offered)
    raise HttpError("406 Not Acceptable", f"this answer can be sent as: {wanted}.")


def _num(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render(result: QueryResult, fmt: str) -> str:
    """A result in one of the protocol's formats."""
    if fmt == "turtle":
        return q.turtle(result)
    if fmt == "nt":
        return result.graph().serialize(format="nt")
    if fmt == "json":
        return q.sparql_json(result)
    if fmt == "xml":
        return sparql_xml(result)
    return q.delimited(result, delimiter="," if fmt == "csv" else "\t", names=None)


def sparql_xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables))
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "\n".join(out)
    out.append("<results>")
    for row in result.rows:
        cells = [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        ]
        out.append("<result>" + "".join(cells) + "</result>")
    out.append("</results></sparql>")
    return "\n".join(out)


def _xml_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{xml_escape(str(term))}</literal>"


@functools.cache
def _asset(name: str) -> str:
    return resources.files("revkg.sparql").joinpath("assets", name).read_text(encoding="utf-8")


def _page_template(saved: Sequence[q.SavedQuery]) -> str:
    """The query page with everything but the query and its results filled in."""
    options = "".join(
        f'<option value="{html.escape(s.name)}">{html.escape(s.title)}</option>' for s in saved
    )
    links = "".join(
        f'<li><a href="./?name={html.escape(s.name)}" title="{html.escape(s.description)}">'
        f"{html.escape(s.title)}</a></li>"
        for s in saved
    )
    texts = json.dumps({s.name: s.text for s in saved}).replace("</", "<\\/")
    parts = {
        "style": _asset("query.css"),
        "script": _asset("query.js"),
        "endpoint": ENDPOINT,
        "options": options,
        "links": links,
        "texts": texts,
    }
    return _fill(_asset("query.html"), parts)


def _fill(page: str, parts: dict[str, str]) -> str:
    for key, value in parts.items():
        page = page.replace("{{" + key + "}}", value)
    return page


def make_app(
    source: Dataset | Path,
    *,
    engine: str = "auto",
    timeout: float = 5.0,
    max_rows: int = 10_000,
    workers: int = 2,
    allow_service: bool = False,
    saved: Sequence[q.SavedQuery] = (),
) -> SparqlApp:
    """The endpoint over a dataset or a TriG file: queries run in ``workers`` processes,
    each limited to ``timeout`` seconds and ``max_rows`` rows. A file is read by the
    workers themselves. Call ``app.store.close()`` when done."""
    pool = WorkerPool(source, engine=engine, workers=workers, timeout=timeout)
    try:
        return SparqlApp(pool, saved=saved, allow_service=allow_service, max_rows=max_rows)
    except BaseException:
        pool.close()
        raise


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Handler(WSGIRequestHandler):
    quiet = False

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server_for(
    app: SparqlApp, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, quiet: bool = False
) -> WSGIServer:
    """A threading WSGI server for the app (port 0 picks a free port)."""
    handler = type("Handler", (_Handler,), {"quiet": quiet})
    try:
        return make_server(host, port, app, server_class=_ThreadingServer, handler_class=handler)
    except (OSError, OverflowError) as e:  # in use, not allowed, no such host, no such port
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise AddressUnavailable(
            f"cannot listen on {host}:{port} ({reason}); choose another --port or --host."
        ) from e


def run(
    app: SparqlApp,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    quiet: bool = False,
    ready: Callable[[], None] | None = None,
) -> None:
    """Serve until interrupted, then stop the worker processes (also when the server
    cannot listen). ``ready`` is called once the server listens."""
    try:
        with make_server_for(app, host=host, port=port, quiet=quiet) as server:
            if ready is not None:
                ready()
            server.serve_forever()
    finally:
        close = getattr(app.store, "close", None)
        if close is not None:
            close()
