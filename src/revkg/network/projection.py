"""The RDF graph as a networkx MultiDiGraph, and what to compute on it.

Entities are nodes (keyed by IRI). Each fact between two entities is one
directed edge, keyed by its statement IRI, so parallel facts between the same
two entities are all kept. Statement and evidence nodes are folded into the
edge they describe; literal facts (birth and death dates, event dates,
occupations) become node attributes. Nothing here draws or writes files.

Node attributes: label, type (``person``, ``work``...), description, aliases,
misspellings, dates (relation -> value), facts (literal facts with evidence),
years ((first, last) or None), essays.
Edge attributes: relation (readable), predicate, time, start, end, years,
layer (``curated`` if any curated evidence, else ``extracted``), confidence,
essays, evidence (list of dicts: essay, quote, start, end, method, confidence, rule,
note; see revkg.lookup.Source).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx
import numpy as np
from rdflib import RDF, Graph, Literal

from .. import vocab
from ..errors import EntityNotFound
from ..graph import lookup
from ..vocab import RK

_LITERAL_PROPS = {RK[p.name]: p for p in vocab.PROPERTIES if p.literal}
_ENTITY_PROPS = {RK[p.name]: p for p in vocab.PROPERTIES if not p.literal}
_PROPS = _ENTITY_PROPS | _LITERAL_PROPS
#: The labels (as in a node's ``dates``) of the properties that date an entity itself.
_DATE_LABELS = frozenset(
    vocab.PROPERTIES_BY_NAME[p].label for p in ("birthDate", "deathDate", "disappeared", "date")
)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project the RDF graph onto entities and the relations between them."""
    g = nx.MultiDiGraph()
    for e in lookup.entities(graph):
        g.add_node(
            str(e.iri),
            label=e.label,
            type=e.type.lower(),
            description=e.description,
            aliases=list(e.aliases),
            misspellings=list(e.misspellings),
            dates={},
            facts=[],
            years=None,
            essays=[],
        )
    covered: set[tuple[str, str, str]] = set()
    for node in sorted(graph.subjects(RDF.type, RK.Statement), key=str):
        fact = _read_statement(graph, node)
        if fact is not None:
            _add_fact(g, str(node), fact, covered)
    direct = [(s, p, o) for p in _PROPS for s, o in graph.subject_objects(p)]
    for s, p, o in sorted(direct):
        if p in _ENTITY_PROPS and not _covered(covered, s, p, o):
            bare = {"predicate": _ENTITY_PROPS[p].name, "object": o, "times": {}, "evidence": []}
            _add_fact(g, f"{s} {p} {o}", {"subject": s, **bare}, covered)
        elif p in _LITERAL_PROPS and str(s) in g:
            g.nodes[str(s)]["dates"].setdefault(_LITERAL_PROPS[p].label, str(o))
    for _, data in g.nodes(data=True):
        data["years"] = _span(data["dates"][k] for k in data["dates"] if k in _DATE_LABELS)
        data["essays"] = sorted(set(data["essays"]))
    return g


def _covered(covered: set[tuple[str, str, str]], s: Any, p: Any, o: Any) -> bool:
    """True when a statement node already stands for the direct triple (or its mirror
    image, which the build adds for symmetric relations such as "met")."""
    if (str(s), str(p), str(o)) in covered:
        return True
    return _ENTITY_PROPS[p].symmetric and (str(o), str(p), str(s)) in covered


def _read_statement(graph: Graph, node: Any) -> dict[str, Any] | None:
    found: dict[Any, list[Any]] = {}
    for p, o in graph.predicate_objects(node):
        found.setdefault(p, []).append(o)
    subject, predicate, obj = (found.get(x, [None])[0] for x in _SPO)
    if predicate not in _ENTITY_PROPS and predicate not in _LITERAL_PROPS:
        return None
    prop = _PROPS[predicate]
    times = {k: str(found[p][0]) for k, p in _TIMES.items() if p in found}
    evidence = [_evidence(graph, ev) for ev in found.get(RK.hasEvidence, [])]
    evidence.sort(key=lambda ev: (ev["method"], ev["essay"], ev["start"] or 0, ev["quote"]))
    return {
        "subject": subject,
        "predicate": prop.name,
        "object": obj,
        "times": times,
        "evidence": evidence,
    }


_SPO = (RDF.subject, RDF.predicate, RDF.object)
_TIMES = {"point": RK.pointInTime, "start": RK.startTime, "end": RK.endTime}


def _evidence(graph: Graph, ev: Any) -> dict[str, Any]:
    """An evidence node as a plain dict (the page and the exports serialise it)."""
    return asdict(lookup.source(graph, ev))


