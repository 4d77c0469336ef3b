from pathlib import Path

import pyoxigraph as ox
from rdflib import RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef

from revkg.graph.assemble import build_dataset
from revkg.graph.bulk import (
    convert,
    dataset_to_store,
    dump_store,
    load_store,
    rdflib_nquads,
    to_nquads,
)
from revkg.project import Project
from revkg.sources.synthetic import synthetic_corpus


def test_nquads_export_streams_every_quad_and_loads_back(built_project: Project, tmp_path: Path):
    out = tmp_path / "revkg.nq"
    written = convert(built_project.trig, out, "nquads")
    ds = Dataset().parse(built_project.trig, format="trig")
    expected = len(list(ds.quads((None, None, None, None))))
    assert written == expected
    store = ox.Store()
    store.bulk_load(path=out, format=ox.RdfFormat.N_QUADS)
    assert len(store) == expected


def test_ntriples_and_turtle_hold_the_union_without_duplicates(
    built_project: Project, tmp_path: Path
):
    union = Graph().parse(built_project.turtle, format="turtle")
    for fmt, name in (("ntriples", "g.nt"), ("turtle", "g.ttl")):
        n = convert(built_project.trig, tmp_path / name, fmt)
        assert n == len(union)
        assert len(Graph().parse(tmp_path / name)) == len(union)


def test_a_dataset_copied_into_oxigraph_keeps_its_layers(tmp_path: Path):
    corpus = synthetic_corpus(1, 30, seed=2)
    ds = build_dataset(corpus.documents, corpus.entities, corpus.statements)
    store = dataset_to_store(ds)
    assert len(store) == len(list(ds.quads((None, None, None, None))))
    dump_store(store, tmp_path / "x.trig", "trig")
    assert len(load_store(tmp_path / "x.trig")) == len(store)
    assert {str(g.value) for g in store.named_graphs()} >= {
        "https://w3id.org/revkg/graph/curated",
        "https://w3id.org/revkg/graph/ontology",
    }


def test_export_command_writes_nquads_that_load_with_the_same_count(
    run_cli, built_project, tmp_path: Path
):
    out = tmp_path / "all.nq"
    result = run_cli(
        "--project", str(built_project.root), "export", "--format", "nquads", "--output", str(out)
    )
    assert result.exit_code == 0, result.stderr
    store = ox.Store()
    store.bulk_load(path=out, format=ox.RdfFormat.N_QUADS)
    expected = len(list(Dataset().parse(built_project.trig, format="trig").quads()))
    assert len(store) == expected
    assert f"({expected} quads)" in result.stderr


def test_nquads_are_rdflibs_own_bytes_for_every_kind_of_term():
    corpus = synthetic_corpus(1, 30, seed=3)
    ds = build_dataset(corpus.documents, corpus.entities, corpus.statements)
    layer = ds.graph(URIRef("https://example.org/layer"))
    odd = URIRef("https://example.org/odd")
    for value in (
        Literal('a "quoted"\nline\twith \\ and ✓'),
        Literal("Brest-Litovsk", lang="ru"),
        Literal("1921-03", datatype=XSD.gYearMonth),
        Literal(3),
        Literal(True),
        BNode("b1"),
    ):
        layer.add((odd, RDFS.comment, value))
        ds.add((odd, RDFS.seeAlso, value))  # the default graph
    written = to_nquads(ds)
    assert written == rdflib_nquads(ds)
    odd_quads = [
        q for q in ox.parse(written, format=ox.RdfFormat.N_QUADS) if q.subject.value == str(odd)
    ]
    assert len(odd_quads) == 12
