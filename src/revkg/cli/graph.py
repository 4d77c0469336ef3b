"""Commands for the graph itself: build, validate, format, stats, show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ValidationFailed
from ._common import console, json_text, out, print_report, progress_line, project, say, state

if TYPE_CHECKING:
    from ..graph.records import Records
    from ..graph.timeline import Entry
    from ..model import Entity


def register(app: typer.Typer) -> None:
    app.command("build")(build_cmd)
    app.command("validate")(validate_cmd)
    app.command("format")(format_cmd)
    app.command("stats")(stats_cmd)
    app.command("show")(show_cmd)


def build_cmd() -> None:
    """Check the curated data and build graph/revkg.ttl, revkg.trig, ontology.ttl, shapes.ttl.

    Nothing is written if validation finds an error; the previous graph stays as it was.

    Example: revkg build
    """
    from ..build import build

    proj = project()
    try:
        with progress_line("building") as stage:
            result = build(proj, progress=stage)
    except ValidationFailed as e:
        print_report(e.report)
        raise
    if not state.quiet:
        print_report(result.report)
    for path in result.written:
        say(f"wrote {proj.relative(path)}")
    total = sum(result.timings.values())
    say(f"built {len(result.dataset)} triples in {total:.2f} s")


def validate_cmd() -> None:
    """Check curated files, quotes and the graph's shapes; one line per problem.

    Exits with status 1 when there are errors (warnings alone do not fail).

    Example: revkg validate
    """
    from ..build import assemble

    result = assemble(project())
    print_report(result.report)
    if result.report.ok:
        n = len(result.report.warnings)
        say("No problems found" if n == 0 else f"No errors found ({n} warnings)")
        return
    raise typer.Exit(1)


def format_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True, dir_okay=False, help="Only these curated files (default: all)."
        ),
    ] = None,
    check: bool = typer.Option(False, "--check", help="Only report files that would change."),
) -> None:
    """Rewrite graph/curated/ in canonical form (sorted, fixed key order).

    Example: revkg format --check
    """
    from ..files import write_atomic
    from ..sources.canonical import canonical_files
    from ..sources.seeds import load_corpus

    proj = project()
    changed = []
    canonical = canonical_files(proj.curated_dir, load_corpus(proj.seeds_dir))
    only = {f.resolve(): f for f in files or []}
    strays = sorted(only.keys() - {path.resolve() for path in canonical})
    if strays:
        raise typer.BadParameter(
            f"{only[strays[0]]} is not a file that `revkg format` rewrites; give entity or "
            "statement files under graph/curated/.",
            param_hint="FILES",
        )
    for path, text in canonical.items():
        if only and path.resolve() not in only:
            continue
        if path.read_text(encoding="utf-8") != text:
            changed.append(proj.relative(path))
            if not check:
                write_atomic(path, text)
    for name in changed:
        say(f"{'would reformat' if check else 'reformatted'} {name}")
    if check and changed:
        raise typer.Exit(1)
    if not changed:
        say("All curated files are in canonical form")


def stats_cmd(
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    coverage: bool = typer.Option(
        False, "--coverage", help="List names in the essays that no entity covers."
    ),
) -> None:
    """Counts by type, by layer (curated / extracted), by predicate and by support.

    With --coverage, list the capitalised names and quoted titles in the essays that
    match no entity label or alias (and are not in graph/curated/excluded-names.yaml);
    exits with status 1 when there are any.

    Example: revkg stats --coverage
    """
    from dataclasses import asdict

    from ..graph.load import read_dataset
    from ..graph.stats import compute

    if coverage:
        _coverage()
        return

    stats = compute(read_dataset(project().trig))
    if as_json:
        out.print(json.dumps(asdict(stats), indent=2))
        return
    sections = [
        ("Entities and records by type", stats.by_type),
        ("Triples by layer", stats.by_layer),
        ("Facts by support", stats.statements_by_support),
        ("Facts by predicate", stats.by_predicate),
    ]
    for title, counts in sections:
        out.print(f"{title}:")
        width = max((len(k) for k in counts), default=0)
        for key, n in counts.items():
            out.print(f"  {key:<{width}}  {n:>6}")
    out.print(f"Triples in all: {stats.triples}")


def _coverage() -> None:
    from ..sources.coverage import coverage, load_exclusions
    from ..sources.curated import load_curated
    from ..sources.seeds import load_corpus

    proj = project()
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    report = coverage(load_corpus(proj.seeds_dir), entities, load_exclusions(proj.curated_dir))
    for m in report.uncovered:
        out.print(f"{m.doc}\t{m.start}\t{m.count}\t{m.name}")
    for name in report.unused_exclusions:
        console.print(
            f"excluded-names.yaml lists {name!r}, which no essay contains any more",
            highlight=False,
            markup=False,
        )
    say(
        f"{len(report.uncovered)} uncovered names; {report.excluded} excluded on purpose "
        "(graph/curated/excluded-names.yaml)"
    )
    if report.uncovered:
        say("Add an entity or an alias for each, or list it in excluded-names.yaml with a reason.")
        raise typer.Exit(1)


def _relation(name: str | None) -> str | None:
    """--relation: a property of the vocabulary, by name (``memberOf``) or label (``member of``)."""
    from .. import vocab

    if name is None:
        return None
    wanted = " ".join(name.split()).casefold()
    for prop in vocab.PROPERTIES:
        if wanted in (prop.name.casefold(), prop.label.casefold()):
            return prop.name
    known = ", ".join(sorted(vocab.PROPERTIES_BY_NAME))
    raise typer.BadParameter(f"{name!r} is not a relation; use one of {known}.")


def show_cmd(
    name: str = typer.Argument(..., help="A label or alias, e.g. 'Myasnikov'."),
    relation: Annotated[
        str | None,
        typer.Option(
            "--relation",
            "-r",
            metavar="REL",
            callback=_relation,
            help="Only facts with this relation: a property name (memberOf) or its label.",
        ),
    ] = None,
    essay: Annotated[
        str | None,
        typer.Option(
            "--essay", "-e", metavar="ID", help="Only facts an essay supports, and its quotes."
        ),
    ] = None,
    as_json: bool = typer.Option(False, "--json", help="Print the entity and its facts as JSON."),
) -> None:
    """Everything the graph knows about an entity, each fact with its quotes and essay.

    One entry per fact, in time order ("from 1917", "until 1922"); a quote found both by a
    curator and by the extractor is shown once, naming both. Names match labels and
    aliases, ignoring case; near matches are suggested.

    Example: revkg show myasnikov --relation memberOf
    """
    from ..graph.load import read_graph
    from ..graph.lookup import find_entity
    from ..graph.records import read_records
    from ..graph.timeline import entity_json, entries

    records = read_records(read_graph(project().turtle))
    if essay is not None and essay not in records.titles:
        known = ", ".join(sorted(records.titles))
        raise typer.BadParameter(
            f"no essay has the id {essay!r}; the essays are {known}.", param_hint="'--essay'"
        )
    entity = find_entity(records, name)
    shown = entries(records, entity.iri, predicate=relation, essay=essay)
    if as_json:
        out.print(json_text(entity_json(records, entity, shown)))
        return
    _print_entity(entity)
    _print_entries(records, shown)


def _print_entity(entity: Entity) -> None:
    _line(f"{entity.label} ({entity.type.lower()})")
    if entity.description:
        _line(entity.description)
    if entity.aliases:
        _line(f"Also called: {', '.join(entity.aliases)}")
    if entity.misspellings:
        _line(f"Misspelt in the essays as: {', '.join(entity.misspellings)}")
    if entity.wikidata_iri is not None:
        _line(f"Wikidata: {entity.wikidata} ({entity.wikidata_iri})")
    _line(f"IRI: {entity.iri}\n")


def _print_entries(records: Records, shown: list[Entry]) -> None:
    """Each entry: when, the fact, then each quote with its essay and how it was found."""
    from ..graph.records import show_date

    whens = [str(entry.fact.when) for entry in shown]
    width = max((len(w) for w in whens), default=0) + 2
    for entry, when in zip(shown, whens, strict=True):
        fact = entry.fact
        value = fact.when.value
        obj = show_date(value) if value is not None else records.label(fact.object)
        _line(f"{when:<{width}}{records.label(fact.subject)} {fact.relation} {obj}")
        for quote in entry.quotes:
            note = f": {quote.note}" if quote.note else ""
            text = f"“{quote.text}”" if quote.text else f"(curator's addition{note})"
            _line(f"{'':<{width}}  {text} — {records.title(quote.doc)} [{quote.support}]")


def _line(text: str) -> None:
    """One line of data for the terminal, its control characters made visible."""
    from ..text import printable

    out.print(printable(text))
