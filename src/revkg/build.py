"""Run the stages and write graph/ atomically.

seeds + curated files -> records (with extraction) -> checks -> rdflib Dataset -> SHACL -> files.
In ``build``, extraction and SHACL run in child processes alongside the stages that do
not need their results. Nothing is written unless every check passes, and each output
is written to a temporary file first and then renamed over the old one, so a failed or
interrupted build leaves the previous graph as it was.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Dataset, Graph, URIRef

from . import background, files, vocab
from .errors import OutputError, ValidationFailed
from .graph.assemble import add_extracted_layer, build_dataset, curated_dataset
from .graph.load import UnionView, steady
from .graph.provenance import Provenance
from .graph.serialize import to_turtle_and_trig
from .graph.validate import check_records, check_shacl, shapes_turtle
from .graph.void import void_turtle
from .model import Document, Entity, Origin, Statement, statement_iri
from .project import Project
from .report import Report
from .sources.coverage import load_exclusions
from .sources.curated import load_curated, resolve_quotes
from .sources.seeds import load_corpus


@dataclass
class Records:
    """Everything the graph is made from, with the problems found on the way."""

    corpus: dict[str, Document]
    entities: list[Entity]
    statements: list[Statement]
    report: Report = field(default_factory=Report)
    prov: Provenance = field(default_factory=Provenance)

    @property
    def base(self) -> str:
        return self.prov.base


@dataclass
class BuildResult:
    """What a build produced: the dataset, the report, the files and the time per stage."""

    dataset: Dataset
    report: Report
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


T = TypeVar("T")


#: Told the name of each stage as it starts (for a progress display).
Progress = Callable[[str], None]


class _Timer:
    """Adds up the wall time spent in each named stage, and tells ``progress`` of each."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress

    def run(self, stage: str, fn: Callable[[], T]) -> T:
        if self.progress is not None:
            self.progress(stage)
        t0 = time.perf_counter()
        result = fn()
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t0
        return result


@dataclass
class Sources:
    """What people wrote: the seeds and the curated files, with quotes found in the text."""

    corpus: dict[str, Document]
    entities: list[Entity]
    statements: list[Statement]
    report: Report
    prov: Provenance


def provenance(project: Project, corpus: dict[str, Document]) -> Provenance:
    """What the build states about where the graph comes from: the base IRI and curator
    from the project, what extraction is, and the essays' texts."""
    texts = {doc.id: doc.text for doc in corpus.values()}
    curator = project.config.curator
    return Provenance(project.base_iri, curator, extraction_activity(), texts)


def extraction_activity() -> str:
    """What extraction is, the same on every run of the same code: revkg's version and
    the SHA-256 of its rule table."""
    from importlib import metadata, resources

    try:
        version = metadata.version("revkg")
    except metadata.PackageNotFoundError:
        version = "(version unknown)"
    try:
        rules = resources.files("revkg.extract").joinpath("rules.yaml").read_bytes()
    except OSError:
        return f"revkg {version} extraction"
    digest = hashlib.sha256(rules).hexdigest()[:16]
    return f"revkg {version} rule-based extraction (rules.yaml sha256 {digest})"


def read_sources(project: Project, timer: _Timer) -> Sources:
    """Read the seeds and the curated files; problems go into the report."""
    corpus = timer.run("seeds", lambda: load_corpus(project.seeds_dir))
    curated = timer.run(
        "curated",
        lambda: load_curated(project.curated_dir, shown_root=project.root, base=project.base_iri),
    )
    statements, quote_report = timer.run(
        "curated", lambda: resolve_quotes(curated.statements, corpus)
    )
    report = Report()
    report.extend(curated.report)
    report.extend(quote_report)
    return Sources(corpus, curated.entities, statements, report, provenance(project, corpus))


def load_records(project: Project, timer: _Timer | None = None) -> Records:
    """Read seeds and curated data, run extraction, and run revkg's own checks."""
    timer = timer or _Timer()
    sources = read_sources(project, timer)
    extracted = timer.run("extraction", lambda: extracted_statements(project, sources))
    return _records(sources, extracted, timer)


def _records(sources: Sources, extracted: Extracted, timer: _Timer) -> Records:
    statements, warnings, provisional = extracted
    report = Report()
    report.extend(sources.report)
    report.extend(warnings)
    everything = sources.statements + statements
    entities = sources.entities + provisional
    report.extend(timer.run("checks", lambda: check_records(entities, everything)))
    return Records(sources.corpus, entities, everything, report, sources.prov)


