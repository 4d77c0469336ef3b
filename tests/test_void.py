"""The dataset's description (VoID and DCAT) in graph/void.ttl and at /.well-known/void,
and the ontology's header."""

from __future__ import annotations

from rdflib import OWL, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD
from werkzeug.test import Client

from revkg.graph.load import read_dataset, read_graph
from revkg.graph.void import void_turtle
from revkg.sources.seeds import load_corpus
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

DATASET = URIRef("https://w3id.org/revkg/dataset")


def test_the_description_counts_what_the_graph_holds(built_project):
    void = Graph().parse(built_project.void)
    graph = read_graph(built_project.turtle)
    assert {DCAT.Dataset, VOID.Dataset} <= set(void.objects(DATASET, RDF.type))
    assert void.value(DATASET, VOID.triples).toPython() == len(graph)
    assert void.value(DATASET, VOID.entities).toPython() == 194
    linkset = void.value(DATASET, VOID.subset)
    assert void.value(linkset, VOID.linkPredicate) == OWL.sameAs
    assert void.value(linkset, VOID.triples).toPython() == 23
    assert len(set(void.objects(DATASET, DCTERMS.source))) == 3
    assert len(set(void.objects(DATASET, VOID.exampleResource))) == 3
    assert void.value(DATASET, DCTERMS.title) == Literal("revkg: the Russian Revolution")
    assert void.value(DATASET, DCTERMS.license) == URIRef("http://spdx.org/licenses/MIT")
    assert void.value(DATASET, DCTERMS.issued) == Literal("2026-11-24", datatype=XSD.date)
    assert void.value(DATASET, DCTERMS.modified) == Literal("2026-11-24", datatype=XSD.date)
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:8917/sparql")


def test_modified_comes_from_the_essays_not_the_clock(built_project):
    from dataclasses import replace

    corpus = load_corpus(built_project.seeds_dir)
    dated = [replace(doc, date="2027-03-08") for doc in corpus.values()]
    graph = read_graph(built_project.turtle)
    text = void_turtle(graph, built_project.config, dated, "https://w3id.org/revkg/")
    assert text == void_turtle(graph, built_project.config, dated, "https://w3id.org/revkg/")
    void = Graph().parse(data=text, format="turtle")
    assert void.value(DATASET, DCTERMS.modified) == Literal("2027-03-08", datatype=XSD.date)


def test_serve_answers_the_description_with_its_own_address(built_project):
    store = RdflibStore(read_dataset(built_project.trig))
    void = built_project.void.read_text(encoding="utf-8")
    client = Client(guarded(Endpoint(Direct(store), void=void), host="127.0.0.1"))
    response = client.get("/.well-known/void", headers={"Host": "127.0.0.1:9000"})
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    served = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert served.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:9000/sparql")
    none = Client(guarded(Endpoint(Direct(store)), host="127.0.0.1"))
    assert none.get("/.well-known/void", headers={"Host": "127.0.0.1"}).status_code == 404


def test_the_ontology_states_its_version_licence_and_creator(built_project):
    ontology = Graph().parse(built_project.ontology)
    onto = URIRef("https://w3id.org/revkg/vocab")
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert ontology.value(onto, DCTERMS.license) == URIRef("http://spdx.org/licenses/MIT")
    assert ontology.value(onto, DCTERMS.creator) is not None
