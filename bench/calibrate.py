"""Measure each rule on the development texts and write src/revkg/extract/calibration.yaml.

    .venv/bin/python bench/calibrate.py            # write the table
    .venv/bin/python bench/calibrate.py --check    # say whether the table is current

Development texts: corpora/dev (public texts, gold facts by name) and the seed essays'
development gold set (graph/gold, all but the held-out essay). Held-out texts are never
read here. Extraction runs with the tables' own confidences; each candidate is judged
right or wrong against the gold facts (once per essay, fact and rule), and the counts give
each rule its confidence (see revkg.extract.calibration). The admission threshold is the
lowest confidence at which the facts kept on the development texts are right at least
TARGET of the time.
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
#: Precision the admitted facts must reach on the development texts.
TARGET = 0.9

Outcome = tuple[str, float, bool]  # rule, base confidence, right


def corpus_outcomes(entities) -> list[tuple[str, tuple, Outcome]]:
    out = []
    for text in corpora.load_corpus_folder(ROOT / "corpora" / "dev", entities):
        found = extract(entities, [(text.id, text.text)], calibrated=False)
        for c in found.candidates:
            fact = (
                corpora.end_of(c.subject, text.canon),
                c.predicate,
                corpora.end_of(c.object, text.canon),
            )
            out.append((text.id, fact, (c.rule, c.confidence, fact in text.facts)))
    return out


def seed_outcomes(entities) -> list[tuple[str, tuple, Outcome]]:
    gold = [g for g in load_gold(ROOT / "graph" / "gold") if g.doc not in HELD_OUT]
    truth = {g.key() for g in gold if not g.trap}
    essays = load_corpus(ROOT / "seeds")
    docs = [(d.id, d.text) for d in essays.values() if d.id not in HELD_OUT]
    out = []
    for c in extract(entities, docs, calibrated=False).candidates:
        key = candidate_key(c)
        fact = key[1:] if key else (c.subject.label, c.predicate, c.object.label)
        out.append((c.doc, fact, (c.rule, c.confidence, key in truth)))
    return out


def fit(outcomes: list[tuple[str, tuple, Outcome]]) -> Calibration:
    seen, counts = set(), {}
    for doc, fact, (rule, _, right) in outcomes:
        if (doc, fact, rule) in seen:
            continue
        seen.add((doc, fact, rule))
        r, w = counts.get(rule, (0, 0))
        counts[rule] = (r + right, w + (not right))
    draft = Calibration(1.0, counts)
    best: dict[tuple, tuple[float, bool]] = {}
    for doc, fact, (rule, confidence, right) in outcomes:
        base = _base(rule)
        scaled = confidence * draft.confidence(rule, base) / base
        if scaled > best.get((doc, fact), (-1.0, False))[0]:
            best[(doc, fact)] = (round(scaled, 3), right)
    return Calibration(choose_threshold(list(best.values()), TARGET), counts)


def _base(rule: str) -> float:
    from revkg.extract.relations import relation_table
    from revkg.extract.rules import rule_table

    bases = {r.name: r.confidence for r in rule_table()}
    bases |= {"dep:" + r.name: r.confidence for r in relation_table()}
    return bases[rule]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    entities = load_curated(ROOT / "graph" / "curated").entities
    cal = fit(corpus_outcomes(entities) + seed_outcomes(entities))
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
become confidences. threshold: the admission line, chosen on the same texts."""


if __name__ == "__main__":
    sys.exit(main())
