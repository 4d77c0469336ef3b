"""GraphML, GEXF and CSV exports of the network."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from revkg.network import export
from revkg.network import projection as network

from .browser_fixtures import small_graph


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return network.to_networkx(small_graph())


def test_graphml_round_trip(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.export(g, "graphml", tmp_path / "revkg.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (8, 8)
    person = back.nodes["https://w3id.org/revkg/person/gavril-myasnikov"]
    assert (person["type"], person["aliases"], person["start_year"]) == (
        "person",
        "Miasnikov | Myasnikov",
        1889,
    )
    relations = {d["relation"]: d for *_, d in back.edges(data=True)}
    assert relations["member of"]["quotes"] == "Myasnikov joined the Bolsheviks in 1906."
    assert relations["member of"]["start_year"] == 1906
    assert relations["founded"]["layer"] == "extracted"


def test_gexf_round_trip(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.export(g, "gexf", tmp_path / "revkg.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_edges() == 8
    assert {d["relation"] for *_, d in back.edges(data=True)} >= {"member of", "born in"}


def test_csv_for_palladio(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_csv, edges_csv = export.export(g, "csv", tmp_path / "revkg.csv")
    assert (nodes_csv.name, edges_csv.name) == ("revkg-nodes.csv", "revkg-edges.csv")
    nodes = list(csv.DictReader(nodes_csv.read_text(encoding="utf-8").splitlines()))
    edges = list(csv.DictReader(edges_csv.read_text(encoding="utf-8").splitlines()))
    assert len(nodes) == 8 and len(edges) == 8
    assert tuple(edges[0]) == export.EDGE_COLUMNS
    member = next(e for e in edges if e["relation"] == "member of")
    assert (member["source_label"], member["target_label"], member["time"]) == (
        "Gavril Myasnikov",
        "Bolsheviks",
        "1906–1922",
    )


def test_unknown_format_names_the_choices(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml, gexf, csv"):
        export.render(g, "dot", tmp_path / "x.dot")
