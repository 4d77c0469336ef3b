"""How a whole build grows with the amount of real essay text.

    .venv/bin/python bench/bench_growth.py [--copies 1 10 100]

A project is made with the seed essays copied N times (each copy its own essay, so
every extracted fact gains N quotes), and `revkg build` is run on it in a fresh
process. Reported per size: megabytes of text, the time of each stage, the total,
peak memory, and each total's ratio to the previous size's (linear growth is 10x for
10x the text). With ``--repeat N`` each size is built N times, alternating sizes, and
each figure is the median of its N runs (single runs of a big build vary by up to a
fifth on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUN = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from revkg.build import build
    from revkg.project import Project
    t0 = time.perf_counter()
    result = build(Project(Path(sys.argv[1])))
    timings = dict(result.timings, total=time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"timings": timings, "triples": len(result.dataset), "peak_mb": peak}))
    """
)


def make_project(root: Path, copies: int) -> float:
    """A project whose seeds are the seed essays ``copies`` times; its text in MB."""
    shutil.copytree(REPO / "graph", root / "graph", ignore=shutil.ignore_patterns("revkg.*"))
    seeds = root / "seeds"
    seeds.mkdir()
    size = 0
    for essay in sorted((REPO / "seeds").glob("*.txt")):
        text = essay.read_text(encoding="utf-8")
        for i in range(copies):
            name = essay.name if i == 0 else f"{essay.stem}-copy-{i}.txt"
            (seeds / name).write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
    shutil.copy(REPO / "seeds" / "manifest.yaml", seeds / "manifest.yaml")
    return size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    runs: dict[int, list[dict]] = {copies: [] for copies in args.copies}
    for _ in range(args.repeat):
        for copies in args.copies:
            runs[copies].append(_run(copies))
    rows = [_median(runs[copies]) for copies in args.copies]
    stages = list(rows[0]["timings"])
    print("| text MB | triples | " + " | ".join(stages) + " | peak MB | growth |")
    print("|---" * (len(stages) + 4) + "|")
    previous = None
    for r in rows:
        growth = f"{r['timings']['total'] / previous:.1f}x" if previous else ""
        cells = " | ".join(f"{r['timings'].get(s, 0):.2f}" for s in stages)
        print(f"| {r['mb']} | {r['triples']:,} | {cells} | {r['peak_mb']:.0f} | {growth} |")
        previous = r["timings"]["total"]
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def _run(copies: int) -> dict:
    """One build of a project with the seeds ``copies`` times, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        mb = make_project(Path(tmp), copies)
        proc = subprocess.run(
            [sys.executable, "-c", RUN, tmp], capture_output=True, text=True, check=True
        )
    return {"copies": copies, "mb": round(mb, 2), **json.loads(proc.stdout)}


def _median(runs: list[dict]) -> dict:
    """Each stage's, the total's and the peak's median over runs of one size."""
    stages = runs[0]["timings"]
    return {
        **runs[0],
        "timings": {s: statistics.median(r["timings"][s] for r in runs) for s in stages},
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "each": [r["timings"] | {"peak_mb": r["peak_mb"]} for r in runs],
    }


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
