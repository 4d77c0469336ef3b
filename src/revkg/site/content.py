"""What the pages show, read once: the graph's records, its essays and where things live.

``Site`` holds the built graph (for the RDF of a page and the Wikidata links), its
records (entities and facts, ``graph.records``), the essays' texts and their citation
details (``seeds/manifest.yaml``). The functions below name where each page and anchor
is: ``person/gavril-myasnikov.html``, ``essay/gavril-myasnikov.html#q-3411-3435`` (a
quote: its character offsets in the essay), ``#f-5d8f3bb0d0602f26`` (a fact: its
statement's id) and ``#p-13`` (a paragraph).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import OWL, SKOS, Graph, URIRef

from .. import vocab
from ..graph.load import read_graph
from ..graph.records import Fact, Records, read_records
from ..model import Document, Entity, short_hash
from ..project import Project
from ..sources.search import Names, Paragraph, paragraphs
from ..sources.seeds import citation_details, load_corpus

WIKIDATA = ("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")
WIKIDATA_PAGES = ("http://www.wikidata.org/wiki/", "https://www.wikidata.org/wiki/")
ESSAY_SLUG = vocab.CLASSES_BY_NAME["Document"].slug  # "essay"


def entity_path(entity: Entity) -> str:
    """Where an entity's page lives, relative to the site's root."""
    return f"{vocab.CLASSES_BY_NAME[entity.type].slug}/{entity.id}.html"


def essay_path(doc: str) -> str:
    return f"{ESSAY_SLUG}/{doc}.html"


def quote_anchor(start: int, end: int) -> str:
    """The id of a quote on its essay's page: its character offsets in the essay."""
    return f"q-{start}-{end}"


def fact_anchor(fact: Fact) -> str:
    """The id of a fact on an entity's page: its statement's id (or a hash of the triple)."""
    if fact.statement is not None:
        return f"f-{str(fact.statement).rsplit('/', 1)[-1]}"
    return f"f-{short_hash(fact.key)}"


@dataclass(frozen=True)
class Essay:
    """An essay as the pages cite it: its title, text (None when seeds/ lacks it) and the
    manifest's optional ``author``, ``date``, ``url``, ``licence`` and ``language``."""

    id: str
    title: str
    document: Document | None
    details: Mapping[str, str] = field(default_factory=dict)

    @property
    def iri(self) -> URIRef:
        return vocab.document_iri(self.id)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(paragraphs(self.document)) if self.document is not None else ()

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph(self, offset: int | None) -> int | None:
        """The number of the paragraph a character offset lies in (None if unknown)."""
        if offset is None or not self.paragraphs:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.paragraphs[max(i, 0)].number


class Site:
    """The graph, its records and its essays, and the lookups every page needs."""

    def __init__(
        self,
        graph: Graph,
        documents: Mapping[str, Document],
        details: Mapping[str, Mapping[str, str]] | None = None,
        *,
        records: Records | None = None,
    ) -> None:
        self.graph = graph
        self.records = records if records is not None else read_records(graph)
        details = details or {}
        ids = [d for d in documents if d in self.records.titles]
        ids += sorted(d for d in self.records.titles if d and d not in documents)
        self.essays = {
            d: Essay(d, self.records.title(d), documents.get(d), dict(details.get(d, {})))
            for d in ids
        }
        self.by_iri = {str(e.iri): e for e in self.records.entities}
        self.by_path = {
            (vocab.CLASSES_BY_NAME[e.type].slug, e.id): e for e in self.records.entities
        }

    @cached_property
    def names(self) -> Names:
        """The registry's names, to find and link mentions in the essays."""
        return Names(self.records.entities)

    @cached_property
    def quoted(self) -> dict[str, list[tuple[int, int]]]:
        """Essay id -> the spans its quotes cover, in order (each span once)."""
        found: dict[str, set[tuple[int, int]]] = {}
        for fact in self.records.facts:
            for ev in fact.evidence:
                if ev.quote and ev.start is not None and ev.end is not None:
                    found.setdefault(ev.doc, set()).add((ev.start, ev.end))
        return {doc: sorted(spans) for doc, spans in found.items()}

    def entity(self, slug: str, entity_id: str) -> Entity | None:
        return self.by_path.get((slug, entity_id))

    def link(self, iri: object, root: str) -> str | None:
        """The relative link to the page of the entity with this IRI, if it has one."""
        entity = self.by_iri.get(str(iri))
        return root + entity_path(entity) if entity is not None else None

    def wikidata(self, iri: URIRef) -> str | None:
        """The entity's Wikidata page, if the graph says it is the same as a Wikidata item."""
        for prop in (OWL.sameAs, SKOS.exactMatch):
            for other in sorted(str(o) for o in self.graph.objects(iri, prop)):
                if other.startswith(WIKIDATA):
                    return "https://www.wikidata.org/wiki/" + other.rsplit("/", 1)[-1]
                if other.startswith(WIKIDATA_PAGES):
                    return other.replace("http://", "https://", 1)
        return None


def read_site(project: Project) -> Site:
    """The project's built graph with its essays and their citation details."""
    return Site(
        read_graph(project.turtle),
        load_corpus(project.seeds_dir),
        citation_details(project.seeds_dir),
    )
