"""Extraction measured on public texts nobody tuned it for: corpora/dev and corpora/heldout.

    .venv/bin/python bench/eval_corpora.py dev        # the development set
    .venv/bin/python bench/eval_corpora.py heldout    # the held-out set: report, never tune

Gold facts (``<essay>.gold.yaml``, written before extraction ran) name their entities
by canonical name; a name matches a registry entity when it, or one of its aliases, is
one of the entity's names (typography and case ignored), and otherwise stays a name.
A candidate counts as the gold fact it states: the same subject, predicate and object
(a year for date values). Reported at the admission line (confidence 0.6):

    admitted    what `revkg build` would put in the graph (both ends registry entities)
    proposed    every candidate at the line, new names included
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from revkg.extract.calibration import admission_threshold
from revkg.extract.pipeline import extract
from revkg.sources.curated import load_curated
from revkg.text import name_key

ROOT = Path(__file__).resolve().parents[1]


def registry_keys(entities) -> dict[str, str]:
    keys = {}
    for e in entities:
        for name in (e.label, *e.aliases, *e.misspellings):
            keys.setdefault(name_key(name), f"id:{e.id}")
    return keys


def gold_names(path: Path) -> dict[str, str]:
    """Every gold name and alias (by name key) -> its type."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        name_key(x): n.get("type", "")
        for n in data.get("names", [])
        for x in [n["name"], *(n.get("aliases") or [])]
    }


def name_quality(new_entities, names: dict[str, str]) -> tuple[int, int, int]:
    """(proposed, well-formed: a gold name or alias, typed as the gold set types it)."""
    formed = [e for e in new_entities if name_key(e.label) in names]
    typed = [e for e in formed if names[name_key(e.label)] == e.type]
    return len(new_entities), len(formed), len(typed)


def gold_of(path: Path, registry: dict[str, str]) -> tuple[set, dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    canon: dict[str, str] = {}
    for n in data.get("names", []):
        names = [n["name"], *(n.get("aliases") or [])]
        key = next((registry[name_key(x)] for x in names if name_key(x) in registry), None)
        key = key or f"name:{name_key(n['name'])}"
        for x in names:
            canon.setdefault(name_key(x), key)
    facts = set()
    for f in data.get("facts", []):
        subject = canon.get(name_key(f["subject"]), f"name:{name_key(f['subject'])}")
        if "value" in f:
            obj = f"value:{str(f['value'])[:4]}"
        else:
            obj = canon.get(name_key(f["object"]), f"name:{name_key(f['object'])}")
        facts.add((subject, f["predicate"], obj))
    return facts, canon


def end_of(mention, canon: dict[str, str]) -> str:
    if mention.entity is not None:
        return f"id:{mention.entity}"
    if mention.date is not None:
        return f"value:{mention.date.iso()[:4]}"
    return canon.get(name_key(mention.label), f"name:{name_key(mention.label)}")


def score(found: set, gold: set) -> tuple[float, float, int, int, int]:
    right = len(found & gold)
    p = right / len(found) if found else 0.0
    r = right / len(gold) if gold else 0.0
    return p, r, right, len(found), len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=["dev", "heldout"])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument(
        "--detail", action="store_true", help="list wrong and missed facts (dev only)"
    )
    args = parser.parse_args()
    args.threshold = admission_threshold() if args.threshold is None else args.threshold
    if args.detail and args.split != "dev":
        parser.error("--detail lists errors to learn from: only for the development set")
    folder = ROOT / "corpora" / args.split
    entities = load_curated(ROOT / "graph" / "curated").entities
    registry = registry_keys(entities)
    totals = {"admitted": [set(), set()], "proposed": [set(), set()]}
    names_total = [0, 0, 0]
    print("| essay | gold facts | admitted P | admitted R | proposed P | proposed R | new names |")
    print("|---|---|---|---|---|---|---|")
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        essay = gold_path.name.removesuffix(".gold.yaml")
        text = (folder / f"{essay}.txt").read_text(encoding="utf-8")
        gold, canon = gold_of(gold_path, registry)
        found = extract(entities, [(essay, text)])
        at_line = [c for c in found.candidates if c.confidence >= args.threshold]
        proposed = {
            (end_of(c.subject, canon), c.predicate, end_of(c.object, canon)) for c in at_line
        }
        admitted = {f for f in proposed if f[0].startswith("id:") and not f[2].startswith("name:")}
        row = [essay, str(len(gold))]
        for kind, found_set in (("admitted", admitted), ("proposed", proposed)):
            p, r, *_ = score(found_set, gold)
            row += [f"{p:.2f}", f"{r:.2f}"]
            totals[kind][0] |= {(essay, *f) for f in found_set}
            totals[kind][1] |= {(essay, *f) for f in gold}
        quality = name_quality(found.new_entities, gold_names(gold_path))
        names_total = [a + b for a, b in zip(names_total, quality, strict=True)]
        row.append("{} ({} well-formed, {} typed right)".format(*quality))
        print("| " + " | ".join(row) + " |")
        if args.detail:
            detail(at_line, gold, canon)
    row = ["all", str(len(totals["admitted"][1]))]
    for kind in ("admitted", "proposed"):
        p, r, right, n, _ = score(*totals[kind])
        row += [f"{p:.2f} ({right}/{n})", f"{r:.2f}"]
    n, formed, typed = names_total
    row.append(
        f"{n}: {formed / max(n, 1):.0%} well-formed, {typed / max(formed, 1):.0%} typed right"
    )
    print("| " + " | ".join(row) + " |")


def detail(candidates, gold: set, canon: dict[str, str]) -> None:
    """Each wrong candidate with its rule and sentence, then each missed gold fact."""
    seen = set()
    for c in candidates:
        fact = (end_of(c.subject, canon), c.predicate, end_of(c.object, canon))
        seen.add(fact)
        if fact not in gold:
            print(f"  FP {c.rule} {c.confidence}: {fact}  <- {c.sentence[:160]}")
    for fact in sorted(gold - seen):
        print(f"  FN {fact}")


if __name__ == "__main__":
    sys.exit(main())
