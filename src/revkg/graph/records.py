"""The built graph read back as records: entities, facts and the evidence for them.

An entity is read back as a ``model.Entity`` and a piece of evidence as a
``model.Evidence``, the same records the build wrote. A ``Fact`` is a statement
node read back (or a direct triple that has none): its subject, predicate and
object, its times and its evidence. ``read_records`` reads them all at once, with
the labels and essay titles needed to show them; ``revkg show``, the API's tables
and the networkx projection (and through it the page and the exports) start here.

A fact's ``when`` reads its times back as ``model.Date`` values at the precision they
were written with: the literal's datatype says year, month or day, and
``rk:timePrecision "decade"`` turns a year such as ``1920`` back into the 1920s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from .. import vocab
from ..errors import InvalidDate
from ..model import Date, Entity, Evidence
from ..text import MONTHS
from ..vocab import OA, RK, WD, XSD

_PROPS = {RK[p.name]: p for p in vocab.PROPERTIES}
_DATE_TYPES = {XSD.gYear, XSD.gYearMonth, XSD.date}
_TIMES = {RK.pointInTime: "point", RK.startTime: "start", RK.endTime: "end"}

#: A time read back: a Date, or the literal as it stands when it is not a date revkg writes.
Moment = Date | str


def moment(value: str, precision: str | None = None) -> Moment:
    """A date literal read back at its precision (``"1920"`` with ``"decade"``: 1920s)."""
    try:
        date = Date.parse(value)
    except InvalidDate:
        return value
    if precision == "decade" and date.precision == "year" and date.year % 10 == 0:
        return Date(date.year, precision="decade")
    return date


def show_date(value: Moment) -> str:
    """A date as people write it, at its precision: 1920s, 1921, March 1921, 8 March 1921."""
    if isinstance(value, str):
        return value
    if value.precision == "decade":
        return f"{value.year}s"
    if value.month is None:
        return str(value.year)
    month = f"{MONTHS[value.month - 1].capitalize()} {value.year}"
    return f"{value.day} {month}" if value.day is not None else month


def _decade(value: Moment | None) -> bool:
    return isinstance(value, Date) and value.precision == "decade"


def _date_key(value: Moment) -> tuple[int, int, int]:
    if isinstance(value, str):
        return (year_of(value) or 9999, 0, 0)
    return (value.year, value.month or 0, value.day or 0)


@dataclass(frozen=True)
class When:
    """When a fact held: a point in time, a start and/or an end, or the date that is its
    object (a birth date). An end alone is never the fact's date: it reads "until 1917"."""

    point: Moment | None = None
    start: Moment | None = None
    end: Moment | None = None
    value: Moment | None = None

    @property
    def anchor(self) -> Moment | None:
        """The date the fact is placed at in time order (an end alone, if nothing else)."""
        return next((t for t in (self.point, self.start, self.end, self.value) if t), None)

    @property
    def until_only(self) -> bool:
        return self.end is not None and self.point is None and self.start is None

    def __str__(self) -> str:
        if self.point is not None:
            return show_date(self.point)
        start, end = (show_date(t) if t else "" for t in (self.start, self.end))
        if start and end:
            return start if start == end else f"{start}{' – ' if ' ' in start + end else '–'}{end}"
        if start or end:  # "from the 1920s", "until 1922"
            article = "the " if (self.start or self.end) and _decade(self.start or self.end) else ""
            return f"from {article}{start}" if start else f"until {article}{end}"
        return show_date(self.value) if self.value is not None else ""

    def order(self) -> tuple[int, tuple[int, int, int], int, tuple[int, int, int]]:
        """Sort key: dated first, by their anchor; among equals, "until" before the rest
        (it began earlier), then by end."""
        anchor = self.anchor
        if anchor is None:
            return (1, (0, 0, 0), 0, (0, 0, 0))
        end = _date_key(self.end) if self.end is not None else (0, 0, 0)
        return (0, _date_key(anchor), 0 if self.until_only else 1, end)


