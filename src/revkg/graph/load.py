"""Read the built graph back from graph/ (Turtle for one graph, TriG for the layers)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .. import vocab
from ..errors import GraphNotBuilt


def require_built(path: Path) -> Path:
    """``path`` if it exists; GraphNotBuilt (saying how to build it) if not."""
    if not path.exists():
        raise GraphNotBuilt(f"{path} does not exist yet; run `make` (or `revkg build`) first.")
    return path


def read_graph(path: Path) -> Graph:
    """The whole graph as one rdflib Graph (from revkg.ttl)."""
    g = Graph()
    vocab.bind_prefixes(g)
    return g.parse(require_built(path), format="turtle")


def read_dataset(path: Path) -> Dataset:
    """The graph with its named layers (from revkg.trig)."""
    ds = vocab.new_dataset()
    ds.parse(require_built(path), format="trig")
    return ds
