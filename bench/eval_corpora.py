"""Extraction on the public texts of corpora/dev, with what it got wrong and missed.

    .venv/bin/python bench/eval_corpora.py            # the report, then each error
    .venv/bin/revkg evaluate --corpus corpora/dev      # the report alone (any folder)

Errors are listed for the development set only: the held-out set is for reporting
(`revkg evaluate --corpus corpora/heldout`), never for tuning.
"""

from __future__ import annotations

import sys
from pathlib import Path

from revkg.extract import corpora
from revkg.extract.calibration import admission_threshold
from revkg.sources.curated import load_curated

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    entities = load_curated(ROOT / "graph" / "curated").entities
    threshold = admission_threshold()
    scores = corpora.score_folder(ROOT / "corpora" / "dev", entities)
    print("\n".join(corpora.format_corpus_report("corpora/dev", scores, threshold)))
    for s in scores:
        print(f"\n-- {s.text.id}")
        kept = {j.fact: j for j in s.judged if j.confidence >= threshold}
        for fact, j in sorted(kept.items()):
            if not j.right:
                print(f"  wrong  {j.rule} {j.confidence}: {fact}")
        for fact in sorted(s.text.facts - set(kept)):
            print(f"  missed {fact}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
