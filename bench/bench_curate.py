"""revkg curate measured: a curator's actions per fact and per entity, and how fast the
reading view of a long essay is ready in headless Chromium.

1. Actions. The browser test's integration of an unseen essay (corpora/dev/bolsheviks.txt:
   5 candidates accepted, 3 rejected, 1 corrected, a provisional entity confirmed, 2
   entities created, 2 facts from selections) runs through the pages, counting every
   click, key press and typed character (choosing from a list is 2). The same work by
   hand is counted as the characters of the YAML one would type into review.yaml and the
   curated files (a candidate's id counted as one copy and one paste, 2), plus 2 to open
   and save the file.
2. Speed. A 10,000-word essay made of the dev corpus's paragraphs is added to seeds/; the
   time from navigation until its reading view is ready (``window.revkgReady``) is
   measured in headless Chromium, the first time (the app reads and extracts the
   corpus) and then warm (median of 5).

Run: .venv/bin/python bench/bench_curate.py [--screenshot docs/curate.png]
(``--screenshot`` only writes the README's picture of the reading view.)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from revkg.curate.app import CurateApp  # noqa: E402
from revkg.curate.server import make_app  # noqa: E402
from revkg.project import Project  # noqa: E402
from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.curate_fixtures import project_with_essay  # noqa: E402
from tests.test_curate_browser import Session, integrate, serve  # noqa: E402

WORDS = 10_000


def yaml_keystrokes(done: dict, snap) -> dict[str, float]:
    """Characters of the YAML typed by hand for the same work (+2: open and save)."""
    accept = len("  :\n    decision: accept\n") + 2 + 2
    entity = len("- id: alexander-bogdanov\n  label: Alexander Bogdanov\n  description: ") + len(
        "Alexander Bogdanov, a Russian Marxist.\n"
    )
    facts = [
        len(f"- subject: {s}\n  predicate: {p}\n  object: {o}\n")
        + (len(f"  date: '{d}'\n") if d else 0)
        + len("  quote: \n")
        + 3  # the quote: select, copy, paste
        + 2
        for _, s, p, o, d in done["facts"]
    ]
    return {"accept": accept, "entity": entity + 2, "fact": statistics.mean(facts)}


@contextmanager
def curating(project: Project, **page_options: object) -> Iterator[tuple[CurateApp, str, Page]]:
    """The curation app over ``project``, served on loopback, and a signed-in browser
    page: (app, base URL, page). Everything is stopped on leaving."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        app = make_app(project)
        app.rebuilder.wait(300)
        server, thread = serve(app)
        base = f"http://127.0.0.1:{server.effective_port}"
        page = browser.new_page(**page_options)
        page.goto(f"{base}/?token={app.token}")
        try:
            yield app, base, page
        finally:
            browser.close()
            server.close()
            thread.join(5)


def actions() -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        curating(project_with_essay(Path(tmp) / "p")) as (app, base, page),
    ):
        s = Session(app, base, page)
        s.ready()
        done = integrate(s)
        by_hand = yaml_keystrokes(done, app.workspace.snapshot())
        ui = {
            "accept": (s.actions["a select"] + s.actions["a key"]) / len(done["accepted"]),
            "entity": s.actions["entity"] / 2,
            "fact": s.actions["fact"] / len(done["facts"]),
        }
        print("actions (clicks + keys + typed characters) through the pages vs YAML by hand:")
        for what, n in ui.items():
            print(
                f"  per {what:<7} {n:6.1f}   vs {by_hand[what]:6.1f}   ({by_hand[what] / n:.1f}x)"
            )
        print(f"  all actions: {s.actions}")


def long_essay(seeds: Path) -> str:
    """seeds/long-essay.txt: paragraphs of the dev corpus until it has WORDS words."""
    paragraphs = []
    for path in sorted((ROOT / "corpora" / "dev").glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    text, words = ["A long essay"], 0
    for p in paragraphs:
        if words >= WORDS:
            break
        text.append(p)
        words += len(p.split())
    (seeds / "long-essay.txt").write_text("\n\n".join(text) + "\n", encoding="utf-8")
    return "long-essay"


def speed() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_essay(Path(tmp) / "p")
        essay = long_essay(project.seeds_dir)
        with curating(project) as (app, base, page):
            times = []
            for _ in range(6):
                t0 = time.perf_counter()
                page.goto(f"{base}/essay/{essay}")
                page.wait_for_function("() => window.revkgReady === true")
                times.append(time.perf_counter() - t0)
            marks = page.locator("#text .m").count()
            words = len(app.workspace.snapshot().corpus[essay].text.split())
    print(f"reading view of a {words:,}-word essay with {marks} mentions in headless Chromium:")
    print(f"  first load (reads and extracts the corpus): {times[0]:.2f} s")
    print(f"  warm: median {statistics.median(times[1:]):.3f} s (target < 1 s)")


def screenshot(path: Path) -> None:
    """The reading view with a pending sentence chosen and a fact being added."""
    from tests.test_curate_browser import SELECT

    viewport = {"width": 1400, "height": 860}
    with (
        tempfile.TemporaryDirectory() as tmp,
        curating(project_with_essay(Path(tmp) / "p"), viewport=viewport) as (_, base, page),
    ):
        page.goto(f"{base}/essay/bolsheviks")
        page.wait_for_function("() => window.revkgReady === true")
        page.keyboard.press("j")
        page.evaluate(SELECT, "founded by Vladimir Lenin and Alexander Bogdanov")
        page.keyboard.press("f")
        page.fill("#form-fact input[name=subject]", "vladimir-lenin")
        page.select_option("#form-fact select[name=predicate]", "founded")
        page.fill("#form-fact input[name=object]", "bolsheviks")
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(path))
    print(f"wrote {path}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--screenshot":
        screenshot(Path(sys.argv[2]))
    else:
        actions()
        speed()
