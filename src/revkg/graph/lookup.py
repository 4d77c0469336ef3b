"""Find entities by name and list what the graph says about them, with evidence.

Pure functions over an rdflib Graph: used by ``revkg show``, by the Python API
and by the notebooks.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from .. import vocab
from ..errors import EntityNotFound
from ..text import name_key
from ..vocab import OA, RK


@dataclass(frozen=True)
class EntityInfo:
    """An entity as the graph describes it."""

    iri: URIRef
    type: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """One piece of evidence for a fact."""

    essay: str
    quote: str | None
    start: int | None
    end: int | None
    method: str
    confidence: float
    rule: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Fact:
    """A statement seen from one entity, with its times and sources."""

    statement: URIRef
    subject: str
    predicate: str
    object: str
    subject_iri: URIRef
    object_iri: URIRef | None
    time: str = ""
    sources: tuple[Source, ...] = field(default=())

    def sort_key(self) -> tuple[str, str, str]:
        return (self.time or "9999", self.predicate, self.object)


def entities(graph: Graph) -> list[EntityInfo]:
    """Every entity of the six entity types, sorted by label."""
    found = []
    for type_name in vocab.ENTITY_TYPES:
        for iri in graph.subjects(RDF.type, RK[type_name]):
            assert isinstance(iri, URIRef)
            found.append(
                EntityInfo(
                    iri,
                    type_name,
                    str(graph.value(iri, RDFS.label) or iri),
                    str(graph.value(iri, RDFS.comment) or ""),
                    tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))),
                    tuple(sorted(str(a) for a in graph.objects(iri, SKOS.hiddenLabel))),
                )
            )
    return sorted(found, key=lambda e: (e.label.casefold(), str(e.iri)))


def find_entity(graph: Graph, name: str) -> EntityInfo:
    """The entity whose label, alias or IRI is ``name`` (case-insensitive).

    A label match wins over an alias match; several alias matches prefer people.
    Raises EntityNotFound with near matches when nothing fits.
    """
    known = entities(graph)
    wanted = name_key(name)
    for pick in (
        lambda e: [e.label],
        lambda e: [*e.aliases, *e.misspellings],
        lambda e: [str(e.iri), str(e.iri).rsplit("/", 1)[-1]],
    ):
        hits = [e for e in known if wanted in {name_key(n) for n in pick(e)}]
        if hits:
            order = {t: i for i, t in enumerate(vocab.ENTITY_TYPES)}
            return sorted(hits, key=lambda e: order[e.type])[0]
    names = {name_key(n): n for e in known for n in (e.label, *e.aliases)}
    near = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    near += [names[k] for k in names if wanted in k and names[k] not in near][: 5 - len(near)]
    raise EntityNotFound(name, [names.get(k, k) for k in near])


def label(graph: Graph, term: object) -> str:
    """A readable name for an IRI or literal."""
    if isinstance(term, URIRef):
        found = graph.value(term, RDFS.label)
        return str(found) if found is not None else graph.namespace_manager.normalizeUri(term)
    return str(term)


def facts(graph: Graph, iri: URIRef) -> list[Fact]:
    """Every statement with the entity as subject or object, in time order."""
    nodes = set(graph.subjects(RDF.subject, iri)) | set(graph.subjects(RDF.object, iri))
    found = [fact(graph, node) for node in nodes if (node, RDF.type, RK.Statement) in graph]
    return sorted(found, key=Fact.sort_key)


def fact(graph: Graph, node: object) -> Fact:
    """One statement node read back as a Fact."""
    assert isinstance(node, URIRef)
    s, p, o = (graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    assert isinstance(s, URIRef) and isinstance(p, URIRef)
    return Fact(
        node,
        label(graph, s),
        label(graph, p),
        label(graph, o),
        s,
        o if isinstance(o, URIRef) else None,
        _time(graph, node),
        tuple(
            sorted(
                (source(graph, ev) for ev in graph.objects(node, RK.hasEvidence)),
                key=lambda src: (src.method, src.essay, src.start or 0),
            )
        ),
    )


def _time(graph: Graph, node: URIRef) -> str:
    point = graph.value(node, RK.pointInTime)
    start, end = graph.value(node, RK.startTime), graph.value(node, RK.endTime)
    if point is not None:
        return str(point)
    if start is not None or end is not None:
        return f"{start or ''}–{end or ''}"
    obj = graph.value(node, RDF.object)
    return str(obj) if isinstance(obj, Literal) and obj.datatype in _DATE_TYPES else ""


_DATE_TYPES = {vocab.XSD.gYear, vocab.XSD.gYearMonth, vocab.XSD.date}


def source(graph: Graph, ev: Node) -> Source:
    """One evidence node read back as a Source."""

    def value(p: URIRef) -> object:
        found = graph.value(ev, p)
        return found.toPython() if isinstance(found, Literal) else found

    essay = graph.value(ev, OA.hasSource)
    method = graph.value(ev, RK.method)
    quote, start, end = value(OA.exact), value(OA.start), value(OA.end)
    rule, note = value(RK.rule), value(RK.curatorNote)
    return Source(
        essay=label(graph, essay),
        quote=str(quote) if quote is not None else None,
        start=int(str(start)) if start is not None else None,
        end=int(str(end)) if end is not None else None,
        method=vocab.local_name(method),
        confidence=float(str(value(RK.confidence) or 1)),
        rule=str(rule) if rule is not None else None,
        note=str(note) if note is not None else None,
    )
