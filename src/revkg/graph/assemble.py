"""Records -> rdflib Dataset with named graphs (written out by :mod:`.serialize`).

Each fact is written twice, Wikidata style:

* a direct triple ``person:gavril-myasnikov rk:memberOf org:bolsheviks``, so simple
  queries stay simple, and
* a statement node ``stmt:<hash>`` with ``rdf:subject``/``rdf:predicate``/``rdf:object``,
  time qualifiers (``rk:pointInTime``, ``rk:startTime``, ``rk:endTime``,
  ``rk:timePrecision``) and one ``rk:hasEvidence`` link per source, each an
  ``rk:Evidence`` node with the essay (``oa:hasSource``), the quote (``oa:exact``),
  offsets (``oa:start``/``oa:end``), ``rk:method``, ``rk:rule`` and ``rk:confidence``.

Curated evidence goes into the curated named graph, extracted evidence into the
extracted one; a fact with both kinds of support appears in both. No blank nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .. import vocab
from ..model import (
    PRECISIONS,
    Date,
    Document,
    Entity,
    Evidence,
    Statement,
    statement_iri,
)
from ..vocab import RK, SCHEMA
from .load import union_graph as union_graph  # the layers as one graph, for writers too
from .ontology import ontology_graph
from .provenance import DEFAULT, Provenance, add_agent, add_evidence, date_term, licence_term


def date_literal(date: Date) -> Literal:
    """xsd:gYear for years and decades, xsd:gYearMonth for months, xsd:date for days."""
    if date.precision == "day":
        return Literal(date.iso(), datatype=XSD.date)
    if date.precision == "month":
        return Literal(date.iso(), datatype=XSD.gYearMonth)
    return Literal(f"{date.year:04d}", datatype=XSD.gYear)


def build_dataset(
    documents: Iterable[Document],
    entities: Iterable[Entity],
    statements: Iterable[Statement],
    prov: Provenance = DEFAULT,
) -> Dataset:
    """The whole graph: ontology, curated and extracted layers as named graphs."""
    registry = {e.id: e for e in entities}
    documents = list(documents)
    prov = _with_texts(prov, documents)
    ds = _base_dataset(documents, registry, prov)
    merged = merge_statements(statements)
    _add_layer(ds.graph(vocab.GRAPH_CURATED), "curated", merged, registry, prov)
    _add_provisional(ds.graph(vocab.GRAPH_EXTRACTED), registry)
    _add_layer(ds.graph(vocab.GRAPH_EXTRACTED), "extracted", merged, registry, prov)
    return ds


def curated_dataset(
    documents: Iterable[Document],
    entities: Iterable[Entity],
    statements: Iterable[Statement],
    prov: Provenance = DEFAULT,
) -> Dataset:
    """The ontology and curated layers: documents, entities and curated evidence.

    Extraction never changes these layers: a fact it also finds keeps the curated
    statement node, and its own evidence goes into the extracted layer. So they can
    be built from the curated statements alone, before extraction has finished.
    """
    registry = {e.id: e for e in entities}
    documents = list(documents)
    prov = _with_texts(prov, documents)
    ds = _base_dataset(documents, registry, prov)
    curated = merge_statements(statements)
    _add_layer(ds.graph(vocab.GRAPH_CURATED), "curated", curated, registry, prov)
    return ds


def add_extracted_layer(
    ds: Dataset,
    entities: Iterable[Entity],
    statements: Iterable[Statement],
    prov: Provenance = DEFAULT,
) -> Dataset:
    """Add the extracted layer: the extracted evidence of every fact in ``statements``
    (curated and extracted together, so that extraction can support curated facts)."""
    registry = {e.id: e for e in entities}
    merged = merge_statements(statements)
    extracted = ds.graph(vocab.GRAPH_EXTRACTED)
    _add_provisional(extracted, registry)
    _add_layer(extracted, "extracted", merged, registry, prov)
    return ds


def _add_provisional(graph: Graph, registry: Mapping[str, Entity]) -> None:
    """Entities extraction proposed, in the extracted layer, marked rk:provisional."""
    for entity in registry.values():
        if entity.provisional:
            add_entity(graph, entity)
            graph.add((entity.iri, RK.provisional, Literal(True)))


def _with_texts(prov: Provenance, documents: list[Document]) -> Provenance:
    """``prov`` with the essays' texts, for the context around each quote."""
    return replace(prov, texts={**{d.id: d.text for d in documents}, **prov.texts})


def _base_dataset(
    documents: Iterable[Document], registry: Mapping[str, Entity], prov: Provenance
) -> Dataset:
    """The ontology layer, and the documents and entities in the curated layer."""
    ds = vocab.new_dataset(prov.base)
    ontology = ds.graph(vocab.GRAPH_ONTOLOGY)
    for triple in ontology_graph():
        ontology.add(triple)
    curated = ds.graph(vocab.GRAPH_CURATED)
    for doc in documents:
        add_document(curated, doc, prov)
    for entity in registry.values():
        if not entity.provisional:
            add_entity(curated, entity)
    return ds


def _add_layer(
    graph: Graph,
    method: str,
    merged: list[Statement],
    registry: Mapping[str, Entity],
    prov: Provenance,
) -> None:
    """The evidence of ``method`` of each merged fact, with the fact's statement node."""
    for st in merged:
        evidence = [ev for ev in st.evidence if ev.method == method]
        if evidence:
            add_statement(graph, st, evidence, registry, prov)


