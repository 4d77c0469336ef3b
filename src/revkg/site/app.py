"""The pages served by content negotiation, as a WSGI app that ``revkg serve`` mounts.

    GET /person/gavril-myasnikov         HTML for a browser, Turtle for ``Accept:
                                         text/turtle``, JSON-LD for ``application/ld+json``
    GET /person/gavril-myasnikov.html    the page; ``.ttl`` Turtle; ``.jsonld`` JSON-LD
    GET /essay/<id>[.html|.ttl|.jsonld]  an essay's page, or its RDF
    GET /index.html                      entities by type, and the essays
    GET /search?q=Brest-Litovsk          the essays' sentences that hold the words (as
                                         ``revkg search``): HTML, or JSON for ``Accept:
                                         application/json``; /search.html the same
    GET /assets/site.css, site.js        the pages' style and script

The path of every entity IRI (``https://w3id.org/revkg/person/gavril-myasnikov``) is
answered. An unknown one gets 404 with a page naming near matches; an ``Accept`` that
allows none of HTML, Turtle and JSON-LD gets 406. A search that cannot run (too long,
control characters, FTS5 syntax that does not parse) gets 400 with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wrappers import Request, Response

from ..errors import EntityNotFound, SearchQueryError, SearchUnavailable
from ..graph.lookup import Names
from .content import ESSAY_SLUG, Site, entity_path, essay_path
from .rdf import FORMATS, serialize
from .render import ASSETS, DEFAULT_TITLE, asset, entity_page, essay_page, index_page, search_page
from .render import not_found_page as missing_page
from .search import SiteSearch, result_json

HTML = "text/html; charset=utf-8"
#: What a client may ask for in Accept -> the format sent.
OFFERED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
SUFFIXES = {"html": "html", **{suffix: fmt for fmt, (suffix, _) in FORMATS.items()}}
ASSET_TYPES = {
    "site.css": "text/css; charset=utf-8",
    "site.js": "text/javascript",
    "search.js": "text/javascript",
}
VARY = {"Vary": "Accept"}
SEARCH_PATHS = (["search"], ["search.html"])


class Pages:
    """The WSGI app: entity and essay pages by content negotiation, the index, assets."""

    def __init__(self, site: Site, *, title: str = DEFAULT_TITLE) -> None:
        self.site, self.title = site, title
        self.names = Names.of(site.records.entities)
        self.searcher = SiteSearch(site)  # its index is built on the first search

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        return self.respond(Request(environ))(environ, start_response)

    def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _plain(405, "use GET.", Allow="GET, HEAD")
        parts = request.path.strip("/").split("/")
        if parts == ["index.html"]:
            return Response(index_page(self.site, title=self.title), content_type=HTML)
        if parts in SEARCH_PATHS:
            return self.search(request)
        if len(parts) == 2 and parts[0] == "assets" and parts[1] in ASSETS:
            return Response(asset(parts[1]), content_type=ASSET_TYPES[parts[1]])
        if len(parts) == 2 and parts[1]:
            return self.page(request, parts[0], parts[1])
        return self.not_found(request, request.path)

    def search(self, request: Request) -> Response:
        """The hits for ``?q=``: the search page, or JSON for ``Accept: application/json``;
        400 with the reason for a search that cannot run."""
        text = request.args.get("q", "")
        wanted = request.accept_mimetypes.best_match(["text/html", "application/json"])
        as_json = wanted == "application/json"
        if not as_json and not text.strip():
            return Response(search_page(title=self.title), content_type=HTML, headers=VARY)
        try:
            results = self.searcher.results(text)
        except (SearchQueryError, SearchUnavailable) as e:
            status = 400 if isinstance(e, SearchQueryError) else 503
            if as_json:
                return _json({"search": text, "error": str(e)}, status)
            page = search_page(text, error=str(e), title=self.title)
            return Response(page, status=status, content_type=HTML, headers=VARY)
        if as_json:
            return _json({"search": text, "hits": [result_json(r) for r in results]})
        page = search_page(text, results, title=self.title)
        return Response(page, content_type=HTML, headers=VARY)

    def path_of(self, iri: str) -> str | None:
        """Where the page about ``iri`` is, from the root (``person/gavril-myasnikov.html``);
        None for an IRI with no page."""
        found = self.site.link(iri, "")
        if found is not None:
            return found
        essay = next((e for e in self.site.essays.values() if str(e.iri) == iri), None)
        return essay_path(essay.id) if essay is not None else None

    def page(self, request: Request, kind: str, name: str) -> Response:
        stem, _, suffix = name.rpartition(".")
        if stem and suffix in SUFFIXES:
            fmt: str | None = SUFFIXES[suffix]
        else:
            stem, fmt = name, _negotiate(request)
        found = self._find(kind, stem)
        if found is None:
            return self.not_found(request, request.path, stem)
        if fmt is None:
            offered = ", ".join(sorted({"text/html", "text/turtle", "application/ld+json"}))
            return _plain(406, f"this page can be sent as: {offered}.", Vary="Accept")
        iri, html = found
        vary = {} if stem != name else {"Vary": "Accept"}
        if fmt == "html":
            return Response(html(), content_type=HTML, headers=vary)
        return Response(
            serialize(self.site.graph, iri, fmt), content_type=FORMATS[fmt][1], headers=vary
        )

    def _find(self, kind: str, stem: str) -> tuple[Any, Callable[[], str]] | None:
        """The IRI and a maker of the page at ``kind/stem``, if there is one."""
        if kind == ESSAY_SLUG and stem in self.site.essays:
            essay = self.site.essays[stem]
            return essay.iri, lambda: essay_page(self.site, essay, title=self.title)
        entity = self.site.entity(kind, stem)
        if entity is None:
            return None
        return entity.iri, lambda: entity_page(self.site, entity, title=self.title)

    def not_found(self, request: Request, path: str, name: str | None = None) -> Response:
        """404: a page with the near names (HTML for a browser, a line of text otherwise)."""
        root = "../" * max(path.strip("/").count("/"), 0)
        suggestions = self._near(name.replace("-", " ") if name else "", root)
        if _negotiate(request) != "html":
            near = f" Did you mean: {', '.join(s for s, _ in suggestions)}?" if suggestions else ""
            return _plain(404, f"no entity or essay lives at {path}.{near}")
        page = missing_page(path, suggestions, root=root, title=self.title)
        return Response(page, status=404, content_type=HTML)

    def _near(self, name: str, root: str) -> list[tuple[str, str]]:
        if not name.strip():
            return []
        try:
            found = [self.names.find(name)]
        except EntityNotFound as e:
            found = list(dict.fromkeys(self.names.find(s) for s in e.suggestions))
        entities = [self.site.by_iri[iri] for iri in found if iri in self.site.by_iri]
        return [(e.label, root + entity_path(e)) for e in entities]


def _negotiate(request: Request) -> str | None:
    """The format the Accept header prefers; HTML when it has none or allows anything."""
    accept = request.accept_mimetypes
    if not accept:
        return "html"
    best = accept.best_match(list(OFFERED))
    return OFFERED[best] if best else None


def _json(value: object, status: int = 200) -> Response:
    body = json.dumps(value, ensure_ascii=False, indent=1)
    return Response(body, status=status, content_type="application/json", headers=VARY)


def _plain(status: int, message: str, **headers: str) -> Response:
    return Response(message + "\n", status=status, headers=headers, mimetype="text/plain")
