"""The vocabulary as RDF: the ontology graph written to graph/ontology.ttl.

Made from the tables in :mod:`revkg.vocab`, so the published vocabulary, its
documentation and its checks cannot drift apart.
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..vocab import (
    DATE,
    ENTITY_CLASSES,
    META_LINKS,
    META_MAPPINGS,
    META_PROPERTIES,
    METHODS,
    OTHER_CLASSES,
    PROPERTIES,
    RK,
    SCHEMA,
    TEXT,
    VOCAB_IRI,
    WD,
    WDT,
    ClassDef,
    PropertyDef,
    bind_prefixes,
)


def ontology_graph() -> Graph:
    """The vocabulary as RDF: classes and properties with labels, comments and mappings."""
    g = Graph()
    bind_prefixes(g)
    onto = URIRef(VOCAB_IRI.rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("revkg vocabulary")))
    _add_header(g, onto)
    g.add(
        (
            onto,
            RDFS.comment,
            Literal(
                "Classes and properties of the revkg knowledge graph. Each fact is a direct "
                "triple and also an rk:Statement node (rdf:subject/rdf:predicate/rdf:object) "
                "with time qualifiers and rk:hasEvidence links to rk:Evidence nodes carrying "
                "the essay (oa:hasSource), the quote (oa:exact) and its character offsets "
                "(oa:start, oa:end); each quoted rk:Evidence is also an oa:Annotation whose "
                "oa:hasTarget selects the passage with an oa:TextQuoteSelector and an "
                "oa:TextPositionSelector."
            ),
        )
    )
    for c in ENTITY_CLASSES + OTHER_CLASSES:
        _add_class(g, c)
    for p in PROPERTIES:
        _add_property(g, p)
    for name, comment in META_PROPERTIES.items():
        iri = RK[name]
        g.add((iri, RDF.type, OWL.ObjectProperty if name in META_LINKS else OWL.DatatypeProperty))
        g.add((iri, RDFS.label, Literal(_words(name))))
        g.add((iri, RDFS.comment, Literal(comment)))
        if name in META_MAPPINGS:
            g.add((iri, SKOS.exactMatch, WDT[META_MAPPINGS[name]]))
        if name in META_LINKS:
            g.add((iri, RDFS.subPropertyOf, META_LINKS[name]))
    for m in METHODS:
        g.add((RK[m], RDF.type, RK.Method))
        g.add((RK[m], RDFS.label, Literal(m)))
    return g


#: Who made the vocabulary and under which licence (the repository's LICENSE).
CREATOR = URIRef("https://w3id.org/revkg/agent/revkg-contributors")
LICENCE = URIRef("http://spdx.org/licenses/MIT")


def _add_header(g: Graph, onto: URIRef) -> None:
    """The ontology's version (revkg's), licence and creator."""
    from importlib import metadata

    try:
        version = metadata.version("revkg")
    except metadata.PackageNotFoundError:
        version = "unknown"
    g.add((onto, OWL.versionInfo, Literal(version)))
    g.add((onto, DCTERMS.license, LICENCE))
    g.add((onto, DCTERMS.creator, CREATOR))  # the agent revkg's own graph names as curator


def _add_class(g: Graph, c: ClassDef) -> None:
    iri = RK[c.name]
    g.add((iri, RDF.type, OWL.Class))
    g.add((iri, RDFS.label, Literal(c.label)))
    g.add((iri, RDFS.comment, Literal(c.comment)))
    if c.schema:
        g.add((iri, SKOS.closeMatch, SCHEMA[c.schema]))
    if c.wikidata:
        g.add((iri, SKOS.closeMatch, WD[c.wikidata]))
    if c.subclass_of:
        g.add((iri, RDFS.subClassOf, c.subclass_of))


def _add_property(g: Graph, p: PropertyDef) -> None:
    iri = RK[p.name]
    g.add((iri, RDF.type, OWL.DatatypeProperty if p.literal else OWL.ObjectProperty))
    if p.symmetric:
        g.add((iri, RDF.type, OWL.SymmetricProperty))
    g.add((iri, RDFS.label, Literal(p.label)))
    g.add((iri, RDFS.comment, Literal(_mapping_comment(p))))
    for d in p.domain:
        g.add((iri, SCHEMA.domainIncludes, RK[d]))
    for r in p.range:
        g.add(
            (
                iri,
                SCHEMA.rangeIncludes,
                XSD.string if r == TEXT else XSD.gYear if r == DATE else RK[r],
            )
        )
    if p.schema:
        g.add((iri, OWL.inverseOf if p.schema_inverse else SKOS.closeMatch, SCHEMA[p.schema]))
    if p.wikidata:
        g.add((iri, OWL.inverseOf if p.wikidata_inverse else SKOS.closeMatch, WDT[p.wikidata]))


def _mapping_comment(p: PropertyDef) -> str:
    parts = [p.comment]
    if p.schema:
        rel = "the inverse of" if p.schema_inverse else "close to"
        parts.append(f"schema.org: {rel} schema:{p.schema}.")
    if p.wikidata:
        rel = "the inverse of" if p.wikidata_inverse else "close to"
        parts.append(f"Wikidata: {rel} {p.wikidata}.")
    return " ".join(parts)


def _words(name: str) -> str:
    return "".join(" " + ch.lower() if ch.isupper() else ch for ch in name)