#: Accepted extracted statements, errors about stale review decisions, and the provisional
#: entities the statements name.
Extracted = tuple[list[Statement], Report, list[Entity]]


def extracted_statements(project: Project, sources: Sources) -> Extracted:
    """Extraction over the seeds, with graph/review.yaml's decisions and the threshold applied.

    Accepted: confidence >= the calibrated admission threshold, minus rejected, plus accepted.
    A decision about a candidate that no longer exists stops the build: its sentence
    was edited or removed, and going on could let a rejected fact back in.
    """
    from .extract import review
    from .extract.pipeline import extract_corpus

    excluded = load_exclusions(project.curated_dir)
    found = extract_corpus(sources.entities, sources.corpus, excluded=excluded)
    path = project.graph_dir / review.REVIEW_FILE
    decisions = review.load_decisions(path)
    selection = review.select(found.candidates, decisions)
    report = Report()
    for stale in selection.stale:
        note = decisions[stale].note
        report.add(
            project.relative(path),
            f"{decisions[stale].decision} {stale}" + (f" ({note})" if note else ""),
            "matches no candidate any more: its sentence was edited or removed. Judge the "
            "sentence's new candidates (`revkg review`), then `revkg review drop "
            f"{stale}`",
        )
    registry = {e.id: e for e in sources.entities}
    provisional = review.admitted_entities(selection, registry)
    return review.accepted_statements(selection, provisional), report, list(provisional.values())


def origins(records: Records) -> dict[URIRef, Origin]:
    """Where each entity and statement node was written, for SHACL messages."""
    found: dict[URIRef, Origin] = {}
    for entity in records.entities:
        if entity.origin:
            found[entity.iri] = entity.origin
    registry = {e.id: e for e in records.entities}
    for st in records.statements:
        if st.origin and st.subject in registry:
            iri = statement_iri(registry[st.subject].iri, st.predicate, st.key(), records.base)
            found[iri] = st.origin
    return found


def assemble(project: Project) -> BuildResult:
    """Records -> checked dataset, without writing anything."""
    result, records = _dataset(project)
    if result.report.ok:
        timer = _Timer()
        shacl = timer.run("SHACL validation", lambda: check_shacl(result.dataset, origins(records)))
        result.report.extend(shacl)
        result.timings.update(timer.timings)
    return result


def out_of_date(project: Project, dataset: Dataset) -> list[Path]:
    """The graph files (revkg.ttl, revkg.trig) missing or unlike what ``dataset`` gives,
    read while no build runs (a build renames its outputs one by one)."""
    turtle, trig = to_turtle_and_trig(dataset)
    wanted = {project.turtle: turtle, project.trig: trig}
    with steady(project.turtle):
        return [p for p, text in wanted.items() if not p.is_file() or p.read_text("utf-8") != text]


def build(
    project: Project, *, wait: float = 600.0, progress: Progress | None = None
) -> BuildResult:
    """Check, assemble and write every output; raises ValidationFailed on errors.

    One build at a time: a second one waits up to ``wait`` seconds for the first,
    then raises ProjectBusy. A build killed while renaming its outputs into place is
    completed by the next one, and temporary files left by killed builds are removed.
    """
    busy = (
        f"another build of {project.root} is still running after {wait:.0f} s; "
        "let it finish and run `revkg build` again."
    )
    try:
        with files.locked(project.lock, busy=busy, wait=wait):
            files.finish_renames(project.journal)
            files.remove_temporaries(project.graph_dir)
            return _build(project, progress)
    except PermissionError as e:
        raise OutputError(
            f"{project.relative(Path(e.filename or project.graph_dir))}: cannot write "
            f"({e.strerror}); make graph/ writable for you and run `revkg build` again."
        ) from e