def _add_fact(
    g: nx.MultiDiGraph, key: str, fact: dict[str, Any], covered: set[tuple[str, str, str]]
) -> None:
    s, o = str(fact["subject"]), fact["object"]
    prop = vocab.PROPERTIES_BY_NAME[fact["predicate"]]
    covered.add((s, str(RK[prop.name]), str(o)))
    essays = sorted({ev["essay"] for ev in fact["evidence"]})
    if s not in g:
        return
    if isinstance(o, Literal):
        node = g.nodes[s]
        node["dates"][prop.label] = str(o)
        node["facts"].append({"relation": prop.label, "value": str(o), **_support(fact)})
        node["essays"] += essays
        return
    if str(o) not in g:
        return
    times = fact["times"]
    for end in (s, str(o)):
        g.nodes[end]["essays"] += essays
    g.add_edge(
        s,
        str(o),
        key=key,
        relation=prop.label,
        predicate=prop.name,
        time=_time_text(times),
        start=times.get("start") or times.get("point"),
        end=times.get("end") or times.get("point"),
        years=_span(times.values()),
        essays=essays,
        **_support(fact),
    )


def _support(fact: dict[str, Any]) -> dict[str, Any]:
    evidence = fact["evidence"]
    methods = {ev["method"] for ev in evidence}
    return {
        "layer": "extracted" if methods == {"extracted"} else "curated",
        "confidence": max((ev["confidence"] for ev in evidence), default=1.0),
        "evidence": evidence,
    }


def _time_text(times: dict[str, str]) -> str:
    if "point" in times:
        return times["point"]
    if times:
        return f"{times.get('start', '')}–{times.get('end', '')}"
    return ""


def year_of(value: str) -> int | None:
    """The year of an ISO-like date literal (``1921``, ``1921-03``, ``1921-03-08``)."""
    m = re.match(r"-?\d{4}", value.strip())
    return int(m.group()) if m else None


def _span(values: Iterable[str]) -> tuple[int, int] | None:
    years = [y for y in (year_of(v) for v in values) if y is not None]
    return (min(years), max(years)) if years else None


def resolve(graph: Graph, name: str) -> str:
    """The node id (IRI) of the entity called ``name`` (label or alias)."""
    return str(lookup.find_entity(graph, name).iri)


def resolve_in(g: nx.MultiDiGraph, name: str) -> str:
    """Like resolve(), on a projection: matches node id, label or alias, ignoring case."""
    wanted = name.casefold()
    for pick in ("label", "aliases"):
        for node, data in sorted(g.nodes(data=True)):
            names = data.get(pick) or []
            names = [names] if isinstance(names, str) else names
            if wanted in (n.casefold() for n in names):
                return str(node)
    if name in g:
        return name
    raise EntityNotFound(name, [])


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
) -> nx.MultiDiGraph:
    """A copy keeping only the chosen entity types, layers, essays and years.

    Undated entities and facts stay; a dated fact must overlap ``since``..``until``,
    and a dated entity must overlap it too or take part in a dated fact that does.
    """
    lo, hi = since if since is not None else -10_000, until if until is not None else 10_000
    wanted_types = {t.lower() for t in types} if types else None
    wanted_layers, wanted_essays = set(layers or ()), set(essays or ())

    def in_time(data: dict[str, Any]) -> bool:
        years = data.get("years")
        return years is None or (years[0] <= hi and years[1] >= lo)

    sub = g.subgraph(
        n for n, d in g.nodes(data=True) if not wanted_types or d["type"] in wanted_types
    ).copy()
    for u, v, k, d in list(sub.edges(keys=True, data=True)):
        if (
            (wanted_layers and not layers_of(d) & wanted_layers)
            or (wanted_essays and not set(d["essays"]) & wanted_essays)
            or not in_time(d)
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

    Exact repulsion up to 500 nodes; above that each node is pushed by a seeded
    random sample of the others, so the cost grows linearly.
    """
    nodes = sorted(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(index[u], index[v]) for u, v in g.edges() if u != v})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1 / np.sqrt(n)
    temp = 0.1
    for _ in range(iterations):
        disp = _repulsion(pos, k * k, rng) + _attraction(pos, edges, k)
        disp -= (pos - pos.mean(axis=0)) * 0.05 * n * k  # gravity keeps islands close
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1))[:, None], 1e-9)
        pos += disp / length * np.minimum(length, temp)
        temp -= 0.1 / (iterations + 1)
    pos = (pos - pos.mean(axis=0)) * (150 / k)
    return {
        node: (round(float(x)), round(float(y))) for node, (x, y) in zip(nodes, pos, strict=True)
    }


def _repulsion(pos: np.ndarray, k2: float, rng: np.random.Generator) -> np.ndarray:
    n = len(pos)
    if n <= 500:
        d = pos[:, None, :] - pos[None, :, :]
        dist2 = np.maximum(np.einsum("ijk,ijk->ij", d, d), 1e-9)
        return np.einsum("ijk,ij->ik", d, k2 / dist2)
    sample = 128
    others = rng.integers(0, n, size=(n, sample))
    d = pos[:, None, :] - pos[others]
    dist2 = np.maximum(np.einsum("ijk,ijk->ij", d, d), 1e-9)
    return np.einsum("ijk,ij->ik", d, k2 / dist2) * ((n - 1) / sample)


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
