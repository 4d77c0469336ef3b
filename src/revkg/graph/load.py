"""Read the built graph back from graph/ (Turtle for one graph, TriG for the layers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph

from .. import vocab
from ..errors import GraphFileError, GraphNotBuilt


def require_built(path: Path) -> Path:
    """``path`` if it exists; GraphNotBuilt (saying how to build it) if not."""
    if not path.exists():
        raise GraphNotBuilt(f"{path} does not exist yet; run `make` (or `revkg build`) first.")
    return path


@contextmanager
def parsing(path: Path, errors: type[Exception] | tuple[type[Exception], ...]) -> Iterator[None]:
    """Turn a parser's ``errors`` while reading ``path`` into GraphFileError naming the file."""
    try:
        yield
    except errors as e:
        raise GraphFileError(
            f"{path} cannot be read as RDF ({_reason(e)}); if revkg wrote it, "
            "run `revkg build` to write it again."
        ) from e


def _reason(error: Exception) -> str:
    """The parser's complaint on one line (rdflib's spans several, Oxigraph's one)."""
    if isinstance(error, SyntaxError) and error.msg:
        return error.msg.splitlines()[0]
    lines = str(error).splitlines() or [type(error).__name__]
    return " ".join(lines[:2]).replace(" of <>:", ":").removesuffix(" at ^ in:")


def read_graph(path: Path) -> Graph:
    """The whole graph as one rdflib Graph (from revkg.ttl)."""
    g = Graph()
    vocab.bind_prefixes(g)
    with parsing(require_built(path), Exception):  # rdflib raises many kinds
        g.parse(path, format="turtle")
    return g


def read_dataset(path: Path) -> Dataset:
    """The graph with its named layers (from revkg.trig)."""
    ds = vocab.new_dataset()
    with parsing(require_built(path), Exception):
        ds.parse(path, format="trig")
    return ds
