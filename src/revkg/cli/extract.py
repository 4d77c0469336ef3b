"""Commands for extraction: extract (any text files) and review (decisions)."""

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
    CONFIRM = "confirm"
    MERGE = "merge"
    EXCLUDE = "exclude"


#: The actions that judge a provisional entity (a new name), not a candidate.
NAME_ACTIONS = (ReviewAction.CONFIRM, ReviewAction.MERGE, ReviewAction.EXCLUDE)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
    app.command("review")(review_cmd)


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
    from ..extract.calibration import admission_threshold

    threshold = admission_threshold()
    lines = [
        _line(triple_record(c, registry, threshold=threshold), fmt.value)
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


_Action = Annotated[
    ReviewAction,
    typer.Argument(
        help="list; accept, reject, correct or drop (a candidate); confirm, merge or "
        "exclude (a new name)."
    ),
]
_Candidate = Annotated[
    str | None,
    typer.Argument(help="Candidate id (a unique prefix is enough), or a new name or its id."),
]
_Note = Annotated[str, typer.Option("--note", help="Why; kept in graph/review.yaml.")]
_Subject = Annotated[str | None, typer.Option("--subject", help="correct: the right subject id.")]
_Predicate = Annotated[
    str | None,
    typer.Option("--predicate", help="correct: the right predicate.", callback=_predicate),
]
_Object = Annotated[str | None, typer.Option("--object", help="correct: the right object id.")]
_Value = Annotated[
    str | None, typer.Option("--value", help="correct: the right date.", callback=_date)
]
_Limit = Annotated[int, typer.Option("--limit", min=0, help="list: how many to show.")]
_Essay = Annotated[str | None, typer.Option("--essay", help="list: only this essay's candidates.")]
_Type = Annotated[str | None, typer.Option("--type", help="confirm: the type (e.g. Person).")]
_Id = Annotated[str | None, typer.Option("--id", help="confirm: the entity's id.")]
_Into = Annotated[str | None, typer.Option("--into", help="merge: the entity the name is.")]
_Description = Annotated[str, typer.Option("--description", help="confirm: one line about it.")]


def review_cmd(
    action: _Action = ReviewAction.LIST,
    candidate: _Candidate = None,
    essay: _Essay = None,
    kind: _Type = None,
    ident: _Id = None,
    into: _Into = None,
    description: _Description = "",
    note: _Note = "",
    subject: _Subject = None,
    predicate: _Predicate = None,
    obj: _Object = None,
    value: _Value = None,
    limit: _Limit = 30,
) -> None:
    """List candidates waiting for review, or record a decision in graph/review.yaml.

    Pending candidates are shown highest confidence first, each with its sentence, then
    the new names (provisional entities) to confirm, merge or exclude. Decisions whose
    sentence changed are stale (the build stops on them): drop them.

    Example: revkg review accept 3f9c0a1b --note "stated in the next sentence"
    """
    from ..extract import review
    from ..files import write_atomic
    from . import names

    decision = _decision(action, candidate, note, subject, predicate, obj, value)
    proj, entities, found = _extraction()
    path = proj.graph_dir / review.REVIEW_FILE
    decisions = review.load_decisions(path)
    selection = review.select(found.candidates, decisions)
    provisional = names.provisional_of(selection, {e.id: e for e in entities})
    if action in NAME_ACTIONS:
        if candidate is None:
            raise typer.BadParameter("give the new name or its id", param_hint="NAME")
        named = names.find(provisional, candidate)
        names.judge(action.value, named, kind, ident, into, description, note)
        return
    if decision is None or candidate is None:
        _list(_of_essay(selection, found.candidates, decisions, essay), limit)
        names.print_provisional(provisional, essay)
        return
    if action is not ReviewAction.DROP:
        _known_ids(decision, entities)
    decisions = _changed(decisions, found.candidates, candidate, decision)
    write_atomic(path, review.dump_decisions(decisions))
    say(f"recorded {action.value} in {proj.relative(path)}")


def _extraction() -> tuple[Any, list[Entity], Any]:
    """The project, its registry and the extraction over its essays."""
    from ..extract.pipeline import extract_corpus
    from ..sources.curated import load_curated
    from ..sources.seeds import load_corpus

    proj = project()
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    from ..sources.coverage import load_exclusions

    excluded = load_exclusions(proj.curated_dir)
    return proj, entities, extract_corpus(entities, load_corpus(proj.seeds_dir), excluded=excluded)


def _of_essay(
    selection: Selection, candidates: list[Any], decisions: dict[str, Decision], essay: str | None
) -> Selection:
    """The selection, or only one essay's part of it (whose other decisions are not stale)."""
    from ..extract import review

    if essay is None:
        return selection
    if essay not in {c.doc for c in candidates}:
        raise typer.BadParameter(f"no candidates from an essay {essay!r}", param_hint="--essay")
    mine = review.select([c for c in candidates if c.doc == essay], decisions)
    mine.stale = []
    return mine


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

    if action is ReviewAction.LIST or action in NAME_ACTIONS:
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
    from ..extract.calibration import admission_threshold

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
        f"{len(selection.rejected)} rejected; threshold {admission_threshold()}"
    )
    for stale in selection.stale:
        console.print(
            f"[yellow]stale decision {stale}: no candidate has this id any more[/yellow]",
            highlight=False,
        )
