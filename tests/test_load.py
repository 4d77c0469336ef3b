"""Reading the built graph back: Turtle and TriG give the same layers, for every reader."""

from __future__ import annotations

import pytest
from rdflib import Graph

from revkg import vocab
from revkg.api import load
from revkg.graph.load import read_dataset, read_graph
from revkg.project import Project
from revkg.sparql.store import open_store

pytestmark = pytest.mark.slow  # each test reads a built graph

LAYER_SIZES = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def _layers(ds: object) -> dict[str, set]:
    return {name: set(ds.graph(iri)) for name, iri in vocab.LAYERS.items()}  # type: ignore[attr-defined]


def test_turtle_and_trig_give_the_same_triples_in_each_layer(built_project: Project) -> None:
    from_trig, from_turtle = (
        _layers(read_dataset(built_project.trig)),
        _layers(read_dataset(built_project.turtle)),
    )
    assert all(from_trig.values())
    assert from_turtle == from_trig


def test_read_graph_is_the_union_of_the_layers(built_project: Project) -> None:
    union = Graph().parse(built_project.turtle, format="turtle")
    for path in (built_project.turtle, built_project.trig):
        assert set(read_graph(path)) == set(union)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_stores_over_either_file_see_the_same_layers(built_project: Project, engine: str) -> None:
    sizes = [
        open_store(path, engine=engine).run(LAYER_SIZES).rows
        for path in (built_project.trig, built_project.turtle)
    ]
    assert len(sizes[0]) == 3 and sizes[0] == sizes[1]


def test_load_keeps_the_layers_of_a_turtle_file(built_project: Project) -> None:
    kg = load(built_project.turtle, store="rdflib")
    extracted = kg.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{vocab.GRAPH_EXTRACTED}> {{ ?s ?p ?o }} }}"
    )
    assert extracted["n"].iloc[0] == len(
        read_dataset(built_project.trig).graph(vocab.GRAPH_EXTRACTED)
    )
    assert _layers(kg.dataset) == _layers(read_dataset(built_project.trig))


def test_the_union_view_reads_as_the_union_copy_and_follows_the_dataset(
    built_project: Project,
) -> None:
    from rdflib import RDF, RDFS, URIRef
    from rdflib.paths import OneOrMore

    from revkg.graph.load import UnionView, union_graph

    ds = read_dataset(built_project.trig)
    view, copy = UnionView(ds), union_graph(ds)
    assert len(view) == len(copy) == len(set(copy))
    assert set(view) == set(copy)
    person = vocab.RK.Person
    assert set(view.subjects(RDF.type, person)) == set(copy.subjects(RDF.type, person))
    path = RDF.type / (RDFS.subClassOf * OneOrMore)  # property paths read through the view
    assert set(view.subject_objects(path)) == set(copy.subject_objects(path)) != set()
    # a triple in two layers is one triple of the union
    some = next(iter(ds.graph(vocab.GRAPH_CURATED)))
    ds.graph(vocab.GRAPH_EXTRACTED).add(some)
    assert len(view) == len(copy)
    new = (URIRef("https://example.org/a"), RDF.type, person)
    ds.graph(vocab.GRAPH_EXTRACTED).add(new)
    assert new in view and len(view) == len(copy) + 1
    with pytest.raises(TypeError, match="read-only"):
        view.add(new)
