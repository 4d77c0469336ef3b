"""The network as one offline HTML page (pyvis / vis-network), and inline in Jupyter.

The page is self-contained: vis-network's script (shipped inside the pyvis
package), the style sheet and the page's scripts (SCRIPTS: view.js and the parts it
plugs in: names on screen, the list of relations under the pointer, the timeline)
are all inlined, and a content security policy forbids every request. Positions are
computed here with a seeded layout and physics is off, so the page draws at once and
never moves by itself; the same graph always gives the same bytes.

Text from the graph travels only as JSON inside a ``<script type=
"application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the page
script writes it with ``textContent`` and plain-text tooltips, never as HTML.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from .. import vocab
from ..palette import TYPE_COLOURS
from . import projection as network

#: vis-network shape per type.
TYPE_SHAPES = {
    "person": "dot",
    "work": "square",
    "organization": "diamond",
    "event": "star",
    "place": "triangle",
    "concept": "hexagon",
}
#: Colour (the one palette, revkg.palette) and shape per type.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    kind: (colour, TYPE_SHAPES[kind]) for kind, colour in TYPE_COLOURS.items()
}
EDGE_COLOUR = "#7b8190"
EXTRACTED_COLOUR = "#b49a6a"
EDGE_LABELS_UP_TO = 2000  # more relations than this: relation names only in tooltips
#: Names on screen after each fit: the entities drawn, most connected first, take these
#: sizes in screen pixels ([below this rank, pixels]; None: every other). vis-network
#: leaves out a name under LABEL_THRESHOLD pixels, so the first 20 are readable at once
#: and the others appear as the reader zooms in (1.6x, 2.4x, 4x, 6x); none grows past
#: LABEL_MAX pixels.
LABEL_TIERS: list[list[float | None]] = [[20, 14], [60, 7], [140, 4.5], [300, 2.8], [None, 1.9]]
LABEL_THRESHOLD = 11
LABEL_MAX = 22
DEFAULT_TITLE = "revkg: the Russian Revolution as a network"
#: The page's scripts, in order: its parts, then view.js, which plugs them in.
SCRIPTS = ("labels.js", "pick.js", "timeline.js", "view.js")


@functools.cache
def _asset(name: str) -> str:
    return resources.files("revkg.network").joinpath("assets", name).read_text(encoding="utf-8")


@functools.cache
def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def script_json(value: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def select(
    graph: Graph | nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    between: tuple[str, str] | None = None,
    types: Iterable[str] | None = None,
    layers: Iterable[str] | None = None,
    essays: Iterable[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    keep_undated: bool = False,
) -> nx.MultiDiGraph:
    """The part to draw: filters, then an ego network or the chains ``between`` A and B.

    The filters are the page's own (see projection.filter_graph); names are matched as
    ``revkg show`` and the page's Find match them.
    """
    full = graph if isinstance(graph, nx.MultiDiGraph) else network.to_networkx(graph)
    named = [network.resolve_in(full, n) for n in ([focus] if focus else []) + list(between or ())]
    g = network.filter_graph(
        full,
        types=types,
        layers=layers,
        essays=essays,
        since=since,
        until=until,
        keep_undated=keep_undated,
    )
    for iri in named:  # a named entity stays even if the filters would drop it
        if iri not in g:
            g.add_node(iri, **full.nodes[iri])
    if between:
        return network.paths_graph(g, network.shortest_paths(g, named[-2], named[-1], limit=20))
    if focus:
        return network.ego(g, named[0], hops=hops)
    return g


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page needs: vis-network nodes, edges and options, the filters' choices and
    the name matcher's data for Find."""
    nodes = sorted(g)
    ids = {node: i for i, node in enumerate(nodes)}
    essays = sorted({e for _, d in g.nodes(data=True) for e in d.get("essays", [])})
    essay_ids = {e: i for i, e in enumerate(essays)}
    drawn, degree = looks(g), network.rank(g)
    node_data = [_node(g.nodes[n], ids[n], n, drawn[n], essay_ids) for n in nodes]
    for n, d in zip(nodes, node_data, strict=True):
        d["degree"] = degree[n]
    edge_data = _edges(g, ids, essay_ids)
    return {
        "nodes": node_data,
        "edges": edge_data,
        "options": _options(len(node_data), len(edge_data)),
        "meta": _meta(g, essays),
        "find": network.names(g).page_data(ids),
    }


#: Longest label drawn on the page; a longer one is cut (the panel shows it whole).
MAX_LABEL = 60


def short_label(name: str) -> str:
    """``name`` as the drawing shows it: at most MAX_LABEL characters."""
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


@dataclass(frozen=True)
class Look:
    """How the page draws one entity: where (screen units, y pointing down), how big
    (radius), in which colour and shape (vis-network's name)."""

    x: int
    y: int
    size: float
    colour: str
    shape: str


def node_size(degree: int) -> float:
    """An entity's size on the page, from the number of facts it takes part in."""
    return round(min(10 + 4 * math.sqrt(degree), 42), 1)


def type_style(kind: str) -> tuple[str, str]:
    """The colour and shape of an entity type (a concept's for one the page does not know)."""
    return TYPE_STYLE.get(kind, TYPE_STYLE["concept"])


def looks(g: nx.MultiDiGraph) -> dict[str, Look]:
    """Every entity as the page draws it: the seeded layout, sizes by degree, colours and
    shapes by type. The GEXF and Cytoscape exports take theirs from here too."""
    pos, degree = network.layout(g), network.rank(g)
    drawn = {}
    for n in sorted(g):
        colour, shape = type_style(g.nodes[n].get("type", "concept"))
        drawn[n] = Look(pos[n][0], pos[n][1], node_size(degree[n]), colour, shape)
    return drawn


