"""The graph comparison used by the tests: equal graphs pass, a difference is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, BNode, Dataset, Graph, Literal, URIRef

from revkg.vocab import RK

from .rdf_compare import (
    assert_same_graph,
    assert_same_rdf_file,
    assert_unchanged,
    graph_difference,
    snapshot,
)

PERSON = URIRef("https://w3id.org/revkg/person/gavril-myasnikov")
PLACE = URIRef("https://w3id.org/revkg/place/urals")
CURATED = URIRef("https://w3id.org/revkg/graph/curated")


def graph(*triples) -> Graph:
    g = Graph()
    for triple in triples:
        g.add(triple)
    return g


def test_graphs_differing_by_one_triple_name_that_triple():
    born = (PERSON, RK.bornIn, PLACE)
    label = (PERSON, RDFS.label, Literal("Gavril Myasnikov"))
    with pytest.raises(AssertionError) as err:
        assert_same_graph(graph(born, label), graph(label))
    message = str(err.value)
    assert "1 triple(s) only in expected:\n  person:gavril-myasnikov rk:bornIn place:urals ." in (
        message
    )
    assert "0 triple(s) only in actual:" in message
    assert "Gavril Myasnikov" not in message


def test_blank_node_names_do_not_matter():
    def with_blank(name: str) -> Graph:
        node = BNode(name)
        return graph((PERSON, RK.hasEvidence, node), (node, RK.confidence, Literal(0.9)))

    assert graph_difference(with_blank("a"), with_blank("b")) == ""
    assert_same_graph(with_blank("a"), with_blank("b"))


def test_a_long_difference_is_capped_and_long_literals_cut():
    many = graph(*((PERSON, RDFS.comment, Literal(f"note {i:03} " + "x" * 500)) for i in range(50)))
    message = graph_difference(many, Graph())
    assert "50 triple(s) only in expected:" in message
    assert "... and 30 more" in message
    assert max(len(line) for line in message.splitlines()) < 400


def test_datasets_are_compared_graph_by_graph():
    def dataset(graph_name: str) -> Dataset:
        ds = Dataset()
        ds.graph(URIRef(graph_name)).add((PERSON, RK.bornIn, PLACE))
        return ds

    same = dataset(str(CURATED))
    assert_same_graph(same, dataset(str(CURATED)))
    with pytest.raises(AssertionError) as err:
        assert_same_graph(same, dataset("https://w3id.org/revkg/graph/extracted"))
    message = str(err.value)
    assert f"graph <{CURATED}> (1 triples) only in expected" in message
    assert "graph <https://w3id.org/revkg/graph/extracted> (1 triples) only in actual" in message


def test_files_show_the_graph_difference_before_the_bytes(tmp_path: Path):
    a, b, c = tmp_path / "a.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    a.write_text(f"<{PERSON}> <{RK.bornIn}> <{PLACE}> .\n", encoding="utf-8")
    b.write_text(f"<{PERSON}>  <{RK.bornIn}>  <{PLACE}> .\n", encoding="utf-8")
    c.write_text(f"<{PERSON}> <{RK.diedIn}> <{PLACE}> .\n", encoding="utf-8")
    assert_same_rdf_file(a, b)
    with pytest.raises(AssertionError, match="serialized differently"):
        assert_same_rdf_file(a, b, byte_identical=True)
    with pytest.raises(AssertionError, match=r"only in .*a\.ttl:\n  person:gavril-myasnikov rk:"):
        assert_same_rdf_file(a, c, byte_identical=True)


def test_unchanged_names_the_file_and_the_triple(tmp_path: Path):
    (tmp_path / "revkg.ttl").write_text(f"<{PERSON}> <{RK.bornIn}> <{PLACE}> .\n")
    (tmp_path / "notes.txt").write_text("one\n")
    before = snapshot(tmp_path)
    assert_unchanged(before, tmp_path)
    (tmp_path / "revkg.ttl").write_text(f"<{PERSON}> <{RK.exiledTo}> <{PLACE}> .\n")
    (tmp_path / "notes.txt").unlink()
    with pytest.raises(AssertionError) as err:
        assert_unchanged(before, tmp_path)
    message = str(err.value)
    assert "notes.txt: removed" in message
    assert "revkg.ttl: changed" in message
    assert "only in after:\n  person:gavril-myasnikov rk:exiledTo place:urals ." in message
