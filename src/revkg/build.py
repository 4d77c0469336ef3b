"""Run the stages in order and write graph/ atomically.

seeds + curated files -> records -> checks -> rdflib Dataset -> SHACL -> files.
Nothing is written unless every check passes, and each output is written to a
temporary file first and then renamed over the old one, so a failed or
interrupted build leaves the previous graph as it was.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Dataset, Graph, URIRef

from . import background, vocab
from .curated import load_curated, resolve_quotes
from .errors import ValidationFailed
from .model import Entity, Origin, Statement, statement_iri
from .project import Project
from .rdf import build_dataset, to_turtle_and_trig, union_graph
from .report import Report
from .seeds import Document, load_corpus
from .validate import check_records, check_shacl, shapes_turtle


@dataclass
class Records:
    """Everything the graph is made from, with the problems found on the way."""

    corpus: dict[str, Document]
    entities: list[Entity]
    statements: list[Statement]
    report: Report = field(default_factory=Report)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class BuildResult:
    """What a build produced: the dataset, the report, the files and the time per stage."""

    dataset: Dataset
    report: Report
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


T = TypeVar("T")


class _Timer:
    """Adds up the wall time spent in each named stage."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, stage: str, fn: Callable[[], T]) -> T:
        t0 = time.perf_counter()
        result = fn()
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t0
        return result


def load_records(project: Project, timer: _Timer | None = None) -> Records:
    """Read seeds and curated data, run extraction, and run revkg's own checks."""
    timer = timer or _Timer()
    corpus = timer.run("seeds", lambda: load_corpus(project.seeds_dir))
    curated = timer.run(
        "curated", lambda: load_curated(project.curated_dir, shown_root=project.root)
    )
    statements, quote_report = timer.run(
        "curated", lambda: resolve_quotes(curated.statements, corpus)
    )
    report = Report()
    report.extend(curated.report)
    report.extend(quote_report)
    extracted = timer.run(
        "extraction", lambda: extracted_statements(project, corpus, curated.entities, report)
    )
    report.extend(
        timer.run("checks", lambda: check_records(curated.entities, statements + extracted))
    )
    return Records(corpus, curated.entities, statements + extracted, report, timer.timings)


def extracted_statements(
    project: Project, corpus: dict[str, Document], entities: list[Entity], report: Report
) -> list[Statement]:
    """Extraction over the seeds, with graph/review.yaml's decisions and the threshold applied.

    Accepted: confidence >= review.DEFAULT_THRESHOLD, minus rejected, plus accepted.
    A decision about a candidate that no longer exists is reported as a warning.
    """
    from . import review
    from .extract import extract

    found = extract(entities, ((doc.id, doc.text) for doc in corpus.values()))
    path = project.graph_dir / review.REVIEW_FILE
    selection = review.select(found.candidates, review.load_decisions(path))
    for stale in selection.stale:
        report.add(
            project.relative(path),
            f"decision {stale}",
            "is stale: no candidate has this id any more; remove it or update it",
            warning=True,
        )
    return review.accepted_statements(selection)


def origins(records: Records) -> dict[URIRef, Origin]:
    """Where each entity and statement node was written, for SHACL messages."""
    found: dict[URIRef, Origin] = {}
    for entity in records.entities:
        if entity.origin:
            found[entity.iri] = entity.origin
    registry = {e.id: e for e in records.entities}
    for st in records.statements:
        if st.origin and st.subject in registry:
            found[statement_iri(registry[st.subject].iri, st.predicate, st.key())] = st.origin
    return found


def assemble(project: Project) -> BuildResult:
    """Records -> checked dataset, without writing anything."""
    result, records = _dataset(project)
    if result.report.ok:
        timer = _Timer()
        result.report.extend(timer.run("SHACL validation", _shacl_check(result.dataset, records)))
        result.timings.update(timer.timings)
    return result


def build(project: Project) -> BuildResult:
    """Check, assemble and write every output; raises ValidationFailed on errors.

    SHACL validation runs in a child process alongside serialization and the page
    (see :mod:`revkg.background`); nothing is written until it has passed.
    """
    result, records = _dataset(project)
    if not result.report.ok:
        raise ValidationFailed(result.report)
    shacl = background.start(_shacl_check(result.dataset, records))
    outputs = _render(project, result)
    shacl_report, seconds = shacl.wait()
    result.timings["SHACL validation"] = seconds
    result.report.extend(shacl_report)
    if not result.report.ok:
        raise ValidationFailed(result.report)
    write_all_atomic(outputs)
    result.written = list(outputs)
    return result


def _dataset(project: Project) -> tuple[BuildResult, Records]:
    """Records and, if they are sound, the dataset (not yet checked with SHACL)."""
    timer = _Timer()
    records = load_records(project, timer)
    ds = vocab.new_dataset()
    if records.report.ok:
        ds = timer.run(
            "RDF assembly",
            lambda: build_dataset(records.corpus.values(), records.entities, records.statements),
        )
    return BuildResult(ds, records.report, timings=timer.timings), records


def _shacl_check(ds: Dataset, records: Records) -> Callable[[], Report]:
    return lambda: check_shacl(ds, origins(records))


def _render(project: Project, result: BuildResult) -> dict[Path, str]:
    """The text of every output file, timed as serialization and HTML."""
    timer = _Timer()
    turtle, trig = timer.run("serialization", lambda: to_turtle_and_trig(result.dataset))
    outputs = {
        project.ontology: timer.run(
            "serialization", lambda: vocab.ontology_graph().serialize(format="turtle")
        ),
        project.shapes: shapes_turtle(),
        project.turtle: turtle,
        project.trig: trig,
    }
    # the page shows every layer
    outputs[project.html] = timer.run("HTML", lambda: network_page(union_graph(result.dataset)))
    result.timings.update(timer.timings)
    return outputs


def network_page(graph: Graph) -> str:
    """The interactive network of the whole graph (graph/revkg.html)."""
    from .view import to_html

    return to_html(graph)


def write_all_atomic(outputs: dict[Path, str]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                os.fchmod(f.fileno(), 0o644)  # mkstemp makes 0600; outputs are for sharing
                f.write(text)
            staged.append((Path(name), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()


def write_atomic(path: Path, text: str) -> None:
    """Write one file atomically."""
    write_all_atomic({path: text})
