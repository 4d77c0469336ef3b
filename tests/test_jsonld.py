"""The graph as JSON-LD: every triple, compacted with revkg's prefixes, in a fixed order."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from revkg.graph.bulk import write_rdf
from revkg.graph.jsonld import context, to_jsonld
from revkg.graph.load import read_graph
from revkg.project import Project


def test_the_projects_graph_as_json_ld_has_every_triple_in_a_fixed_order(
    built_project: Project,
) -> None:
    union = read_graph(built_project.turtle)
    text = to_jsonld(union)
    assert len(Graph().parse(data=text, format="json-ld")) == len(union)
    shuffled = Graph()
    for triple in sorted(union, reverse=True):  # the same triples, added in another order
        shuffled.add(triple)
    assert to_jsonld(shuffled) == text


def test_json_ld_is_compacted_with_the_prefixes() -> None:
    g = Graph()
    person = URIRef("https://w3id.org/revkg/person/gavril-myasnikov")
    g.add((person, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Myasnikov")))
    assert to_jsonld(g) == to_jsonld(g)
    assert '"@id": "person:gavril-myasnikov"' in to_jsonld(g)
    assert '"rdfs:label": "Myasnikov"' in to_jsonld(g)
    assert context()["rk"] == "https://w3id.org/revkg/vocab#"
    assert '"@graph": []' in to_jsonld(Graph())


def test_rdf_streams_to_an_open_binary_file(built_project: Project) -> None:
    out = io.BytesIO()
    count = write_rdf(built_project.trig, out, "nquads")
    assert count == len(list(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)))
