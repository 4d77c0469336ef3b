"""Writing and reading big graphs: revkg's bulk path against pyoxigraph directly.

Run: .venv/bin/python bench/bench_io.py [--triples 100000 1000000] [--json out.json]

For each size, a synthetic revkg-shaped graph (people, works, events, statement
nodes with evidence) is built once and saved as TriG. Then, each measured in the
same run so the ratios hold on a noisy machine:

* export N-Quads: ``revkg.bulk.convert`` (what ``revkg export --format nquads``
  runs) against pyoxigraph parsing and serializing the same file directly;
* write Turtle: ``revkg.bulk.dump_store`` against ``Store.dump``;
* read: ``revkg.bulk.load_store`` against ``Store.bulk_load``;
* for reference, rdflib's own Turtle serializer and parser (at 100k only by
  default: at 1M they take over 20 s each).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from revkg.graph.assemble import build_dataset, union_graph
from revkg.graph.bulk import convert, dataset_to_store, dump_store, load_store
from revkg.sources.synthetic import corpus_for_triples


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    """The median wall time of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(triples: int, workdir: Path, *, rdflib_reference: bool) -> dict[str, float]:
    corpus = corpus_for_triples(triples, seed=1)
    ds = build_dataset(corpus.documents, corpus.entities, corpus.statements)
    store = dataset_to_store(ds)
    trig = workdir / f"g{triples}.trig"
    store.dump(trig, ox.RdfFormat.TRIG)
    nq_ours, nq_ox, ttl = workdir / "ours.nq", workdir / "ox.nq", workdir / "g.ttl"
    union = load_store(trig, union=True)  # Turtle holds one graph: the union of the layers

    def ox_export() -> None:
        ox.serialize(ox.parse(path=trig, format=ox.RdfFormat.TRIG), nq_ox, ox.RdfFormat.N_QUADS)

    def ox_load() -> None:
        ox.Store().bulk_load(path=trig, format=ox.RdfFormat.TRIG)

    result = {
        "triples": len(store),
        "export_nquads_revkg_s": best_of(lambda: convert(trig, nq_ours, "nquads")),
        "export_nquads_pyoxigraph_s": best_of(ox_export),
        "write_turtle_revkg_s": best_of(lambda: dump_store(union, ttl, "turtle")),
        "write_turtle_pyoxigraph_s": best_of(
            lambda: union.dump(ttl, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
        ),
        "read_trig_revkg_s": best_of(lambda: load_store(trig)),
        "read_trig_pyoxigraph_s": best_of(ox_load),
    }
    if rdflib_reference:
        graph = union_graph(ds)
        result["write_turtle_rdflib_s"] = best_of(lambda: graph.serialize(ttl, "turtle"), 1)
        result["read_turtle_rdflib_s"] = best_of(lambda: Graph().parse(ttl, format="turtle"), 1)
    for op in ("export_nquads", "write_turtle", "read_trig"):
        result[f"{op}_ratio"] = result[f"{op}_revkg_s"] / result[f"{op}_pyoxigraph_s"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--rdflib-up-to",
        type=int,
        default=200_000,
        help="Also time rdflib's serializer and parser up to this size.",
    )
    parser.add_argument("--json", type=Path, help="Write the figures as JSON here.")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.triples:
            row = measure(n, Path(tmp), rdflib_reference=n <= args.rdflib_up_to)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    print(
        "| triples | export N-Quads revkg / pyoxigraph | write Turtle revkg / pyoxigraph "
        "| read TriG revkg / pyoxigraph | rdflib write / read Turtle |"
    )
    print("|---|---|---|---|---|")
    for r in rows:
        ref = (
            f"{r['write_turtle_rdflib_s']:.2f} s / {r['read_turtle_rdflib_s']:.2f} s"
            if "write_turtle_rdflib_s" in r
            else "not run"
        )
        cells = [
            f"{r[f'{op}_revkg_s']:.2f} s / {r[f'{op}_pyoxigraph_s']:.2f} s "
            f"({r[f'{op}_ratio']:.2f}x)"
            for op in ("export_nquads", "write_turtle", "read_trig")
        ]
        print(f"| {r['triples']:,} | " + " | ".join(cells) + f" | {ref} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
