"""How fast the saved questions answer, on rdflib and Oxigraph, and how much the endpoint serves.

    .venv/bin/python bench/bench_query.py                  # the built graph, both engines
    .venv/bin/python bench/bench_query.py --sizes 100000   # also a synthetic graph that big
    .venv/bin/python bench/bench_query.py --clients 8 --seconds 10

Reports, as Markdown tables: each saved question's median latency (in-process, after one
warm-up run) on both engines; the time to load each store; and the endpoint's throughput
for a simple query with N concurrent clients on loopback for S seconds, errors counted.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import Dataset

from revkg import vocab
from revkg.graph.load import read_dataset
from revkg.project import find_project
from revkg.sparql import query as q
from revkg.sparql.serve import make_app, make_server_for
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


def throughput(dataset: Dataset, *, engine: str, clients: int, seconds: float, workers: int):
    """Requests answered per second for SIMPLE, with ``clients`` threads for ``seconds``."""
    app = make_app(dataset, engine=engine, workers=workers, timeout=5.0)
    server = make_server_for(app, host="127.0.0.1", port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/sparql?" + urllib.parse.urlencode(
        {"query": SIMPLE}
    )
    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < stop:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    key = "ok" if response.status == 200 else "errors"
            except (urllib.error.URLError, OSError):
                key = "errors"
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.shutdown()
    server.server_close()
    app.store.close()
    return counts["ok"] / seconds, counts["errors"]


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
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4, help="endpoint worker processes")
    parser.add_argument("--skip-endpoint", action="store_true")
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
    if args.skip_endpoint:
        return
    print(
        f"\n### Endpoint: {args.clients} clients for {args.seconds:g} s, "
        f"{args.workers} workers, `{SIMPLE}`\n"
    )
    print("| store | requests/s | errors |")
    print("|---|---:|---:|")
    for engine in ENGINES:
        rate, errors = throughput(
            dataset, engine=engine, clients=args.clients, seconds=args.seconds, workers=args.workers
        )
        print(f"| {engine} | {rate:.0f} | {errors} |")


if __name__ == "__main__":
    main()
