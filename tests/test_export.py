"""GraphML, GEXF, Cytoscape.js JSON and CSV exports of the network, read back by the
tools they are for (networkx, igraph, an XML parser, a CSV reader)."""

from __future__ import annotations

import csv
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from revkg.graph.assemble import build_dataset, union_graph
from revkg.graph.load import read_graph
from revkg.model import Date, Entity
from revkg.network import export, page
from revkg.network import projection as network
from revkg.network.dates import edtf, first_day, last_day
from revkg.network.rows import EDGE_COLUMNS, NODE_COLUMNS
from revkg.project import Project

from .browser_fixtures import _fact, documents, small_graph

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
MYASNIKOV = "https://w3id.org/revkg/person/gavril-myasnikov"
KRONSTADT = "https://w3id.org/revkg/event/kronstadt"
WORKERS_GROUP = "https://w3id.org/revkg/organization/workers-group"
LENIN = "https://w3id.org/revkg/person/vladimir-lenin"


def decade_graph() -> Graph:
    """small_graph and one more fact, dated to a decade: Lenin led the Workers Group
    from the 1920s."""
    ents = [
        Entity("vladimir-lenin", "Person", "Vladimir Lenin", "Bolshevik leader.", ("Lenin",)),
        Entity("workers-group", "Organization", "Workers Group", "Opposition group."),
    ]
    led = _fact(
        "vladimir-lenin",
        "led",
        "workers-group",
        "in the 1920s Lenin led",
        start=Date(1920, precision="decade"),
    )
    return small_graph() + union_graph(build_dataset(documents(), ents, [led]))


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return network.to_networkx(decade_graph())


def counts(graph: nx.MultiDiGraph) -> tuple[int, int]:
    return graph.number_of_nodes(), graph.number_of_edges()


