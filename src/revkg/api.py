"""The graph in Python and Jupyter: ``kg = revkg.load()``.

    kg = revkg.load()                         # the built graph of this project
    kg.query("brest-litovsk-opponents")       # a saved question -> DataFrame
    kg.query("events-in-year", year=1917)     # ... with a parameter
    kg.query("SELECT ?p WHERE { ?p a rk:Person }")
    kg.entity("Myasnikov")                    # label or alias -> Entity
    kg.facts("Myasnikov")                     # facts with their quotes -> DataFrame
    kg.to_networkx()                          # networkx MultiDiGraph
    kg.view(focus="Myasnikov")                # an interactive picture in the notebook

The object only holds the loaded graph; every method calls a plain function
(``revkg.query``, ``revkg.lookup``, ``revkg.network``, ``revkg.view``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import ProjectNotFound
from .graph.load import read_dataset, union_graph
from .graph.lookup import find_entity
from .graph.records import Records, read_records
from .model import Entity
from .project import Project, find_project
from .sparql import query as q
from .sparql.store import QueryResult, RdflibStore, Store, open_store

if TYPE_CHECKING:
    import networkx
    import pandas


@dataclass
class KnowledgeGraph:
    """The loaded graph: a query store, the saved questions, and (read when first
    needed, for entities, facts and projections) the rdflib form of the same file."""

    source: Path
    store: Store
    queries_dir: Path | None = None
    _dataset: Dataset | None = field(default=None, repr=False)
    _graph: Graph | None = field(default=None, repr=False)
    _labels: dict[str, str] | None = field(default=None, repr=False)
    _records: Records | None = field(default=None, repr=False)

    @property
    def dataset(self) -> Dataset:
        """The graph with its named layers, as an rdflib Dataset."""
        if self._dataset is None:
            self._dataset = read_dataset(self.source)
        return self._dataset

    @property
    def graph(self) -> Graph:
        """All layers as one rdflib Graph."""
        if self._graph is None:
            self._graph = union_graph(self.dataset)
        return self._graph

    @property
    def records(self) -> Records:
        """The entities and facts, read from the graph once (revkg.graph.records)."""
        if self._records is None:
            self._records = read_records(self.graph)
        return self._records

    @property
    def labels(self) -> dict[str, str]:
        """IRI -> label, for showing results."""
        if self._labels is None:
            self._labels = q.labels(self.store)
        return self._labels

    def run(self, sparql_or_name: str, /, **params: object) -> QueryResult:
        """The raw answer (rdflib terms) to SPARQL text, a .rq file or a saved question."""
        text, saved = q.resolve(sparql_or_name, self.queries_dir)
        return q.run(self.store, text, params=params, saved=saved, find=self.find_iri)

    def query(self, sparql_or_name: str, /, **params: object) -> pandas.DataFrame:
        """The answer as a DataFrame, labels in place of IRIs; parameters as keywords."""
        return to_dataframe(self.run(sparql_or_name, **params), self.labels)

    def entity(self, name: str) -> Entity:
        """The entity called ``name`` (label or alias, any case)."""
        return find_entity(self.records, name)

    def facts(self, name: str) -> pandas.DataFrame:
        """Every fact about the entity, one row per supporting quote, in time order."""
        return facts_frame(self.records, self.entity(name).iri)

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph as networkx: entities as nodes, facts as labelled edges."""
        from .network.projection import project

        return project(self.records)

    def view(self, **options: Any) -> Any:
        """An interactive picture of the graph for the notebook (see revkg.view)."""
        from .network.page import inline_view

        return inline_view(self.graph, **options)

    def find_iri(self, name: str) -> URIRef:
        """The IRI of the entity called ``name`` (label, alias or id; EntityNotFound if none)."""
        return find_entity(self.records, name).iri


def load(path: str | Path | None = None, *, store: str = "auto") -> KnowledgeGraph:
    """The built graph: of the project around the working directory, or from ``path``.

    ``path`` may be a project folder, its graph/ folder, or a .trig/.ttl file.
    ``store`` is ``auto``, ``rdflib`` or ``oxigraph`` (the SPARQL engine).
    """
    project, file = _locate(Path(path) if path is not None else None)
    queries = project.queries_dir if project and project.queries_dir.is_dir() else None
    if file.suffix == ".ttl":  # read once into layers, for the store and for lookups
        dataset = read_dataset(file)
        return KnowledgeGraph(file, open_store(dataset, engine=store), queries, dataset)
    opened = open_store(file, engine=store)
    shared = opened.dataset if isinstance(opened, RdflibStore) else None
    return KnowledgeGraph(file, opened, queries, shared)


def _locate(path: Path | None) -> tuple[Project | None, Path]:
    if path is None:
        project = find_project()
        return project, project.trig
    if path.is_dir():
        root = path.parent if (path / "revkg.trig").exists() else path
        return Project(root), Project(root).trig
    try:
        return find_project(path.resolve().parent), path
    except ProjectNotFound:
        return None, path


def _cell(term: Node | None, names: dict[str, str]) -> object:
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
    return q.show(term, names)


def to_dataframe(result: QueryResult, names: dict[str, str]) -> pandas.DataFrame:
    """A query answer as a DataFrame: labels for IRIs, numbers as numbers."""
    import pandas as pd

    if result.kind != "select":
        header, rows = q.table(result, names)
        return pd.DataFrame(rows, columns=header)
    data = [[_cell(t, names) for t in row] for row in result.rows]
    return pd.DataFrame(data, columns=list(result.variables))


FACT_COLUMNS = [
    "when",
    "subject",
    "predicate",
    "object",
    "quote",
    "essay",
    "method",
    "confidence",
    "start",
    "end",
]


def facts_frame(records: Records, iri: URIRef) -> pandas.DataFrame:
    """The facts about one entity, one row per source (a fact without sources: one row)."""
    import pandas as pd

    rows: list[list[object]] = []
    for fact in records.about(iri):
        base = [fact.time, records.label(fact.subject), fact.relation, records.label(fact.object)]
        for ev in fact.evidence or (None,):
            if ev is None:
                rows.append([*base, None, None, None, None, None, None])
                continue
            essay = records.title(ev.doc)
            rows.append([*base, ev.quote, essay, ev.method, ev.confidence, ev.start, ev.end])
    return pd.DataFrame(rows, columns=FACT_COLUMNS)
