"""The rows every export of the network shares: one per entity, one per relation.

``node_row`` and ``edge_row`` give an entity's and a relation's fields under short
keys (GraphML's and GEXF's attribute names, Cytoscape's data keys); NODE_FIELDS and
EDGE_FIELDS name the CSV column of each key: ``Id`` and ``Label`` for nodes,
``Source``, ``Target`` and ``Label`` (the relation) for edges, as Gephi's spreadsheet
import expects. Dates are EDTF (revkg.network.dates); lists are joined with " | ";
a field with no value is None.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from .. import vocab
from ..text import printable
from .dates import edge_span, node_span, value_of

JOIN = " | "

#: The properties whose values are a node's own columns (birth date, occupation...).
LITERALS = tuple(p for p in vocab.PROPERTIES if p.literal)


def _key(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()  # birthDate -> birth_date


#: (key, CSV column) of a node's fields, in column order.
NODE_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "Id"),
    ("label", "Label"),
    ("type", "Type"),
    ("description", "Description"),
    ("aliases", "Other names"),
    ("start", "Start"),
    ("end", "End"),
    *((_key(p.name), p.label[:1].upper() + p.label[1:]) for p in LITERALS),
)
#: (key, CSV column) of an edge's fields; ``id`` is the statement's IRI.
EDGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("source", "Source"),
    ("target", "Target"),
    ("relation", "Label"),
    ("source_label", "Source label"),
    ("target_label", "Target label"),
    ("start", "Start"),
    ("end", "End"),
    ("layer", "Layer"),
    ("confidence", "Confidence"),
    ("essays", "Essays"),
    ("quotes", "Quotes"),
    ("id", "Id"),
)
NODE_COLUMNS = tuple(column for _, column in NODE_FIELDS)
EDGE_COLUMNS = tuple(column for _, column in EDGE_FIELDS)


def node_row(node: str, d: dict[str, Any]) -> dict[str, Any]:
    """A node's fields (None where it has no value)."""
    start, end = node_span(d)
    return {
        "id": node,
        "label": d.get("label", node),
        "type": d.get("type", ""),
        "description": d.get("description") or None,
        "aliases": JOIN.join(d.get("aliases", [])) or None,
        "start": start,
        "end": end,
        **{_key(p.name): value_of(d, p.name) for p in LITERALS},
    }


def quotes(d: dict[str, Any]) -> list[str]:
    """The quotes behind a relation, in evidence order."""
    return [ev["quote"] for ev in d.get("evidence", []) if ev.get("quote")]


def edge_row(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    """An edge's fields (None where it has no value)."""
    start, end = edge_span(d)
    return {
        "source": u,
        "target": v,
        "relation": d.get("relation", ""),
        "source_label": g.nodes[u].get("label", u),
        "target_label": g.nodes[v].get("label", v),
        "start": start,
        "end": end,
        "layer": d.get("layer", "curated"),
        "confidence": d.get("confidence", 1.0),
        "essays": JOIN.join(d.get("essays", [])) or None,
        "quotes": JOIN.join(quotes(d)) or None,
        "id": key,
    }


def sorted_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge as (source, target, key, data), in a fixed order."""
    return sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def xml_value(value: object) -> object:
    """A value XML can carry: text with control characters shown as U+FFFD."""
    return printable(value) if isinstance(value, str) else value