def test_graphml_opens_in_networkx(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export.export(g, "graphml", tmp_path / "revkg.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert counts(back) == counts(g) == (8, 9)
    person = back.nodes[MYASNIKOV]
    assert (person["type"], person["aliases"], person["start"]) == (
        "person",
        "Miasnikov | Myasnikov",
        "1889",
    )
    assert "end" not in person  # born 1889; no death date known
    relations = {d["relation"]: d for *_, d in back.edges(data=True)}
    assert relations["member of"]["quotes"] == "Myasnikov joined the Bolsheviks in 1906."
    assert (relations["member of"]["start"], relations["member of"]["end"]) == ("1906", "1922")
    assert relations["founded"]["layer"] == "extracted"
    assert {k for *_, k in back.edges(keys=True)} == {k for *_, k in g.edges(keys=True)}


def test_graphml_opens_in_igraph(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    import igraph  # in the dev extra

    (path,) = export.export(g, "graphml", tmp_path / "revkg.graphml")
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == counts(g)
    assert read.is_directed()
    assert set(read.vs["id"]) == set(g)
    assert sorted(read.es["relation"]) == sorted(d["relation"] for *_, d in g.edges(data=True))


def gexf_root(g: nx.MultiDiGraph, tmp_path: Path) -> ET.Element:
    (path,) = export.export(g, "gexf", tmp_path / "revkg.gexf")
    return ET.parse(path).getroot()  # raises unless it is well-formed XML


def test_gexf_is_xml_with_viz_and_spells(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    root = gexf_root(g, tmp_path)
    assert (root.tag, root.get("version")) == (f"{GEXF}gexf", "1.2")
    nodes = root.findall(f"{GEXF}graph/{GEXF}nodes/{GEXF}node")
    edges = root.findall(f"{GEXF}graph/{GEXF}edges/{GEXF}edge")
    assert (len(nodes), len(edges)) == counts(g)
    for node in nodes:
        for part in ("color", "position", "size"):
            assert node.find(f"{VIZ}{part}") is not None, (node.get("id"), part)
    assert root.findall(f".//{GEXF}spell")
    back = nx.read_gexf(tmp_path / "revkg.gexf")
    assert counts(back) == counts(g)
    assert back.nodes[MYASNIKOV]["viz"]["size"] > 0


def test_gexf_draws_what_the_page_draws(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    gexf_root(g, tmp_path)
    back = nx.read_gexf(tmp_path / "revkg.gexf")
    drawn = page.page_data(g)["nodes"]
    for node in drawn:
        viz = back.nodes[node["iri"]]["viz"]
        assert (viz["position"]["x"], -viz["position"]["y"]) == (node["x"], node["y"])
        assert viz["size"] == node["size"]
        colour = page.TYPE_STYLE[node["type"]][0]
        assert "#{r:02X}{g:02X}{b:02X}".format(**viz["color"]) == colour


def test_gexf_timeline_spans_the_dates(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    root = gexf_root(g, tmp_path)
    graph = root.find(f"{GEXF}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")

    def spell(element: ET.Element | None) -> tuple[str | None, str | None] | None:
        assert element is not None
        found = element.find(f"{GEXF}spells/{GEXF}spell")
        return None if found is None else (found.get("start"), found.get("end"))

    node = {n.get("id"): n for n in root.iter(f"{GEXF}node")}
    edge = {e.get("label"): e for e in root.iter(f"{GEXF}edge")}
    assert spell(node[MYASNIKOV]) == ("1889-01-01", None)  # still open
    assert spell(node[KRONSTADT]) == ("1921-03-01", "1921-03-31")
    assert spell(node["https://w3id.org/revkg/place/urals"]) is None  # at every time
    assert spell(edge["member of"]) == ("1906-01-01", "1922-12-31")
    (led,) = [
        e
        for e in root.iter(f"{GEXF}edge")
        if (e.get("source"), e.get("target")) == (LENIN, WORKERS_GROUP)
    ]
    assert spell(led) == ("1920-01-01", None)  # from the 1920s on


def test_gexf_has_no_internal_attributes_and_no_date_of_writing(
    g: nx.MultiDiGraph, tmp_path: Path
) -> None:
    root = gexf_root(g, tmp_path)
    titles = {a.get("title") for a in root.iter(f"{GEXF}attribute")}
    assert all(a.get("id") == a.get("title") for a in root.iter(f"{GEXF}attribute"))
    assert titles == {
        "type",
        "description",
        "aliases",
        "start",
        "end",
        "date",
        "birth_date",
        "death_date",
        "disappeared",
        "occupation",
        "relation",
        "layer",
        "confidence",
        "essays",
        "quotes",
    }
    text = (tmp_path / "revkg.gexf").read_text(encoding="utf-8")
    assert "networkx_key" not in text and "lastmodifieddate" not in text
    statement = next(root.iter(f"{GEXF}edge")).get("id", "")
    assert statement.startswith("https://w3id.org/revkg/statement/")


def on_day(monkeypatch: pytest.MonkeyPatch, day: int) -> None:
    """Set the clock to a day in 2031 (time.time, localtime, gmtime and strftime)."""
    now = 1_924_992_000.0 + day * 86_400
    monkeypatch.setattr(time, "time", lambda: now)
    monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(now if t is None else t))
    real = time.strftime
    monkeypatch.setattr(time, "strftime", lambda f, t=None: real(f, t or time.gmtime(now)))


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_two_exports_on_different_days_are_byte_identical(
    g: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    on_day(monkeypatch, 0)
    first, today = export.render(g, fmt, tmp_path / f"revkg.{fmt}"), time.strftime("%Y-%m-%d")
    on_day(monkeypatch, 400)
    assert time.strftime("%Y-%m-%d") != today
    assert export.render(g, fmt, tmp_path / f"revkg.{fmt}") == first


def read_csv(path: Path, encoding: str = "utf-8") -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding=encoding) as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or ()), list(reader)


def test_csv_headers_are_what_gephi_and_palladio_expect(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_csv, edges_csv = export.export(g, "csv", tmp_path / "revkg.csv")
    assert (nodes_csv.name, edges_csv.name) == ("revkg-nodes.csv", "revkg-edges.csv")
    node_header, nodes = read_csv(nodes_csv)
    edge_header, edges = read_csv(edges_csv)
    assert tuple(node_header) == NODE_COLUMNS
    assert node_header == [
        "Id",
        "Label",
        "Type",
        "Description",
        "Other names",
        "Start",
        "End",
        "Date",
        "Birth date",
        "Death date",
        "Disappeared",
        "Occupation",
    ]
    assert tuple(edge_header) == EDGE_COLUMNS
    assert edge_header == [
        "Source",
        "Target",
        "Label",
        "Source label",
        "Target label",
        "Start",
        "End",
        "Layer",
        "Confidence",
        "Essays",
        "Quotes",
        "Id",
    ]
    assert (len(nodes), len(edges)) == counts(g)


def test_csv_dates_are_iso_8601_and_edtf(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_csv, edges_csv = export.export(g, "csv", tmp_path / "revkg.csv")
    nodes = {row["Id"]: row for row in read_csv(nodes_csv)[1]}
    edges = {row["Label"]: row for row in read_csv(edges_csv)[1]}
    member = edges["member of"]
    assert (member["Source label"], member["Target label"]) == ("Gavril Myasnikov", "Bolsheviks")
    assert (member["Start"], member["End"]) == ("1906", "1922")
    assert (edges["expelled from"]["Start"], edges["expelled from"]["End"]) == ("1922", "1922")
    (led,) = [
        e for e in read_csv(edges_csv)[1] if (e["Source"], e["Target"]) == (LENIN, WORKERS_GROUP)
    ]
    assert (led["Label"], led["Start"], led["End"]) == ("led", "192X", "")
    assert (nodes[MYASNIKOV]["Start"], nodes[MYASNIKOV]["End"]) == ("1889", "")
    assert nodes[MYASNIKOV]["Birth date"] == "1889"
    assert (nodes[KRONSTADT]["Start"], nodes[KRONSTADT]["End"]) == ("1921-03", "1921-03")
    text = nodes_csv.read_text(encoding="utf-8") + edges_csv.read_text(encoding="utf-8")
    assert "–" not in text  # no en-dash ranges


def test_csv_with_a_byte_order_mark(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    plain = export.export(g, "csv", tmp_path / "plain.csv")
    marked = export.export(g, "csv", tmp_path / "marked.csv", bom=True)
    for a, b in zip(plain, marked, strict=True):
        assert b.read_bytes() == b"\xef\xbb\xbf" + a.read_bytes()
        assert read_csv(b, "utf-8-sig") == read_csv(a)
    assert not plain[0].read_bytes().startswith(b"\xef\xbb\xbf")


def test_cytoscape_json_has_elements_with_data_and_positions(
    g: nx.MultiDiGraph, tmp_path: Path
) -> None:
    (path,) = export.export(g, "cytoscape", tmp_path / "revkg.cyjs")
    document = json.loads(path.read_text(encoding="utf-8"))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert (len(nodes), len(edges)) == counts(g)
    drawn = {n["iri"]: n for n in page.page_data(g)["nodes"]}
    for node in nodes:
        here = drawn[node["data"]["id"]]
        assert node["position"] == {"x": here["x"], "y": here["y"]}
        assert node["data"]["size"] == here["size"]
        assert node["data"]["color"] == page.TYPE_STYLE[here["type"]][0]
    ids = {n["data"]["id"] for n in nodes}
    assert all({e["data"]["source"], e["data"]["target"]} <= ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    person = next(n["data"] for n in nodes if n["data"]["id"] == MYASNIKOV)
    assert (person["label"], person["aliases"], person["shape"]) == (
        "Gavril Myasnikov",
        ["Miasnikov", "Myasnikov"],
        "ellipse",
    )
    assert document["layout"] == {"name": "preset"}


def test_edtf_and_the_days_a_date_covers() -> None:
    assert [edtf("1917"), edtf("1920", "decade"), edtf("1925", "decade"), edtf(None)] == [
        "1917",
        "192X",
        "1925",
        None,
    ]
    assert [first_day(d) for d in ("1917", "1921-03", "1921-03-08", "192X")] == [
        "1917-01-01",
        "1921-03-01",
        "1921-03-08",
        "1920-01-01",
    ]
    assert [last_day(d) for d in ("1917", "1920-02", "1921-02", "1921-03-08", "192X")] == [
        "1917-12-31",
        "1920-02-29",
        "1921-02-28",
        "1921-03-08",
        "1929-12-31",
    ]
    assert first_day("sometime") is None and last_day("sometime") is None


def test_unknown_format_names_the_choices(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml, gexf, cytoscape, csv"):
        export.render(g, "dot", tmp_path / "x.dot")


def test_the_projects_network_opens_with_the_projections_counts(
    built_project: Project, tmp_path: Path
) -> None:
    g = network.to_networkx(read_graph(built_project.turtle))
    (graphml,) = export.export(g, "graphml", tmp_path / "revkg.graphml")
    (gexf,) = export.export(g, "gexf", tmp_path / "revkg.gexf")
    assert counts(nx.read_graphml(graphml, force_multigraph=True)) == counts(g)
    assert counts(nx.read_gexf(gexf)) == counts(g)
    import igraph  # in the dev extra

    read = igraph.Graph.Read_GraphML(str(graphml))
    assert (read.vcount(), read.ecount()) == counts(g)
