"""How each stage's time and memory grow with the size of the work.

Run: .venv/bin/python bench/scaling.py [--scales 1 10 100] [--json out.json] [--plot out.png]

Each (stage, size) runs in a fresh process so its peak memory (max RSS) is its
own. Sizes are multiples of the seed graph (about 6,400 triples, 11,000 words),
built from the seeded synthetic generator in revkg.synthetic. Stages:

  assemble   records -> rdflib Dataset (revkg.rdf.build_dataset)
  check      revkg's own checks on the records (revkg.validate.check_records)
  turtle     the union graph written as Turtle, sorted (what `revkg build` writes)
  export     TriG -> N-Quads through revkg.bulk (Oxigraph, streaming)
  extract    the extractor over a synthetic corpus of the same scale
  query      a two-hop join with a year filter, Oxigraph store

The plot puts time and memory against size on log-log axes, one line per stage,
so a stage that grows faster than linearly stands out.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED_TRIPLES = 6_400
SEED_WORDS = 11_000
STAGES = ("assemble", "check", "turtle", "export", "extract", "query")
QUERY = """
PREFIX rk: <https://w3id.org/revkg/vocab#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?a ?b ?org WHERE {
  ?a rk:memberOf ?org . ?b rk:memberOf ?org .
  ?st rdf:subject ?a ; rdf:predicate rk:memberOf ; rk:pointInTime ?t .
  FILTER (STR(?t) >= "1917" && ?a != ?b)
} LIMIT 1000
"""


def prepare(scale: int, trig: Path) -> None:
    """Write the synthetic graph of this scale as TriG (in its own process)."""
    import pyoxigraph as ox

    from revkg.graph.assemble import build_dataset
    from revkg.graph.bulk import dataset_to_store
    from revkg.sources.synthetic import corpus_for_triples

    corpus = corpus_for_triples(SEED_TRIPLES * scale, seed=1)
    ds = build_dataset(corpus.documents, corpus.entities, corpus.statements)
    dataset_to_store(ds).dump(trig, ox.RdfFormat.TRIG)


def run_stage(stage: str, scale: int, trig: Path) -> dict[str, float]:
    """Run one stage at one scale in this process; returns seconds and peak MB."""
    from revkg.graph.assemble import build_dataset
    from revkg.sources.synthetic import corpus_for_triples, synthetic_corpus

    size = scale * SEED_TRIPLES
    if stage in ("export", "query"):
        t0 = _from_file(stage, trig)
        return _row(stage, scale, size, t0)
    if stage == "extract":
        from revkg.extract.pipeline import Extractor

        text_corpus = synthetic_corpus(max(1, scale), 700, seed=1)
        size = text_corpus.words
        extractor = Extractor(text_corpus.entities)
        t0 = time.perf_counter()
        kept = sum(
            len(r.candidates) for r in extractor.run((d.id, d.text) for d in text_corpus.documents)
        )
        assert kept > 0
        return _row(stage, scale, size, t0)
    corpus = corpus_for_triples(size, seed=1)
    t0 = time.perf_counter()
    if stage == "check":
        from revkg.graph.validate import check_records

        check_records(corpus.entities, corpus.statements)
    else:
        ds = build_dataset(corpus.documents, corpus.entities, corpus.statements)
        if stage == "turtle":
            from revkg.graph.serialize import to_turtle

            t0 = time.perf_counter()
            to_turtle(ds)
    return _row(stage, scale, size, t0)


def _row(stage: str, scale: int, size: int, t0: float) -> dict[str, float]:
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage, "scale": scale, "size": size, "seconds": seconds, "peak_mb": peak}


def _from_file(stage: str, trig: Path) -> float:
    """Run a stage that reads the prepared TriG file; returns its start time."""
    from revkg.graph.bulk import convert, load_store

    t0 = time.perf_counter()
    if stage == "export":
        with tempfile.TemporaryDirectory() as tmp:
            convert(trig, Path(tmp) / "g.nq", "nquads")
    else:
        store = load_store(trig, union=True)
        t0 = time.perf_counter()
        list(store.query(QUERY))
    return t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--stages", nargs="+", default=list(STAGES))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--plot", type=Path)
    parser.add_argument(
        "--worker", nargs=3, metavar=("STAGE", "SCALE", "TRIG"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.worker:
        stage, scale, trig = args.worker
        if stage == "prepare":
            prepare(int(scale), Path(trig))
        else:
            print(json.dumps(run_stage(stage, int(scale), Path(trig))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            _worker("prepare", scale, Path(tmp) / f"x{scale}.trig")
        for stage in args.stages:
            for scale in args.scales:
                row = json.loads(_worker(stage, scale, Path(tmp) / f"x{scale}.trig"))
                rows.append(row)
                print(
                    f"{stage:<9} x{scale:<5} {row['size']:>10,} {row['seconds']:>8.2f} s "
                    f"{row['peak_mb']:>8.0f} MB",
                    file=sys.stderr,
                )
    print("| stage | scale | size | seconds | peak memory |")
    print("|---|---|---|---|---|")
    for r in rows:
        unit = "words" if r["stage"] == "extract" else "triples"
        print(
            f"| {r['stage']} | x{r['scale']} | {r['size']:,} {unit} | {r['seconds']:.3f} "
            f"| {r['peak_mb']:.0f} MB |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    if args.plot:
        plot(rows, args.plot)


def _worker(stage: str, scale: int, trig: Path) -> str:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", stage, str(scale), str(trig)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = proc.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.5))
    for stage in dict.fromkeys(r["stage"] for r in rows):
        mine = sorted((r for r in rows if r["stage"] == stage), key=lambda r: r["scale"])
        scales = [r["scale"] for r in mine]
        ax_t.plot(scales, [r["seconds"] for r in mine], marker="o", label=stage)
        ax_m.plot(scales, [r["peak_mb"] for r in mine], marker="o", label=stage)
    for ax, what in ((ax_t, "seconds"), (ax_m, "peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("size (multiples of the seed graph)")
        ax.set_ylabel(what)
        ax.grid(True, which="both", alpha=0.3)
    ax_t.legend(fontsize=8)
    fig.suptitle("revkg stages against size (log-log: a slope of 1 is linear growth)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
