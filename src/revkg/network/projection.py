"""The RDF graph as a networkx MultiDiGraph, and what to compute on it.

The graph is read once as records (revkg.graph.records); node and edge attributes
are derived from them by ``node_attributes`` and ``edge_attributes`` and nowhere
else. Entities are nodes (keyed by IRI). Each fact between two entities is one
directed edge, keyed by its statement IRI, so parallel facts between the same
two entities are all kept. Statement and evidence nodes are folded into the
edge they describe; literal facts (birth and death dates, event dates,
occupations) become node attributes. Nothing here draws or writes files.

Node attributes: label, type (``person``, ``work``...), description, aliases,
misspellings, dates (relation -> value), facts (literal facts with their precision,
layer, confidence and evidence), years ((first, last) or None), essays.
Edge attributes: relation (readable), predicate, time, start, end, years, precision
(of the times: ``day``, ``month``, ``year``, ``decade``, or None), layer (``curated``
if any curated evidence, else ``extracted``), confidence, essays, evidence (list of
dicts: essay (its title), quote, start, end, method, confidence, rule, note; see
``evidence_dict`` and model.Evidence).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from rdflib import Graph

from .. import vocab
from ..graph import lookup
from ..graph.records import Fact, Records, read_records, year_span
from ..model import Entity, Evidence

#: The labels (as in a node's ``dates``) of the properties that date an entity itself.
_DATE_LABELS = frozenset(
    vocab.PROPERTIES_BY_NAME[p].label for p in ("birthDate", "deathDate", "disappeared", "date")
)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project the RDF graph onto entities and the relations between them."""
    return project(read_records(graph))


def project(records: Records) -> nx.MultiDiGraph:
    """The records as a network: an entity's facts with a value become its attributes,
    facts between two entities become edges."""
    nodes = {str(e.iri): e for e in records.entities}
    values: dict[str, list[Fact]] = {n: [] for n in nodes}
    links = []
    for fact in records.facts:
        s, o = str(fact.subject), str(fact.object)
        if s in nodes and fact.literal:
            values[s].append(fact)
        elif s in nodes and o in nodes:
            links.append(fact)
    touching = {n: list(found) for n, found in values.items()}
    for fact in links:
        touching[str(fact.subject)].append(fact)
        touching[str(fact.object)].append(fact)
    g = nx.MultiDiGraph()
    for n, entity in nodes.items():
        g.add_node(n, **node_attributes(entity, values[n], touching[n], records))
    for fact in links:
        g.add_edge(
            str(fact.subject), str(fact.object), key=fact.key, **edge_attributes(fact, records)
        )
    return g


def node_attributes(
    entity: Entity, values: Sequence[Fact], facts: Iterable[Fact], records: Records
) -> dict[str, Any]:
    """A node's attributes: the entity, its dated and other values, the essays on it.

    ``values`` are the facts whose object is a value; ``facts`` every fact it is in.
    """
    dates: dict[str, str] = {}
    for fact in values:  # a statement's value wins over a bare triple's
        if fact.statement is None:
            dates.setdefault(fact.relation, str(fact.object))
        else:
            dates[fact.relation] = str(fact.object)
    return {
        "label": entity.label,
        "type": entity.type.lower(),
        "provisional": entity.provisional,
        "description": entity.description,
        "aliases": list(entity.aliases),
        "misspellings": list(entity.misspellings),
        "dates": dates,
        "facts": [
            {"relation": f.relation, "value": str(f.object), **_support(f, records)}
            for f in values
            if f.statement is not None
        ],
        "years": year_span(dates[k] for k in dates if k in _DATE_LABELS),
        "essays": sorted({records.title(ev.doc) for f in facts for ev in f.evidence}),
    }


def edge_attributes(fact: Fact, records: Records) -> dict[str, Any]:
    """An edge's attributes: the relation, its times, essays, layer and evidence."""
    return {
        "relation": fact.relation,
        "predicate": fact.predicate,
        "time": fact.time,
        "start": fact.start or fact.point,
        "end": fact.end or fact.point,
        "years": fact.years,
        "essays": sorted({records.title(ev.doc) for ev in fact.evidence}),
        **_support(fact, records),
    }


