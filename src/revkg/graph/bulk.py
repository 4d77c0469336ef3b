"""Bulk input and output through Oxigraph: the fast path for big graphs.

rdflib's in-memory store is comfortable for the seed graph but slow at a
million triples (about 22 s to write Turtle and 24 s to read it, against 0.5 s
and 2 s for pyoxigraph). Everything here streams through pyoxigraph instead:

* ``convert(source, output, fmt)`` turns graph/revkg.trig (or any RDF file) into
  N-Quads, N-Triples, Turtle or TriG; quad formats stream without holding the
  graph in memory at all; ``write_rdf`` does the same to an open stream (stdout);
* ``load_store(path)`` bulk-loads a file into a pyoxigraph ``Store``;
* ``dump_store(store, output, fmt)`` writes a store out;
* ``dataset_to_store(ds)`` copies a built rdflib dataset into a store, and
  ``to_nquads(ds)`` hands one to Oxigraph as N-Quads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, Dataset, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from .. import vocab
from ..errors import UnknownFormat
from ..files import atomic_binary, parsing
from .prefixes import prefixes_for

FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
}
QUAD_FORMATS = ("nquads", "trig")


def guess_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file from its extension (.ttl, .trig, .nt, .nq)."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise UnknownFormat(f"{path}: unknown RDF file extension; use .ttl, .trig, .nt or .nq")
    return fmt


def rdf_format(fmt: str) -> ox.RdfFormat:
    """The RDF format called ``fmt`` (nquads, ntriples, turtle or trig)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


class _Counter:
    """Passes quads through, counting them."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self._quads = quads
        self.count = 0

    def __iter__(self) -> Iterator[ox.Quad]:
        for quad in self._quads:
            self.count += 1
            yield quad


def convert(source: Path, output: Path, fmt: str) -> int:
    """Write ``source`` as ``fmt`` to ``output`` (atomically); returns the number written."""
    with atomic_binary(output) as out:
        return write_rdf(source, out, fmt)


def write_rdf(source: Path, out: IO[bytes], fmt: str) -> int:
    """Write ``source`` as ``fmt`` to a binary stream; returns the number written.

    N-Quads and TriG stream quad by quad. N-Triples and Turtle hold one graph, the
    union of the layers, so they go through a store that removes duplicates.
    """
    target, source_format = rdf_format(fmt), guess_format(source)
    if fmt in QUAD_FORMATS:
        prefixes = _prefixes(target, lambda: _essay_in_file(source, source_format))
        counter = _Counter(ox.parse(path=source, format=source_format))
        with parsing(source, SyntaxError):
            ox.serialize(counter, out, target, prefixes=prefixes)
        return counter.count
    store = load_store(source, union=True)
    prefixes = _prefixes(target, lambda: _essay_in_store(store))
    store.dump(out, target, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    return len(store)


def _prefixes(fmt: ox.RdfFormat, essay: Callable[[], str | None]) -> dict[str, str] | None:
    """revkg's prefixes for Turtle and TriG, the instance ones under the base IRI of the
    graph's essays (``essay()`` finds one); none for the line-based formats."""
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return None
    return prefixes_for(essay())


_IS_ESSAY = (ox.NamedNode(str(RDF.type)), ox.NamedNode(str(vocab.RK.Document)))


def _essay_in_store(store: ox.Store) -> str | None:
    essays = store.quads_for_pattern(None, *_IS_ESSAY)
    return min((_iri(quad.subject) for quad in essays), default=None)


def _iri(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else ""


def _essay_in_file(path: Path, fmt: ox.RdfFormat) -> str | None:
    """The IRI of an essay in a graph file, read up to the first; a built graph declares
    the prefix ``essay:`` at its top, which is taken instead when it is there."""
    with parsing(path, SyntaxError):
        quads = ox.parse(path=path, format=fmt)
        for quad in quads:
            declared = (getattr(quads, "prefixes", None) or {}).get("essay")
            if declared:
                return str(declared)
            if (quad.predicate, quad.object) == _IS_ESSAY:
                return _iri(quad.subject)
    return None


def load_store(path: Path, *, union: bool = False) -> ox.Store:
    """A pyoxigraph store bulk-loaded from ``path``; ``union`` puts every quad in one graph."""
    store = ox.Store()
    fmt = guess_format(path)
    with parsing(path, SyntaxError):
        if union:
            quads = (
                ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=path, format=fmt)
            )
            store.bulk_extend(quads)
        else:
            store.bulk_load(path=path, format=fmt)
    return store


def dump_store(store: ox.Store, output: Path, fmt: str) -> None:
    """Write a store to ``output`` atomically."""
    target = rdf_format(fmt)
    graph = None if fmt in QUAD_FORMATS else ox.DefaultGraph()
    prefixes = _prefixes(target, lambda: _essay_in_store(store))
    with atomic_binary(output) as out:
        store.dump(out, target, from_graph=graph, prefixes=prefixes)


def to_nquads(ds: Dataset) -> bytes:
    """An rdflib dataset as N-Quads (named graphs kept): how rdflib data reaches Oxigraph.
    The same bytes as rdflib's own N-Quads writer (:func:`rdflib_nquads`), faster."""
    lines = [f"{s} {p} {o} {g} .\n" for s, p, o, g in quad_texts(ds)]
    lines.append("\n")
    return "".join(lines).encode("utf-8", "replace")


def quad_texts(ds: Dataset) -> Iterator[tuple[str, str, str, str]]:
    """Each quad's subject, predicate, object and graph name as N-Quads texts ("" names
    the default graph), as rdflib writes them. Each term's text is made once: a big graph
    repeats its subjects, predicates, layers and evidence literals on many lines, and
    rdflib checks an IRI's characters every time it writes it."""
    texts: dict[Node, str] = {}

    def text(term: Node) -> str:
        found = texts.get(term)
        if found is None:
            found = texts[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return found

    for graph in ds.graphs():
        name = graph.identifier
        layer = name.n3() if name != DATASET_DEFAULT_GRAPH_ID else ""
        for s, p, o in graph:
            yield text(s), text(p), text(o), layer


def rdflib_nquads(ds: Dataset) -> bytes:
    """rdflib's own N-Quads of ``ds``: what :func:`to_nquads` must equal."""
    return ds.serialize(format="nquads", encoding="utf-8")


def dataset_to_store(ds: Dataset) -> ox.Store:
    """An rdflib dataset copied into a pyoxigraph store, named graphs kept."""
    store = ox.Store()
    store.bulk_load(to_nquads(ds), format=ox.RdfFormat.N_QUADS)
    return store