def _node(
    d: dict[str, Any], i: int, iri: str, look: Look, essay_ids: dict[str, int]
) -> dict[str, Any]:
    name = d.get("label", iri)
    provisional = (
        {"provisional": True, "shapeProperties": {"borderDashes": [4, 3]}, "borderWidth": 2}
        if d.get("provisional")
        else {}
    )  # a name extraction proposed and no curator has judged: a dashed outline
    return {
        **provisional,
        "id": i,
        "label": short_label(name),
        **({"name": name} if len(name) > MAX_LABEL else {}),
        "group": d.get("type", "concept"),
        "type": d.get("type", "concept"),
        "x": look.x,
        "y": look.y,
        "size": look.size,
        "desc": d.get("description", ""),
        "aliases": list(d.get("aliases", [])),
        "dates": sorted([k, v] for k, v in d.get("dates", {}).items()),
        "facts": [
            {"relation": f["relation"], "value": f["value"], "ev": _evidence(f, essay_ids)}
            for f in d.get("facts", [])
        ],
        "years": list(d["years"]) if d.get("years") else None,
        "essays": sorted(essay_ids[e] for e in d.get("essays", []) if e in essay_ids),
        "iri": iri,
    }


def _evidence(fact: dict[str, Any], essay_ids: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {k: ev[k] for k in ("quote", "method", "confidence", "rule", "note")}
        | {"essay": essay_ids.get(ev["essay"], 0)}
        for ev in fact.get("evidence", [])
    ]


def _edges(
    g: nx.MultiDiGraph, ids: dict[str, int], essay_ids: dict[str, int]
) -> list[dict[str, Any]]:
    found = sorted(g.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    labels = len(found) <= EDGE_LABELS_UP_TO
    seen: dict[frozenset[int], int] = {}
    edges = []
    for i, (u, v, _key, d) in enumerate(found):
        pair = frozenset((ids[u], ids[v]))
        nth = seen[pair] = seen.get(pair, -1) + 1
        extracted = d.get("layer") == "extracted"
        edge = {
            "id": i,
            "from": ids[u],
            "to": ids[v],
            "relation": d.get("relation", ""),
            "time": d.get("time", ""),
            "years": list(d["years"]) if d.get("years") else None,
            "layer": d.get("layer", "curated"),
            "layers": sorted(network.layers_of(d)),
            "confidence": d.get("confidence", 1.0),
            "essays": sorted(essay_ids[e] for e in d.get("essays", []) if e in essay_ids),
            "ev": _evidence(d, essay_ids),
        }
        if labels:
            edge["label"] = edge["relation"]
        if extracted:
            edge |= {"dashes": True, "color": {"color": EXTRACTED_COLOUR, "inherit": False}}
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.18 * nth}
        edges.append(edge)
    return edges


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    big = n_nodes + n_edges > 3000
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, DejaVu Sans, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD, "maxVisible": LABEL_MAX}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {
                "color": EDGE_COLOUR,
                "highlight": "#c0392b",
                "hover": "#34495e",
                "inherit": False,
            },
            "font": {"size": 10, "color": "#4b5160", "strokeWidth": 3, "align": "middle"},
            "smooth": False,
            "width": 1.2,
            "selectionWidth": 2,
        },
        "groups": {
            t: {
                "shape": shape,
                "color": {
                    "background": colour,
                    "border": "#3d3d3d",
                    "highlight": {"background": colour, "border": "#000"},
                },
            }
            for t, (colour, shape) in TYPE_STYLE.items()
        },
    }


def _meta(g: nx.MultiDiGraph, essays: list[str]) -> dict[str, Any]:
    spans = [d["years"] for _, d in g.nodes(data=True) if d.get("years")]
    spans += [d["years"] for *_, d in g.edges(data=True) if d.get("years")]
    counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        counts[d.get("type", "concept")] = counts.get(d.get("type", "concept"), 0) + 1
    return {
        "essays": essays,
        "order": list(TYPE_STYLE),
        "layers": list(vocab.METHODS),
        "labels": LABEL_TIERS,
        "years": [
            min((s[0] for s in spans), default=1900),
            max((s[1] for s in spans), default=1950),
        ],
        "types": {
            t: {"label": t, "color": colour, "shape": shape, "count": counts.get(t, 0)}
            for t, (colour, shape) in TYPE_STYLE.items()
        },
    }


def render(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The page for prepared page_data(): one HTML string, every resource inline."""
    parts = {
        "TITLE": html.escape(title),
        "CSS": _asset("view.css"),
        "DATA": script_json(data),
        "VIS": _vis_js(),
        "JS": "\n".join(_asset(name) for name in SCRIPTS).replace("</script", "<\\/script"),
    }
    return re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], _asset("page.html"))


def to_html(graph: Graph | nx.MultiDiGraph, *, title: str = DEFAULT_TITLE, **options: Any) -> str:
    """The page for the graph; options as for select() (focus, hops, between, types...)."""
    return render(page_data(select(graph, **options)), title=title)


def write_html(graph: Graph | nx.MultiDiGraph, path: Path, **options: Any) -> Path:
    """Write the page atomically (a failed write leaves the old page in place)."""
    from ..files import write_atomic

    write_atomic(Path(path), to_html(graph, **options))
    return Path(path)


class InlineView:
    """The page in an iframe (``srcdoc``), for Jupyter: no server, no network."""

    def __init__(self, page: str, *, height: int = 640) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts" title="revkg network"></iframe>'
        )


def inline_view(
    graph: Graph | nx.MultiDiGraph, *, focus: str | None = None, hops: int = 2, **filters: Any
) -> InlineView:
    """The same page, displayed inline by Jupyter (``kg.view(focus="Myasnikov")``)."""
    return InlineView(to_html(graph, focus=focus, hops=hops, **filters))
