"""Expected answers against a graph: the matcher, and the report of a run.

    known_names(store)                  IRI -> every name it may be called by
    judge(store, case, known, ...)      run one case -> Verdict (missing, unexpected rows)
    check_cases(store, cases, ...)      run them all -> ExpectReport (the failures)

A failure is a report entry, never an exception: a case whose query fails or whose
expected columns are not in the answer fails with that said. The case format is in
:mod:`revkg.sparql.expect`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from ..errors import RevkgError
from ..report import Report
from ..text import normalize_string
from . import query as q
from . import tables
from .expect import Case
from .store import QueryResult, Store, prefixes_of

#: At most this many answer rows are shown when a case fails.
SHOWN_ROWS = 25

NAMES_QUERY = """
SELECT ?e ?n WHERE {
  VALUES ?p { rdfs:label skos:altLabel skos:hiddenLabel }
  ?e ?p ?n
}"""

Row = dict[str, object]
Known = dict[str, set[str]]


def key(text: str) -> str:
    return normalize_string(text, casefold=True)


def known_names(store: Store) -> Known:
    """IRI -> every normalized name it may be called by (labels, aliases, misspellings, id)."""
    found: Known = {}
    for iri, name in store.run(NAMES_QUERY).rows:
        found.setdefault(str(iri), {key(str(iri).rsplit("/", 1)[-1])}).add(key(str(name)))
    return found


def cell_matches(term: object, expected: object, known: Known) -> bool:
    want = str(expected)
    if isinstance(term, URIRef):
        candidates = known.get(str(term), set()) | {key(str(term).rsplit("/", 1)[-1])}
    elif isinstance(term, Literal):
        if "*" not in want:
            return str(term) == want
        candidates = {key(str(term))}
    else:  # unbound: matches "" (or a pattern such as *)
        candidates = {""}
    pattern = key(want)
    if "*" in pattern:
        return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)
    return pattern in candidates


def row_matches(row: Row, expected: Mapping[str, object], known: Known) -> bool:
    return all(cell_matches(row.get(col), val, known) for col, val in expected.items())


@dataclass
class Verdict:
    """How an answer compares with a case: expected rows no answer row matches, answer
    rows no expected row matches (for ``match: exactly``), or why the case could not be
    compared at all (``problem``)."""

    answer: list[Row] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[Row] = field(default_factory=list)
    problem: str = ""

    def __bool__(self) -> bool:
        return not (self.missing or self.unexpected or self.problem)

    def __repr__(self) -> str:
        return f"<{len(self.missing)} missing, {len(self.unexpected)} unexpected>"


def compare(result: QueryResult, case: Case, known: Known) -> Verdict:
    """The verdict on ``result`` as the answer to ``case``."""
    if result.kind != "select":
        return Verdict(problem="the query must be a SELECT")
    rows: list[Row] = [dict(zip(result.variables, r, strict=True)) for r in result.rows]
    columns = {col for expected in case.rows for col in expected}
    unknown = sorted(columns - set(result.variables))
    if unknown:
        return Verdict(
            rows,
            problem=f"expected columns {', '.join(unknown)} are not in the answer "
            f"(its columns: {', '.join(result.variables)})",
        )
    missing = [e for e in case.rows if not any(row_matches(r, e, known) for r in rows)]
    unexpected = []
    if case.match == "exactly":
        unexpected = [r for r in rows if not any(row_matches(r, e, known) for e in case.rows)]
    return Verdict(rows, missing, unexpected)


def answer(
    store: Store, case: Case, *, queries_dir: Path, find: Callable[[str], URIRef] | None = None
) -> QueryResult:
    """The answer to ``case``: its saved question (with its parameters) or its own query."""
    saved = q.saved_query(queries_dir, case.query) if case.saved else None
    text = saved.text if saved else case.query
    return q.run(store, text, params=case.params, saved=saved, find=find)


def judge(
    store: Store,
    case: Case,
    known: Known,
    *,
    queries_dir: Path,
    find: Callable[[str], URIRef] | None = None,
) -> Verdict:
    """Run ``case`` and compare; a query that cannot run is the verdict's problem."""
    try:
        result = answer(store, case, queries_dir=queries_dir, find=find)
    except RevkgError as e:
        return Verdict(problem=f"the query failed: {' '.join(str(e).split())}")
    return compare(result, case, known)