@dataclass(frozen=True)
class Fact:
    """One fact: subject, predicate and object, its times and the evidence for it."""

    subject: URIRef
    predicate: str  # the property's name, e.g. "memberOf"
    object: URIRef | Literal
    point: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: tuple[Evidence, ...] = ()
    statement: URIRef | None = None  # None for a direct triple without a statement node
    precision: str | None = None  # rk:timePrecision: the coarsest of the fact's dates

    @property
    def key(self) -> str:
        """The statement's IRI; ``"subject predicate object"`` for a bare triple."""
        if self.statement is not None:
            return str(self.statement)
        return f"{self.subject} {vocab.property_iri(self.predicate)} {self.object}"

    @property
    def relation(self) -> str:
        """The predicate as people read it: ``member of``."""
        return vocab.PROPERTIES_BY_NAME[self.predicate].label

    @property
    def literal(self) -> bool:
        """True when the object is a value (a date, an occupation), not an entity."""
        return isinstance(self.object, Literal)

    @property
    def time(self) -> str:
        """When: the point in time, ``start–end``, or the date that is the object."""
        if self.point is not None:
            return self.point
        if self.start is not None or self.end is not None:
            return f"{self.start or ''}–{self.end or ''}"
        if isinstance(self.object, Literal) and self.object.datatype in _DATE_TYPES:
            return str(self.object)
        return ""

    @property
    def when(self) -> When:
        """The fact's times as dates at their precision (see :class:`When`)."""
        point, start, end = (
            moment(t, self.precision) if t else None for t in (self.point, self.start, self.end)
        )
        value = None
        if isinstance(self.object, Literal) and self.object.datatype in _DATE_TYPES:
            value = moment(str(self.object), self.precision)
        return When(point, start, end, value)

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and last year of the fact's times, if it has any."""
        return year_span(t for t in (self.point, self.start, self.end) if t is not None)

    @property
    def layer(self) -> str:
        """``extracted`` when only extraction supports the fact, else ``curated``."""
        return "extracted" if {ev.method for ev in self.evidence} == {"extracted"} else "curated"

    @property
    def confidence(self) -> float:
        return max((ev.confidence for ev in self.evidence), default=1.0)


def year_of(value: str) -> int | None:
    """The year of an ISO-like date literal (``1921``, ``1921-03``, ``1921-03-08``)."""
    m = re.match(r"-?\d{4}", value.strip())
    return int(m.group()) if m else None


def year_span(values: Iterable[str]) -> tuple[int, int] | None:
    """The first and last year among date literals, or None when none has a year."""
    years = [y for y in (year_of(v) for v in values) if y is not None]
    return (min(years), max(years)) if years else None


@dataclass(frozen=True)
class Records:
    """Everything a reader shows: the entities, the facts, and names for what they cite."""

    entities: tuple[Entity, ...]  # sorted by label
    facts: tuple[Fact, ...]  # statements by IRI, then direct triples without one
    labels: Mapping[str, str]  # IRI -> label, for every subject and object of a fact
    titles: Mapping[str, str]  # essay id -> title

    def label(self, term: Node) -> str:
        return self.labels.get(str(term), str(term))

    def title(self, doc: str) -> str:
        return self.titles.get(doc, doc)

    def about(self, iri: URIRef) -> list[Fact]:
        """The facts with the entity as subject or object, in time order (see When.order):
        dated ones first, a fact with only an end date at that date, undated ones last."""
        found = [f for f in self.facts if iri in (f.subject, f.object)]
        return sorted(found, key=self._time_order)

    def _time_order(self, fact: Fact) -> tuple[object, ...]:
        return (
            fact.when.order(),
            fact.relation,
            self.label(fact.object),
            self.label(fact.subject),
            fact.key,
        )


def label(graph: Graph, term: object) -> str:
    """A readable name for an IRI or literal."""
    if isinstance(term, URIRef):
        found = graph.value(term, RDFS.label)
        return str(found) if found is not None else graph.namespace_manager.normalizeUri(term)
    return str(term)


def read_entities(graph: Graph) -> tuple[Entity, ...]:
    """Every entity of the six entity types (with revkg's IRIs), sorted by label."""
    found: dict[URIRef, Entity] = {}
    for type_name in vocab.ENTITY_TYPES:
        for iri in graph.subjects(RDF.type, RK[type_name]):
            entity_id = str(iri).rsplit("/", 1)[-1]
            base = _base_of(str(iri), type_name, entity_id)
            if iri in found or base is None:
                continue
            assert isinstance(iri, URIRef)
            found[iri] = Entity(
                entity_id,
                type_name,
                str(graph.value(iri, RDFS.label) or iri),
                str(graph.value(iri, RDFS.comment) or ""),
                tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))),
                tuple(sorted(str(a) for a in graph.objects(iri, SKOS.hiddenLabel))),
                str(graph.value(iri, SKOS.editorialNote) or ""),
                base,
                _wikidata_of(graph, iri),
                provisional=(iri, RK.provisional, Literal(True)) in graph,
            )
    return tuple(sorted(found.values(), key=lambda e: (e.label.casefold(), str(e.iri))))


