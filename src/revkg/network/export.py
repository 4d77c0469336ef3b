"""The network for other tools: GraphML (Cytoscape, igraph, Gephi), GEXF (Gephi, with
its timeline; revkg.network.gexf), Cytoscape.js JSON (revkg.network.cytoscape) and
CSV (Gephi's spreadsheet import, Palladio, spreadsheets).

All hold the same rows (revkg.network.rows): entities with type, label, description,
other names, first and last date and their values (birth date, occupation...);
relations with the relation, start and end, curated or extracted, confidence, essays
and quotes. Dates are EDTF: ``1917``, ``1921-03``, ``192X``. GraphML and CSV take
only scalar values, so lists are joined with " | "; a missing value is left out of
GraphML and an empty cell in CSV. CSV cells never start a formula, and GraphML never
holds a character XML cannot carry.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UnknownFormat
from ..files import write_all_atomic
from ..text import printable, spreadsheet_cell
from .cytoscape import to_cytoscape
from .gexf import to_gexf
from .rows import (
    EDGE_FIELDS,
    NODE_FIELDS,
    edge_row,
    node_row,
    sorted_edges,
    xml_value,
)

FORMATS = ("graphml", "gexf", "cytoscape", "csv")


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all strings or numbers (none missing), with no
    character that XML cannot carry (GraphML and GEXF are XML)."""
    out = nx.MultiDiGraph()
    for node, d in sorted(g.nodes(data=True)):
        row = node_row(node, d)
        out.add_node(
            printable(node),
            **{k: xml_value(v) for k, v in row.items() if v is not None and k != "id"},
        )
    drop = {"source", "target", "source_label", "target_label", "id"}
    for u, v, key, d in sorted_edges(g):
        row = edge_row(g, u, v, key, d)
        attributes = {k: xml_value(x) for k, x in row.items() if x is not None and k not in drop}
        out.add_edge(printable(u), printable(v), key=printable(key), **attributes)
    return out


def _csv(rows: list[dict[str, Any]], fields: tuple[tuple[str, str], ...], *, bom: bool) -> str:
    """CSV under the fields' column names, whose cells no spreadsheet runs as formulas."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(column for _, column in fields)
    for row in rows:
        writer.writerow(
            spreadsheet_cell(row[key]) if row[key] is not None else "" for key, _ in fields
        )
    return ("\ufeff" if bom else "") + buf.getvalue()


def csv_tables(g: nx.MultiDiGraph, *, bom: bool = False) -> tuple[str, str]:
    """The nodes table and the edges table (with a UTF-8 byte-order mark if ``bom``)."""
    nodes = [node_row(n, d) for n, d in sorted(g.nodes(data=True))]
    edges = [edge_row(g, *edge) for edge in sorted_edges(g)]
    return _csv(nodes, NODE_FIELDS, bom=bom), _csv(edges, EDGE_FIELDS, bom=bom)


def document(g: nx.MultiDiGraph, fmt: str) -> str:
    """The network as one document in ``fmt`` (graphml, gexf or cytoscape)."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat(g))) + "\n"
    if fmt == "gexf":
        return to_gexf(g)
    if fmt == "cytoscape":
        return to_cytoscape(g)
    if fmt == "csv":
        raise UnknownFormat("CSV is two files (nodes and edges), not one document")
    raise UnknownFormat(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(g: nx.MultiDiGraph, fmt: str, path: Path, *, bom: bool = False) -> dict[Path, str]:
    """The files for one format, by path (CSV gives ``<stem>-nodes.csv`` and ``-edges.csv``)."""
    if fmt == "csv":
        stem = path.with_suffix("")
        nodes, edges = csv_tables(g, bom=bom)
        return {
            stem.with_name(stem.name + "-nodes.csv"): nodes,
            stem.with_name(stem.name + "-edges.csv"): edges,
        }
    return {path: document(g, fmt)}


def export(g: nx.MultiDiGraph, fmt: str, path: Path, *, bom: bool = False) -> list[Path]:
    """Write the network in ``fmt`` at ``path`` atomically; returns the files written."""
    files = render(g, fmt, Path(path), bom=bom)
    write_all_atomic(files)
    return list(files)
