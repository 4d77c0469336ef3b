"""Counts of what the graph holds: by type, by layer and by predicate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import RDF, Dataset

from .. import vocab
from ..vocab import RK


@dataclass
class Stats:
    """Counts a reader wants to see first."""

    by_type: dict[str, int] = field(default_factory=dict)
    by_layer: dict[str, int] = field(default_factory=dict)
    by_predicate: dict[str, int] = field(default_factory=dict)
    statements_by_support: dict[str, int] = field(default_factory=dict)
    triples: int = 0


def compute(ds: Dataset) -> Stats:
    """Count entities per type, triples per layer, facts per predicate and per support."""
    stats = Stats()
    union = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    stats.triples = len(union)
    for name, iri in vocab.LAYERS.items():
        stats.by_layer[name] = len(ds.graph(iri))
    types = Counter(vocab.local_name(o) for _, p, o in union if p == RDF.type)
    stats.by_type = {
        t: types.get(t, 0) for t in (*vocab.ENTITY_TYPES, "Document", "Statement", "Evidence")
    }
    predicates: Counter[str] = Counter()
    method = {s: vocab.local_name(o) for s, p, o in union if p == RK.method}
    support: dict[object, set[str]] = {}
    for s, p, o in union:
        if p == RDF.predicate:
            predicates[vocab.local_name(o)] += 1
        elif p == RK.hasEvidence:
            support.setdefault(s, set()).add(method.get(o, "unknown"))
    stats.by_predicate = dict(sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0])))
    kinds = Counter(" + ".join(sorted(v)) or "none" for v in support.values())
    stats.statements_by_support = dict(sorted(kinds.items()))
    return stats
