"""Extraction measured on public texts with hand-made gold facts (``corpora/``).

A corpus folder holds ``<essay>.txt`` and ``<essay>.gold.yaml``: the facts the text
states and the names it uses (``names:``, each with its type and aliases), written by
hand before extraction ran. Gold facts name their ends by canonical name, not by
registry id: a name matches a registry entity when it, or one of its aliases, is one of
the entity's names (typography and case ignored), and otherwise stays a name, so that a
fact about a name the registry lacks counts when extraction proposes it as a new name.

Each candidate at or above the threshold is judged once per fact: right when the gold
set states it (subject, predicate and object; a year for date values). Reported:

    admitted    both ends registry entities or a value (what joins the graph unreviewed)
    proposed    every candidate at the threshold, new names included
    names       the new names extraction proposes: how many are names the text uses
                (well-formed) and how many of those it types as the gold set does
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import files
from ..errors import GoldSetError
from ..model import Entity
from ..text import name_key
from . import calibration
from .mentions import Mention, NewEntity
from .records import Candidate

Fact = tuple[str, str, str]
MAX_GOLD_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class GoldText:
    """One text of a corpus with its gold facts and names."""

    id: str
    text: str
    facts: frozenset[Fact]
    canon: dict[str, str]  # name key -> the end a name stands for
    names: dict[str, str]  # name key -> gold type


@dataclass
class Judged:
    """A candidate's fact, the best confidence any candidate gave it, and the verdict."""

    fact: Fact
    confidence: float
    rule: str
    right: bool
    admitted: bool


@dataclass
class TextScore:
    """The judged facts of one text and the new names proposed for it."""

    text: GoldText
    judged: list[Judged] = field(default_factory=list)
    new_names: list[NewEntity] = field(default_factory=list)


def load_corpus_folder(folder: Path, entities: Iterable[Entity]) -> list[GoldText]:
    """Every ``*.gold.yaml`` of ``folder`` with its ``.txt``, names matched to the registry."""
    registry = _registry_keys(entities)
    texts = []
    for path in sorted(folder.glob("*.gold.yaml")):
        essay = path.name.removesuffix(".gold.yaml")
        text_path = folder / f"{essay}.txt"
        shown = str(text_path)
        text = files.read_utf8(text_path, shown=shown, limit=MAX_GOLD_BYTES, error=GoldSetError)
        texts.append(_gold_text(path, essay, text, registry))
    if not texts:
        raise GoldSetError(f"{folder}: no <essay>.gold.yaml files here; pass a corpus folder")
    return texts


