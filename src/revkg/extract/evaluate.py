"""How good is extraction? Precision, recall and F1 against a hand-made gold set.

The gold set (graph/gold/<essay>.yaml, ``Project.gold_dir``) lists the facts each essay states, as
(subject id, predicate, object id or value) with the sentence they come from,
and "traps": facts a naive reader of co-occurring names would wrongly find.
A fact counts once per essay, whatever the sentence; the direction of symmetric
predicates (met, correspondedWith) does not matter.

One essay (``HELD_OUT``) was kept out of rule development: its figures are the
honest estimate for a new essay.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import files, vocab
from ..errors import GoldSetError, InvalidDate
from ..model import Date, Document, Entity
from .calibration import admission_threshold, reliability
from .pipeline import Candidate, extract_corpus

HELD_OUT = ("shadow-of-stalinism",)
Key = tuple[str, str, str, str]
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class GoldFact:
    """One fact an essay states (or, for a trap, does not state)."""

    doc: str
    subject: str
    predicate: str
    object: str
    sentence: str = ""
    trap: bool = False

    def key(self) -> tuple[str, str, str, str]:
        return fact_key(self.doc, self.subject, self.predicate, self.object)


@dataclass
class Score:
    """Counts and the measures computed from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Scores for one set of essays: overall, per predicate, at several thresholds."""

    name: str
    overall: Score = field(default_factory=Score)
    per_predicate: dict[str, Score] = field(default_factory=dict)
    at_threshold: dict[float, Score] = field(default_factory=dict)
    traps_hit: list[GoldFact] = field(default_factory=list)
    #: The reliability curve: lower bound of a confidence bin -> (right, found) in it.
    reliability: dict[float, tuple[int, int]] = field(default_factory=dict)
    false_positives: list[tuple[str, str, str, str]] = field(default_factory=list)
    missed: list[GoldFact] = field(default_factory=list)


def fact_key(doc: str, subject: str, predicate: str, obj: str) -> tuple[str, str, str, str]:
    """How facts are compared: symmetric predicates have their ends in a fixed order."""
    prop = vocab.PROPERTIES_BY_NAME.get(predicate)
    if prop is not None and prop.symmetric and obj < subject:
        subject, obj = obj, subject
    return (doc, subject, predicate, obj)


def candidate_key(c: Candidate) -> tuple[str, str, str, str] | None:
    if not c.linked:
        return None
    obj = c.object.entity if c.object.entity is not None else str(c.object.date)
    return fact_key(c.doc, str(c.subject.entity), c.predicate, obj)


def load_gold(folder: Path) -> list[GoldFact]:
    """Every fact and trap in the gold files (``*.yaml``) of ``folder``."""
    facts = []
    for path in sorted(folder.glob("*.yaml")):
        data = _gold_file(path)
        doc = str(data.get("essay", path.stem))
        for trap, rows in ((False, data.get("facts") or []), (True, data.get("traps") or [])):
            if not isinstance(rows, list):
                raise GoldSetError(f"{path}: `facts:` and `traps:` must be lists of facts")
            facts += [_gold_fact(path, doc, row, trap=trap) for row in rows]
    if not facts:
        raise GoldSetError(
            f"{folder}: no gold facts here (*.yaml files with `facts:`); "
            "pass --gold with the gold set's folder."
        )
    return facts


def _gold_file(path: Path) -> dict[str, object]:
    try:
        data = files.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise GoldSetError(
            f"{path}: not a readable UTF-8 YAML file ({files.one_line(e)}); fix it"
        ) from e
    if not isinstance(data, dict):
        raise GoldSetError(f"{path}: expected `essay:`, `facts:` and `traps:` at the top")
    return data


def _gold_fact(path: Path, doc: str, row: object, *, trap: bool) -> GoldFact:
    if not isinstance(row, dict) or not row.get("subject") or not row.keys() & {"object", "value"}:
        raise GoldSetError(
            f"{path}: each fact needs `subject:`, `predicate:` and `object:` or `value:` "
            f"(got {row!r})"
        )
    predicate = str(row.get("predicate"))
    if predicate not in vocab.PROPERTIES_BY_NAME:
        raise GoldSetError(f"{path}: unknown predicate {predicate!r}; see src/revkg/vocab.py")
    try:
        obj = Date.parse(row["value"]).iso() if "value" in row else row.get("object")
    except InvalidDate as e:
        raise GoldSetError(f"{path}: {row['subject']} {predicate}: `value:` {e}") from None
    return GoldFact(
        doc, str(row["subject"]), predicate, str(obj), str(row.get("sentence", "")), trap
    )


def score(
    candidates: Iterable[Candidate],
    gold: Iterable[GoldFact],
    docs: Iterable[str],
    *,
    name: str,
    threshold: float | None = None,
) -> Evaluation:
    """Compare the candidates of ``docs`` with their gold facts (at the admission
    threshold unless ``threshold`` says otherwise)."""
    if threshold is None:
        threshold = admission_threshold()
    docs = set(docs)
    gold = [g for g in gold if g.doc in docs]
    truth = {g.key(): g for g in gold if not g.trap}
    traps = {g.key(): g for g in gold if g.trap}
    best: dict[tuple[str, str, str, str], float] = {}
    for c in candidates:
        key = candidate_key(c)
        if key is not None and c.doc in docs:
            best[key] = max(best.get(key, 0.0), c.confidence)
    ev = Evaluation(name)
    for t in THRESHOLDS:
        ev.at_threshold[t] = _count({k for k, v in best.items() if v >= t}, truth)
    curve = reliability((v, k in truth) for k, v in best.items())
    ev.reliability = {lo: (right, found) for lo, right, found in curve}
    predicted = {k for k, v in best.items() if v >= threshold}
    ev.overall = _count(predicted, truth)
    for pred in sorted({k[2] for k in truth} | {k[2] for k in predicted}):
        ev.per_predicate[pred] = _count(
            {k for k in predicted if k[2] == pred}, {k: g for k, g in truth.items() if k[2] == pred}
        )
    ev.traps_hit = [traps[k] for k in sorted(predicted & set(traps))]
    ev.false_positives = sorted(predicted - set(truth))
    ev.missed = [truth[k] for k in sorted(set(truth) - predicted)]
    return ev


def _count(predicted: set[Key], truth: Mapping[Key, GoldFact]) -> Score:
    tp = len(predicted & set(truth))
    return Score(tp, len(predicted) - tp, len(truth) - tp)


def evaluate(
    entities: Iterable[Entity], corpus: Mapping[str, Document], gold: list[GoldFact]
) -> list[Evaluation]:
    """Development essays, held-out essays and all essays, each scored on its own."""
    found = extract_corpus(entities, corpus)
    dev = [d for d in corpus if d not in HELD_OUT]
    held = [d for d in corpus if d in HELD_OUT]
    return [
        score(found.candidates, gold, dev, name="development (" + ", ".join(dev) + ")"),
        score(found.candidates, gold, held, name="held out (" + ", ".join(held) + ")"),
        score(found.candidates, gold, corpus, name="all essays"),
    ]


def format_report(evaluations: Iterable[Evaluation]) -> list[str]:
    """Plain lines: overall, per predicate, precision at thresholds, traps."""
    lines = []
    for ev in evaluations:
        o = ev.overall
        lines += [
            f"== {ev.name} (threshold {admission_threshold()})",
            f"precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
            f"(found {o.tp} of {o.tp + o.fn} gold facts; {o.fp} wrong)",
            f"{'predicate':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}",
        ]
        for pred, s in ev.per_predicate.items():
            lines.append(
                f"{pred:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                f"{s.tp:4d} {s.fp:4d} {s.fn:4d}"
            )
        lines.append(
            "precision at confidence >= "
            + ", ".join(
                f"{t}: {s.precision:.3f} ({s.tp + s.fp})" for t, s in ev.at_threshold.items()
            )
        )
        lines.append(
            "reliability (precision of the facts in each confidence bin): "
            + ", ".join(
                f"{lo}: {right / found:.2f} ({found})" if found else f"{lo}: - (0)"
                for lo, (right, found) in ev.reliability.items()
            )
        )
        lines.append(f"traps fallen into: {len(ev.traps_hit)}")
        lines += [f"  trap: {g.subject} {g.predicate} {g.object}" for g in ev.traps_hit]
        lines.append("")
    return lines
