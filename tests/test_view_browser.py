"""The network page in a real browser (headless Chromium, network blocked).

The page's filters and Find are checked against Python's: the same cases, run through
``page.select`` / ``lookup`` and through the page, must draw the same. On the page,
what counts is what vis-network draws (the nodes and edges in its body), not the
page's own counters.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from revkg.graph import lookup
from revkg.graph.load import read_graph
from revkg.network import page as view
from revkg.network import projection as network
from revkg.project import Project

from .browser_fixtures import OUTPUT, Page, open_page, small_graph

pytestmark = pytest.mark.slow

EVIL_LABEL = "Evil <script>alert(1)</script> Myasnikov"
EVIL_QUOTE = 'He said <img src=x onerror="alert(2)"> and <script>alert(3)</script>'


def _page(chromium: Any, tmp_path: Path, graph: Any, name: str) -> Page:
    target = view.write_html(graph, tmp_path / name)
    return open_page(chromium, target)


@pytest.fixture
def small(browser: Any, tmp_path: Path) -> Page:
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
    assert p.is_hidden("#undated")  # no range, nothing to keep
    p.fill("#since", "1921")
    p.dispatch_event("#since", "input")
    # dated facts from 1921 on: expelled 1922, member 1906-22, founded 1923, letter 1921
    assert _visible(small)["edges"] == 4
    assert p.is_visible("#undated") and not p.is_checked("#undated")
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


def test_hostile_text_shows_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
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


@pytest.mark.parametrize("box", [0, -1])
def test_the_first_filter_is_drawn(small: Page, box: int) -> None:
    checkboxes = small.page.query_selector_all("#types input[type=checkbox]")
    checkboxes[box].click()
    visible = _visible(small)
    body = "window.revkg.network.body"
    drawn = small.page.evaluate(f"[{body}.nodeIndices.length, {body}.edgeIndices.length]")
    assert visible["nodes"] < 8 and drawn == [visible["nodes"], visible["edges"]]
    inside = small.page.evaluate(
        "(() => { const n = window.revkg.network, c = n.body.container.getBoundingClientRect();"
        " return n.body.nodeIndices.every(id => { const p = n.canvasToDOM(n.getPosition(id));"
        " return p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height; }); })()"
    )
    assert inside  # the view fits what the filter leaves


def test_an_absurdly_long_label_is_cut_in_the_drawing_only(browser: Any, tmp_path: Path) -> None:
    long_label = "Gavril " + "Myasnikov " * 1000
    p = _page(browser, tmp_path, small_graph(label=long_label.strip()), "long.html")
    node = p.page.evaluate(
        "Object.values(window.revkg.network.body.nodes).find(n => n.options.label"
        " && n.options.label.startsWith('Gavril')).options.label"
    )
    assert len(node) <= 60 and node.endswith("…")
    p.page.fill("#search", "Gavril")
    p.page.press("#search", "Enter")
    assert long_label.strip() in p.page.inner_text("#details")
    assert p.errors == []


def test_project_graph_page_with_screenshot(
    browser: Any,
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


# ---- the page filters and finds as Python does ----------------------------------

TYPES = ("person", "work", "organization", "event", "place", "concept")
#: Essays by their number in the page's list (sorted by title).
CASES: dict[str, dict[str, Any]] = {
    "everything": {},
    "people": {"types": ["person"]},
    "people and parties": {"types": ["person", "organization"]},
    "one essay": {"essays": [0]},
    "two essays": {"essays": [1, 2]},
    "every essay": {"essays": [0, 1, 2]},
    "extracted only": {"layers": ["extracted"]},
    "years 1917-1921": {"since": 1917, "until": 1921},
    "1917-1921 keeping the undated": {"since": 1917, "until": 1921, "keep_undated": True},
    "1921 alone": {"since": 1921, "until": 1921},
    "people of one essay in 1900-1930": {
        "types": ["person"],
        "essays": [1],
        "since": 1900,
        "until": 1930,
        "keep_undated": True,
    },
    "focus by alias": {"focus": "Miasnikov", "hops": 1},
    "focus by misspelling, 2 steps, people and parties": {
        "focus": "Zionviev",
        "hops": 2,
        "types": ["person", "organization"],
    },
    "focus in years": {"focus": "Myasnikov", "hops": 2, "since": 1920, "until": 1923},
    "focus in one essay": {"focus": "Lenin", "hops": 1, "essays": [0]},
}
NAMES = [
    "Myasnikov",
    "  MIASNIKOV ",
    "Zionviev",
    "Worker’s Opposition",
    "left-commmunists",
    "Left–SR",
    "degenerated workers’ state",
    "gavril-myasnikov",
    "Parti communiste francais",
    "Marxism—Leninism",
    "State of Revolution",
]
FOLDED = ["Ｌénin\u00a0\u2003 “Ilyich”…", " Ǆ Straße Ὀδυσσεύς ", "İstanbul\u2028x\u0085y\ufeff"]


@pytest.fixture(scope="module")
def project_rdf(built_project: Project) -> Graph:
    return read_graph(built_project.turtle)


@pytest.fixture(scope="module")
def full(project_rdf: Graph) -> nx.MultiDiGraph:
    return network.to_networkx(project_rdf)


@pytest.fixture(scope="module")
def project_page(
    browser: Any,
    project_rdf: Graph,
    tmp_path_factory: pytest.TempPathFactory,
) -> Page:
    target = view.write_html(project_rdf, tmp_path_factory.mktemp("filters") / "revkg.html")
    return open_page(browser, target)


@pytest.fixture(scope="module")
def essays(full: nx.MultiDiGraph) -> list[str]:
    return sorted({e for _, d in full.nodes(data=True) for e in d["essays"]})


def _drawn_by_python(g: nx.MultiDiGraph) -> tuple[set[str], Counter]:
    edges = Counter((u, v, d["relation"], d["time"]) for u, v, d in g.edges(data=True))
    return set(g), edges


def _drawn_by_page(p: Page) -> tuple[set[str], Counter]:
    nodes, edges = p.page.evaluate(
        """(() => {
          const body = window.revkg.network.body, ns = window.revkg.nodes, es = window.revkg.edges;
          const iri = (id) => ns.get(id).iri;
          return [body.nodeIndices.map(iri), body.edgeIndices.map((id) => {
            const e = es.get(id);
            return [iri(e.from), iri(e.to), e.relation, e.time];
          })];
        })()"""
    )
    return set(nodes), Counter(tuple(e) for e in edges)


def _filter_in_page(p: Any, case: dict[str, Any], n_essays: int) -> None:
    p.click("#reset")
    for kind, names in (("type", TYPES), ("layer", ("curated", "extracted"))):
        chosen = case.get(f"{kind}s")
        for name in names:
            if chosen and name not in chosen:
                p.uncheck(f"input[name={kind}-{name}]")
    for i in range(n_essays):
        if "essays" in case and i not in case["essays"]:
            p.uncheck(f"input[name=essay-{i}]")
    for key in ("since", "until"):
        if key in case:
            p.fill(f"#{key}", str(case[key]))
            p.dispatch_event(f"#{key}", "input")
    if case.get("keep_undated"):
        p.check("#undated")  # with a range, both leave the undated out unless told to keep them
    if "focus" in case:
        p.fill("#search", case["focus"])
        p.press("#search", "Enter")
        p.fill("#hops", str(case["hops"]))
        p.click("#focus")


@pytest.mark.parametrize("name", list(CASES))
def test_python_and_the_page_filter_alike(
    name: str, project_page: Page, full: nx.MultiDiGraph, essays: list[str]
) -> None:
    case = CASES[name]
    options = dict(case)
    if "essays" in case:
        options["essays"] = [essays[i] for i in case["essays"]]
    expected = _drawn_by_python(view.select(full, **options))
    _filter_in_page(project_page.page, case, len(essays))
    drawn = _drawn_by_page(project_page)
    assert drawn[0] == expected[0]
    assert drawn[1] == expected[1]
    assert expected[0], "every case draws something"
    assert project_page.errors == []


def test_the_cases_tell_apart(full: nx.MultiDiGraph, essays: list[str]) -> None:
    """Each filter in the cases leaves something out, so agreeing means something."""
    everything = (len(full), full.number_of_edges())
    for name, case in CASES.items():
        if name in ("everything", "every essay"):
            continue
        options = dict(case)
        if "essays" in case:
            options["essays"] = [essays[i] for i in case["essays"]]
        drawn = view.select(full, **options)
        assert (len(drawn), drawn.number_of_edges()) != everything, name


@pytest.mark.parametrize("name", NAMES)
def test_find_picks_what_show_picks(name: str, project_page: Page, project_rdf: Graph) -> None:
    page = project_page
    expected = str(lookup.find_entity(project_rdf, name).iri)
    page.page.click("#reset")
    page.page.fill("#search", name)
    page.page.press("#search", "Enter")
    (selected,) = page.page.evaluate("window.revkg.network.getSelectedNodes()")
    assert page.page.evaluate(f"window.revkg.nodes.get({selected}).iri") == expected


def test_the_page_folds_names_as_python_does(project_page: Page) -> None:
    page = project_page
    for text in FOLDED + NAMES:
        assert page.page.evaluate("(s) => window.revkg.fold(s)", text) == lookup.fold(text)