def _support(fact: Fact, records: Records) -> dict[str, Any]:
    return {
        "precision": fact.precision,
        "layer": fact.layer,
        "confidence": fact.confidence,
        "evidence": [evidence_dict(ev, records) for ev in fact.evidence],
    }


def evidence_dict(ev: Evidence, records: Records) -> dict[str, Any]:
    """A piece of evidence as the networkx attributes hold it (the page and exports
    serialise it): the essay by its title."""
    return {
        "essay": records.title(ev.doc),
        "quote": ev.quote,
        "start": ev.start,
        "end": ev.end,
        "method": ev.method,
        "confidence": ev.confidence,
        "rule": ev.rule,
        "note": ev.note or None,
    }


def resolve(graph: Graph, name: str) -> str:
    """The node id (IRI) of the entity called ``name`` (label, alias, misspelling or id)."""
    return str(lookup.find_entity(graph, name).iri)


def resolve_in(g: nx.MultiDiGraph, name: str) -> str:
    """The node id (IRI) of the entity called ``name`` in a projection: label, alias,
    misspelling or id, matched as ``revkg show`` matches them."""
    return names(g).find(name)


def names(g: nx.MultiDiGraph) -> lookup.Names:
    """The name matcher for the entities of a projection."""
    return lookup.Names.build(
        (
            str(n),
            d["type"],
            d["label"],
            d.get("aliases", ()),
            d.get("misspellings", ()),
            str(n).rsplit("/", 1)[-1],
        )
        for n, d in g.nodes(data=True)
    )


def ego(g: nx.MultiDiGraph, center: str, *, hops: int = 2) -> nx.MultiDiGraph:
    """The entity and everything within ``hops`` relations of it, either direction."""
    simple = nx.Graph(g.to_undirected(as_view=True))
    near = nx.single_source_shortest_path_length(simple, center, cutoff=hops)
    return g.subgraph(near).copy()


def filter_graph(
    g: nx.MultiDiGraph,
    *,
    types: Iterable[str] | None = None,
    layers: Iterable[str] | None = None,
    essays: Iterable[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    keep_undated: bool = False,
) -> nx.MultiDiGraph:
    """A copy keeping only the chosen entity types, layers, essays and years.

    The rules are the page's (``compute`` in network/assets/view.js), so that a page
    filtered by hand and a page drawn filtered show the same:

    * an entity stays if its type is chosen and a chosen essay says something about it;
    * a relation stays if both ends stay, one of its layers and one of its essays are
      chosen, and its years overlap ``since``..``until``;
    * a dated entity must overlap the years too, or take part in a dated relation that
      stays; once a range is given, what has no date goes unless ``keep_undated`` (an
      undated entity stays only by a dated relation in range). No essays given, or all
      of them, means no essay is left out.
    """
    lo, hi = since if since is not None else -10_000, until if until is not None else 10_000
    wanted_types = {t.lower() for t in types} if types else None
    wanted_layers, wanted_essays = set(layers or ()), set(essays or ())
    if wanted_essays >= {e for _, d in g.nodes(data=True) for e in d.get("essays", ())}:
        wanted_essays = set()
    undated = keep_undated or (since is None and until is None)

    def in_time(data: dict[str, Any]) -> bool:
        years = data.get("years")
        return undated if years is None else years[0] <= hi and years[1] >= lo

    def in_essays(data: dict[str, Any]) -> bool:
        return not wanted_essays or bool(wanted_essays.intersection(data.get("essays", ())))

    sub = g.subgraph(
        n
        for n, d in g.nodes(data=True)
        if (not wanted_types or d["type"] in wanted_types) and in_essays(d)
    ).copy()
    for u, v, k, d in list(sub.edges(keys=True, data=True)):
        if (wanted_layers and not layers_of(d) & wanted_layers) or not (
            in_essays(d) and in_time(d)
        ):
            sub.remove_edge(u, v, k)
    touched = {n for u, v, d in sub.edges(data=True) if d.get("years") for n in (u, v)}
    sub.remove_nodes_from([n for n, d in g.nodes(data=True) if not in_time(d) and n not in touched])
    return sub


def layers_of(edge: dict[str, Any]) -> set[str]:
    """The layers supporting a relation: its evidence's methods, else its own layer."""
    return {ev["method"] for ev in edge.get("evidence", ())} or {edge["layer"]}


@dataclass(frozen=True)
class Step:
    """One link of a chain: the facts joining two neighbouring entities."""

    source: str
    target: str
    facts: tuple[tuple[bool, dict[str, Any]], ...]  # (forward?, edge data)


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, *, limit: int = 5) -> list[list[Step]]:
    """Up to ``limit`` shortest chains of relations between two entities, either direction."""
    simple = nx.Graph(g.to_undirected(as_view=True))
    try:
        found = nx.all_shortest_paths(simple, a, b)
        chains = []
        for path in found:
            chains.append([_step(g, u, v) for u, v in itertools.pairwise(path)])
            if len(chains) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return chains


