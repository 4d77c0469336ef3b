"""What the curation app reads, cached until a file it depends on changes.

A :class:`Snapshot` holds the essays, the registry and the curated statements, the
extraction over every essay, the decisions of graph/review.yaml and what they select,
the provisional entities (new names at the ends of admitted candidates) and the names no
entity covers. :meth:`Workspace.snapshot` makes it again only when the files changed
(extraction only when the essays or the entity files did).

:func:`versions` gives a short hash of every file the app may write; a page carries
them, and a change is refused when the file it would write no longer has its hash.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..extract import review
from ..extract.pipeline import Extraction, extract_corpus
from ..extract.provisional import new_key
from ..model import Document, Entity, Statement
from ..project import Project
from ..report import Report
from ..sources.coverage import Mention as Uncovered
from ..sources.coverage import coverage, load_exclusions
from ..sources.curated import STATEMENTS_DIR, load_curated
from ..sources.seeds import load_corpus
from .stale import Stale, stale_decisions


@dataclass(frozen=True)
class EssaySummary:
    """One line of the essay list."""

    id: str
    title: str
    words: int
    pending: int
    accepted: int
    rejected: int
    provisional: list[Entity]
    uncovered: list[Uncovered]
    facts: int


@dataclass
class Snapshot:
    """Everything the pages show, read at one moment."""

    corpus: dict[str, Document]
    entities: list[Entity]
    statements: list[Statement]
    report: Report
    extraction: Extraction
    decisions: dict[str, review.Decision]
    selection: review.Selection
    provisional: dict[str, Entity]
    uncovered: list[Uncovered]
    stale: list[Stale] = field(default_factory=list)
    registry: dict[str, Entity] = field(init=False)

    def __post_init__(self) -> None:
        self.registry = {e.id: e for e in self.entities}

    def candidates_of(self, essay: str) -> list[review.Candidate]:
        return [c for c in self.extraction.candidates if c.doc == essay]

    def stale_of(self, essay: str) -> list[Stale]:
        """The stale decisions about ``essay``'s candidates, and those of no known essay."""
        return [s for s in self.stale if s.essay in (essay, "")]

    def state_of(self, candidate_id: str) -> str:
        """pending, accept, correct or reject."""
        decision = self.decisions.get(candidate_id)
        return decision.decision if decision else "pending"

    def provisional_of(self, essay: str) -> list[Entity]:
        """The provisional entities whose names an admitted candidate of ``essay`` holds."""
        keys = {
            new_key(m)
            for c, d in self.selection.accepted
            if c.doc == essay and (d is None or d.decision == "accept")
            for m in (c.subject, c.object)
            if m.via == "new" and m.entity is None
        }
        return sorted((self.provisional[k] for k in keys if k in self.provisional), key=_id)

    def summary(self, essay: str) -> EssaySummary:
        doc = self.corpus[essay]
        states = [self.state_of(c.id) for c in self.candidates_of(essay)]
        return EssaySummary(
            essay,
            doc.title,
            len(doc.text.split()),
            states.count("pending"),
            states.count("accept") + states.count("correct"),
            states.count("reject"),
            self.provisional_of(essay),
            [u for u in self.uncovered if u.doc == essay],
            sum(1 for st in self.statements if st.evidence[0].doc == essay),
        )


def _id(entity: Entity) -> str:
    return entity.id


def writable_files(project: Project, corpus: dict[str, Document]) -> list[Path]:
    """Every file the app may write: review.yaml, the entity files, the exclusions and
    one statements file per essay (written or not yet)."""
    curated = project.curated_dir
    found = {project.graph_dir / review.REVIEW_FILE, curated / "excluded-names.yaml"}
    found |= set(curated.glob("*.yaml"))
    found |= {curated / STATEMENTS_DIR / f"{essay}.yaml" for essay in corpus}
    found |= set((curated / STATEMENTS_DIR).glob("*.yaml"))
    return sorted(found)


def file_version(path: Path) -> str:
    """A short hash of the file's bytes; "absent" when there is no such file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return "absent"


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in paths:
        try:
            info = path.stat()
            out.append((str(path), info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            out.append((str(path), 0, -1))
    return tuple(out)


class Workspace:
    """The project as the app sees it; thread-safe, remade when files change."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lock = threading.RLock()
        self._snapshot: Snapshot | None = None
        self._stamp: tuple[tuple[str, int, int], ...] = ()
        self._extraction: tuple[tuple[tuple[str, int, int], ...], Extraction] | None = None
        #: Every candidate extracted since the app started, by id (see :mod:`.stale`).
        self.seen: dict[str, review.Candidate] = {}

    def _inputs(self) -> tuple[list[Path], list[Path]]:
        """(the essays, entity files and exclusions extraction reads, every other file)."""
        seeds = sorted(self.project.seeds_dir.glob("*"))
        curated = self.project.curated_dir
        entities = sorted({*curated.glob("*.yaml"), curated / "excluded-names.yaml"})
        others = sorted((curated / STATEMENTS_DIR).glob("*.yaml"))
        return seeds + entities, [*others, self.project.graph_dir / review.REVIEW_FILE]

    def snapshot(self) -> Snapshot:
        """The current snapshot, made again if any file it was read from changed."""
        with self.lock:
            first, others = self._inputs()
            stamp = _stamp(first + others)
            if self._snapshot is None or stamp != self._stamp:
                self._snapshot = self._read(_stamp(first))
                self._stamp = stamp
            return self._snapshot

    def versions(self) -> dict[str, str]:
        """Relative path -> :func:`file_version` of every file the app may write."""
        corpus = self.snapshot().corpus
        return {
            self.project.relative(p): file_version(p) for p in writable_files(self.project, corpus)
        }

    def _read(self, extraction_stamp: tuple[tuple[str, int, int], ...]) -> Snapshot:
        proj = self.project
        corpus = load_corpus(proj.seeds_dir)
        data = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri)
        excluded = load_exclusions(proj.curated_dir)
        if self._extraction is None or self._extraction[0] != extraction_stamp:
            extracted = extract_corpus(data.entities, corpus, excluded=excluded)
            self._extraction = (extraction_stamp, extracted)
            self.seen.update((c.id, c) for c in self._extraction[1].candidates)
        extraction = self._extraction[1]
        decisions = review.load_decisions(proj.graph_dir / review.REVIEW_FILE)
        selection = review.select(extraction.candidates, decisions)
        registry = {e.id: e for e in data.entities}
        provisional = review.admitted_entities(selection, registry)
        found = coverage(corpus, data.entities, excluded)
        return Snapshot(
            corpus,
            data.entities,
            data.statements,
            data.report,
            extraction,
            decisions,
            selection,
            provisional,
            found.uncovered,
            stale_decisions(selection.stale, decisions, self.seen, extraction.candidates),
        )
