"""An entity's page as data: its names, its facts in time order with their quotes and
citations, and a small drawing of its neighbours. The template only lays it out.

Facts are ``graph.timeline.entries``: what ``revkg show`` prints, one entry per fact in
time order, each quote once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef

from .. import vocab
from ..graph.records import Moment, show_date
from ..graph.timeline import Entry, Quote, entries
from ..model import Entity
from .cite import Citation
from .content import Essay, Site, essay_path, fact_anchor, quote_anchor

#: The drawing: its size, the circle the neighbours sit on, and how many it shows.
WIDTH, HEIGHT, RADIUS, MOST = 760, 380, 140, 14
LONGEST_NAME = 30


@dataclass(frozen=True)
class Part:
    """A piece of a fact's sentence: the entity itself, another entity, a relation or a value."""

    text: str
    kind: str  # "self", "entity", "relation" or "value"
    href: str | None = None


@dataclass(frozen=True)
class QuoteView:
    text: str | None  # None: a curator's addition without a quote
    essay: Essay
    href: str | None  # the quote on its essay's page
    support: str
    note: str
    citation: Citation


@dataclass(frozen=True)
class FactView:
    anchor: str
    iri: str
    when: str
    parts: tuple[Part, ...]
    quotes: tuple[QuoteView, ...]
    layer: str
    also: tuple[str, ...] = ()  # anchors of the same fact stated without its date


@dataclass(frozen=True)
class Neighbour:
    """One neighbour in the drawing: where its dot and its name go, and its link."""

    x: float
    y: float
    label_x: float
    label_y: float
    align: str  # SVG text-anchor
    label: str
    title: str  # the full name and the relations, shown on hover
    type: str
    href: str | None


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    cx: float
    cy: float
    neighbours: tuple[Neighbour, ...]
    more: int  # neighbours left out


@dataclass(frozen=True)
class EntityView:
    entity: Entity
    type_label: str
    iri: str
    wikidata: str | None
    facts: tuple[FactView, ...]
    drawing: Drawing


def entity_view(site: Site, entity: Entity, *, root: str = "../") -> EntityView:
    """Everything an entity's page shows; links are relative to the page (``root`` is the
    way back to the site's root)."""
    shown = entries(site.records, entity.iri)
    return EntityView(
        entity,
        vocab.CLASSES_BY_NAME[entity.type].label,
        str(entity.iri),
        site.wikidata(entity.iri),
        tuple(_fact(site, entity, entry, root) for entry in shown),
        drawing(site, entity, shown, root),
    )


def _fact(site: Site, entity: Entity, entry: Entry, root: str) -> FactView:
    fact = entry.fact
    iri = fact.statement if fact.statement is not None else fact.key
    parts = (
        _end(site, entity, fact.subject, root),
        Part(fact.relation, "relation"),
        _end(site, entity, fact.object, root, value=fact.when.value),
    )
    quotes = tuple(_quote(site, q, str(iri), root) for q in entry.quotes)
    also = tuple(fact_anchor(f) for f in entry.folded)
    return FactView(fact_anchor(fact), str(iri), str(fact.when), parts, quotes, fact.layer, also)


def _end(
    site: Site, entity: Entity, term: URIRef | Literal, root: str, *, value: Moment | None = None
) -> Part:
    if term == entity.iri:
        return Part(entity.label, "self")
    if isinstance(term, Literal):
        return Part(show_date(value) if value is not None else str(term), "value")
    return Part(site.records.label(term), "entity", site.link(term, root))


def _quote(site: Site, quote: Quote, fact: str, root: str) -> QuoteView:
    essay = site.essays.get(quote.doc) or Essay(quote.doc, site.records.title(quote.doc), None)
    placed = [ev for ev in quote.evidence if ev.start is not None and ev.end is not None]
    best = next((ev for ev in placed if ev.quote == quote.text), placed[0] if placed else None)
    start, end = (best.start, best.end) if best is not None else (None, None)
    anchor = quote_anchor(start, end) if start is not None and end is not None else None
    href = root + essay_path(quote.doc) + (f"#{anchor}" if anchor else "")
    paragraph = essay.paragraph(start)
    citation = Citation(essay, paragraph, quote.text, fact, anchor)
    return QuoteView(quote.text, essay, href, quote.support, quote.note, citation)


def drawing(site: Site, entity: Entity, shown: Sequence[Entry], root: str) -> Drawing:
    """The entity in the middle and its neighbours (most facts first) on an ellipse."""
    relations: dict[str, list[str]] = {}
    for entry in shown:
        fact = entry.fact
        other = fact.object if fact.subject == entity.iri else fact.subject
        if isinstance(other, URIRef) and other != entity.iri and str(other) in site.by_iri:
            relations.setdefault(str(other), []).append(fact.relation)
    ordered = sorted(relations, key=lambda i: (-len(relations[i]), site.by_iri[i].label))
    kept = ordered[:MOST]
    placed = tuple(
        _place(site.by_iri[iri], relations[iri], i / len(kept), site.link(iri, root))
        for i, iri in enumerate(kept)
    )
    return Drawing(WIDTH, HEIGHT, WIDTH / 2, HEIGHT / 2, placed, len(ordered) - len(kept))


def _place(other: Entity, relations: list[str], turn: float, href: str | None) -> Neighbour:
    """A neighbour ``turn`` of the way round from the top, its name outside its dot."""
    angle = 2 * math.pi * turn - math.pi / 2
    cos, sin = math.cos(angle), math.sin(angle)
    x, y = WIDTH / 2 + RADIUS * 1.35 * cos, HEIGHT / 2 + RADIUS * sin
    label = other.label
    if len(label) > LONGEST_NAME:
        label = label[: LONGEST_NAME - 1].rstrip() + "…"
    below = 20 if sin > 0.5 else 5 if abs(sin) <= 0.5 else -12
    return Neighbour(
        round(x, 1),
        round(y, 1),
        round(x + 11 * cos, 1),
        round(y + below, 1),
        "start" if cos > 0.2 else "end" if cos < -0.2 else "middle",
        label,
        f"{other.label}: {', '.join(dict.fromkeys(relations))}",
        other.type.lower(),
        href,
    )