def _registry_keys(entities: Iterable[Entity]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for e in entities:
        for name in (e.label, *e.aliases, *e.misspellings):
            keys.setdefault(name_key(name), f"id:{e.id}")
    return keys


def _gold_text(path: Path, essay: str, text: str, registry: dict[str, str]) -> GoldText:
    shown = str(path)
    raw = files.read_utf8(path, shown=shown, limit=MAX_GOLD_BYTES, error=GoldSetError)
    try:
        data = files.safe_load(raw) or {}
        canon, names = _names(data.get("names") or [], registry)
        facts = frozenset(_fact(f, canon) for f in data.get("facts") or [])
    except (yaml.YAMLError, AttributeError, KeyError, TypeError) as e:
        raise GoldSetError(
            f"{path}: expected `facts:` (subject, predicate, object or value) and `names:` "
            f"(name, type, aliases): {files.one_line(e)}"
        ) from None
    return GoldText(essay, text, facts, canon, names)


def _names(rows: list[dict[str, object]], registry: dict[str, str]) -> tuple[dict, dict]:
    canon: dict[str, str] = {}
    types: dict[str, str] = {}
    for n in rows:
        names = [str(n["name"]), *(str(a) for a in n.get("aliases") or [])]  # type: ignore[attr-defined]
        key = next((registry[name_key(x)] for x in names if name_key(x) in registry), None)
        key = key or f"name:{name_key(names[0])}"
        for x in names:
            canon.setdefault(name_key(x), key)
            types.setdefault(name_key(x), str(n.get("type", "")))
    return canon, types


def _fact(f: dict[str, object], canon: dict[str, str]) -> Fact:
    subject = canon.get(name_key(str(f["subject"])), f"name:{name_key(str(f['subject']))}")
    if "value" in f:
        return subject, str(f["predicate"]), f"value:{str(f['value'])[:4]}"
    obj = str(f["object"])
    return subject, str(f["predicate"]), canon.get(name_key(obj), f"name:{name_key(obj)}")


def end_of(mention: Mention, canon: dict[str, str]) -> str:
    """What a candidate's end stands for, in the gold set's terms."""
    if mention.entity is not None:
        return f"id:{mention.entity}"
    if mention.date is not None:
        return f"value:{mention.date.iso()[:4]}"
    return canon.get(name_key(mention.label), f"name:{name_key(mention.label)}")


def fact_of(c: Candidate, canon: dict[str, str]) -> Fact:
    """The fact a candidate states, in the gold set's terms."""
    return end_of(c.subject, canon), c.predicate, end_of(c.object, canon)


def judge(text: GoldText, candidates: Iterable[Candidate]) -> list[Judged]:
    """One verdict per fact the candidates state, at the best confidence given it
    (``admitted`` there means: both ends registry entities or a value)."""
    best: dict[Fact, Judged] = {}
    for c in candidates:
        if not c.admissible:
            continue
        fact = fact_of(c, text.canon)
        old = best.get(fact)
        if old is None or c.confidence > old.confidence:
            best[fact] = Judged(fact, c.confidence, c.rule, fact in text.facts, c.linked)
    return sorted(best.values(), key=lambda j: j.fact)


def precision_recall(
    scores: Sequence[TextScore], threshold: float, *, admitted_only: bool = False
) -> tuple[float, float, int, int, int]:
    """(precision, recall, right, found, gold) over texts, at a threshold."""
    right = found = gold = 0
    for s in scores:
        kept = [j for j in s.judged if j.confidence >= threshold]
        if admitted_only:
            kept = [j for j in kept if j.admitted]
        found += len(kept)
        right += sum(j.right for j in kept)
        gold += len(s.text.facts)
    return (right / found if found else 0.0), (right / gold if gold else 0.0), right, found, gold


def reliability(scores: Sequence[TextScore], bins: Sequence[float]) -> list[tuple[float, int, int]]:
    """(lower bound, right, found) for each confidence bin [bins[i], bins[i+1])."""
    return calibration.reliability(
        ((j.confidence, j.right) for s in scores for j in s.judged), bins
    )


def name_quality(scores: Sequence[TextScore]) -> tuple[int, int, int]:
    """(proposed new names, well-formed, typed right)."""
    proposed = formed = typed = 0
    for s in scores:
        for e in s.new_names:
            proposed += 1
            gold_type = s.text.names.get(name_key(e.label))
            formed += gold_type is not None
            typed += gold_type == e.type
    return proposed, formed, typed


def score_folder(folder: Path, entities: list[Entity]) -> list[TextScore]:
    """Extraction over every text of a corpus folder, judged against its gold set."""
    from .pipeline import extract

    scores = []
    for text in load_corpus_folder(folder, entities):
        found = extract(entities, [(text.id, text.text)])
        scores.append(TextScore(text, judge(text, found.candidates), found.new_entities))
    return scores


BINS = calibration.RELIABILITY_BINS


def format_corpus_report(name: str, scores: Sequence[TextScore], threshold: float) -> list[str]:
    """Plain lines: per text and overall at the threshold, the curve, the new names."""
    lines = [
        f"== {name} (threshold {threshold})",
        f"{'text':<28} {'gold':>5}  {'admitted P':>10} {'R':>5} {'F1':>5}   "
        f"{'linked only P':>13} {'R':>5}",
    ]
    for s in [*scores, None]:
        part = [s] if s is not None else list(scores)
        label = s.text.id if s is not None else "all"
        p, r, right, found, gold = precision_recall(part, threshold)
        lp, lr, *_ = precision_recall(part, threshold, admitted_only=True)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(
            f"{label:<28} {gold:>5}  {p:>10.2f} {r:>5.2f} {f1:>5.2f}   {lp:>13.2f} {lr:>5.2f}"
            + (f"   ({right} of {found} right)" if s is None else "")
        )
    lines.append("reliability (confidence bin: precision, facts):")
    for lo, right, found in reliability(scores, BINS):
        shown = f"{right / found:.2f}" if found else "  - "
        lines.append(f"  >= {lo:.1f}: {shown} ({found})")
    n, formed, typed = name_quality(scores)
    lines.append(
        f"new names proposed: {n}; well-formed {formed / max(n, 1):.0%}; "
        f"typed right {typed / max(formed, 1):.0%} of those"
    )
    return lines
