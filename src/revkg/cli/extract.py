"""Commands for extraction: extract (any text files), review (decisions), evaluate (gold set)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ExtractionInputError, RevkgError
from ._common import console, out, progress_bar, project, say

if TYPE_CHECKING:
    from ..extract.review import Decision, Selection
    from ..model import Entity


class ExtractFormat(StrEnum):
    """--format of ``revkg extract``."""

    JSONL = "jsonl"
    TSV = "tsv"


class ReviewAction(StrEnum):
    """The first argument of ``revkg review``."""

    LIST = "list"
    ACCEPT = "accept"
    REJECT = "reject"
    CORRECT = "correct"
    DROP = "drop"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
    app.command("review")(review_cmd)
    app.command("evaluate")(evaluate_cmd)


def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="UTF-8 text files to read.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop weaker triples.")
    ] = 0.0,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl (one JSON object a line) or tsv.")
    ] = ExtractFormat.JSONL,
) -> None:
    """Find candidate facts and unknown names in text files, against the curated registry.

    Writes one JSON object per line: triples (kind "triple") with their evidence,
    then names not in the registry (kind "entity"). --format tsv gives the same rows
    under a header line. Nothing is added to the graph.

    Example: revkg extract seeds/gavril-myasnikov.txt --min-confidence 0.7
    """
    from ..extract.pipeline import entity_record, extract, triple_record
    from ..sources.curated import load_curated

    proj = project()
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    registry = {e.id: e for e in entities}
    failed: list[str] = []
    with progress_bar("Extracting", len(paths)) as starting:
        found = extract(entities, _readable(paths, failed, starting))
    lines = [
        _line(triple_record(c, registry), fmt.value)
        for c in found.candidates
        if c.confidence >= min_confidence
    ]
    lines += [_line(entity_record(entity), fmt.value) for entity in found.new_entities]
    if fmt is ExtractFormat.TSV:
        lines.insert(0, "\t".join(TSV_COLUMNS))
    _write(lines, output)
    if failed:
        raise ExtractionInputError(
            f"{len(failed)} file(s) could not be read: {', '.join(failed)}; "
            "the other files were processed"
        )


def _readable(
    paths: list[Path], failed: list[str], starting: Callable[[str], None]
) -> Iterator[tuple[str, str]]:
    """(name, text) of each file that reads as UTF-8 text, one at a time (``starting``
    is told the name of each); the others are reported and added to ``failed``."""
    from ..sources.seeds import read_text

    for path in paths:
        starting(path.name)
        try:
            yield path.stem, read_text(path)
        except RevkgError as e:
            console.print(f"[red]Error:[/red] {e}", highlight=False, soft_wrap=True)
            failed.append(str(path))


#: The header line of ``revkg extract --format tsv``. A new name is a row too: its label
#: as subject, rdf:type as predicate and its class as object.
TSV_COLUMNS = ("kind", "id", "subject", "predicate", "object", "confidence", "rule", "sentence")


def _line(record: dict[str, object], fmt: str) -> str:
    """One output line; a TSV cell has its whitespace runs (tabs, newlines) made one space."""
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False, sort_keys=False)
    if record["kind"] == "entity":
        from rdflib import RDF

        from ..vocab import VOCAB_IRI

        name, kind = record["label"], VOCAB_IRI + str(record["type"])
        cells = ["entity", "", name, str(RDF.type), kind, "", "", ""]
    else:
        subj, obj, ev = record["subject"], record["object"], record["evidence"]
        assert isinstance(subj, dict) and isinstance(obj, dict) and isinstance(ev, dict)
        cells = [
            "triple",
            record["id"],
            subj.get("id") or subj.get("label"),
            record["predicate"],
            obj.get("id") or obj.get("value") or obj.get("label"),
            record["confidence"],
            record["rule"],
            ev["sentence"],
        ]
    return "\t".join(" ".join(str(cell).split()) for cell in cells)


def _write(lines: list[str], output: Path | None) -> None:
    text = "".join(line + "\n" for line in lines)
    if output is None:
        out.file.write(text)
        out.file.flush()
        return
    from ..files import write_atomic

    write_atomic(output, text)
    say(f"wrote {len(lines)} lines to {output}")


def _predicate(name: str | None) -> str | None:
    from .. import vocab

    if name is not None and name not in vocab.PROPERTIES_BY_NAME:
        known = ", ".join(sorted(vocab.PROPERTIES_BY_NAME))
        raise typer.BadParameter(f"{name!r} is not a predicate; use one of {known}.")
    return name


def _date(value: str | None) -> str | None:
    from ..errors import InvalidDate
    from ..model import Date

    try:
        return Date.parse(value).iso() if value is not None else None
    except InvalidDate as e:
        raise typer.BadParameter(str(e)) from None


def review_cmd(
    action: Annotated[
        ReviewAction, typer.Argument(help="list, accept, reject, correct, or drop a decision.")
    ] = ReviewAction.LIST,
    candidate: Annotated[
        str | None, typer.Argument(help="Candidate id (a unique prefix is enough).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Why; kept in graph/review.yaml.")] = "",
    subject: Annotated[
        str | None, typer.Option("--subject", help="correct: the right subject id.")
    ] = None,
    predicate: Annotated[
        str | None,
        typer.Option("--predicate", help="correct: the right predicate.", callback=_predicate),
    ] = None,
    obj: Annotated[
        str | None, typer.Option("--object", help="correct: the right object id.")
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", help="correct: the right date.", callback=_date)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="list: how many to show.")] = 30,
) -> None:
    """List candidates waiting for review, or record a decision in graph/review.yaml.

    Pending candidates are shown highest confidence first, each with its sentence.
    Decisions whose sentence changed are stale (the build stops on them): drop them.

    Example: revkg review accept 3f9c0a1b --note "stated in the next sentence"
    """
    from ..extract import review
    from ..extract.pipeline import extract_corpus
    from ..files import write_atomic
    from ..sources.curated import load_curated
    from ..sources.seeds import load_corpus

    decision = _decision(action, candidate, note, subject, predicate, obj, value)
    proj = project()
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    found = extract_corpus(entities, load_corpus(proj.seeds_dir))
    path = proj.graph_dir / review.REVIEW_FILE
    decisions = review.load_decisions(path)
    if decision is None or candidate is None:
        _list(review.select(found.candidates, decisions), limit)
        return
    if action is not ReviewAction.DROP:
        _known_ids(decision, entities)
    decisions = _changed(decisions, found.candidates, candidate, decision)
    write_atomic(path, review.dump_decisions(decisions))
    say(f"recorded {action.value} in {proj.relative(path)}")


def _changed(
    decisions: dict[str, Decision], candidates: list[Any], candidate: str, decision: Decision
) -> dict[str, Decision]:
    from ..extract import review

    if decision.decision == ReviewAction.DROP.value:
        return review.drop(decisions, candidate)
    return review.decide(decisions, (c.id for c in candidates), candidate, decision)


def _decision(
    action: ReviewAction, candidate: str | None, note: str, *fixes: str | None
) -> Decision | None:
    """The decision to record (None to list), once the command line makes sense.
    ``fixes``: the corrected subject, predicate, object and value."""
    from ..extract.review import Decision

    if action is ReviewAction.LIST:
        return None
    if candidate is None:
        raise typer.BadParameter(
            f"give the candidate's id: revkg review {action.value} ID", param_hint="CANDIDATE"
        )
    if action is ReviewAction.CORRECT and not any(fixes):
        raise typer.BadParameter(
            "say what is right with --subject, --predicate, --object or --value",
            param_hint="correct",
        )
    return Decision(action.value, note, *fixes)


def _known_ids(decision: Decision, entities: list[Entity]) -> None:
    """EntityNotFound (with near ids) for a corrected subject or object not in the registry."""
    import difflib

    from ..errors import EntityNotFound

    ids = sorted(e.id for e in entities)
    for given in (decision.subject, decision.object):
        if given and given not in ids:
            raise EntityNotFound(given, difflib.get_close_matches(given, ids, n=3))


def _list(selection: Selection, limit: int) -> None:
    from ..extract.review import DEFAULT_THRESHOLD

    pending = sorted(selection.pending, key=lambda c: (-c.confidence, c.id))
    in_graph = {c.id for c, _ in selection.accepted}
    for c in pending[:limit]:
        obj = c.object.entity or (c.object.date.iso() if c.object.date else c.object.label)
        state = "in graph" if c.id in in_graph else "left out"
        out.print(
            f"{c.id}  {c.confidence:.2f}  {c.subject.entity or c.subject.label} "
            f"{c.predicate} {obj}  [{c.rule}; {state}]"
        )
        out.print(f"    {c.doc}: {' '.join(c.sentence.split())}")
    say(
        f"{len(pending)} pending, {len(selection.accepted)} accepted, "
        f"{len(selection.rejected)} rejected; threshold {DEFAULT_THRESHOLD}"
    )
    for stale in selection.stale:
        console.print(
            f"[yellow]stale decision {stale}: no candidate has this id any more[/yellow]",
            highlight=False,
        )


def evaluate_cmd(
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            exists=True,
            file_okay=False,
            help="Gold set folder (default graph/gold).",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of extraction alone against the gold set.

    Shown overall and per predicate, with precision at several confidence thresholds.

    Example: revkg evaluate
    """
    from ..extract.evaluate import evaluate, format_report, load_gold
    from ..sources.curated import load_curated
    from ..sources.seeds import load_corpus

    proj = project()
    gold_dir = gold or proj.gold_dir
    facts = load_gold(gold_dir)
    corpus = load_corpus(proj.seeds_dir)
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    for line in format_report(evaluate(entities, corpus, facts)):
        out.print(line)
