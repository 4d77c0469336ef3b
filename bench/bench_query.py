"""How fast the saved questions answer, on rdflib and Oxigraph (the endpoint: bench_serve.py).

    .venv/bin/python bench/bench_query.py                  # the built graph, both engines
    .venv/bin/python bench/bench_query.py --sizes 100000   # also a synthetic graph that big

Reports, as Markdown tables: each saved question's median latency (in-process, after one
warm-up run) on both engines, and the time to load each store.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rdflib import Dataset

from revkg import vocab
from revkg.graph.load import read_dataset
from revkg.project import find_project
from revkg.sparql import query as q
from revkg.sparql.store import open_store

SIMPLE = "SELECT ?p ?name WHERE { ?p a rk:Person ; rdfs:label ?name } LIMIT 10"
ENGINES = ("rdflib", "oxigraph")


def median_ms(run, runs: int) -> float:
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def latencies(
    dataset: Dataset, saved: list[q.SavedQuery], runs: int, *, with_rdflib: bool = True
) -> dict[str, list[float | None]]:
    """Saved query name -> median ms on rdflib, on revkg's Oxigraph store, and on pyoxigraph
    queried directly with the same text (the baseline); plus the store loading time."""
    table: dict[str, list[float | None]] = {}
    engines = ENGINES if with_rdflib else ("oxigraph",)
    stores = {}
    for engine in ENGINES:
        if engine not in engines:
            table.setdefault("(load the store)", []).append(None)
            continue
        start = time.perf_counter()
        stores[engine] = open_store(dataset, engine=engine)
        table.setdefault("(load the store)", []).append((time.perf_counter() - start) * 1000)
    table["(load the store)"].append(None)
    direct = stores["oxigraph"].store  # the pyoxigraph Store underneath

    def raw(text: str) -> None:
        answer = direct.query(text, prefixes=vocab.PREFIXES)
        if hasattr(answer, "__iter__"):
            for _row in answer:
                pass

    for s in saved:
        row: list[float | None] = [
            median_ms(lambda st=stores[e], s=s: q.run(st, s.text, saved=s), runs)
            if e in engines
            else None
            for e in ENGINES
        ]
        row.append(median_ms(lambda s=s: raw(s.text), runs))
        table[s.name] = row
    return table


def synthetic(triples: int) -> Dataset:
    from revkg.graph.assemble import build_dataset
    from revkg.sources.synthetic import corpus_for_triples

    corpus = corpus_for_triples(triples)
    return build_dataset(corpus.documents, corpus.entities, corpus.statements)


def print_latencies(title: str, table: dict[str, list[float | None]]) -> None:
    print(f"\n### {title}\n")
    print(
        "| saved question | rdflib (ms) | revkg on Oxigraph (ms) | pyoxigraph directly (ms) "
        "| ratio |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, (a, b, c) in table.items():
        ratio = f"{b / c:.2f}x" if b is not None and c else ""
        cells = ["not run" if x is None else f"{x:.2f}" for x in (a, b, c)]
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="synthetic sizes")
    parser.add_argument(
        "--rdflib-up-to",
        type=int,
        default=30_000,
        help="run rdflib only on graphs up to this many triples",
    )
    args = parser.parse_args()

    project = find_project(Path.cwd())
    saved = q.saved_queries(project.queries_dir)
    dataset = read_dataset(project.trig)
    print_latencies(
        f"Built graph ({len(dataset)} triples), median of {args.runs}",
        latencies(dataset, saved, args.runs),
    )
    for size in args.sizes:
        data = synthetic(size)
        print_latencies(
            f"Synthetic graph ({len(data)} triples), median of {args.runs}",
            latencies(data, saved, args.runs, with_rdflib=len(data) <= args.rdflib_up_to),
        )


if __name__ == "__main__":
    main()
