"""The network as GEXF 1.2 for Gephi: drawn as the page draws it, with a timeline.

* Each node has ``viz:position``, ``viz:size`` and ``viz:color`` from the page's own
  drawing (revkg.network.page.looks): the same seeded layout, sizes and colours. The
  page's y axis points down and Gephi's up, so y is negated: the picture is the same.
* Edges are coloured (and extracted ones dashed) as on the page; each has the
  statement's IRI as id and the relation as label.
* Entities and relations with dates have a ``<spell>`` from the first day of their
  start to the last day of their end (``1921`` is 1921-01-01 to 1921-12-31, ``192X``
  1920-01-01 to 1929-12-31; a missing end stays open), and the graph is then
  ``mode="dynamic"`` with ``timeformat="date"``, so Gephi's timeline plays them.
  Undated ones have no spell: Gephi shows them at every time.
* The attributes are the export's fields (revkg.network.export), nothing internal;
  text has the characters XML cannot carry shown as U+FFFD.
* No date of writing: the same network always gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx

from .dates import first_day, last_day
from .page import EDGE_COLOUR, EXTRACTED_COLOUR, Look, looks
from .rows import (
    EDGE_FIELDS,
    NODE_FIELDS,
    edge_row,
    node_row,
    sorted_edges,
    xml_value,
)

NS = "http://www.gexf.net/1.2draft"
NS_VIZ = "http://www.gexf.net/1.2draft/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
DESCRIPTION = "The Russian Revolution as a network: entities and the relations between them"

#: Fields that are the element's own attributes (or left out), not <attvalue>s.
_NODE_OWN = {"id", "label"}
_EDGE_OWN = {"id", "source", "target", "source_label", "target_label"}
_DOUBLE = {"confidence"}


def to_gexf(g: nx.MultiDiGraph) -> str:
    """The network as one GEXF document."""
    root = ET.Element(
        "gexf",
        {
            "xmlns": NS,
            "xmlns:viz": NS_VIZ,
            "xmlns:xsi": NS_XSI,
            "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd",
            "version": "1.2",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "revkg"
    ET.SubElement(meta, "description").text = DESCRIPTION
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    node_keys = _declare(graph, "node", NODE_FIELDS, _NODE_OWN)
    edge_keys = _declare(graph, "edge", EDGE_FIELDS, _EDGE_OWN)
    nodes, edges = ET.SubElement(graph, "nodes"), ET.SubElement(graph, "edges")
    drawn = looks(g)
    for node in sorted(g):
        nodes.append(_node(node_row(node, g.nodes[node]), drawn[node], node_keys))
    for u, v, key, d in sorted_edges(g):
        edges.append(_edge(edge_row(g, u, v, key, d), edge_keys))
    if root.find(".//spell") is not None:
        graph.set("mode", "dynamic")
        graph.set("timeformat", "date")
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _declare(
    graph: ET.Element, kind: str, fields: tuple[tuple[str, str], ...], own: set[str]
) -> list[str]:
    """Declare the attributes of nodes or edges, each with its field's key as id and
    title (so Gephi, graphology and networkx all name it alike); the keys declared."""
    block = ET.SubElement(graph, "attributes", {"class": kind, "mode": "static"})
    keys = [key for key, _ in fields if key not in own]
    for key in keys:
        kind_of = "double" if key in _DOUBLE else "string"
        ET.SubElement(block, "attribute", id=key, title=key, type=kind_of)
    return keys


def _attvalues(element: ET.Element, row: dict[str, Any], keys: list[str]) -> None:
    values = ET.SubElement(element, "attvalues")
    for key in keys:
        if row[key] is not None:
            ET.SubElement(values, "attvalue", {"for": key, "value": str(xml_value(row[key]))})


def _spell(element: ET.Element, start: str | None, end: str | None) -> None:
    """A <spell> over the days from ``start`` to ``end`` (EDTF), if either is a date."""
    first, last = (first_day(start) if start else None), (last_day(end) if end else None)
    if (first is None and last is None) or (first and last and first > last):
        return
    spell = ET.SubElement(ET.SubElement(element, "spells"), "spell")
    if first:
        spell.set("start", first)
    if last:
        spell.set("end", last)


def _node(row: dict[str, Any], look: Look, keys: list[str]) -> ET.Element:
    element = ET.Element("node", id=str(xml_value(row["id"])), label=str(xml_value(row["label"])))
    _attvalues(element, row, keys)
    _spell(element, row["start"], row["end"])
    red, green, blue = _rgb(look.colour)
    ET.SubElement(element, "viz:color", r=red, g=green, b=blue)
    ET.SubElement(element, "viz:position", x=f"{look.x:.1f}", y=f"{-look.y:.1f}", z="0.0")
    ET.SubElement(element, "viz:size", value=f"{look.size}")
    return element


def _edge(row: dict[str, Any], keys: list[str]) -> ET.Element:
    element = ET.Element(
        "edge",
        id=str(xml_value(row["id"])),
        source=str(xml_value(row["source"])),
        target=str(xml_value(row["target"])),
        label=str(xml_value(row["relation"])),
    )
    _attvalues(element, row, keys)
    _spell(element, row["start"], row["end"])
    extracted = row["layer"] == "extracted"
    red, green, blue = _rgb(EXTRACTED_COLOUR if extracted else EDGE_COLOUR)
    ET.SubElement(element, "viz:color", r=red, g=green, b=blue)
    ET.SubElement(element, "viz:shape", value="dashed" if extracted else "solid")
    return element


def _rgb(colour: str) -> tuple[str, str, str]:
    """``#E69F00`` as the strings ``"230"``, ``"159"``, ``"0"``."""
    return str(int(colour[1:3], 16)), str(int(colour[3:5], 16)), str(int(colour[5:7], 16))
