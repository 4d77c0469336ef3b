"""Where SPARQL runs: rdflib or Oxigraph, behind one small interface.

    open_store(source, engine="auto")   a Store over the built dataset
    Store.run(text, max_rows=...)       -> QueryResult (rdflib terms, either engine)
    WorkerPool(...)                     the same, in worker processes that are
                                        stopped when a query runs out of time

Both engines see the named graphs (``GRAPH ?g``) and, as the default graph, the
union of all of them (each triple once), so simple queries need no ``GRAPH``
clause. revkg's prefixes (``rk:``, ``person:``, ...) are predeclared, the instance ones
(``person:``, ``essay:``, ...) under the base IRI the graph was built with, read from
its essays' IRIs.

``auto`` picks Oxigraph for a graph read from a file and for datasets from
``AUTO_OXIGRAPH_TRIPLES`` triples up; rdflib for smaller in-memory datasets. On the
seed graph (7,000 triples) Oxigraph answers the saved questions 5 to 30 times
faster than rdflib, and loads a TriG file faster than rdflib parses it
(bench/bench_query.py).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .. import vocab
from ..errors import QueryError, ResultTooLarge, ServiceRefused
from ..graph.prefixes import prefixes_for

ENGINES = ("auto", "rdflib", "oxigraph")
#: From this many triples up, ``auto`` uses Oxigraph (see bench/bench_query.py).
AUTO_OXIGRAPH_TRIPLES = 1_000

Row = tuple[Node | None, ...]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: rows (SELECT), a yes/no (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select" | "ask" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = field(default=())

    def graph(self, prefixes: dict[str, str] | None = None) -> Graph:
        """The CONSTRUCT/DESCRIBE triples as an rdflib Graph with ``prefixes`` bound
        (revkg's own when not given)."""
        g = Graph()
        for prefix, namespace in (prefixes or vocab.PREFIXES).items():
            g.bind(prefix, namespace, override=True, replace=True)
        for t in self.triples:
            g.add(t)
        return g


class Store(Protocol):
    """A queryable copy of the dataset."""

    engine: str

    def run(self, text: str, *, max_rows: int | None = None) -> QueryResult: ...

    def __len__(self) -> int: ...


@functools.lru_cache(maxsize=256)
def _prepared(text: str, prefixes: tuple[tuple[str, str], ...]) -> Any:
    """rdflib's parsed and translated form of a query, kept for the next run."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(prefixes))


def prefixes_of(store: object) -> dict[str, str]:
    """The prefixes a store declares for its queries: revkg's, the instance ones under
    the base its graph was built with (revkg's own for a store that does not say)."""
    found = getattr(store, "prefixes", None)
    return dict(found) if found else dict(vocab.PREFIXES)


def _limited(items: Iterable[Any], max_rows: int | None) -> list[Any]:
    taken: list[Any] = []
    for item in items:
        if max_rows is not None and len(taken) >= max_rows:
            raise ResultTooLarge(
                f"the answer has more than {max_rows} rows; add a LIMIT to the query "
                "or raise the limit (--max-rows)."
            )
        taken.append(item)
    return taken


class RdflibStore:
    """Queries evaluated by rdflib over an in-memory Dataset.

    Making one turns off, for the whole process, what would let a query reach outside
    the dataset through rdflib: loading the graphs a query names with FROM (off), and
    SERVICE (refused as it is evaluated, whatever a reader of the text decided)."""

    engine = "rdflib"

    def __init__(self, dataset: Dataset) -> None:
        _no_outside_access()
        dataset.default_union = True
        self.dataset = dataset
        first = min(map(str, dataset.subjects(RDF.type, vocab.RK.Document)), default=None)
        self.prefixes = tuple(prefixes_for(first).items())

    def __len__(self) -> int:
        return len(self.dataset)

    def run(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        try:
            return self._run(text, max_rows)
        except QueryError:
            raise
        except Exception as e:  # rdflib raises many kinds, some while reading the answer
            raise QueryError(f"the query could not be run: {e}") from e

    def _run(self, text: str, max_rows: int | None) -> QueryResult:
        result = self.dataset.query(_prepared(text, self.prefixes))
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            assert result.graph is not None
            return QueryResult("graph", triples=tuple(_limited(result.graph, max_rows)))
        names = tuple(str(v) for v in result.vars or ())
        rows = _limited((tuple(row.get(v) for v in result.vars or ()) for row in result), max_rows)  # type: ignore[union-attr]
        return QueryResult("select", names, tuple(rows))


def _no_outside_access() -> None:
    from rdflib.plugins import sparql

    sparql.SPARQL_LOAD_GRAPHS = False
    sparql.CUSTOM_EVALS["revkg-no-service"] = _refuse_service


def _refuse_service(ctx: Any, part: Any) -> Any:
    if part.name == "ServiceGraphPattern":
        raise ServiceRefused("SERVICE is refused: this store sends no requests elsewhere.")
    raise NotImplementedError  # every other part: rdflib's own evaluation


class OxigraphStore:
    """Queries evaluated by Oxigraph (pyoxigraph) over an in-memory store."""

    engine = "oxigraph"

    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.store = store
        self._size = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        kind = ox.NamedNode(str(vocab.RK.Document))
        essays = store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), kind, ox.DefaultGraph())
        first = min((quad.subject.value for quad in essays), default=None)
        self.prefixes = prefixes_for(first)

    @classmethod
    def from_file(cls, path: Path) -> OxigraphStore:
        from ..graph.load import read_store

        return cls(_with_union_default(read_store(path)))

    @classmethod
    def from_nquads(cls, data: bytes) -> OxigraphStore:
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        return cls(_with_union_default(store))

    def __len__(self) -> int:
        return self._size

    def run(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        import pyoxigraph as ox

        try:
            answer = self.store.query(text, prefixes=self.prefixes)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = _limited((_triple(t) for t in answer), max_rows)
                return QueryResult("graph", triples=tuple(triples))
            names = tuple(v.value for v in answer.variables)
            rows = _limited((tuple(_term(sol[n]) for n in names) for sol in answer), max_rows)
        except (SyntaxError, OSError, ValueError, TypeError) as e:
            raise QueryError(f"the query could not be run: {e}") from e
        return QueryResult("select", names, tuple(rows))


def _with_union_default(store: Any) -> Any:
    """Copy every named graph's triples into the default graph, once each.

    Oxigraph's ``use_default_graph_as_union`` keeps a triple once per graph it is
    in (a fact both curated and extracted would come back twice or more); a real
    default graph is a set, as SPARQL's RDF merge and rdflib's union are.
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def _term(term: Any) -> Node | None:
    """A pyoxigraph term as the equal rdflib term."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == str(XSD.string) else Literal(term.value, datatype=dt)
    raise QueryError(f"unsupported term in the answer: {term!r}")


def _triple(t: Any) -> Triple:
    s, p, o = _term(t.subject), _term(t.predicate), _term(t.object)
    assert s is not None and p is not None and o is not None
    return (s, p, o)


def choose_engine(engine: str, triples: int) -> str:
    """The engine to use: as asked, or for ``auto`` by the size of the graph."""
    if engine not in ENGINES:
        raise QueryError(f"unknown store {engine!r}; choose one of {', '.join(ENGINES)}.")
    if engine != "auto":
        return engine
    return "oxigraph" if triples >= AUTO_OXIGRAPH_TRIPLES else "rdflib"


def _engine_for(source: Dataset | Path, engine: str) -> str:
    """The engine for ``source``; auto sends a file to Oxigraph (its size is unknown until
    it is read)."""
    return choose_engine(engine, AUTO_OXIGRAPH_TRIPLES if isinstance(source, Path) else len(source))


def open_store(source: Dataset | Path, *, engine: str = "auto") -> Store:
    """A store over a Dataset or a built graph's file (.trig or .ttl, layers kept), on the
    engine asked for."""
    chosen = _engine_for(source, engine)
    if isinstance(source, Path):
        if chosen == "oxigraph":
            return OxigraphStore.from_file(source)
        from ..graph.load import read_dataset

        source = read_dataset(source)
    if chosen == "oxigraph":
        from ..graph.bulk import to_nquads

        return OxigraphStore.from_nquads(to_nquads(source))
    return RdflibStore(source)
