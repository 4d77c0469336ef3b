"""The dataset described in VoID and DCAT: graph/void.ttl, served at /.well-known/void.

Title, description, licence, creators and curator come from revkg.toml; the sources
are the essays; the counts (triples, entities per class, links to Wikidata) and the
example resources come from the graph. ``dcterms:modified`` is the latest of the
config's ``issued`` and the essays' dates: taken from the data, never from the clock,
so two builds of the same input give the same file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, VOID

from .. import vocab
from ..model import Document
from ..project import Config
from ..vocab import RK, WD
from .provenance import Provenance, add_agent, licence_term

#: Where ``revkg serve`` answers by default; the served description names the real one.
LOCAL_ENDPOINT = "http://127.0.0.1:8917/sparql"
#: How many example resources the description names.
EXAMPLES = 3


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{base}dataset")


def void_graph(
    graph: Graph, config: Config, documents: Iterable[Document], base: str = vocab.BASE_IRI
) -> Graph:
    """The description of the built ``graph`` (the union of its layers)."""
    documents = list(documents)
    out = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        out.bind(prefix, ns)
    vocab.bind_prefixes(out, base)
    node = dataset_iri(base)
    out.add((node, RDF.type, VOID.Dataset))
    out.add((node, RDF.type, DCAT.Dataset))
    _describe(out, node, config, documents, Provenance(base))
    _count(out, node, graph, base)
    out.add((node, VOID.sparqlEndpoint, URIRef(LOCAL_ENDPOINT)))
    out.add((node, VOID.uriSpace, Literal(base)))
    for used in (vocab.VOCAB_IRI, str(vocab.OA), "http://www.w3.org/ns/prov#", str(vocab.SCHEMA)):
        out.add((node, VOID.vocabulary, URIRef(used)))
    return out


def _describe(
    out: Graph, node: URIRef, config: Config, documents: list[Document], prov: Provenance
) -> None:
    """Title, description, licence, people, sources and dates."""
    out.add((node, DCTERMS.title, Literal(config.title)))
    if config.description:
        out.add((node, DCTERMS.description, Literal(config.description)))
    if config.licence:
        out.add((node, DCTERMS.license, licence_term(config.licence)))
    for author in config.authors:
        out.add((node, DCTERMS.creator, add_agent(out, author, prov)))
    if config.curator:
        out.add((node, DCTERMS.contributor, add_agent(out, config.curator, prov)))
    for doc in documents:
        essay = vocab.document_iri(doc.id, prov.base)
        out.add((node, DCTERMS.source, essay))
        out.add((essay, RDFS.label, Literal(doc.title)))
    if config.issued:
        out.add((node, DCTERMS.issued, Literal(config.issued, datatype=XSD.date)))
    modified = _modified(config.issued, documents)
    if modified:
        out.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.date)))


def _modified(issued: str, documents: list[Document]) -> str:
    """The latest full date among ``issued`` and the essays' dates, or ""."""
    dates = [d for d in (issued, *(doc.date for doc in documents)) if _DAY.fullmatch(d)]
    return max(dates, default="")


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _count(out: Graph, node: URIRef, graph: Graph, base: str) -> None:
    """Triples, entities (per class), links to Wikidata, and the best-connected entities
    as examples."""
    out.add((node, VOID.triples, Literal(len(graph))))
    entities = {
        s: c.name for c in vocab.ENTITY_CLASSES for s in graph.subjects(RDF.type, RK[c.name])
    }
    out.add((node, VOID.entities, Literal(len(entities))))
    for name, count in sorted(Counter(entities.values()).items()):
        part = URIRef(f"{node}/class/{name}")
        out.add((node, VOID.classPartition, part))
        out.add((part, URIRef(f"{VOID}class"), RK[name]))
        out.add((part, VOID.entities, Literal(count)))
    links = [(s, o) for s, o in graph.subject_objects(OWL.sameAs) if str(o).startswith(WD)]
    linkset = URIRef(f"{node}/wikidata")
    out.add((node, VOID.subset, linkset))
    out.add((linkset, RDF.type, VOID.Linkset))
    out.add((linkset, VOID.linkPredicate, OWL.sameAs))
    out.add((linkset, VOID.subjectsTarget, node))
    out.add((linkset, VOID.objectsTarget, URIRef("https://www.wikidata.org/")))
    out.add((linkset, VOID.triples, Literal(len(links))))
    degree = Counter(graph.objects(None, RDF.subject))  # statements about each entity
    degree.update(o for o in graph.objects(None, RDF.object) if o in entities)
    ranked = sorted(entities, key=lambda e: (-degree[e], str(e)))
    for example in ranked[:EXAMPLES]:
        out.add((node, VOID.exampleResource, example))


def void_turtle(graph: Graph, config: Config, documents: Iterable[Document], base: str) -> str:
    """graph/void.ttl: the description as Turtle (rdflib writes subjects and properties
    in sorted order, so the same graph gives the same bytes)."""
    return void_graph(graph, config, documents, base).serialize(format="turtle")
