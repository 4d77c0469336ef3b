"""Measure the network page: generation time, file size, and time to draw in Chromium.

Graphs: the project's own graph (seeds + curated files) and synthetic graphs of
1,000 and 5,000 entities (about two relations per entity). For each, the page is
generated (projection, layout and HTML), written to bench/output/, and opened in
headless Chromium with the network blocked; the time from navigation until
vis-network has drawn the whole graph once is reported, then the time for a
filter change (hide one type) as a check that the page stays responsive.

Run: .venv/bin/python bench/bench_view.py [--sizes 1000 5000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Graph  # noqa: E402

from revkg import view  # noqa: E402
from revkg.build import load_records  # noqa: E402
from revkg.graph.assemble import build_dataset, union_graph  # noqa: E402
from revkg.network import projection as network  # noqa: E402
from revkg.project import Project  # noqa: E402
from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS, synthetic_graph  # noqa: E402

OUT = ROOT / "bench" / "output"


def project_graph() -> Graph:
    records = load_records(Project(ROOT))
    return union_graph(build_dataset(records.corpus.values(), records.entities, records.statements))


def generate(name: str, graph: Graph) -> tuple[Path, float, int, int]:
    t0 = time.perf_counter()
    g = network.to_networkx(graph)
    page = view.to_html(g)
    seconds = time.perf_counter() - t0
    path = OUT / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    return path, seconds, g.number_of_nodes(), g.number_of_edges()


def draw(browser: object, path: Path) -> tuple[float, float, int]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith("file:")
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.revkgReady === true", timeout=300_000)
    drawn = time.perf_counter() - t0
    page.evaluate(
        "window.redrawn = false; "
        "window.revkg.network.once('afterDrawing', () => { window.redrawn = true; }); null"
    )
    t1 = time.perf_counter()
    page.uncheck("input[name=type-concept]")
    page.wait_for_function("window.redrawn === true", timeout=60_000)
    filtered = time.perf_counter() - t1
    page.close()
    return drawn, filtered, len(blocked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    graphs = [("project", project_graph)] + [
        (f"synthetic-{n}", lambda n=n: synthetic_graph(n)) for n in args.sizes
    ]
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, make in graphs:
            path, gen, n, m = generate(name, make())
            drawn, filtered, blocked = draw(browser, path)
            rows.append((name, n, m, gen, path.stat().st_size / 1024, drawn, filtered, blocked))
        browser.close()
    head = (
        "graph",
        "entities",
        "relations",
        "generate s",
        "size KB",
        "draw s",
        "filter s",
        "requests",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, n, m, gen, kb, drawn, filtered, blocked in rows:
        print(
            f"| {name} | {n} | {m} | {gen:.2f} | {kb:.0f} | {drawn:.2f} | {filtered:.2f} "
            f"| {blocked} |"
        )


if __name__ == "__main__":
    main()
