"""The network as Cytoscape.js JSON, which Cytoscape (File > Import > Network from
File, ``.cyjs``) and Cytoscape.js (``cytoscape({container, ...json})``) both read.

``elements`` holds the nodes, each with its ``data`` (the export's fields, lists kept
as lists, and the page's colour, shape and size) and its ``position`` (the page's
own layout, revkg.network.page.looks), and the edges, each with ``id`` (the
statement's IRI), ``source``, ``target`` and its fields. ``layout`` is ``preset``
(keep the positions) and ``style`` draws it as the page does: colours and shapes by
type, sizes by degree, extracted relations dashed.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from .page import EDGE_COLOUR, EXTRACTED_COLOUR, Look, looks
from .rows import edge_row, node_row, quotes, sorted_edges

#: vis-network's shapes (the page's) by Cytoscape.js's names.
SHAPES = {
    "dot": "ellipse",
    "square": "rectangle",
    "diamond": "diamond",
    "star": "star",
    "triangle": "triangle",
    "hexagon": "hexagon",
}
STYLE: list[dict[str, Any]] = [
    {
        "selector": "node",
        "style": {
            "label": "data(label)",
            "background-color": "data(color)",
            "shape": "data(shape)",
            "width": "mapData(size, 0, 50, 0, 100)",  # size is a radius, as on the page
            "height": "mapData(size, 0, 50, 0, 100)",
            "border-width": 1,
            "border-color": "#3d3d3d",
            "font-size": 14,
        },
    },
    {
        "selector": "edge",
        "style": {
            "label": "data(relation)",
            "curve-style": "bezier",
            "target-arrow-shape": "triangle",
            "line-color": EDGE_COLOUR,
            "target-arrow-color": EDGE_COLOUR,
            "width": 1.2,
            "font-size": 10,
        },
    },
    {
        "selector": 'edge[layer = "extracted"]',
        "style": {
            "line-style": "dashed",
            "line-color": EXTRACTED_COLOUR,
            "target-arrow-color": EXTRACTED_COLOUR,
        },
    },
]


def to_cytoscape(g: nx.MultiDiGraph) -> str:
    """The network as one Cytoscape.js JSON document."""
    drawn = looks(g)
    document = {
        "format_version": "1.0",
        "generated_by": "revkg",
        "target_cytoscapejs_version": "~3",
        "data": {"name": "revkg"},
        "elements": {
            "nodes": [_node(n, g.nodes[n], drawn[n]) for n in sorted(g)],
            "edges": [_edge(g, *edge) for edge in sorted_edges(g)],
        },
        "layout": {"name": "preset"},
        "style": STYLE,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _node(node: str, d: dict[str, Any], look: Look) -> dict[str, Any]:
    data = {k: v for k, v in node_row(node, d).items() if v is not None}
    data |= {
        "aliases": list(d.get("aliases", [])),
        "essays": list(d.get("essays", [])),
        "color": look.colour,
        "shape": SHAPES.get(look.shape, "ellipse"),
        "size": look.size,
    }
    return {"data": data, "position": {"x": look.x, "y": look.y}}


def _edge(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    data = {k: x for k, x in edge_row(g, u, v, key, d).items() if x is not None}
    data |= {"essays": list(d.get("essays", [])), "quotes": quotes(d)}
    return {"data": data}