def _wikidata_of(graph: Graph, iri: URIRef) -> str:
    """The Q-id of the Wikidata item an entity is owl:sameAs, or ""."""
    items = sorted(str(o) for o in graph.objects(iri, OWL.sameAs) if str(o).startswith(WD))
    return items[0].removeprefix(WD) if items else ""


def _base_of(iri: str, type_name: str, entity_id: str) -> str | None:
    """The base IRI an entity's IRI was minted under (``{base}{type}/{id}``), or None
    when the IRI does not have that form."""
    base = iri.removesuffix(f"{vocab.CLASSES_BY_NAME[type_name].slug}/{entity_id}")
    if base == iri or not base.endswith(("/", "#")) or not entity_id:
        return None
    return base


def read_records(graph: Graph) -> Records:
    """The entities and facts of a graph, with the labels and essay titles to show them."""
    titles = {
        str(doc).rsplit("/", 1)[-1]: label(graph, doc)
        for doc in graph.subjects(RDF.type, RK.Document)
    }
    stated = [
        fact
        for node in sorted(graph.subjects(RDF.type, RK.Statement), key=str)
        if (fact := _statement(graph, node, titles)) is not None
    ]
    facts = stated + _bare_triples(graph, stated)
    terms = {t for f in facts for t in (f.subject, f.object) if isinstance(t, URIRef)}
    return Records(
        read_entities(graph),
        tuple(facts),
        {str(t): label(graph, t) for t in terms},
        titles,
    )


def _statement(graph: Graph, node: Node, titles: dict[str, str]) -> Fact | None:
    found: dict[Node, list[Node]] = {}
    for pred, obj in graph.predicate_objects(node):
        found.setdefault(pred, []).append(obj)
    s, p, o = (found.get(x, [None])[0] for x in (RDF.subject, RDF.predicate, RDF.object))
    if not isinstance(p, URIRef) or p not in _PROPS:
        return None
    if not isinstance(s, URIRef) or not isinstance(o, URIRef | Literal):
        return None
    times = {name: str(found[iri][0]) for iri, name in _TIMES.items() if iri in found}
    evidence = [_evidence(graph, ev, titles) for ev in found.get(RK.hasEvidence, [])]
    evidence.sort(
        key=lambda ev: (ev.method, titles[ev.doc], ev.start or 0, ev.quote or "", ev.note)
    )
    assert isinstance(node, URIRef)
    point, start, end = (times.get(k) for k in ("point", "start", "end"))
    precision = str(found[RK.timePrecision][0]) if RK.timePrecision in found else None
    return Fact(s, _PROPS[p].name, o, point, start, end, tuple(evidence), node, precision)


def _evidence(graph: Graph, node: Node, titles: dict[str, str]) -> Evidence:
    """One evidence node read back; the title of its essay goes into ``titles``."""
    found: dict[Node, Any] = {}
    for p, o in graph.predicate_objects(node):
        found.setdefault(p, o.toPython() if isinstance(o, Literal) else o)
    essay = found.get(OA.hasSource)
    doc = str(essay).rsplit("/", 1)[-1] if essay is not None else ""
    titles.setdefault(doc, label(graph, essay))

    def text(p: URIRef) -> str | None:
        return str(found[p]) if found.get(p) is not None else None

    start, end = text(OA.start), text(OA.end)
    return Evidence(
        doc,
        text(OA.exact),
        int(start) if start is not None else None,
        int(end) if end is not None else None,
        vocab.local_name(found.get(RK.method)),
        text(RK.rule),
        float(str(found.get(RK.confidence) or 1)),
        text(RK.curatorNote) or "",
    )


def _bare_triples(graph: Graph, stated: list[Fact]) -> list[Fact]:
    """Direct fact triples that no statement node stands for (nor, for a symmetric
    relation such as "met", for its mirror image, which the build adds)."""
    covered = {(f.subject, vocab.property_iri(f.predicate), f.object) for f in stated}
    bare: list[Fact] = []
    direct = sorted((s, p, o) for p in _PROPS for s, o in graph.subject_objects(p))
    for s, p, o in direct:
        prop = _PROPS[p]
        if (s, p, o) in covered or (prop.symmetric and (o, p, s) in covered):
            continue
        if isinstance(s, URIRef) and isinstance(o, URIRef | Literal):
            covered.add((s, p, o))
            bare.append(Fact(s, prop.name, o))
    return bare
