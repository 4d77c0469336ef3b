"""What a reader sees on the network page, measured in a real browser (headless Chromium).

Names readable at first sight, what a year range leaves, choosing among relations under
the pointer and the timeline strip. Every check reads what vis-network itself draws: its
scale, its label modules, the node and edge ids in its body.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from revkg.graph.assemble import build_dataset, union_graph
from revkg.graph.load import read_graph
from revkg.model import Date, Entity
from revkg.network import page as view
from revkg.network import projection as network
from revkg.project import Project

from .browser_fixtures import OUTPUT, Page, _fact, documents, open_page

pytestmark = pytest.mark.slow

#: The names vis-network draws: for each, its text, its entity's degree, its size on screen
#: in pixels (vis-network's font size times the view's scale, as drawn: never past the
#: label's maxVisible) and its box on screen [left, top, right, bottom].
DRAWN_NAMES = """(() => {
  const net = window.revkg.network, scale = net.getScale();
  const limits = net.body.nodes[net.body.nodeIndices[0]].options.scaling.label;
  return net.body.nodeIndices.map((id) => {
    const node = net.body.nodes[id], lm = node.labelModule, size = lm.size;
    const px = Math.min(lm.fontOptions.size * scale, limits.maxVisible);
    const dy = lm.fontOptions.vadjust || 0;
    const a = net.canvasToDOM({x: size.left, y: size.top + dy});
    const b = net.canvasToDOM({x: size.left + size.width, y: size.top + size.height + dy});
    return {label: node.options.label, degree: window.revkg.nodes.get(id).degree,
            px: px, drawn: px >= limits.drawThreshold - 1, box: [a.x, a.y, b.x, b.y]};
  });
})()"""


@pytest.fixture(scope="module")
def project_rdf(built_project: Project) -> Graph:
    return read_graph(built_project.turtle)


@pytest.fixture(scope="module")
def full(project_rdf: Graph) -> nx.MultiDiGraph:
    return network.to_networkx(project_rdf)


@pytest.fixture
def project_page(browser: Any, full: nx.MultiDiGraph, tmp_path: Path) -> Page:
    return open_page(browser, view.write_html(full, tmp_path / "revkg.html"))


def _names(p: Page) -> list[dict[str, Any]]:
    found = p.page.evaluate(DRAWN_NAMES)
    return sorted(found, key=lambda n: -n["degree"])


def _overlap(a: list[float], b: list[float]) -> float:
    """How far two boxes overlap, in pixels, in the direction they overlap least."""
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def test_the_hubs_names_are_readable_at_first_sight(project_page: Page) -> None:
    names = _names(project_page)
    assert len(names) > 150
    top = names[:20]
    readable = [n for n in top if n["drawn"] and n["px"] >= 11]
    assert all(n in readable for n in names[:5]), [(n["label"], n["px"]) for n in names[:5]]
    assert len(readable) >= 15, [(n["label"], round(n["px"], 1)) for n in top]
    drawn = [n for n in names if n["drawn"]]
    assert all(n["px"] >= 11 for n in drawn)  # a name is readable or not drawn at all
    assert len(drawn) <= 25  # ... and the rest wait for the reader to zoom in
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            w, h = _overlap(a["box"], b["box"])
            assert w <= 2 or h <= 2, f"{a['label']!r} covers {b['label']!r}"
    OUTPUT.mkdir(exist_ok=True)
    project_page.page.screenshot(path=str(OUTPUT / "network-first-sight.png"))


def test_more_names_appear_as_the_reader_zooms(project_page: Page) -> None:
    p = project_page.page
    counts = []
    for factor in (1, 1.7, 2.6, 4.2, 6.5):
        p.evaluate(
            "(f) => { const n = window.revkg.network; n.fit({animation: false});"
            " n.moveTo({scale: n.getScale() * f, animation: false}); }",
            factor,
        )
        counts.append(sum(n["drawn"] for n in _names(project_page)))
    assert counts == sorted(counts) and counts[-1] == len(_names(project_page)), counts
    assert all(n["px"] <= 22 for n in _names(project_page))  # a hub's name stops growing
    p.screenshot(path=str(OUTPUT / "network-zoomed.png"))


def test_a_filter_names_the_hubs_of_what_it_leaves(project_page: Page) -> None:
    p = project_page.page
    p.uncheck("input[name=type-organization]")
    p.uncheck("input[name=type-concept]")
    names = _names(project_page)
    assert names[0]["label"] == "Gavril Myasnikov"
    assert all(n["drawn"] and n["px"] >= 11 for n in names[:5])


# ---- a year range and undated items ---------------------------------------------------

#: The ids vis-network draws, as IRIs, and its edges as (from, to, relation, time, dated).
DRAWN_IDS = """(() => {
  const body = window.revkg.network.body, ns = window.revkg.nodes, es = window.revkg.edges;
  const iri = (id) => ns.get(id).iri;
  return [body.nodeIndices.map(iri), body.edgeIndices.map((id) => {
    const e = es.get(id);
    return [iri(e.from), iri(e.to), e.relation, e.time, e.years !== null];
  })];
})()"""


def _drawn(p: Page) -> tuple[set[str], list[tuple]]:
    nodes, edges = p.page.evaluate(DRAWN_IDS)
    return set(nodes), sorted(tuple(e) for e in edges)


def _python(g: nx.MultiDiGraph) -> tuple[set[str], list[tuple]]:
    edges = sorted(
        (u, v, d["relation"], d["time"], d["years"] is not None) for u, v, d in g.edges(data=True)
    )
    return set(g), edges


def _years(p: Any, since: int, until: int) -> None:
    for key, value in (("since", since), ("until", until)):
        p.fill(f"#{key}", str(value))
        p.dispatch_event(f"#{key}", "input")


def test_a_year_range_hides_the_undated_unless_the_reader_keeps_them(
    project_page: Page, full: nx.MultiDiGraph
) -> None:
    p = project_page.page
    assert p.is_hidden("#undated")
    everything = _drawn(project_page)
    assert any(not dated for *_, dated in everything[1])  # undated relations are drawn
    _years(p, 1917, 1921)
    assert p.is_visible("#undated") and not p.is_checked("#undated")
    dated_only = _drawn(project_page)
    assert dated_only == _python(view.select(full, since=1917, until=1921))
    assert dated_only[1] and all(dated for *_, dated in dated_only[1])
    undated = {n for n, d in full.nodes(data=True) if not d.get("years")}
    touched = {n for u, v, d in full.edges(data=True) if d["years"] for n in (u, v)}
    assert dated_only[0] & undated <= touched  # an undated entity stays only by a dated fact
    p.check("#undated")
    kept = _drawn(project_page)
    assert kept == _python(view.select(full, since=1917, until=1921, keep_undated=True))
    assert len(kept[0]) > len(dated_only[0]) and len(kept[1]) > len(dated_only[1])
    _years(p, *[int(y) for y in p.evaluate("window.revkg.data.meta.years")])
    assert p.is_hidden("#undated") and _drawn(project_page) == everything


# ---- several relations under the pointer --------------------------------------------

#: Relations between Myasnikov and the Bolsheviks, drawn as one tight bundle.
BUNDLE = [
    ("memberOf", {"start": Date(1906), "end": Date(1922)}),
    ("expelledFrom", {"point_in_time": Date(1922)}),
    ("criticized", {"point_in_time": Date(1921)}),
    ("opposed", {"point_in_time": Date(1923)}),
    ("supported", {"point_in_time": Date(1917)}),
]


def bundle_graph() -> Graph:
    ents = [
        Entity("gavril-myasnikov", "Person", "Gavril Myasnikov", "A metal worker."),
        Entity("bolsheviks", "Organization", "Bolsheviks", "The party."),
        Entity("vladimir-lenin", "Person", "Vladimir Lenin", "Bolshevik leader."),
    ]
    sts = [
        _fact("gavril-myasnikov", p, "bolsheviks", f"Myasnikov {p} the Bolsheviks", **dates)
        for p, dates in BUNDLE
    ]
    sts.append(_fact("vladimir-lenin", "led", "bolsheviks", "Lenin led the Bolsheviks"))
    return union_graph(build_dataset(documents(), ents, sts))


#: The relations vis-network draws within `near` pixels of a point of the page, found by
#: sampling each drawn line or curve (edgeType.getPoint) on screen.
UNDER = """([x, y, near]) => {
  const net = window.revkg.network, frame = net.body.container.getBoundingClientRect();
  return net.body.edgeIndices.filter((id) => {
    const type = net.body.edges[id].edgeType, via = type.getViaNode();
    for (let i = 0; i <= 400; i++) {
      const p = net.canvasToDOM(type.getPoint(i / 400, via));
      if (Math.hypot(frame.left + p.x - x, frame.top + p.y - y) <= near) return true;
    }
    return false;
  });
}"""


def _between(p: Any, a: str, b: str, at: float) -> list[float]:
    """The page coordinates of a point at ``at`` of the way from entity a to entity b."""
    return p.evaluate(
        """([a, b, at]) => {
          const net = window.revkg.network, ns = window.revkg.nodes.get();
          const id = (label) => ns.find((n) => n.label === label).id;
          const frame = net.body.container.getBoundingClientRect();
          const pa = net.canvasToDOM(net.getPosition(id(a)));
          const pb = net.canvasToDOM(net.getPosition(id(b)));
          return [frame.left + pa.x + (pb.x - pa.x) * at, frame.top + pa.y + (pb.y - pa.y) * at];
        }""",
        [a, b, at],
    )


@pytest.fixture
def bundle(browser: Any, tmp_path: Path) -> Page:
    p = open_page(browser, view.write_html(bundle_graph(), tmp_path / "bundle.html"))
    # zoomed out until the five relations run within a few pixels of each other
    p.page.evaluate("window.revkg.network.moveTo({scale: 0.12, animation: false})")
    return p


def test_several_relations_under_the_pointer_are_listed_to_choose_from(bundle: Page) -> None:
    p = bundle.page
    x, y = _between(p, "Gavril Myasnikov", "Bolsheviks", 0.3)
    under = p.evaluate(UNDER, [x, y, 6])
    assert len(under) >= 3  # the bundle is dense where the reader clicks
    p.mouse.click(x, y)
    assert p.is_visible("#pick") and p.is_hidden("#details")
    listed = [
        int(i)
        for i in p.eval_on_selector_all("#pick-list button", "bs => bs.map(b => b.dataset.edge)")
    ]
    assert sorted(listed) == sorted(under)
    texts = p.eval_on_selector_all("#pick-list button", "bs => bs.map(b => b.textContent)")
    assert any(t.startswith("Gavril Myasnikov — member of — Bolsheviks") for t in texts)
    assert all(" — " in t for t in texts)
    OUTPUT.mkdir(exist_ok=True)
    p.screenshot(path=str(OUTPUT / "network-choose-a-relation.png"))
    choice = next(
        b for b in p.query_selector_all("#pick-list button") if "expelled" in b.inner_text()
    )
    chosen = int(choice.get_attribute("data-edge") or -1)
    choice.click()
    assert p.is_hidden("#pick")
    assert "Gavril Myasnikov expelled from Bolsheviks" in p.inner_text("#details")
    assert p.evaluate("window.revkg.network.getSelectedEdges()") == [chosen]
    assert bundle.errors == []


def test_one_relation_under_the_pointer_opens_at_once(bundle: Page) -> None:
    p = bundle.page
    p.evaluate("window.revkg.network.fit({animation: false})")
    x, y = _between(p, "Vladimir Lenin", "Bolsheviks", 0.5)
    assert len(p.evaluate(UNDER, [x, y, 6])) == 1
    p.mouse.click(x, y)
    assert p.is_hidden("#pick")
    assert "Vladimir Lenin led Bolsheviks" in p.inner_text("#details")


def test_nothing_under_the_pointer_closes_the_list(bundle: Page) -> None:
    p = bundle.page
    x, y = _between(p, "Gavril Myasnikov", "Bolsheviks", 0.3)
    p.mouse.click(x, y)
    assert p.is_visible("#pick")
    p.keyboard.press("Escape")
    assert p.is_hidden("#pick")
    p.mouse.click(x, y)
    box = p.evaluate("window.revkg.network.body.container.getBoundingClientRect().toJSON()")
    p.mouse.click(box["left"] + 5, box["top"] + 5)
    assert p.is_hidden("#pick") and p.is_hidden("#details")


# ---- the timeline strip ---------------------------------------------------------------


def _bar(p: Any, year: int) -> tuple[float, float]:
    """The middle of a year's place on the strip, in page coordinates."""
    box = p.eval_on_selector(
        f"#timeline-bars rect[data-year='{year}']", "r => r.getBoundingClientRect().toJSON()"
    )
    strip = p.eval_on_selector("#timeline-bars svg", "s => s.getBoundingClientRect().toJSON()")
    return box["x"] + box["width"] / 2, strip["y"] + 20


