"""A change tried on a copy of the curated files, and checked there, before it is written.

:func:`try_curated` copies graph/curated/ into a temporary folder, lets a change (one of
:mod:`revkg.sources.edit`'s functions, or a new file's text) write there, and reads the
copy back as ``revkg validate`` reads the curated files: the loader's problems, every
quote found in its essay, revkg's own checks on the records. Any error refuses the
change (:class:`EditRefused`, with the problems); otherwise the new texts of the files
that changed are returned, keyed by their real paths, for the caller to write.

:func:`check_decisions` does the same for graph/review.yaml: the decisions are applied
to the current candidates as the build applies them, and the facts they admit are
checked with the curated ones.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import EditRefused
from ..extract import review
from ..extract.records import Candidate
from ..graph.validate import check_records
from ..model import Document, Entity, Statement
from ..report import Report
from ..sources.curated import load_curated, resolve_quotes

#: How many problems a refusal names.
SHOWN = 3


def try_curated(
    curated_dir: Path, corpus: Mapping[str, Document], change: Callable[[Path], object]
) -> dict[Path, str]:
    """The files ``change`` (given the copy's curated folder) rewrites, with their new
    texts, once the copy passes the checks; EditRefused naming the problems otherwise."""
    with tempfile.TemporaryDirectory(prefix="revkg-curate-") as tmp:
        copy = Path(tmp) / "graph" / "curated"
        shutil.copytree(curated_dir, copy, ignore=shutil.ignore_patterns(".*"))
        before = curated_report(copy, Path(tmp), corpus)
        change(copy)
        refuse_if_wrong(curated_report(copy, Path(tmp), corpus), before)
        changed = {}
        for path in sorted(copy.rglob("*.yaml")):
            real = curated_dir / path.relative_to(copy)
            text = path.read_text(encoding="utf-8")
            if not real.exists() or real.read_text(encoding="utf-8") != text:
                changed[real] = text
        return changed


def curated_report(curated_dir: Path, root: Path, corpus: Mapping[str, Document]) -> Report:
    """What ``revkg validate`` says of the curated files alone (no extraction, no SHACL)."""
    data = load_curated(curated_dir, shown_root=root)
    statements, quotes = resolve_quotes(data.statements, corpus)
    report = Report()
    report.extend(data.report)
    report.extend(quotes)
    report.extend(check_records(data.entities, statements))
    return report


def check_decisions(
    candidates: list[Candidate],
    decisions: dict[str, review.Decision],
    before: dict[str, review.Decision],
    entities: list[Entity],
    curated: list[Statement],
) -> None:
    """EditRefused when the facts ``decisions`` admit break revkg's checks (an end of the
    wrong type, an unknown id) where the ``before`` decisions did not, as the build would
    find them."""
    refuse_if_wrong(
        _decisions_report(candidates, decisions, entities, curated),
        _decisions_report(candidates, before, entities, curated),
    )


def _decisions_report(
    candidates: list[Candidate],
    decisions: dict[str, review.Decision],
    entities: list[Entity],
    curated: list[Statement],
) -> Report:
    selection = review.select(candidates, decisions)
    registry = {e.id: e for e in entities}
    provisional = review.admitted_entities(selection, registry)
    extracted = review.accepted_statements(selection, provisional)
    return check_records([*entities, *provisional.values()], [*curated, *extracted])


def refuse_if_wrong(report: Report, before: Report | None = None) -> None:
    """EditRefused with the first errors of ``report`` that ``before`` did not have."""
    old = {(p.subject, p.message) for p in before.errors} if before else set()
    errors = sorted(
        {
            f"{p.location} {p.subject}: {p.message}".strip()
            for p in report.errors
            if (p.subject, p.message) not in old
        }
    )
    if errors:
        more = f" (and {len(errors) - SHOWN} more)" if len(errors) > SHOWN else ""
        raise EditRefused("; ".join(errors[:SHOWN]) + more + "; nothing was written")