@dataclass(frozen=True)
class Failure:
    """A case whose answer is not what was expected."""

    case: Case
    verdict: Verdict

    def line(self, labels: Mapping[str, str], prefixes: Mapping[str, str] | None = None) -> str:
        """One line: where, which case, and what is missing, unexpected or wrong."""
        return f"{self.case.where} {self.case.id}: {self.message(labels, prefixes)}"

    def message(self, labels: Mapping[str, str], prefixes: Mapping[str, str] | None = None) -> str:
        """What is missing, unexpected or wrong (entities of the answer by label)."""
        v = self.verdict
        parts = [v.problem] if v.problem else []
        if v.missing:
            parts.append("missing " + "; ".join(show_row(e) for e in v.missing))
        if v.unexpected:
            shown = "; ".join(show_row(r, labels, prefixes) for r in v.unexpected[:3])
            more = f" and {len(v.unexpected) - 3} more" if len(v.unexpected) > 3 else ""
            parts.append(f"{len(v.unexpected)} unexpected row(s): {shown}{more}")
        return "; ".join(parts)


@dataclass
class ExpectReport:
    """The run of every case: how many there were, in how many files, and the failures."""

    cases: int = 0
    files: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def problems(
        self, labels: Mapping[str, str], prefixes: Mapping[str, str] | None = None
    ) -> Report:
        """The failures as a validation report: one error per failing case, at its line."""
        report = Report()
        for failure in self.failures:
            report.add(failure.case.where, failure.case.id, failure.message(labels, prefixes))
        return report


def check_cases(
    store: Store,
    cases: list[Case],
    *,
    queries_dir: Path,
    find: Callable[[str], URIRef] | None = None,
) -> ExpectReport:
    """Run every case against ``store`` and report those that fail."""
    known = known_names(store) if cases else {}
    report = ExpectReport(len(cases), len({c.path for c in cases}))
    for case in cases:
        verdict = judge(store, case, known, queries_dir=queries_dir, find=find)
        if not verdict:
            report.failures.append(Failure(case, verdict))
    return report


def show_cell(
    term: object, labels: Mapping[str, str], prefixes: Mapping[str, str] | None = None
) -> str:
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        short = tables.compact(str(term), prefixes)
        label = labels.get(str(term))
        return f"{label} [{short}]" if label else short
    text = str(term)
    return text if len(text) <= 80 else text[:79] + "…"


def show_row(
    row: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> str:
    cells = (f"{col}: {show_cell(val, labels or {}, prefixes)}" for col, val in row.items())
    return "{" + ", ".join(cells) + "}"


def explain(
    case: Case, verdict: Verdict, labels: Mapping[str, str], store: Store | None = None
) -> str:
    """A failure at length: the question, the rows expected, what was missing or
    unexpected, and the answer's rows (entities by label)."""
    prefixes = prefixes_of(store) if store is not None else None
    asked = f"saved query {case.query}" if case.saved else "its own query"
    if case.params:
        asked += " with " + ", ".join(f"{k}={v}" for k, v in case.params.items())
    lines = [f"{case.id} ({case.where}, {asked}, match: {case.match})"]
    if case.question:
        lines.append(f"  {case.question}")
    if verdict.problem:
        lines.append(verdict.problem)
    lines.append("expected rows:")
    lines += [f"  {show_row(e)}" for e in case.rows]
    if verdict.missing:
        lines.append("missing (no answer row matches):")
        lines += [f"  {show_row(e)}" for e in verdict.missing]
    if verdict.unexpected:
        lines.append("unexpected (no expected row matches):")
        lines += [f"  {show_row(r, labels, prefixes)}" for r in verdict.unexpected[:SHOWN_ROWS]]
    lines.append(f"the answer ({len(verdict.answer)} row(s)):")
    lines += [f"  {show_row(r, labels, prefixes)}" for r in verdict.answer[:SHOWN_ROWS]]
    if len(verdict.answer) > SHOWN_ROWS:
        lines.append(f"  ... and {len(verdict.answer) - SHOWN_ROWS} more")
    return "\n".join(lines)