def test_the_timeline_counts_the_facts_of_each_year(
    project_page: Page, full: nx.MultiDiGraph
) -> None:
    p = project_page.page
    first, last = p.evaluate("window.revkg.data.meta.years")
    expected = [0] * (last - first + 1)
    for *_, d in full.edges(data=True):
        if d["years"]:
            for year in range(d["years"][0], d["years"][1] + 1):
                expected[year - first] += 1
    bars = p.eval_on_selector_all(
        "#timeline-bars rect.bar", "rs => rs.map(r => [+r.dataset.year, +r.dataset.count])"
    )
    assert bars == [[first + i, n] for i, n in enumerate(expected)]
    assert max(expected) >= 5 and sum(n > 0 for n in expected) >= 10


def test_dragging_across_the_timeline_sets_the_years(
    project_page: Page, full: nx.MultiDiGraph
) -> None:
    p = project_page.page
    (x0, y), (x1, _) = _bar(p, 1917), _bar(p, 1921)
    p.mouse.move(x0, y)
    p.mouse.down()
    p.mouse.move((x0 + x1) / 2, y, steps=4)
    p.mouse.move(x1, y, steps=4)
    p.mouse.up()
    assert p.input_value("#since") == "1917" and p.input_value("#until") == "1921"
    assert p.is_visible("#undated") and not p.is_checked("#undated")
    drawn = _drawn(project_page)
    assert drawn == _python(view.select(full, since=1917, until=1921))
    assert drawn[1] and all(dated for *_, dated in drawn[1])
    chosen = p.eval_on_selector_all(
        "#timeline-bars rect.bar.in", "rs => rs.map(r => +r.dataset.year)"
    )
    assert chosen == [1917, 1918, 1919, 1920, 1921]
    inside = p.evaluate(
        "(() => { const n = window.revkg.network, c = n.body.container.getBoundingClientRect();"
        " return n.body.nodeIndices.every(id => { const q = n.canvasToDOM(n.getPosition(id));"
        " return q.x >= 0 && q.y >= 0 && q.x <= c.width && q.y <= c.height; }); })()"
    )
    assert inside  # the view fits what the years leave
    OUTPUT.mkdir(exist_ok=True)
    p.screenshot(path=str(OUTPUT / "network-timeline-1917-1921.png"))
    # dragging backwards gives the same years; a click, one year; All years, everything
    p.mouse.move(x1, y)
    p.mouse.down()
    p.mouse.move(x0, y, steps=6)
    p.mouse.up()
    assert p.input_value("#since") == "1917" and p.input_value("#until") == "1921"
    p.mouse.click(*_bar(p, 1922))
    assert p.input_value("#since") == "1922" and p.input_value("#until") == "1922"
    assert _drawn(project_page) == _python(view.select(full, since=1922, until=1922))
    p.click("#all-years")
    assert p.is_hidden("#undated")
    assert _drawn(project_page) == _python(full)
