"""Exports that cannot attack their readers: spreadsheets, XML parsers, terminals."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from revkg.network.export import export
from revkg.text import printable, spreadsheet_cell

HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\tTab",
    "\rReturn",
    "Bell\x07 and \x1b[31mred\x1b[0m",
    "NUL\x00here",
]


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i, label in enumerate(HOSTILE):
        g.add_node(f"n{i}", label=label, type="Person", description=label)
    g.add_edge("n0", "n1", key="s0", relation="opposed", evidence=[{"quote": HOSTILE[7]}])
    return g


def test_csv_cells_are_never_formulas(tmp_path):
    written = export(hostile_graph(), "csv", tmp_path / "net.csv")
    nodes = next(p for p in written if p.name.endswith("-nodes.csv"))
    with nodes.open(newline="", encoding="utf-8") as f:
        labels = [row["Label"] for row in csv.DictReader(f)]
    assert labels and all(
        not label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels
    )
    assert "'=cmd|' /C calc'!A0" in labels


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_are_always_valid_xml(tmp_path, fmt):
    (path,) = export(hostile_graph(), fmt, tmp_path / f"net.{fmt}")
    ET.parse(path)  # raises on any character XML cannot carry
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.number_of_nodes() == len(HOSTILE)


def test_cytoscape_json_carries_any_text(tmp_path):
    (path,) = export(hostile_graph(), "cytoscape", tmp_path / "net.cyjs")
    nodes = json.loads(path.read_text(encoding="utf-8"))["elements"]["nodes"]
    assert sorted(n["data"]["label"] for n in nodes) == sorted(HOSTILE)


def test_printable_and_spreadsheet_cell():
    assert printable("a\x1b[31mb\x00c\td\ne") == "a\ufffd[31mb\ufffdc\td\ne"
    assert spreadsheet_cell("=1+1") == "'=1+1" and spreadsheet_cell("Lenin") == "Lenin"
    assert spreadsheet_cell(-2.5) == -2.5


def test_show_never_sends_control_characters_to_the_terminal(built_copy, run_cli):
    graph = built_copy.turtle.read_text(encoding="utf-8")
    hostile = '"Dutch \\u001B]0;pwned\\u0007 astronomer \\u001B[31m"'
    described = graph.index('"Dutch Marxist astronomer')
    end = graph.index('"', described + 1) + 1
    built_copy.turtle.write_text(graph[:described] + hostile + graph[end:], encoding="utf-8")
    result = run_cli("--project", str(built_copy.root), "show", "Pannekoek")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Dutch \ufffd]0;pwned\ufffd astronomer" in result.stdout
