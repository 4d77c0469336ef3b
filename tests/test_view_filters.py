"""The page's filters and Find agree with Python's: the same cases, run through
``page.select`` / ``lookup`` and through the page in headless Chromium, draw the same.

On the page, what counts is what vis-network draws (the nodes and edges in its body),
not the page's own counters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from revkg.graph import lookup
from revkg.graph.load import read_graph
from revkg.network import page as view
from revkg.network import projection as network
from revkg.project import Project

from .browser_fixtures import Page, browser, open_page  # noqa: F401

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
    "1921 without undated": {"since": 1921, "until": 1921, "undated": False},
    "people of one essay in 1900-1930": {
        "types": ["person"],
        "essays": [1],
        "since": 1900,
        "until": 1930,
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
def graph(built_project: Project) -> Graph:
    return read_graph(built_project.turtle)


@pytest.fixture(scope="module")
def full(graph: Graph) -> nx.MultiDiGraph:
    return network.to_networkx(graph)


@pytest.fixture(scope="module")
def page(browser: Any, graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Page:  # noqa: F811
    target = view.write_html(graph, tmp_path_factory.mktemp("filters") / "revkg.html")
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
    if case.get("undated") is False:
        p.uncheck("#undated")
    if "focus" in case:
        p.fill("#search", case["focus"])
        p.press("#search", "Enter")
        p.fill("#hops", str(case["hops"]))
        p.click("#focus")


@pytest.mark.parametrize("name", list(CASES))
def test_python_and_the_page_filter_alike(
    name: str, page: Page, full: nx.MultiDiGraph, essays: list[str]
) -> None:
    case = CASES[name]
    options = dict(case)
    if "essays" in case:
        options["essays"] = [essays[i] for i in case["essays"]]
    expected = _drawn_by_python(view.select(full, **options))
    _filter_in_page(page.page, case, len(essays))
    drawn = _drawn_by_page(page)
    assert drawn[0] == expected[0]
    assert drawn[1] == expected[1]
    assert expected[0], "every case draws something"
    assert page.errors == []


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
def test_find_picks_what_show_picks(name: str, page: Page, graph: Graph) -> None:
    expected = str(lookup.find_entity(graph, name).iri)
    page.page.click("#reset")
    page.page.fill("#search", name)
    page.page.press("#search", "Enter")
    (selected,) = page.page.evaluate("window.revkg.network.getSelectedNodes()")
    assert page.page.evaluate(f"window.revkg.nodes.get({selected}).iri") == expected


def test_the_page_folds_names_as_python_does(page: Page) -> None:
    for text in FOLDED + NAMES:
        assert page.page.evaluate("(s) => window.revkg.fold(s)", text) == lookup.fold(text)
