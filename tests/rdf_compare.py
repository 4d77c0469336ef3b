"""Comparing RDF as graphs, with failures that name the triples that differ.

``graph_difference`` and ``dataset_difference`` return an empty string when two graphs
(or two datasets, named graph by named graph) hold the same triples up to blank-node
names, and otherwise a readable account: the triples only in the expected graph, then
those only in the actual one, in Turtle-like lines with revkg's prefixes, sorted, each
list capped.
The ``assert_*`` functions raise AssertionError with that account as the message.

Files are compared by ``assert_same_rdf_file``: as graphs first, then, when asked, byte
for byte (deterministic serialization), where a failure shows the first lines that
differ. ``snapshot`` and ``assert_unchanged`` check that a folder's files were left
alone, and show the graph difference of any RDF file that was changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from revkg import vocab

#: At most this many triples are listed on each side of a difference.
LIMIT = 20
#: A term longer than this is cut (an essay's whole text is one literal).
TERM_WIDTH = 120
#: At most this many lines of a text difference are shown.
TEXT_LINES = 40

RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}
DATASET_FORMATS = {"trig", "nquads"}


def _names() -> NamespaceManager:
    manager = NamespaceManager(Graph(bind_namespaces="none"))
    for prefix, iri in vocab.PREFIXES.items():
        manager.bind(prefix, iri, override=True, replace=True)
    return manager


NAMES = _names()


def show_term(term: Node) -> str:
    """A term as in Turtle, with revkg's prefixes, cut to ``TERM_WIDTH`` characters."""
    text = term.n3(NAMES)
    if len(text) > TERM_WIDTH:
        text = text[: TERM_WIDTH - 1] + "…"
    return text


def show_triples(triples: Iterable[tuple[Node, Node, Node]], limit: int = LIMIT) -> list[str]:
    """Sorted lines, one per triple, at most ``limit`` of them and a count of the rest."""
    lines = sorted(" ".join(show_term(t) for t in triple) + " ." for triple in triples)
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more"]
    return ["  " + line for line in lines]


def _has_blank_nodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def graph_difference(
    expected: Graph,
    actual: Graph,
    *,
    expected_name: str = "expected",
    actual_name: str = "actual",
    limit: int = LIMIT,
) -> str:
    """Empty if the graphs are isomorphic, else the triples only in one and only in the other."""
    if _has_blank_nodes(expected) or _has_blank_nodes(actual):
        iso_left, iso_right = to_isomorphic(expected), to_isomorphic(actual)
        if iso_left == iso_right:
            return ""
        _, in_left, in_right = graph_diff(iso_left, iso_right)
        only_left, only_right = set(in_left), set(in_right)
    else:  # without blank nodes, isomorphic means the same set of triples
        left, right = set(expected), set(actual)
        if left == right:
            return ""
        only_left, only_right = left - right, right - left
    return "\n".join(
        [
            f"{len(only_left)} triple(s) only in {expected_name}:",
            *show_triples(only_left, limit),
            f"{len(only_right)} triple(s) only in {actual_name}:",
            *show_triples(only_right, limit),
        ]
    )


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    """Each graph of a dataset by name; the default graph only if it holds anything."""
    found = {}
    for graph in dataset.graphs():
        name = str(graph.identifier)
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID or len(graph):
            found[name] = graph
    return found


def dataset_difference(
    expected: Dataset,
    actual: Dataset,
    *,
    expected_name: str = "expected",
    actual_name: str = "actual",
    limit: int = LIMIT,
) -> str:
    """Empty if every named graph is isomorphic to its namesake, else what differs in which."""
    left, right = _graphs(expected), _graphs(actual)
    parts = []
    for name in sorted(left.keys() - right.keys()):
        parts.append(f"graph <{name}> ({len(left[name])} triples) only in {expected_name}")
    for name in sorted(right.keys() - left.keys()):
        parts.append(f"graph <{name}> ({len(right[name])} triples) only in {actual_name}")
    for name in sorted(left.keys() & right.keys()):
        diff = graph_difference(
            left[name],
            right[name],
            expected_name=expected_name,
            actual_name=actual_name,
            limit=limit,
        )
        if diff:
            parts.append(f"in graph <{name}>:\n{diff}")
    return "\n".join(parts)


