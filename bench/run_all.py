"""Run every benchmark and write one report: bench/results/report.md and report.json.

Run: make bench   (or .venv/bin/python bench/run_all.py [--quick])

The report starts with a description of the machine, then each benchmark's
table as it printed it. Figures that compare revkg with a baseline are measured
side by side in the same run and given as ratios, because the machine may be
shared and noisy. ``--quick`` uses smaller sizes (for a first look; the README's
figures come from a full run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PACKAGES = ("rdflib", "pyoxigraph", "pyshacl", "spacy", "networkx", "pyvis", "pandas")


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    mem_kb = 0
    if Path("/proc/meminfo").exists():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": {p: metadata.version(p) for p in PACKAGES},
    }


def benchmarks(quick: bool) -> list[tuple[str, list[str]]]:
    """(title, command) for each benchmark, in report order."""
    io_sizes = ["100000"] if quick else ["100000", "1000000"]
    scales = ["1", "10"] if quick else ["1", "10", "100"]
    return [
        ("Build of the seed graph, by stage", ["bench_build.py", "--runs", "1" if quick else "3"]),
        ("Extraction throughput", ["bench_extract.py", "--repeat", "10" if quick else "100"]),
        (
            "Saved questions",
            [
                "bench_query.py",
                *(["--runs", "5"] if quick else ["--runs", "5", "--sizes", "20000", "1000000"]),
            ],
        ),
        (
            "The endpoint beside oxigraph serve-read-only",
            ["bench_serve.py", "--seconds", "3" if quick else "10"],
        ),
        (
            "The HTML network",
            ["bench_view.py", "--sizes", *(["1000"] if quick else ["1000", "5000"])],
        ),
        ("Bulk input and output", ["bench_io.py", "--triples", *io_sizes]),
        (
            "A whole build on more essay text",
            [
                "bench_growth.py",
                "--copies",
                *(["1", "10", "100"] if quick else ["1", "10", "100", "1000", "1450"]),
            ],
        ),
        (
            "Growth with size",
            ["scaling.py", "--scales", *scales, "--plot", str(RESULTS / "scaling.png")],
        ),
    ]


def run(title: str, command: list[str], json_path: Path) -> dict[str, object]:
    script, *args = command
    if script in ("bench_build.py", "bench_io.py", "scaling.py"):
        args += ["--json", str(json_path)]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, check=False
    )
    entry: dict[str, object] = {
        "title": title,
        "command": f"python bench/{script} {' '.join(args)}".replace(f"{HERE}/", "bench/"),
        "seconds": round(time.perf_counter() - t0, 1),
        "exit": proc.returncode,
        "output": proc.stdout.strip(),
    }
    if proc.returncode != 0:
        entry["error"] = proc.stderr.strip()[-2000:]
    if json_path.exists():
        entry["figures"] = json.loads(json_path.read_text())
        json_path.unlink()
    return entry


def markdown(info: dict[str, object], entries: list[dict[str, object]]) -> str:
    pkgs = ", ".join(f"{k} {v}" for k, v in info["packages"].items())  # type: ignore[union-attr]
    lines = [
        "# revkg benchmark report",
        "",
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, "
        f"{info['memory_gb']} GB, Python {info['python']} ({info['system']}); {pkgs}.",
        "",
        "Reproduce with `make bench`.",
        "",
    ]
    for e in entries:
        lines += [f"## {e['title']}", "", f"`{e['command']}`", ""]
        out = str(e["output"])
        lines += [out if "|" in out else f"```\n{out}\n```", ""]
        if e["exit"] != 0:
            lines += [
                f"This benchmark failed (exit {e['exit']}):",
                "```",
                str(e.get("error")),
                "```",
                "",
            ]
        if e["title"] == "Growth with size":
            lines += ["![time and memory against size](scaling.png)", ""]
    return "\n".join(lines)


def _previous() -> dict[str, dict[str, object]]:
    """The last report's entries by title, kept when only some benchmarks are rerun."""
    path = RESULTS / "report.json"
    if not path.exists():
        return {}
    return {e["title"]: e for e in json.loads(path.read_text())["benchmarks"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--only", nargs="+", help="Rerun only these scripts; keep the others' last figures."
    )
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    info = machine()
    previous = _previous() if args.only else {}
    entries = []
    for title, command in benchmarks(args.quick):
        if args.only and command[0] not in args.only:
            if title in previous:
                entries.append(previous[title])
            continue
        print(f"running {command[0]} ...", file=sys.stderr, flush=True)
        entries.append(run(title, command, RESULTS / "_figures.json"))
    (RESULTS / "report.json").write_text(
        json.dumps({"machine": info, "benchmarks": entries}, indent=2)
    )
    (RESULTS / "report.md").write_text(markdown(info, entries))
    print(f"wrote {RESULTS / 'report.md'} and report.json", file=sys.stderr)
    if any(e["exit"] != 0 for e in entries):
        sys.exit(1)


if __name__ == "__main__":
    main()
