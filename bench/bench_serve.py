"""The endpoint under load, side by side with Oxigraph's own server on the same data.

    .venv/bin/python bench/bench_serve.py [--clients 8] [--seconds 20]

Both servers serve graph/revkg.trig on loopback with the union of the graphs as the
default graph: `revkg serve` (waitress, two Oxigraph workers) and `oxigraph
serve-read-only` (Rust, from the PyPI package `oxigraph`). Clients are threads in
two load processes, each with one keep-alive connection, sending the same queries
to each server in turn for the same time. Reported per server and query mix:
requests per second, median and p99 latency, errors and dropped connections, and
revkg's throughput as a ratio of Oxigraph's. A third server, waitress answering one
fixed result without any query, shows what the Python HTTP stack alone allows.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PREFIXES = (
    "PREFIX rk: <https://w3id.org/revkg/vocab#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
)
SIMPLE = [
    PREFIXES + "SELECT ?p ?name WHERE { ?p a rk:Person ; rdfs:label ?name } LIMIT 10",
    PREFIXES + "ASK { ?s a rk:Event }",
]
MEDIUM = [
    PREFIXES + "SELECT ?who ?org ?q WHERE { ?st rdf:subject ?who ; rdf:predicate rk:memberOf ; "
    "rdf:object ?org ; rk:hasEvidence ?ev . ?ev <http://www.w3.org/ns/oa#exact> ?q } LIMIT 50",
    PREFIXES + "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n)",
]
MIXES = {"simple": SIMPLE, "mixed": SIMPLE + MEDIUM}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path + "?query=" + urllib.parse.quote(SIMPLE[1]))
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not start")


def start_revkg(trig: Path, port: int, cache_mb: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "revkg", "-q", "--project", str(trig.parent.parent), "serve"]
    cmd += ["--port", str(port), "--cache-mb", str(cache_mb)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL)


FLOOR = """
import sys, waitress
body = b'{"head": {}, "boolean": true}'
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/sparql-results+json"),
                              ("Content-Length", str(len(body)))])
    return [body]
waitress.serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=8, _quiet=True)
"""


def start_floor(port: int) -> subprocess.Popen[bytes]:
    """waitress serving one fixed answer: what a Python HTTP stack costs on its own."""
    return subprocess.Popen([sys.executable, "-c", FLOOR, str(port)], stdout=subprocess.DEVNULL)


def start_oxigraph(trig: Path, port: int, location: Path) -> subprocess.Popen[bytes]:
    oxigraph = Path(sys.executable).with_name("oxigraph")
    subprocess.run(
        [str(oxigraph), "load", "--location", str(location), "--file", str(trig)],
        check=True,
        capture_output=True,
    )
    cmd = [str(oxigraph), "serve-read-only", "--location", str(location)]
    cmd += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _client(port: int, path: str, queries: list[str], until: float, out: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    urls = [path + "?query=" + urllib.parse.quote(q) for q in queries]
    i = errors = dropped = 0
    times = []
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            conn.request("GET", urls[i % len(urls)], headers={"Accept": "application/json, */*"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            dropped += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        times.append(time.perf_counter() - start)
        i += 1
    out.append((times, errors, dropped))


def _load_process(port, path, queries, threads, until, queue) -> None:
    out: list = []
    workers = [
        threading.Thread(target=_client, args=(port, path, queries, until, out))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(out)


def load(port: int, path: str, queries: list[str], clients: int, seconds: float) -> dict:
    """Run ``clients`` keep-alive clients for ``seconds``; throughput and latencies."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    until = time.monotonic() + seconds
    procs = [
        ctx.Process(target=_load_process, args=(port, path, queries, clients // 2, until, queue))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    results = [item for _ in procs for item in queue.get()]
    for p in procs:
        p.join()
    times = sorted(t for r in results for t in r[0])
    return {
        "requests_per_s": round(len(times) / seconds, 1),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p99_ms": round(times[int(len(times) * 0.99) - 1] * 1000, 2),
        "errors": sum(r[1] for r in results),
        "dropped": sum(r[2] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    trig = Path(__file__).resolve().parents[1] / "graph" / "revkg.trig"
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        rport, nport, oport, fport = free_port(), free_port(), free_port(), free_port()
        servers = [
            start_revkg(trig, rport, 32),
            start_revkg(trig, nport, 0),
            start_oxigraph(trig, oport, Path(tmp) / "ox"),
            start_floor(fport),
        ]
        targets = (
            ("revkg", rport, "/sparql"),
            ("revkg-uncached", nport, "/sparql"),
            ("oxigraph", oport, "/query"),
            ("waitress-floor", fport, "/sparql"),
        )
        try:
            for _, port, path in targets:
                wait_ready(port, path)
            for mix, queries in MIXES.items():
                for name, port, path in targets:
                    load(port, path, queries, args.clients, 2)  # warm-up
                    results[f"{mix}/{name}"] = load(port, path, queries, args.clients, args.seconds)
        finally:
            for s in servers:
                s.terminate()
                s.wait(10)
    print("| mix | server | requests/s | median ms | p99 ms | errors | dropped |")
    print("|---|---|---|---|---|---|---|")
    for key, r in results.items():
        mix, name = key.split("/")
        print(
            f"| {mix} | {name} | {r['requests_per_s']} | {r['median_ms']} | {r['p99_ms']} "
            f"| {r['errors']} | {r['dropped']} |"
        )
    for mix in MIXES:
        base = results[f"{mix}/oxigraph"]["requests_per_s"]
        for name in ("revkg", "revkg-uncached", "waitress-floor"):
            ratio = results[f"{mix}/{name}"]["requests_per_s"] / base
            print(f"{mix}: {name} serves {ratio:.2f}x the requests/s of oxigraph serve-read-only")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
