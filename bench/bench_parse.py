"""The parse and what extraction adds on top, against spaCy's own nlp.pipe, side by side.

    .venv/bin/python bench/bench_parse.py [--runs 3]

On the three seed essays, split into paragraphs as extraction splits them:

    nlp.pipe        spaCy's own pipe with the same model over the same paragraphs
    revkg parse     extract.parse.Parser without a cache (the model loaded beforehand)
    extract         the whole extraction (names, rules, dependency patterns) over
                    parses read from a warm cache: the cost on top of the parse
    cached read     the same parses read back from the cache

Runs alternate and the median of each is reported, with the ratios the project holds
itself to: revkg parse / nlp.pipe <= 1.2, extract on cached parses / nlp.pipe <= 0.5.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from revkg.extract import parse
from revkg.extract.pipeline import Extractor, _paragraphs
from revkg.sources.curated import load_curated
from revkg.sources.seeds import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    corpus = load_corpus(ROOT / "seeds")
    docs = [(d.id, d.text) for d in corpus.values()]
    paragraphs = [[p for _, p in _paragraphs(text)] for _, text in docs]
    words = sum(len(text.split()) for _, text in docs)
    nlp = parse.load_model()
    plain = parse.Parser(None, processes=1)
    plain._nlp = nlp  # the model loaded once, as nlp.pipe's is
    plain.share_vocab(nlp.vocab)
    cache = Path(tempfile.mkdtemp())
    warm = parse.Parser(cache, processes=1)
    for paras in paragraphs:
        warm._nlp = nlp
        warm.share_vocab(nlp.vocab)
        warm.parse(paras)
    entities = load_curated(ROOT / "graph" / "curated").entities
    times: dict[str, list[float]] = {k: [] for k in ("pipe", "parse", "extract", "cached")}
    for _ in range(args.runs):
        times["pipe"].append(timed(lambda: [list(nlp.pipe(p)) for p in paragraphs]))
        times["parse"].append(timed(lambda: [plain.parse(p) for p in paragraphs]))
        reader = parse.Parser(cache, processes=1)
        times["cached"].append(timed(lambda r=reader: [r.parse(p) for p in paragraphs]))
        extractor = Extractor(entities, parser=parse.Parser(cache, processes=1))
        times["extract"].append(timed(lambda x=extractor: list(x.run(docs))))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"seed essays: {words:,} words, {sum(map(len, paragraphs))} paragraphs, {args.runs} runs")
    print("| step | seconds (median) | words/s | ratio to nlp.pipe |")
    print("|---|---|---|---|")
    names = {
        "pipe": "spaCy nlp.pipe",
        "parse": "revkg parse (no cache)",
        "extract": "extraction on cached parses",
        "cached": "cached parses read back",
    }
    for key, label in names.items():
        s = med[key]
        print(f"| {label} | {s:.3f} | {words / s:,.0f} | {s / med['pipe']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
