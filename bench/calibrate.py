"""Measure each rule on the development texts and write src/revkg/extract/calibration.yaml.

    .venv/bin/python bench/calibrate.py            # write the table
    .venv/bin/python bench/calibrate.py --check    # say whether the table is current

Development texts: corpora/dev (public texts, gold facts by name) and the seed essays'
development gold set (graph/gold, all but the held-out essay). Held-out texts are never
read here. Extraction runs with the tables' own confidences; each candidate is judged
right or wrong against the gold facts (once per essay, fact and rule), and the counts give
each rule its confidence (see revkg.extract.calibration); facts naming a new name are
counted apart, as "<rule> new". The admission threshold is the
lowest confidence at which facts are right at least TARGET of the time on text the counts
were not taken from: each development text in turn is left out, the others' counts
calibrate extraction on it, and the line is chosen on those left-out facts pooled
(leave-one-text-out), since a line chosen on the very texts the counts come from promises
more than unseen text keeps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from revkg.extract import corpora
from revkg.extract.calibration import Calibration, choose_threshold, dump_calibration
from revkg.extract.evaluate import HELD_OUT, candidate_key, load_gold
from revkg.extract.pipeline import extract
from revkg.sources.curated import load_curated
from revkg.sources.seeds import load_corpus

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "revkg" / "extract" / "calibration.yaml"
#: Precision the admitted facts must reach on development text left out of the counts.
TARGET = 0.85

Outcome = tuple[str, bool]  # the count it goes to (rule, or "<rule> new"), right


def _key(c) -> str:
    new = c.subject.via == "new" or c.object.via == "new"
    return f"{c.rule} new" if new else c.rule


def corpus_outcomes(entities, calibration=False) -> list[tuple[str, tuple, float, Outcome]]:
    out = []
    for text in corpora.load_corpus_folder(ROOT / "corpora" / "dev", entities):
        found = extract(entities, [(text.id, text.text)], calibrated=calibration)
        for c in found.candidates:
            if not c.admissible:
                continue
            fact = corpora.fact_of(c, text.canon)
            out.append((text.id, fact, c.confidence, (_key(c), fact in text.facts)))
    return out


def seed_outcomes(entities, calibration=False) -> list[tuple[str, tuple, float, Outcome]]:
    gold = [g for g in load_gold(ROOT / "graph" / "gold") if g.doc not in HELD_OUT]
    truth = {g.key() for g in gold if not g.trap}
    essays = load_corpus(ROOT / "seeds")
    docs = [(d.id, d.text) for d in essays.values() if d.id not in HELD_OUT]
    out = []
    for c in extract(entities, docs, calibrated=calibration).candidates:
        if not c.admissible:
            continue
        key = candidate_key(c)
        fact = key[1:] if key else (c.subject.label, c.predicate, c.object.label)
        out.append((c.doc, fact, c.confidence, (_key(c), key in truth)))
    return out


def counts(outcomes) -> dict[str, tuple[int, int]]:
    """[right, wrong] per count key, each fact once per essay and rule."""
    seen, found = set(), {}
    for doc, fact, _, (key, right) in outcomes:
        if (doc, fact, key) in seen:
            continue
        seen.add((doc, fact, key))
        r, w = found.get(key, (0, 0))
        found[key] = (r + right, w + (not right))
    return found


def judged(outcomes) -> list[tuple[float, bool]]:
    """Each fact at the best confidence any candidate gave it, and whether it is right."""
    best: dict[tuple, tuple[float, bool]] = {}
    for doc, fact, confidence, (_, right) in outcomes:
        if confidence > best.get((doc, fact), (-1.0, False))[0]:
            best[(doc, fact)] = (confidence, right)
    return list(best.values())


def left_out_threshold(entities, raw) -> float:
    """The lowest line that keeps TARGET of its facts right, each text calibrated by the
    other texts' counts alone (leave one text out)."""
    public = {t.id for t in corpora.load_corpus_folder(ROOT / "corpora" / "dev", entities)}
    pooled: list[tuple[float, bool]] = []
    for held in sorted({doc for doc, *_ in raw}):
        others = Calibration(1.0, counts([o for o in raw if o[0] != held]))
        outcomes = corpus_outcomes if held in public else seed_outcomes
        pooled += judged(o for o in outcomes(entities, others) if o[0] == held)
    return choose_threshold(pooled, TARGET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    entities = load_curated(ROOT / "graph" / "curated").entities
    raw = corpus_outcomes(entities) + seed_outcomes(entities)
    cal = Calibration(left_out_threshold(entities, raw), counts(raw))
    text = dump_calibration(cal, HEADER)
    if args.check:
        current = TABLE.read_text(encoding="utf-8") == text
        print("calibration.yaml is current" if current else "calibration.yaml is out of date")
        return 0 if current else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"threshold {cal.threshold}; {len(cal.counts)} rules measured; wrote {TABLE}")
    return 0


HEADER = """\
Each rule's record on the development texts: [right, wrong] facts (per essay).
Written by bench/calibrate.py from corpora/dev and the seed essays' development gold set
(never from held-out texts); see src/revkg/extract/calibration.py for how the counts
become confidences. threshold: the admission line, chosen on the same texts, each
calibrated by the others' counts alone (leave one text out)."""


if __name__ == "__main__":
    sys.exit(main())