def _build(project: Project, progress: Progress | None = None) -> BuildResult:
    """Check, assemble and write every output; raises ValidationFailed on errors.

    Work that does not wait on each other runs side by side (see :mod:`revkg.background`):
    extraction runs in a child process while this one builds the curated layers, and
    SHACL validation runs in another while this one writes Turtle, TriG and the page.
    Nothing is written until every check, SHACL included, has passed.
    """
    timer = _Timer(progress)
    sources = read_sources(project, timer)
    with background.start(lambda: extracted_statements(project, sources)) as extraction:
        layers = timer.run("RDF assembly", lambda: _curated_layers(sources))
        _import_renderers()
        extracted, timer.timings["extraction"] = extraction.wait()
    records = _records(sources, extracted, timer)
    if not records.report.ok:
        raise ValidationFailed(records.report)
    with _collector_paused():
        graph = timer.run("RDF assembly", lambda: _with_extracted(layers, records))
    shacl = background.start(lambda: _shacl_without_collector(graph.union, origins(records)))
    with shacl, _old_objects_frozen():
        outputs = _render(project, graph, records, timer)
        shacl_report, timer.timings["SHACL validation"] = shacl.wait()
    result = BuildResult(graph.dataset, records.report, timings=timer.timings)
    result.report.extend(shacl_report)
    if not result.report.ok:
        raise ValidationFailed(result.report)
    if progress is not None:
        progress("writing")
    files.write_all_atomic(outputs, journal=project.journal)
    result.written = list(outputs)
    return result


@dataclass
class _Layers:
    """The dataset and the union of its layers (what revkg.ttl, SHACL and the page use)."""

    dataset: Dataset
    union: UnionView = field(init=False)

    def __post_init__(self) -> None:
        self.union = UnionView(self.dataset)  # sees layers added later too


def _curated_layers(sources: Sources) -> _Layers | None:
    """The ontology and curated layers, if the curated records are sound enough to build."""
    if not (sources.report.ok and check_records(sources.entities, sources.statements).ok):
        return None
    ds = curated_dataset(
        sources.corpus.values(), sources.entities, sources.statements, sources.prov
    )
    return _Layers(ds)


def _with_extracted(layers: _Layers | None, records: Records) -> _Layers:
    if layers is None:
        ds = build_dataset(
            records.corpus.values(), records.entities, records.statements, records.prov
        )
        return _Layers(ds)
    add_extracted_layer(layers.dataset, records.entities, records.statements, records.prov)
    return layers  # the union view sees the new layer


def _shacl_without_collector(graph: Graph, where: dict[URIRef, Origin]) -> Report:
    """SHACL validation with the cycle collector paused: pySHACL's objects live until the
    report is made, and collecting would walk them again and again on big graphs."""
    with _collector_paused():
        return check_shacl(graph, where)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while triples are added: the graph only grows, and collecting
    would walk every triple added so far again and again (quadratic on big corpora)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Keep the cycle collector off the objects made so far (libraries, records, graphs:
    all alive until the build ends) while the files are rendered; 0.08 s on the seeds."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _import_renderers() -> None:
    """Import what SHACL and the page need while extraction runs (children inherit them)."""
    import pyshacl  # noqa: F401
    import pyvis.network  # noqa: F401

    from .network import page  # noqa: F401


def _dataset(project: Project) -> tuple[BuildResult, Records]:
    """Records and, if they are sound, the dataset (not yet checked with SHACL)."""
    timer = _Timer()
    records = load_records(project, timer)
    ds = vocab.new_dataset()
    if records.report.ok:
        ds = timer.run(
            "RDF assembly",
            lambda: build_dataset(
                records.corpus.values(), records.entities, records.statements, records.prov
            ),
        )
    return BuildResult(ds, records.report, timings=timer.timings), records


def _render(project: Project, layers: _Layers, records: Records, timer: _Timer) -> dict[Path, str]:
    """The text of every output file, timed as serialization and HTML."""
    turtle, trig = timer.run("serialization", lambda: to_turtle_and_trig(layers.dataset))
    ontology = timer.run(
        "serialization",
        lambda: layers.dataset.graph(vocab.GRAPH_ONTOLOGY).serialize(format="turtle"),
    )
    void = timer.run(
        "serialization",
        lambda: void_turtle(layers.union, project.config, records.corpus.values(), records.base),
    )
    return {
        project.ontology: ontology,
        project.shapes: shapes_turtle(),
        project.void: void,
        project.turtle: turtle,
        project.trig: trig,
        project.html: timer.run(
            "HTML", lambda: network_page(layers.union, title=project.config.network_page_title)
        ),
    }


def network_page(graph: Graph, *, title: str | None = None) -> str:
    """The interactive network of the whole graph (graph/revkg.html)."""
    from .network.page import DEFAULT_TITLE, to_html

    return to_html(graph, title=title or DEFAULT_TITLE)