def difference(expected: Graph, actual: Graph, **names: str) -> str:
    """``dataset_difference`` for two datasets, ``graph_difference`` otherwise."""
    if isinstance(expected, Dataset) and isinstance(actual, Dataset):
        return dataset_difference(expected, actual, **names)
    return graph_difference(expected, actual, **names)


def assert_same_graph(expected: Graph, actual: Graph, message: str = "") -> None:
    """Fail, naming the differing triples, unless the graphs are isomorphic (datasets:
    graph by graph)."""
    __tracebackhide__ = True
    diff = difference(expected, actual)
    if diff:
        raise AssertionError(f"{message}\n{diff}" if message else diff)


def rdf_format(path: Path) -> str:
    try:
        return RDF_FORMATS[path.suffix]
    except KeyError:
        raise ValueError(f"{path}: not a known RDF file type") from None


def parse_rdf(data: bytes, fmt: str) -> Graph:
    """RDF text as a Dataset (TriG, N-Quads) or a Graph (Turtle, N-Triples)."""
    graph: Graph = Dataset() if fmt in DATASET_FORMATS else Graph()
    return graph.parse(data=data, format=fmt)


def text_difference(expected: bytes, actual: bytes, names: tuple[str, str]) -> str:
    """The first ``TEXT_LINES`` lines of a unified diff of two texts."""
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            actual.decode("utf-8", "replace").splitlines(),
            *names,
            lineterm="",
            n=1,
        )
    )
    if len(lines) > TEXT_LINES:
        lines = [*lines[:TEXT_LINES], f"... and {len(lines) - TEXT_LINES} more diff lines"]
    return "\n".join(line[: TERM_WIDTH * 2] for line in lines)


def rdf_bytes_difference(
    expected: bytes,
    actual: bytes,
    fmt: str,
    *,
    names: tuple[str, str] = ("expected", "actual"),
    byte_identical: bool = False,
) -> str:
    """Empty if two serializations hold the same graph (and, with ``byte_identical``, are the
    same bytes); else the graph difference, or the text difference of equal graphs."""
    if expected == actual:
        return ""
    diff = difference(
        parse_rdf(expected, fmt),
        parse_rdf(actual, fmt),
        expected_name=names[0],
        actual_name=names[1],
    )
    if diff:
        return diff
    if byte_identical:
        return "the same triples, serialized differently:\n" + text_difference(
            expected, actual, names
        )
    return ""


def assert_same_rdf_file(
    expected: Path, actual: Path, *, byte_identical: bool = False, hint: str = ""
) -> None:
    """Fail unless two RDF files hold the same graph (by suffix: .ttl, .trig, .nt, .nq);
    with ``byte_identical``, also unless they are the same bytes. The message shows the
    graph difference first."""
    __tracebackhide__ = True
    diff = rdf_bytes_difference(
        expected.read_bytes(),
        actual.read_bytes(),
        rdf_format(expected),
        names=(str(expected), str(actual)),
        byte_identical=byte_identical,
    )
    if diff:
        raise AssertionError(f"{actual} differs from {expected}{hint}:\n{diff}")


def snapshot(folder: Path, pattern: str = "*") -> dict[Path, bytes]:
    """The contents of the files in ``folder`` matching ``pattern``."""
    return {p: p.read_bytes() for p in sorted(folder.glob(pattern)) if p.is_file()}


def assert_unchanged(before: dict[Path, bytes], folder: Path, pattern: str = "*") -> None:
    """Fail unless the files matching ``pattern`` are those of ``before``, byte for byte;
    the message names files added, removed or changed, with the graph difference of RDF
    files."""
    __tracebackhide__ = True
    after = snapshot(folder, pattern)
    problems = [f"{p.name}: new" for p in sorted(after.keys() - before.keys())]
    problems += [f"{p.name}: removed" for p in sorted(before.keys() - after.keys())]
    for path in sorted(before.keys() & after.keys()):
        if before[path] == after[path]:
            continue
        fmt = RDF_FORMATS.get(path.suffix)
        detail = (
            rdf_bytes_difference(
                before[path], after[path], fmt, names=("before", "after"), byte_identical=True
            )
            if fmt
            else text_difference(before[path], after[path], ("before", "after"))
        )
        problems.append(f"{path.name}: changed\n{detail}")
    if problems:
        raise AssertionError(f"files in {folder} changed:\n" + "\n".join(problems))
