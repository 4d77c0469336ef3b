"""Extraction throughput and memory, against plain spaCy tokenization of the same text.

Run: .venv/bin/python bench/bench_extract.py [--repeat 100]

Prints words per second for extraction over the seeds once and repeated N times,
the same for ``spacy.blank("en")`` tokenization (nlp.pipe over the same paragraphs),
their ratio, and peak traced memory (tracemalloc) for each run. Both are warmed up
first on the seeds, so both start with the same tokenizer cache. Documents are
streamed one at a time, so memory should grow only with the candidates kept.

The machine is shared and its speed drifts by tens of percent from second to
second, so each size is timed in several rounds; a round times both, back to back
(in alternating order), and gives one ratio. The figures are medians over rounds.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import median

from revkg.extract.pipeline import Extractor
from revkg.sources.curated import load_curated
from revkg.sources.seeds import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def documents(texts: list[tuple[str, str]], repeat: int) -> Iterator[tuple[str, str]]:
    for i in range(repeat):
        for doc_id, text in texts:
            yield f"{doc_id}-{i}", text


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    t0 = time.perf_counter()
    kept = fn()
    return time.perf_counter() - t0, kept


def peak_mb(fn: Callable[[], int]) -> float:
    """Peak memory traced while ``fn`` runs (tracemalloc slows it, so it is not timed)."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    import spacy

    corpus = load_corpus(ROOT / "seeds")
    texts = [(d.id, d.text) for d in corpus.values()]
    words = sum(len(t.split()) for _, t in texts)
    t0 = time.perf_counter()
    extractor = Extractor(load_curated(ROOT / "graph" / "curated").entities)
    print(f"pipeline built in {time.perf_counter() - t0:.2f} s; seeds: {words} words")
    blank = spacy.blank("en")

    def run_extract(repeat: int) -> Callable[[], int]:
        return lambda: sum(len(r.candidates) for r in extractor.run(documents(texts, repeat)))

    def run_tokenize(repeat: int) -> Callable[[], int]:
        def go() -> int:
            paras = (p for _, t in documents(texts, repeat) for p in t.splitlines() if p.strip())
            return sum(len(doc) for doc in blank.pipe(paras))

        return go

    run_extract(1)()  # warm up both: each tokenizer caches the words it has seen
    run_tokenize(1)()
    for repeat in (1, args.repeat):
        n = words * repeat
        ext, tok, ratios = [], [], []
        for i in range(args.rounds):
            pair = [(ext, run_extract(repeat)), (tok, run_tokenize(repeat))]
            for times, fn in pair if i % 2 == 0 else pair[::-1]:
                seconds, kept = timed(fn)
                times.append((seconds, kept))
            ratios.append(ext[-1][0] / tok[-1][0])
        ext_s, tok_s = median(t for t, _ in ext), median(t for t, _ in tok)
        print(
            f"x{repeat:<4} {n:>9} words | extract {n / ext_s:>9,.0f} words/s "
            f"({ext_s:.2f} s, {ext[0][1]} candidates) | tokenize {n / tok_s:>9,.0f} words/s "
            f"({tok_s:.2f} s) | ratio {median(ratios):.2f}x "
            f"(median of {args.rounds} rounds; {min(ratios):.2f}x to {max(ratios):.2f}x)"
        )
    for repeat in (1, 10):
        print(
            f"x{repeat:<4} peak traced memory: extract {peak_mb(run_extract(repeat)):.1f} MB, "
            f"tokenize {peak_mb(run_tokenize(repeat)):.1f} MB"
        )


if __name__ == "__main__":
    main()
