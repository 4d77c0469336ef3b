"""The network for other tools: GraphML and GEXF (Gephi, Cytoscape) and CSV (Palladio).

Nodes carry type, label, description, aliases and dates; edges carry the
relation, its dates, whether it is curated or extracted, the confidence, the
essays and the quotes. GraphML and GEXF accept only scalar attribute values, so
lists are joined with " | " and missing values are left out.
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

FORMATS = ("graphml", "gexf", "csv")
JOIN = " | "

NODE_COLUMNS = ("id", "label", "type", "description", "aliases", "dates", "start_year", "end_year")
EDGE_COLUMNS = (
    "source",
    "target",
    "source_label",
    "target_label",
    "relation",
    "time",
    "start_year",
    "end_year",
    "layer",
    "confidence",
    "essays",
    "quotes",
    "statement",
)


def node_row(node: str, d: dict[str, Any]) -> dict[str, Any]:
    years = d.get("years")
    return {
        "id": node,
        "label": d.get("label", node),
        "type": d.get("type", ""),
        "description": d.get("description", ""),
        "aliases": JOIN.join(d.get("aliases", [])),
        "dates": JOIN.join(f"{k}: {v}" for k, v in sorted(d.get("dates", {}).items())),
        "start_year": years[0] if years else None,
        "end_year": years[1] if years else None,
    }


def edge_row(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    years = d.get("years")
    return {
        "source": u,
        "target": v,
        "source_label": g.nodes[u].get("label", u),
        "target_label": g.nodes[v].get("label", v),
        "relation": d.get("relation", ""),
        "time": d.get("time", ""),
        "start_year": years[0] if years else None,
        "end_year": years[1] if years else None,
        "layer": d.get("layer", ""),
        "confidence": d.get("confidence", 1.0),
        "essays": JOIN.join(d.get("essays", [])),
        "quotes": JOIN.join(ev["quote"] for ev in d.get("evidence", []) if ev.get("quote")),
        "statement": key,
    }


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all strings or numbers (none missing), with no
    character that XML cannot carry (GraphML and GEXF are XML)."""
    out = nx.MultiDiGraph()
    for node, d in sorted(g.nodes(data=True)):
        row = {k: _xml(val) for k, val in node_row(node, d).items() if val is not None}
        out.add_node(printable(node), **{k: v for k, v in row.items() if k != "id"})
    drop = {"source", "target", "source_label", "target_label"}
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        row = edge_row(g, u, v, key, d)
        attributes = {k: _xml(val) for k, val in row.items() if val is not None and k not in drop}
        out.add_edge(printable(u), printable(v), key=printable(key), **attributes)
    return out


def _xml(value: object) -> object:
    return printable(value) if isinstance(value, str) else value


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """CSV whose cells no spreadsheet runs as formulas."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def render(g: nx.MultiDiGraph, fmt: str, path: Path) -> dict[Path, str]:
    """The files for one format, by path (CSV gives ``<stem>-nodes.csv`` and ``-edges.csv``)."""
    if fmt == "graphml":
        return {path: "\n".join(nx.generate_graphml(flat(g))) + "\n"}
    if fmt == "gexf":
        return {path: "\n".join(nx.generate_gexf(flat(g))) + "\n"}
    if fmt == "csv":
        nodes = [node_row(n, d) for n, d in sorted(g.nodes(data=True))]
        edges = [
            edge_row(g, u, v, k, d)
            for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])
        ]
        stem = path.with_suffix("")
        return {
            stem.with_name(stem.name + "-nodes.csv"): _csv(nodes, NODE_COLUMNS),
            stem.with_name(stem.name + "-edges.csv"): _csv(edges, EDGE_COLUMNS),
        }
    raise UnknownFormat(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def export(g: nx.MultiDiGraph, fmt: str, path: Path) -> list[Path]:
    """Write the network in ``fmt`` at ``path`` atomically; returns the files written."""
    files = render(g, fmt, Path(path))
    write_all_atomic(files)
    return list(files)
