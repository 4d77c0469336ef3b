"""``revkg evaluate``: how good extraction is, on the seeds' gold set or a corpus folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import out, project


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_cmd)


def evaluate_cmd(
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold", exists=True, file_okay=False, help="Gold set folder (default graph/gold)."
        ),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            exists=True,
            file_okay=False,
            help="A folder of <text>.txt with <text>.gold.yaml (e.g. corpora/dev); repeatable.",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of extraction alone against hand-made gold facts.

    Without --corpus: the seed essays against graph/gold, overall, per predicate and at
    several thresholds, with the reliability curve. With --corpus: each folder's texts,
    facts judged by name (new names count), the reliability curve and how well the new
    names it proposes are formed and typed.

    Example: revkg evaluate --corpus corpora/dev
    """
    from ..extract.calibration import admission_threshold
    from ..sources.curated import load_curated

    proj = project()
    entities = load_curated(proj.curated_dir, shown_root=proj.root, base=proj.base_iri).entities
    if corpus:
        from ..extract.corpora import format_corpus_report, score_folder

        for folder in corpus:
            scores = score_folder(folder, entities)
            for line in format_corpus_report(str(folder), scores, admission_threshold()):
                out.print(line, highlight=False)
        return
    from ..extract.evaluate import evaluate, format_report, load_gold
    from ..sources.seeds import load_corpus

    facts = load_gold(gold or proj.gold_dir)
    for line in format_report(evaluate(entities, load_corpus(proj.seeds_dir), facts)):
        out.print(line, highlight=False)
