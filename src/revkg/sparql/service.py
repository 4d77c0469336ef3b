"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query)."""

from __future__ import annotations

from rdflib import RDF, Graph, Namespace, URIRef

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def service_description(endpoint: str, fmt: str = "turtle") -> str:
    """What the endpoint at ``endpoint`` offers, as Turtle or RDF/XML (``fmt="xml"``)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"):
        g.add((service, SD.resultFormat, FORMATS[name]))
    for name in ("SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        g.add((service, SD.resultFormat, FORMATS[name]))
    return g.serialize(format=fmt)
