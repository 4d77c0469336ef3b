"""An unseen essay integrated end to end through revkg curate's pages only, in Chromium:
candidates accepted, rejected and corrected, a provisional entity confirmed, entities
created from names, facts added from selected text; then `revkg validate` is clean and
the new facts answer in SPARQL over the rebuilt graph with their quotes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from revkg.curate.app import CurateApp
from revkg.curate.server import make_app
from revkg.extract.review import Decision, dump_decisions, load_decisions
from revkg.sparql.http import make_server

from .browser_fixtures import CHROMIUM_ARGS  # noqa: F401  (the shared browser's options)
from .curate_fixtures import ESSAY, project_with_essay

pytestmark = pytest.mark.slow

#: Select ``quote`` in the reading view as a mouse would, then release the button.
SELECT = """quote => {
  const p = [...document.querySelectorAll('#text p.body')].find(e => e.textContent.includes(quote));
  const at = p.textContent.indexOf(quote);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    const n = node.textContent.length;
    if (seen <= at && at < seen + n) range.setStart(node, at - seen);
    const end = at + quote.length;
    if (seen < end && end <= seen + n) range.setEnd(node, end - seen);
    seen += n;
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


@dataclass
class Session:
    """A page on the running app, counting the curator's actions (clicks, keys, typing)."""

    app: CurateApp
    base: str
    page: Any
    actions: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.actions[what] = self.actions.get(what, 0) + n

    def ready(self) -> None:
        self.page.wait_for_function("() => window.revkgReady === true", timeout=30_000)

    def changing(self, act: Any) -> None:
        """Do ``act`` (which changes something) and wait for the page to come back."""
        with self.page.expect_navigation(timeout=60_000):
            act()
        self.ready()

    def key(self, key: str, what: str) -> None:
        self.count(what)
        self.changing(lambda: self.page.keyboard.press(key))

    def click(self, selector: str, what: str, *, changes: bool = False) -> None:
        self.count(what)
        if changes:
            self.changing(lambda: self.page.click(selector))
        else:
            self.page.click(selector)

    def fill(self, selector: str, text: str, what: str) -> None:
        self.count(what, len(text))
        self.page.fill(selector, text)

    def choose(self, selector: str, value: str, what: str) -> None:
        self.count(what, 2)  # open the list, pick
        self.page.select_option(selector, value)


def serve(app: CurateApp) -> tuple[Any, threading.Thread]:
    server = make_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def session(tmp_path: Path, browser: Any) -> Iterator[Session]:
    project = project_with_essay(tmp_path / "project")
    app = make_app(project)
    app.rebuilder.wait(300)
    server, thread = serve(app)
    base = f"http://127.0.0.1:{server.effective_port}"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    s = Session(app, base, page)
    page.on("pageerror", lambda e: s.errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    page.goto(f"{base}/?token={app.token}")
    s.ready()
    yield s
    context.close()
    server.close()
    thread.join(5)


def judge(s: Session, candidate: str, key: str) -> None:
    """Choose a candidate in the list with the mouse, then judge it with a key."""
    s.click(f"#c-{candidate} .triple", f"{key} select")
    s.key(key, f"{key} key")


def integrate(s: Session) -> dict[str, Any]:
    """The whole integration of the essay; what was decided, by candidate id."""
    snap = s.app.workspace.snapshot()
    s.click(f"a[href='/essay/{ESSAY}']", "open essay", changes=True)
    named = ("Alexander Bogdanov", "Pavel Axelrod")  # made curated entities below
    provisional = next(e for e in snap.provisional_of(ESSAY) if e.label not in named)
    s.click(f".name-open[data-entity='{provisional.id}']", "confirm")
    s.fill("#form-name input[name=description]", "A Russian Marxist.", "confirm")
    s.click("#form-name [data-name-action=confirm]", "confirm", changes=True)
    for label in named:
        s.click(f".name-open[data-label='{label}']", "entity")
        s.click("#name-to-entity", "entity")
        s.fill("#form-entity input[name=description]", f"{label}, a Russian Marxist.", "entity")
        s.click("#form-entity button[type=submit]", "entity", changes=True)
    snap = s.app.workspace.snapshot()
    known = [c for c in snap.candidates_of(ESSAY) if c.subject.entity and c.object.entity]
    new = [c for c in snap.candidates_of(ESSAY) if not (c.subject.entity and c.object.entity)]
    accepted = sorted(known, key=lambda c: -c.confidence)[:5]
    rejected = new[:3]
    for c in accepted:
        judge(s, c.id, "a")
    for c in rejected:
        judge(s, c.id, "r")
    corrected = next(c for c in known if c not in accepted and c.predicate == "opposed")
    s.click(f"#c-{corrected.id} .triple", "correct")
    s.count("correct")
    s.page.keyboard.press("c")  # opens the form; nothing changes yet
    s.fill("#form-correct input[name=object]", "Mensheviks", "correct")
    s.click("#form-correct button[type=submit]", "correct", changes=True)
    facts = [
        (
            "founded by Vladimir Lenin and Alexander Bogdanov",
            "alexander-bogdanov",
            "founded",
            "bolsheviks",
            "",
        ),
        (
            "the bolsheviks took power in Russia in November 1917",
            "bolsheviks",
            "participatedIn",
            "october-revolution",
            "1917-11",
        ),
    ]
    for quote, subject, predicate, obj, date in facts:
        s.count("fact")
        s.page.evaluate(SELECT, quote)
        s.page.keyboard.press("f")
        s.count("fact")
        s.fill("#form-fact input[name=subject]", subject, "fact")
        s.choose("#form-fact select[name=predicate]", predicate, "fact")
        s.fill("#form-fact input[name=object]", obj, "fact")
        if date:
            s.fill("#form-fact input[name=date]", date, "fact")
        s.click("#form-fact button[type=submit]", "fact", changes=True)
    return {
        "accepted": [c.id for c in accepted],
        "rejected": [c.id for c in rejected],
        "corrected": corrected.id,
        "confirmed": provisional.id,
        "facts": facts,
    }


FACT = """
PREFIX rk: <https://w3id.org/revkg/vocab#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?quote ?method WHERE { GRAPH ?g {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rk:hasEvidence ?ev .
  ?ev oa:exact ?quote ; rk:method ?method .
  FILTER (STRENDS(STR(?s), "/%s") && STRENDS(STR(?p), "#%s") && STRENDS(STR(?o), "/%s"))
} }"""


def test_an_unseen_essay_integrated_through_the_pages_only(session: Session, run_cli):
    s = session
    done = integrate(s)
    project = s.app.workspace.project
    decisions = load_decisions(project.graph_dir / "review.yaml")
    verdicts = [decisions[i].decision for i in done["accepted"] + done["rejected"]]
    assert verdicts == ["accept"] * 5 + ["reject"] * 3
    assert decisions[done["corrected"]].object == "mensheviks"
    registry = s.app.workspace.snapshot().registry
    assert {"alexander-bogdanov", "pavel-axelrod", done["confirmed"]} <= set(registry)
    s.page.wait_for_function("() => document.body.dataset.graph === 'live'", timeout=300_000)
    assert s.app.rebuilder.wait(300).state == "live", s.app.rebuilder.status().message
    result = run_cli("--project", str(project.root), "validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    store = ox.Store()
    store.load(path=str(project.trig), format=ox.RdfFormat.TRIG)
    for quote, subject, predicate, obj, _ in done["facts"]:
        rows = list(store.query(FACT % (subject, predicate, obj)))
        assert any(r["quote"].value == quote for r in rows), (subject, predicate, obj)
    assert not s.errors


# ---- the pickers and the date fields, in the page ----------------------------------------


@pytest.fixture
def reading(tmp_path: Path, browser: Any) -> Iterator[Any]:
    """The reading view of the essay on an app that builds nothing."""
    app = CurateApp(project_with_essay(tmp_path / "project"), build=lambda: None)
    server, thread = serve(app)
    base = f"http://127.0.0.1:{server.effective_port}"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/essay/{ESSAY}?token={app.token}")
    page.wait_for_function("() => window.revkgReady === true", timeout=30_000)
    yield page
    assert not errors
    context.close()
    server.close()
    thread.join(5)


def _types(page: Any, datalist: str) -> set[str]:
    found = page.eval_on_selector_all(f"#{datalist} option", "os => os.map(o => o.dataset.type)")
    return set(found)


def test_pickers_follow_the_predicate_and_dates_show_their_precision(reading: Any):
    page = reading
    every = _types(page, "entity-ids")
    assert _types(page, "fact-subjects") == every  # no predicate yet: every entity
    page.evaluate(SELECT, "founded by Vladimir Lenin and Alexander Bogdanov")
    page.keyboard.press("f")
    page.select_option("#form-fact select[name=predicate]", "authored")
    assert _types(page, "fact-subjects") == {"Person", "Organization"} & every
    assert _types(page, "fact-objects") == {"Work"}
    assert page.text_content("#form-fact .fits[data-for=object]") == "Work"
    page.select_option("#form-fact select[name=predicate]", "memberOf")
    assert _types(page, "fact-objects") == {"Organization"}
    shown = "#form-fact .precision[data-for=date]"
    page.fill("#form-fact input[name=date]", "1921-03")
    page.wait_for_function(f"() => document.querySelector('{shown}').textContent !== ''")
    assert page.text_content(shown) == "month · 1921-03"
    page.fill("#form-fact input[name=date]", "1921-13")
    page.wait_for_selector(f"{shown}.wrong")
    assert "month 13 does not exist" in page.text_content(shown)
    page.fill("#form-fact input[name=date]", "1920s")
    page.wait_for_function(f"() => document.querySelector('{shown}').textContent.startsWith('d')")
    assert page.text_content(shown) == "decade · 1920s"
    page.keyboard.press("Escape")
    page.click(".cand[data-predicate=authored] .triple")
    page.keyboard.press("c")
    assert _types(page, "correct-objects") == {"Work"}  # the candidate's predicate, as found
    page.fill("#form-correct input[name=value]", "1921")
    page.wait_for_function(
        "() => document.querySelector('#form-correct .precision').textContent === 'year · 1921'"
    )


def test_a_stale_decision_is_reapplied_then_dropped_from_the_page(tmp_path: Path, browser: Any):
    project = project_with_essay(tmp_path / "project")
    app = CurateApp(project, build=lambda: None)
    trotsky = next(
        c for c in app.workspace.snapshot().candidates_of(ESSAY) if "Trotsky at first" in c.sentence
    )
    ghost = "0123456789abcdef"
    review = project.graph_dir / "review.yaml"
    decisions = {
        **load_decisions(review),
        trotsky.id: Decision("reject", "no"),
        ghost: Decision("accept"),
    }
    review.write_text(dump_decisions(decisions), encoding="utf-8")
    app.workspace.snapshot()  # the app sees the candidate before the essay changes
    essay = project.seeds_dir / f"{ESSAY}.txt"
    text = essay.read_text(encoding="utf-8")
    essay.write_text(text.replace("Trotsky at first", "Trotsky initially"), encoding="utf-8")
    server, thread = serve(app)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.effective_port}/?token={app.token}")
        page.wait_for_function("() => window.revkgReady === true", timeout=30_000)
        assert page.locator("#stale li").count() == 2
        with page.expect_navigation():
            page.click(f"[data-stale-action=reapply][data-decision='{trotsky.id}']")
        page.wait_for_function("() => window.revkgReady === true", timeout=30_000)
        with page.expect_navigation():
            page.click(f"[data-stale-action=drop][data-decision='{ghost}']")
        page.wait_for_function("() => window.revkgReady === true", timeout=30_000)
        assert page.locator("#stale").count() == 0
    finally:
        context.close()
        server.close()
        thread.join(5)
    after = load_decisions(review)
    assert trotsky.id not in after and ghost not in after
    assert Decision("reject", "no") in after.values()
