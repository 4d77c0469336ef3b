"""graph/revkg.ttl and graph/revkg.trig: a dataset's Turtle and TriG, sorted.

rdflib's own Turtle and TriG writers order subjects and graphs by hash, which changes
from run to run, and take half a second on the seed graph. Here each quad becomes a line
of N-Quads text and a sort key (each term's text made once, :func:`bulk.quad_texts`), the
lines are sorted once for both files, and Oxigraph reads the sorted lines back and writes
Turtle and TriG, making each quad object only as it writes it. The same graph gives the
same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, Dataset

from .. import vocab
from .bulk import quad_texts

_RDF_TYPE = RDF.type.n3()


def to_turtle(ds: Dataset) -> str:
    """graph/revkg.ttl: every layer as one graph, in a fixed order, one block per subject."""
    lines, order = _sorted(ds)
    return _spaced(_oxigraph(lines.distinct_triples(order), ox.RdfFormat.TURTLE, ds), "")


def to_trig(ds: Dataset) -> str:
    """graph/revkg.trig: the named graphs (layers), in a fixed order."""
    lines, order = _sorted(ds)
    return _spaced(_oxigraph(lines.by_layer(order), ox.RdfFormat.TRIG, ds), "\t")


def to_turtle_and_trig(ds: Dataset) -> tuple[str, str]:
    """Both files at once, reading the dataset and sorting its quads only once."""
    lines, order = _sorted(ds)
    turtle = _oxigraph(lines.distinct_triples(order), ox.RdfFormat.TURTLE, ds)
    trig = _oxigraph(lines.by_layer(order), ox.RdfFormat.TRIG, ds)
    return _spaced(turtle, subject_indent=""), _spaced(trig, subject_indent="\t")


def _sorted(ds: Dataset) -> tuple[_Lines, list[int]]:
    """The dataset's lines, and their indices in the order of their keys."""
    lines = _Lines.of(ds)
    return lines, sorted(range(len(lines.keys)), key=lines.keys.__getitem__)


@dataclass
class _Lines:
    """Each quad's sort key (:func:`sort_key`), triple text and layer text, in step."""

    keys: list[str] = field(default_factory=list)
    triples: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, ds: Dataset) -> _Lines:
        lines = cls()
        for s, p, o, g in quad_texts(ds):
            lines.keys.append(sort_key(s, p, o))
            lines.triples.append(f"{s} {p} {o}")
            lines.layers.append(g)
        return lines

    def distinct_triples(self, order: list[int]) -> bytes:
        """N-Triples, each triple once (a triple in two layers is one statement), in key
        order. The key stands for the triple, so a triple's quads are neighbours."""
        triples = self.triples
        text = "".join(f"{triples[i]} .\n" for i in _distinct(self.keys, order))
        return text.encode("utf-8", "replace")

    def by_layer(self, order: list[int]) -> bytes:
        """N-Quads: the layers in the order of their names, each layer's quads in key order."""
        layers: dict[str, list[int]] = {}
        for i in order:
            layers.setdefault(self.layers[i], []).append(i)
        return "".join(
            f"{self.triples[i]} {name} .\n" for name in sorted(layers) for i in layers[name]
        ).encode("utf-8", "replace")


def _distinct(keys: list[str], order: list[int]) -> Iterator[int]:
    """The indices in ``order`` whose key differs from the one before."""
    previous = None
    for i in order:
        if keys[i] != previous:
            previous = keys[i]
            yield i


def sort_key(subject: str, predicate: str, obj: str) -> str:
    """A quad's place in the files, from its terms' N-Triples texts: by subject, then
    rdf:type first, then predicate and object. One string sorts as the tuple of those
    does and compares faster: the separator U+0001 sorts before every character a term's
    text can hold (revkg refuses control characters in its data)."""
    kind = "0" if predicate == _RDF_TYPE else "1"
    return f"{subject}\x01{kind}{predicate}\x01{obj}"


def _prefixes(ds: Dataset) -> dict[str, str]:
    """revkg's prefixes as bound on ``ds``: the instance ones under its base IRI."""
    bound = {prefix: str(ns) for prefix, ns in ds.namespace_manager.namespaces()}
    return {prefix: bound.get(prefix, iri) for prefix, iri in vocab.PREFIXES.items()}


def _oxigraph(lines: bytes, fmt: ox.RdfFormat, ds: Dataset) -> str:
    """Sorted N-Triples or N-Quads written by Oxigraph as Turtle or TriG, in their order,
    with the prefixes bound on ``ds``."""
    source = ox.RdfFormat.N_TRIPLES if fmt == ox.RdfFormat.TURTLE else ox.RdfFormat.N_QUADS
    data = ox.serialize(ox.parse(lines, format=source), format=fmt, prefixes=_prefixes(ds))
    return (data or b"").decode("utf-8")


def _spaced(text: str, subject_indent: str) -> str:
    """Prefixes sorted (Oxigraph writes them first, in hash order), and a blank line before
    each subject's block (a line indented by ``subject_indent`` alone) and each graph (a
    line that ends with "{"), unless the line before is blank or opens a graph. Literals
    never hold a raw line break in Oxigraph's output, so every line is a statement line.
    """
    head = _PREFIX_LINES.match(text)
    assert head is not None  # the pattern matches the empty string too
    prefixes = sorted(head.group().split("\n")[:-1])
    body = text[head.end() :].rstrip("\n")
    block = _TURTLE_BLOCK if not subject_indent else _TRIG_BLOCK
    return "\n".join([*prefixes, "", block.sub("\n\n", body)]) + "\n"


_PREFIX_LINES = re.compile(r"(?:@prefix [^\n]*\n)*")
#: A line break before a subject's block (Turtle: a line not indented)... The patterns
#: start with the line break itself, so the search skips from one to the next.
_TURTLE_BLOCK = re.compile(r"\n(?<=[^{\n]\n)(?=[^\t\n])")
#: ... or (TriG) a line indented by one tab, or a graph's opening line.
_TRIG_BLOCK = re.compile(r"\n(?<=[^{\n]\n)(?=\t[^\t]|[^\n]*\{$)", re.MULTILINE)
