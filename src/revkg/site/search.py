"""The pages' search box: ``revkg search`` over the essays' sentences and the graph's
quotes (:mod:`revkg.sources.search`), its hits as links to the essays' paragraphs and
to the entities' pages.

    search = SiteSearch(site)        the index, built on the first search, then kept
    search.results("Brest-Litovsk")  the best hits (at most :data:`LIMIT`) as views
    result_json(view)                one of them as JSON, with its links

A hit links to its paragraph (``essay/<id>.html#p-13``) and, when the graph quotes the
sentence, to the first such quote (``#q-3337-3436``). :mod:`.searchindex` writes the
same sentences for the static site's script.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Document
from ..sources.search import Hit, Quote, SearchIndex, hit_json
from ..text import printable
from .content import Site, entity_path, essay_path, quote_anchor

#: The most hits a search shows.
LIMIT = 50


@dataclass(frozen=True)
class ResultView:
    """A hit as a page shows it: where it is, its text in pieces (``True``: a matched
    word), the entities it names and the links."""

    hit: Hit
    href: str  # the paragraph on the essay's page
    quote_href: str | None  # the first quote of the graph in the sentence, if any
    pieces: tuple[tuple[str, bool], ...]
    entities: tuple[tuple[str, str], ...]  # (label, link to the page)

    @property
    def where(self) -> str:
        s = self.hit.sentence
        return "title" if s.paragraph == 0 else f"¶ {s.paragraph}"


class SiteSearch:
    """The site's sentences in a full-text index, built once (on the first search)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None

    @property
    def index(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = search_index(self.site)
            return self._index

    def results(self, text: str, *, root: str = "", limit: int = LIMIT) -> list[ResultView]:
        """The best hits for ``text``, linked from ``root``; SearchQueryError if refused."""
        hits = self.index.search(text, limit=min(limit, LIMIT))
        return [result_view(self.site, hit, root) for hit in hits]


def search_index(site: Site) -> SearchIndex:
    """The essays the site has the text of, its entities' names and its quotes, indexed."""
    return SearchIndex(documents(site), site.records.entities, quotes(site))


def documents(site: Site) -> Mapping[str, Document]:
    return {e.id: e.document for e in site.essays.values() if e.document is not None}


def quotes(site: Site) -> set[Quote]:
    """Every quote of the graph's evidence, with its essay and offsets."""
    return {
        (ev.doc, ev.start, ev.end, ev.quote)
        for fact in site.records.facts
        for ev in fact.evidence
        if ev.quote and ev.start is not None and ev.end is not None
    }


def first_quote(site: Site, doc: str, start: int, end: int) -> str | None:
    """The anchor of the first quote of the graph that lies in (or across) a span."""
    for s, e in site.quoted.get(doc, []):
        if s >= end:
            break
        if e > start:
            return quote_anchor(s, e)
    return None


def result_view(site: Site, hit: Hit, root: str) -> ResultView:
    s = hit.sentence
    page = root + essay_path(s.doc)
    anchor = first_quote(site, s.doc, s.start, s.end)
    entities = tuple((e.label, root + entity_path(e)) for e in hit.entities)
    return ResultView(
        hit,
        f"{page}#p-{s.paragraph}" if s.paragraph else page,  # 0: the title
        f"{page}#{anchor}" if anchor else None,
        pieces(printable(s.text), hit.marks),
        entities,
    )


def pieces(text: str, marks: tuple[tuple[int, int], ...]) -> tuple[tuple[str, bool], ...]:
    """The text cut at the matched words: (piece, whether it is a match)."""
    found: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(marks):
        if start < pos:
            continue
        if start > pos:
            found.append((text[pos:start], False))
        found.append((text[start:end], True))
        pos = end
    if pos < len(text):
        found.append((text[pos:], False))
    return tuple(found)


def result_json(view: ResultView) -> dict[str, object]:
    """A hit as ``revkg search --json`` gives it, with the links to the pages (from the
    site's root)."""
    found = hit_json(view.hit)
    entities = found["entities"]
    assert isinstance(entities, list)
    for entity, (_, href) in zip(entities, view.entities, strict=True):
        entity["href"] = href
    return found | {"href": view.href, "quote_href": view.quote_href}