def _step(g: nx.MultiDiGraph, u: str, v: str) -> Step:
    forward = [(True, d) for _, d in sorted(g.get_edge_data(u, v, default={}).items())]
    back = [(False, d) for _, d in sorted(g.get_edge_data(v, u, default={}).items())]
    return Step(u, v, tuple(forward + back))


def paths_graph(g: nx.MultiDiGraph, chains: list[list[Step]]) -> nx.MultiDiGraph:
    """The entities and relations that make up the given chains."""
    nodes = {n for chain in chains for step in chain for n in (step.source, step.target)}
    return g.subgraph(nodes).copy()


def rank(g: nx.MultiDiGraph) -> dict[str, int]:
    """Degree of each entity, counting every fact in either direction."""
    return {str(n): int(d) for n, d in g.degree()}


def layout(g: nx.MultiDiGraph, *, seed: int = 7, iterations: int = 100) -> dict[str, tuple]:
    """Deterministic force-directed positions (Fruchterman-Reingold), in screen units.

    As in ForceAtlas2, an entity weighs one more than its number of facts: two entities
    push each other apart in proportion to the product of their weights, and gravity
    holds each in proportion to its own, so the most connected entities (whose names
    the page shows first) stand apart near the middle. Exact repulsion up to 500 nodes;
    above that each node is pushed by a seeded random sample of the others, so the cost
    grows linearly.
    """
    nodes = sorted(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(index[u], index[v]) for u, v in g.edges() if u != v})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    mass = np.array([1.0 + g.degree(node) for node in nodes])
    mass /= mass.mean()
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1 / np.sqrt(n)
    temp = 0.1
    for _ in range(iterations):
        disp = _repulsion(pos, mass, k * k, rng) + _attraction(pos, edges, k)
        disp -= (pos - pos.mean(axis=0)) * (0.1 * n * k) * mass[:, None]  # keeps islands close
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1))[:, None], 1e-9)
        pos += disp / length * np.minimum(length, temp)
        temp -= 0.1 / (iterations + 1)
    pos = (pos - pos.mean(axis=0)) * (150 / k)
    return {
        node: (round(float(x)), round(float(y))) for node, (x, y) in zip(nodes, pos, strict=True)
    }


def _repulsion(
    pos: np.ndarray, mass: np.ndarray, k2: float, rng: np.random.Generator
) -> np.ndarray:
    n = len(pos)
    if n <= 500:
        d = pos[:, None, :] - pos[None, :, :]
        dist2 = np.maximum(np.einsum("ijk,ijk->ij", d, d), 1e-9)
        weight = mass[:, None] * mass[None, :]
        return np.einsum("ijk,ij->ik", d, k2 * weight / dist2)
    sample = 128
    others = rng.integers(0, n, size=(n, sample))
    d = pos[:, None, :] - pos[others]
    dist2 = np.maximum(np.einsum("ijk,ijk->ij", d, d), 1e-9)
    weight = mass[:, None] * mass[others]
    return np.einsum("ijk,ij->ik", d, k2 * weight / dist2) * ((n - 1) / sample)


def _attraction(pos: np.ndarray, edges: np.ndarray, k: float) -> np.ndarray:
    n = len(pos)
    disp = np.zeros_like(pos)
    if len(edges) == 0:
        return disp
    src, dst = edges[:, 0], edges[:, 1]
    d = pos[src] - pos[dst]
    pull = d * np.sqrt((d * d).sum(axis=1))[:, None] / k
    for axis in (0, 1):
        disp[:, axis] = np.bincount(dst, pull[:, axis], n) - np.bincount(src, pull[:, axis], n)
    return disp