def merge_statements(statements: Iterable[Statement]) -> list[Statement]:
    """One statement per fact, with the evidence of all its sources, in a stable order.

    Statements with the same key are one fact. An extracted statement whose times are
    compatible with exactly one curated statement of the same subject, predicate and
    object (each of its times missing or equal) also joins it: "joined the party in
    1906" found by a rule supports the curated membership from 1906 to 1922.
    """
    first: dict[tuple[str, ...], Statement] = {}
    evidence: dict[tuple[str, ...], dict[str, Evidence]] = {}  # by fact, then evidence key
    for st in statements:
        key = st.key()
        first.setdefault(key, st)
        found = evidence.setdefault(key, {})
        for ev in st.evidence:
            found.setdefault(ev.key(), ev)
    curated: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # by subject, predicate, object
    for key, found in evidence.items():
        if _is_curated(found.values()):
            curated.setdefault(key[:3], []).append(key)
    for key in sorted(first):
        if _is_curated(evidence[key].values()):
            continue
        hosts = [k for k in curated.get(key[:3], ()) if _supports(first[key], first[k])]
        if len(hosts) == 1:
            for ev_key, ev in evidence.pop(key).items():
                evidence[hosts[0]].setdefault(ev_key, ev)
            del first[key]
    return [replace(first[k], evidence=tuple(evidence[k].values())) for k in sorted(first)]


def _is_curated(evidence: Iterable[Evidence]) -> bool:
    return any(ev.method == "curated" for ev in evidence)


def _supports(extracted: Statement, curated: Statement) -> bool:
    """True when ``extracted`` has the same subject, predicate and object as the curated
    fact ``curated``, and compatible times (the caller knows that it is curated)."""
    if extracted.key()[:3] != curated.key()[:3]:
        return False
    pairs = (
        (extracted.point_in_time, curated.point_in_time),
        (extracted.start, curated.start),
        (extracted.end, curated.end),
    )
    return all(mine is None or mine == theirs for mine, theirs in pairs)


def add_document(graph: Graph, doc: Document, prov: Provenance = DEFAULT) -> None:
    iri = vocab.document_iri(doc.id, prov.base)
    graph.add((iri, RDF.type, RK.Document))
    graph.add((iri, RDFS.label, Literal(doc.title)))
    graph.add((iri, DCTERMS.title, Literal(doc.title)))
    graph.add((iri, RK.file, Literal(doc.file)))
    graph.add((iri, RK.sha256, Literal(doc.sha256)))
    if doc.author:
        author = add_agent(graph, doc.author, prov)
        graph.add((iri, DCTERMS.creator, author))
        graph.add((iri, SCHEMA.author, author))
    if doc.date:
        graph.add((iri, DCTERMS.date, date_term(doc.date)))
    if doc.url:
        graph.add((iri, SCHEMA.url, URIRef(doc.url)))
    if doc.licence:
        graph.add((iri, DCTERMS.license, licence_term(doc.licence)))
    graph.add((iri, DCTERMS.language, Literal(doc.language, datatype=XSD.language)))
    graph.add((iri, SCHEMA.inLanguage, Literal(doc.language)))


def add_entity(graph: Graph, entity: Entity) -> None:
    iri = entity.iri
    graph.add((iri, RDF.type, RK[entity.type]))
    graph.add((iri, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    for spelling in entity.misspellings:
        graph.add((iri, SKOS.hiddenLabel, Literal(spelling)))
    if entity.description:
        graph.add((iri, RDFS.comment, Literal(entity.description)))
    if entity.note:
        graph.add((iri, SKOS.editorialNote, Literal(entity.note)))
    if entity.wikidata_iri is not None:
        graph.add((iri, OWL.sameAs, entity.wikidata_iri))


def object_term(st: Statement, registry: Mapping[str, Entity]) -> URIRef | Literal:
    """The object of a statement as an RDF term: an entity IRI or a literal."""
    if st.object is not None:
        return registry[st.object].iri
    if isinstance(st.value, Date):
        return date_literal(st.value)
    return Literal(str(st.value))


def add_statement(
    graph: Graph,
    st: Statement,
    evidence: Iterable[Evidence],
    registry: Mapping[str, Entity],
    prov: Provenance = DEFAULT,
) -> URIRef:
    """The direct triple, the statement node and its evidence nodes."""
    subject = registry[st.subject].iri
    predicate = vocab.property_iri(st.predicate)
    obj = object_term(st, registry)
    graph.add((subject, predicate, obj))
    if vocab.PROPERTIES_BY_NAME[st.predicate].symmetric:
        graph.add((obj, predicate, subject))
    node = statement_iri(subject, st.predicate, st.key(), prov.base)
    graph.add((node, RDF.type, RK.Statement))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    for prop, date in (
        (RK.pointInTime, st.point_in_time),
        (RK.startTime, st.start),
        (RK.endTime, st.end),
    ):
        if date is not None:
            graph.add((node, prop, date_literal(date)))
    precision = _coarsest(st.times() or ((st.value,) if isinstance(st.value, Date) else ()))
    if precision:
        graph.add((node, RK.timePrecision, Literal(precision)))
    for ev in evidence:
        graph.add((node, RK.hasEvidence, add_evidence(graph, node, ev, prov)))
    return node


def _coarsest(dates: Iterable[object]) -> str | None:
    found = [d.precision for d in dates if isinstance(d, Date)]
    return min(found, key=PRECISIONS.index) if found else None
