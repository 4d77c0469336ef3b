"""The graph in Python and Jupyter: ``kg = revkg.load()``.

    kg = revkg.load()                         # the built graph of this project
    kg.query("brest-litovsk-opponents")       # a saved question -> DataFrame
    kg.query("events-in-year", year=1917)     # ... with a parameter
    kg.query("SELECT ?p WHERE { ?p a rk:Person }")
    kg.entity("Myasnikov")                    # label or alias -> GraphEntity
    kg.facts("Myasnikov")                     # facts with their quotes -> DataFrame
    kg.to_networkx()                          # networkx MultiDiGraph
    kg.view(focus="Myasnikov")                # an interactive picture in the notebook

The object only holds the loaded graph; every method calls a plain function
(``revkg.query``, ``revkg.lookup``, ``revkg.network``, ``revkg.view``). In Jupyter
the graph shows a summary of itself, and an entity its facts with their quotes
(revkg.display).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import vocab
from .display import Summary, entity_html, graph_html
from .errors import ProjectNotFound, RevkgError
from .graph.load import read_dataset, union_graph
from .graph.lookup import find_entity
from .graph.records import Records, read_records
from .model import Entity
from .project import Project, find_project
from .sparql import query as q
from .sparql import tables
from .sparql.store import QueryResult, RdflibStore, Store, open_store, prefixes_of

if TYPE_CHECKING:
    import networkx
    import pandas


@dataclass(frozen=True, eq=False)  # compared and hashed by the Entity fields alone
class GraphEntity(Entity):
    """An entity as ``kg.entity`` finds it: a ``model.Entity`` that also knows the
    graph it was found in, so that Jupyter shows it with its facts and their quotes."""

    records: Records | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, entity: Entity, records: Records) -> GraphEntity:
        return cls(**{f.name: getattr(entity, f.name) for f in fields(Entity)}, records=records)

    def _repr_html_(self) -> str:
        return entity_html(self, self.records)


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

    @property
    def prefixes(self) -> dict[str, str]:
        """revkg's prefixes, the instance ones under the base the graph was built with."""
        return prefixes_of(self.store)

    def run(self, sparql_or_name: str, /, **params: object) -> QueryResult:
        """The raw answer (rdflib terms) to SPARQL text, a .rq file or a saved question."""
        text, saved = q.resolve(sparql_or_name, self.queries_dir)
        return q.run(self.store, text, params=params, saved=saved, find=self.find_iri)

    def query(self, sparql_or_name: str, /, **params: object) -> pandas.DataFrame:
        """The answer as a DataFrame, labels in place of IRIs; parameters as keywords."""
        return to_dataframe(self.run(sparql_or_name, **params), self.labels, self.prefixes)

    def entity(self, name: str) -> GraphEntity:
        """The entity called ``name`` (label or alias, any case)."""
        return GraphEntity.of(find_entity(self.records, name), self.records)

    def facts(self, name: str) -> pandas.DataFrame:
        """Every fact about the entity, one row per supporting quote, in time order."""
        return facts_frame(self.records, self.find_iri(name))

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph as networkx: entities as nodes, facts as labelled edges."""
        from .network.projection import project

        return project(self.records)

    def view(self, **options: Any) -> Any:
        """An interactive picture of the graph for the notebook (see revkg.view)."""
        from .network.page import inline_view

        return inline_view(self.to_networkx(), **options)

    def find_iri(self, name: str) -> URIRef:
        """The IRI of the entity called ``name`` (label, alias or id; EntityNotFound if none)."""
        return find_entity(self.records, name).iri

    def summary(self) -> Summary:
        """What the graph holds, by type and by layer, its essays and saved questions."""
        types = self._counts(_BY_TYPE)
        layers = self._counts(_BY_LAYER)
        top = self.run(_MOST_DESCRIBED).rows
        return Summary(
            source=str(self.source),
            engine=self.store.engine,
            triples=len(self.store),
            by_type={t: types.get(str(vocab.RK[t]), 0) for t in vocab.ENTITY_TYPES},
            by_layer={k: layers.get(str(iri), 0) for k, iri in vocab.LAYERS.items()},
            statements=types.get(str(vocab.RK.Statement), 0),
            evidence=types.get(str(vocab.RK.Evidence), 0),
            essays=sorted(str(row[0]) for row in self.run(_ESSAYS).rows),
            questions=self._questions(),
            example=self.labels.get(str(top[0][0])) if top else None,
        )

    def _counts(self, sparql: str) -> dict[str, int]:
        return {str(key): int(str(n)) for key, n in self.run(sparql).rows}

    def _questions(self) -> list[tuple[str, str]]:
        if self.queries_dir is None:
            return []
        try:
            return [(s.name, s.title) for s in q.saved_queries(self.queries_dir)]
        except RevkgError:  # a broken saved question: leave the list out of the summary
            return []

    def _repr_html_(self) -> str:
        return graph_html(self.summary())


_BY_TYPE = "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"
_BY_LAYER = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_ESSAYS = "SELECT DISTINCT ?title WHERE { ?doc a rk:Document ; rdfs:label ?title }"
_MOST_DESCRIBED = """SELECT ?s (COUNT(?st) AS ?n) WHERE { ?st a rk:Statement ; rdf:subject ?s }
GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1"""


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


def _cell(term: Node | None, names: dict[str, str], prefixes: dict[str, str] | None) -> object:
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
    return tables.show(term, names, prefixes)


def to_dataframe(
    result: QueryResult, names: dict[str, str], prefixes: dict[str, str] | None = None
) -> pandas.DataFrame:
    """A query answer as a DataFrame: labels for IRIs (other IRIs compacted with
    ``prefixes``), numbers as numbers."""
    import pandas as pd

    if result.kind != "select":
        header, rows = tables.table(result, names, prefixes)
        return pd.DataFrame(rows, columns=header)
    data = [[_cell(t, names, prefixes) for t in row] for row in result.rows]
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
