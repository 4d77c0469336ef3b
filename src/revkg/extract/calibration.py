"""Confidence that means something: each rule's confidence measured on development texts.

``calibration.yaml`` records, for each rule of ``rules.yaml`` and each pattern of
``relations.yaml`` (as ``dep:<name>``), how many of the facts it gave on the
development texts were right and how many wrong, and the admission threshold chosen on
those texts. A rule's confidence is its measured precision, drawn towards the
confidence its table gives it when it was seldom seen::

    confidence = (right + K * base) / (right + wrong + K)        K = 2

Facts that name a new name (a provisional entity) are counted apart, as ``<rule> new``,
since a rule right between registry entities may be wrong about unknown names; a
candidate's pronoun and listing factors apply on top (:func:`.records.lowered`).

The file is written by ``bench/calibrate.py`` from ``corpora/dev`` and the seed essays'
development gold set, never from held-out texts; ``revkg evaluate`` prints how well the
result holds (a reliability curve) on any set.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .. import files
from ..errors import RuleTableError
from .records import NEW_NAME_FACTOR, Candidate

PRIOR = 2.0
#: Where admission stood before calibration, and where it stays without a table.
UNCALIBRATED_THRESHOLD = 0.6


@dataclass(frozen=True)
class Calibration:
    """Right and wrong counts per rule, and the admission threshold."""

    threshold: float = UNCALIBRATED_THRESHOLD
    counts: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def confidence(self, rule: str, base: float) -> float:
        """The calibrated confidence of a rule whose table gives it ``base``."""
        right, wrong = self.counts.get(rule, (0, 0))
        return round((right + PRIOR * base) / (right + wrong + PRIOR), 3)

    def apply(self, c: Candidate, base: float) -> Candidate:
        """``c`` with its rule's measured confidence in place of the table's ``base``.

        Facts naming a new name are counted apart (``<rule> new``); where they were
        measured, that count replaces the table's lowering for new names too."""
        new = sum(m.via == "new" for m in (c.subject, c.object))
        key = f"{c.rule} new" if new else c.rule
        if key in self.counts:
            measured, prior = self.confidence(key, base), NEW_NAME_FACTOR**new
        else:
            measured, prior = self.confidence(c.rule, base), 1.0
        return dataclasses.replace(c, confidence=round(c.confidence * measured / base / prior, 3))


@functools.cache
def calibration() -> Calibration:
    """The packaged table (``calibration.yaml``), read and checked on first use."""
    package = resources.files("revkg.extract")
    return load_calibration(package.joinpath("calibration.yaml").read_text(encoding="utf-8"))


def admission_threshold() -> float:
    """Candidates at or above this confidence enter the graph without review."""
    return calibration().threshold


def load_calibration(text: str, *, source: str = "calibration.yaml") -> Calibration:
    try:
        data = files.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise RuleTableError(f"{source} is not valid YAML: {files.one_line(e)}") from e
    if not isinstance(data, dict) or not isinstance(data.get("rules", {}), dict):
        raise RuleTableError(f"{source}: expected `threshold:` and `rules:` (name: [right, wrong])")
    threshold = data.get("threshold", UNCALIBRATED_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise RuleTableError(f"{source}: `threshold` must be a number between 0 and 1")
    if not 0 < threshold <= 1:
        raise RuleTableError(f"{source}: `threshold` must be between 0 and 1")
    counts = {str(k): _counts(v, f"{source}: {k}") for k, v in (data.get("rules") or {}).items()}
    return Calibration(float(threshold), counts)


def _counts(value: Any, where: str) -> tuple[int, int]:
    ok = isinstance(value, list) and len(value) == 2
    if not ok or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value):
        raise RuleTableError(f"{where}: expected [right, wrong], two whole numbers")
    return value[0], value[1]


def dump_calibration(cal: Calibration, header: str) -> str:
    """The file's text: the threshold, then each rule's counts, sorted by name."""
    body = {
        "threshold": cal.threshold,
        "rules": {k: list(cal.counts[k]) for k in sorted(cal.counts)},
    }
    lines = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return lines + yaml.safe_dump(body, sort_keys=False, default_flow_style=None, width=100)


#: Lower bounds of the confidence bins of the reliability curve.
RELIABILITY_BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def reliability(
    judged: Iterable[tuple[float, bool]], bins: Sequence[float] = RELIABILITY_BINS
) -> list[tuple[float, int, int]]:
    """The reliability curve of (confidence, right) pairs: (lower bound, right, found) for
    each bin [bins[i], bins[i+1])."""
    judged = list(judged)
    out = []
    for lo, hi in itertools.pairwise([*bins, 1.01]):
        inside = [right for confidence, right in judged if lo <= confidence < hi]
        out.append((lo, sum(inside), len(inside)))
    return out


def choose_threshold(judged: list[tuple[float, bool]], target: float) -> float:
    """The lowest confidence at which what is kept (confidence >= it) is right at least
    ``target`` of the time, on the development texts; 1.0 if none is."""
    for t in sorted({c for c, _ in judged}):
        kept = [right for c, right in judged if c >= t]
        if kept and sum(kept) / len(kept) >= target:
            return t
    return 1.0
