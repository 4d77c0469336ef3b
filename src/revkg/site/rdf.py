"""The RDF behind a page: an entity (or essay) with its facts and their evidence.

``describe(graph, iri)`` gathers, by triple patterns on the built graph:

* every triple about the IRI, and every direct fact triple that points at it;
* each statement node with the IRI as subject or object, and each of its evidence nodes;
* the label and type of every other entity or essay these name, so a reader of the
  Turtle sees names, not only IRIs.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from .. import vocab
from ..graph.jsonld import to_jsonld
from ..vocab import RK

FORMATS = {
    "turtle": ("ttl", "text/turtle; charset=utf-8"),
    "jsonld": ("jsonld", "application/ld+json"),
}


def describe(graph: Graph, iri: URIRef) -> Graph:
    """The triples a page's RDF holds (see the module's description)."""
    out = Graph()
    vocab.bind_prefixes(out)
    for triple in graph.triples((iri, None, None)):
        out.add(triple)
    statements: set[Node] = set()
    for s, p, o in graph.triples((None, None, iri)):
        if p in (RDF.subject, RDF.object):
            statements.add(s)
        elif p != RDF.type:
            out.add((s, p, o))
    for st in sorted(statements, key=str):
        for triple in graph.triples((st, None, None)):
            out.add(triple)
        for ev in graph.objects(st, RK.hasEvidence):
            for triple in graph.triples((ev, None, None)):
                out.add(triple)
    _name_the_rest(graph, out, iri)
    return out


def _name_the_rest(graph: Graph, out: Graph, iri: URIRef) -> None:
    named = {t for triple in out for t in triple if isinstance(t, URIRef) and t != iri}
    for term in sorted(named, key=str):
        if not str(term).startswith(vocab.BASE_IRI) or str(term).startswith(vocab.VOCAB_IRI):
            continue
        for label in graph.objects(term, RDFS.label):
            out.add((term, RDFS.label, label))
        for kind in graph.objects(term, RDF.type):
            if kind not in (RK.Statement, RK.Evidence):
                out.add((term, RDF.type, kind))


def serialize(graph: Graph, iri: URIRef, fmt: str) -> str:
    """The description of ``iri`` as Turtle (``turtle``) or JSON-LD (``jsonld``)."""
    found = describe(graph, iri)
    if fmt == "jsonld":
        return to_jsonld(found)
    return found.serialize(format="turtle")
