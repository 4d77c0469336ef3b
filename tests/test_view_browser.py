"""The network page in a real browser (headless Chromium, network blocked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from revkg.graph.load import read_graph
from revkg.network import page as view
from revkg.network import projection as network
from revkg.project import Project

from .browser_fixtures import OUTPUT, Page, browser, open_page, small_graph  # noqa: F401

pytestmark = pytest.mark.slow

EVIL_LABEL = "Evil <script>alert(1)</script> Myasnikov"
EVIL_QUOTE = 'He said <img src=x onerror="alert(2)"> and <script>alert(3)</script>'


def _page(chromium: Any, tmp_path: Path, graph: Any, name: str) -> Page:
    target = view.write_html(graph, tmp_path / name)
    return open_page(chromium, target)


@pytest.fixture
def small(browser: Any, tmp_path: Path) -> Page:  # noqa: F811
    return _page(browser, tmp_path, small_graph(), "small.html")


def _visible(p: Page) -> dict[str, int]:
    return p.page.evaluate("window.revkg.visible()")


def test_page_loads_offline_without_errors(small: Page) -> None:
    assert small.errors == []
    assert small.requests == []
    assert small.page.evaluate("window.revkg.nodes.length") == 8
    assert small.page.evaluate("window.revkg.edges.length") == 8
    assert _visible(small) == {"nodes": 8, "edges": 8}
    assert "Showing 8 of 8 entities" in small.page.inner_text("#status")


def test_search_selects_and_shows_the_entity(small: Page) -> None:
    small.page.fill("#search", "Myasnikov")
    assert "Gavril Myasnikov" in small.page.inner_text("#results")
    small.page.press("#search", "Enter")
    selected = small.page.evaluate("window.revkg.network.getSelectedNodes()")
    label = small.page.evaluate(f"window.revkg.nodes.get({selected[0]}).label")
    assert label == "Gavril Myasnikov"
    assert "Metal worker from the Urals." in small.page.inner_text("#details")
    assert "Also called: Miasnikov, Myasnikov" in small.page.inner_text("#details")


def test_clicking_a_relation_shows_its_quote(small: Page) -> None:
    p = small.page
    edge = p.evaluate("window.revkg.edges.get().find(e => e.relation === 'member of').id")
    p.evaluate("window.revkg.network.fit({animation: false})")
    xy = p.evaluate(
        f"""(() => {{
          const net = window.revkg.network, e = window.revkg.edges.get({edge});
          const pos = net.getPositions([e.from, e.to]);
          const a = net.canvasToDOM(pos[e.from]), b = net.canvasToDOM(pos[e.to]);
          const box = document.getElementById('network').getBoundingClientRect();
          return [box.left + a.x + (b.x - a.x) * 0.6, box.top + a.y + (b.y - a.y) * 0.6];
        }})()"""
    )
    p.mouse.click(xy[0], xy[1])
    details = p.inner_text("#details")
    assert "Gavril Myasnikov member of Bolsheviks" in details
    assert "Myasnikov joined the Bolsheviks in 1906." in details
    assert "Gavril Myasnikov and the Workers Group" in details
    assert "curated" in details


def test_type_filter_hides_entities(small: Page) -> None:
    small.page.uncheck("input[name=type-person]")
    assert _visible(small) == {"nodes": 6, "edges": 1}  # only: manifesto advocated an idea
    small.page.check("input[name=type-person]")
    assert _visible(small) == {"nodes": 8, "edges": 8}


def test_year_and_layer_filters_change_what_is_visible(small: Page) -> None:
    p = small.page
    p.uncheck("#undated")
    p.fill("#since", "1921")
    p.dispatch_event("#since", "input")
    # dated facts from 1921 on: expelled 1922, member 1906-22, founded 1923, letter 1921
    assert _visible(small)["edges"] == 4
    p.fill("#until", "1921")
    p.dispatch_event("#until", "input")
    assert _visible(small)["edges"] == 2
    p.click("#reset")
    p.uncheck("input[name=layer-extracted]")
    assert _visible(small) == {"nodes": 8, "edges": 6}


def test_neighbourhood_focus(small: Page) -> None:
    p = small.page
    p.fill("#search", "Urals")
    p.press("#search", "Enter")
    p.fill("#hops", "1")
    p.click("#focus")
    assert _visible(small) == {"nodes": 2, "edges": 1}
    p.click("#unfocus")
    assert _visible(small)["nodes"] == 8


def test_hostile_text_shows_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    graph = small_graph(label=EVIL_LABEL, quote=EVIL_QUOTE)
    p = _page(browser, tmp_path, graph, "evil.html")
    dialogs: list[str] = []
    p.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.page.fill("#search", "evil")
    p.page.press("#search", "Enter")
    assert EVIL_LABEL in p.page.inner_text("#details")
    assert EVIL_LABEL in p.page.inner_text("#results")
    member = p.page.evaluate("window.revkg.edges.get().find(e => e.relation === 'member of').id")
    p.page.evaluate(
        "document.querySelectorAll('#details li').forEach(li => "
        "li.textContent.includes('member of') && li.click())"
    )
    assert EVIL_QUOTE in p.page.inner_text("#details")
    assert member is not None
    assert p.page.evaluate("document.querySelectorAll('img, #details script').length") == 0
    assert dialogs == [] and p.errors == [] and p.requests == []
    tooltip = p.page.evaluate(
        "window.revkg.nodes.get().find(n => n.label.startsWith('Evil')).title"
    )
    assert tooltip.startswith(EVIL_LABEL)  # a plain string: vis-network shows it as text


def test_project_graph_page_with_screenshot(
    browser: Any,  # noqa: F811
    tmp_path: Path,
    built_project: Project,
) -> None:
    graph = read_graph(built_project.turtle)
    g = network.to_networkx(graph)
    p = _page(browser, tmp_path, graph, "revkg.html")
    assert p.errors == [] and p.requests == []
    assert p.page.evaluate("window.revkg.nodes.length") == g.number_of_nodes()
    assert p.page.evaluate("window.revkg.edges.length") == g.number_of_edges()
    p.page.fill("#search", "Myasnikov")
    p.page.press("#search", "Enter")
    selected = p.page.evaluate("window.revkg.network.getSelectedNodes()")
    assert p.page.evaluate(f"window.revkg.nodes.get({selected[0]}).label") == "Gavril Myasnikov"
    OUTPUT.mkdir(exist_ok=True)
    p.page.screenshot(path=str(OUTPUT / "network-myasnikov.png"))
    p.page.click("#close")
    p.page.evaluate("window.revkg.network.fit({animation: false})")
    p.page.screenshot(path=str(OUTPUT / "network-whole.png"))
