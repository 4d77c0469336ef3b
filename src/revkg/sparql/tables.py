"""Answers as readers see them: labels in place of IRIs, compact IRIs, tables, CSV/TSV.

The protocol's own result formats are in :mod:`revkg.sparql.results`; these are for
people (the command line, the query page, DataFrames).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .. import vocab
from .store import QueryResult


def compact(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``person:gavril-myasnikov`` for a full IRI under one of ``prefixes`` (revkg's own
    when not given; a store's are :func:`revkg.sparql.store.prefixes_of`)."""
    known = prefixes or vocab.PREFIXES
    best = max(
        (p for p, ns in known.items() if iri.startswith(ns)),
        key=lambda p: len(known[p]),
        default=None,
    )
    return f"{best}:{iri[len(known[best]) :]}" if best else f"<{iri}>"


def show(
    term: Node | None, names: Mapping[str, str], prefixes: Mapping[str, str] | None = None
) -> str:
    """A term as a reader sees it: a label, else a compact IRI; literals as text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return names.get(str(term)) or compact(str(term), prefixes)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def table(
    result: QueryResult, names: Mapping[str, str], prefixes: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows with labels in place of IRIs, and IRIs without a label compacted
    with ``prefixes`` (triples as subject/predicate/object)."""
    if result.kind == "ask":
        return ["answer"], [["yes" if result.boolean else "no"]]
    if result.kind == "graph":
        rows = [[show(t, names, prefixes) for t in triple] for triple in result.triples]
        return ["subject", "predicate", "object"], sorted(rows)
    return list(result.variables), [[show(t, names, prefixes) for t in row] for row in result.rows]


def linked_table(
    result: QueryResult, names: Mapping[str, str], prefixes: Mapping[str, str] | None = None
) -> dict[str, object]:
    """The table for the query page: each cell as [text, IRI or None], so names can link
    to their pages; ``kind`` is select, ask or graph."""
    header, _ = table(result, names, prefixes)
    if result.kind == "ask":
        rows: list[list[Node | None]] = [[Literal("yes" if result.boolean else "no")]]
    elif result.kind == "graph":
        rows = sorted(
            (list(t) for t in result.triples),
            key=lambda r: [show(t, names, prefixes) for t in r],
        )
    else:
        rows = [list(row) for row in result.rows]
    cells = [
        [[show(t, names, prefixes), str(t) if isinstance(t, URIRef) else None] for t in r]
        for r in rows
    ]
    return {"kind": result.kind, "header": header, "rows": cells}


def delimited(
    result: QueryResult,
    *,
    delimiter: str,
    names: Mapping[str, str],
    prefixes: Mapping[str, str] | None = None,
) -> str:
    """CSV or TSV for readers: labels in place of IRIs (the protocol's own CSV and TSV
    are in :mod:`revkg.sparql.results`)."""
    header, rows = table(result, names, prefixes)
    if delimiter == "\t":
        clean = [[c.replace("\t", " ").replace("\n", " ") for c in r] for r in [header, *rows]]
        return "".join("\t".join(r) + "\n" for r in clean)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
