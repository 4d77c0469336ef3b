"""A full build of the seed graph from a clean state, split by stage, against Python's start-up.

Run: .venv/bin/python bench/bench_build.py [--runs 3] [--json out.json]

The headline figure is the wall time of ``revkg -q build`` in a fresh process on a clean
copy of the project (no graph/ outputs), against a fresh process that only imports the
libraries, ``python -c "import rdflib, networkx, pyvis, spacy"``, measured in the same run.

The split by stage comes from a second fresh process that runs the same build as a
library call and reports the seconds of each stage (seeds, curated, extraction, checks,
RDF assembly, SHACL validation, serialization, the HTML network) with the peak memory.
Extraction and SHACL validation run in child processes, side by side with other
stages (extraction with the curated RDF assembly and the imports; SHACL with
serialization and the page), so the stages add up to more than the wall time.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "import rdflib, networkx, pyvis, spacy"
IN_CHILD = {"extraction", "SHACL validation"}


def worker(root: Path) -> dict[str, dict[str, float]]:
    """One clean build in this process: seconds and peak MB after each stage."""
    stages: dict[str, dict[str, float]] = {}

    def peak(who: int) -> float:
        return resource.getrusage(who).ru_maxrss / 1024

    t0 = time.perf_counter()
    from revkg.build import build
    from revkg.project import Project

    stages["import"] = {"seconds": time.perf_counter() - t0, "peak_mb": peak(resource.RUSAGE_SELF)}
    result = build(Project(root))
    for stage, seconds in result.timings.items():
        who = resource.RUSAGE_CHILDREN if stage in IN_CHILD else resource.RUSAGE_SELF
        stages[stage] = {"seconds": seconds, "peak_mb": peak(who)}
    return stages


def fresh_copy(dest: Path) -> Path:
    """A copy of the project's inputs without any built output (as the tests make)."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import copy_project

    return copy_project(dest).root


def timed_process(args: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, proc.stdout


def measure(runs: int) -> dict[str, object]:
    totals, baselines, per_run = [], [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = fresh_copy(Path(tmp) / f"cli{i}")
            command = [sys.executable, "-m", "revkg", "-q", "--project", str(root), "build"]
            totals.append(timed_process(command)[0])
            root = fresh_copy(Path(tmp) / f"stages{i}")
            _, out = timed_process([sys.executable, __file__, "--worker", str(root)])
            per_run.append(json.loads(out.strip().splitlines()[-1]))
        baselines.append(timed_process([sys.executable, "-c", BASELINE])[0])
    stages = {
        name: {
            "seconds": statistics.median(r[name]["seconds"] for r in per_run),
            "peak_mb": max(r[name]["peak_mb"] for r in per_run),
        }
        for name in per_run[0]
    }
    return {
        "runs": runs,
        "build_process_s": statistics.median(totals),
        "import_baseline_s": statistics.median(baselines),
        "ratio": statistics.median(totals) / statistics.median(baselines),
        "stages": stages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    result = measure(args.runs)
    print("| stage | seconds (median) | peak memory after it |")
    print("|---|---|---|")
    for name, row in result["stages"].items():  # type: ignore[union-attr]
        where = " (child process)" if name in IN_CHILD else ""
        print(f"| {name}{where} | {row['seconds']:.2f} | {row['peak_mb']:.0f} MB |")
    print(
        "\nExtraction runs alongside the curated RDF assembly and imports, SHACL alongside "
        "serialization and HTML, so the stages add up to more than the wall time."
    )
    print(
        f"\n`revkg -q build`, whole process: {result['build_process_s']:.2f} s; "
        f"importing rdflib, networkx, pyvis and spaCy alone: "
        f"{result['import_baseline_s']:.2f} s; ratio {result['ratio']:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
