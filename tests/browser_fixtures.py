"""Graphs and a headless browser for the network page's tests and benchmark.

Synthetic graphs are built from revkg's own records (Entity, Statement,
Evidence) through rdf.build_dataset, so they have exactly the shape of a real
build. The browser is Debian's Chromium driven by Playwright, with every request
that is not the page itself aborted and recorded.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from revkg import vocab
from revkg.graph.assemble import build_dataset, union_graph
from revkg.model import Date, Document, Entity, Evidence, Statement

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"

ESSAYS = {
    "gavril-myasnikov": "Gavril Myasnikov and the Workers Group",
    "state-and-revolution": "State and Revolution: 100 years later",
}
TEXT = "Myasnikov joined the Bolsheviks in 1906. He was expelled in 1922. "


def documents() -> list[Document]:
    return [Document(k, v, f"seeds/{k}.txt", TEXT * 4) for k, v in ESSAYS.items()]


def _fact(
    subject: str,
    predicate: str,
    obj: str | None,
    quote: str,
    *,
    doc: str = "gavril-myasnikov",
    extracted: bool = False,
    **dates: Date,
) -> Statement:
    """One fact with one piece of evidence: curated, or found by a test rule."""
    if extracted:
        evidence = Evidence(doc, quote, 0, len(quote), "extracted", "test-rule", 0.7)
    else:
        evidence = Evidence(doc, quote, 0, len(quote))
    return Statement(subject, predicate, obj, evidence=(evidence,), **dates)


def small_graph(*, label: str = "Gavril Myasnikov", quote: str | None = None) -> Graph:
    """Six entities, one of each type, with curated and extracted, dated and undated facts."""
    q = quote or "Myasnikov joined the Bolsheviks in 1906."
    ents = [
        Entity(
            "gavril-myasnikov",
            "Person",
            label,
            "Metal worker from the Urals.",
            ("Myasnikov", "Miasnikov"),
        ),
        Entity("vladimir-lenin", "Person", "Vladimir Lenin", "Bolshevik leader.", ("Lenin",)),
        Entity("bolsheviks", "Organization", "Bolsheviks", "The party.", ("Bolshevik Party",)),
        Entity("workers-group", "Organization", "Workers Group", "Opposition group."),
        Entity("manifesto", "Work", "Manifesto of the Workers Group", "A pamphlet."),
        Entity("kronstadt", "Event", "Kronstadt rebellion", "Sailors' revolt."),
        Entity("urals", "Place", "Urals", "Mountain region."),
        Entity("workers-democracy", "Concept", "Workers' democracy", "An idea."),
    ]
    sts = [
        _fact("gavril-myasnikov", "memberOf", "bolsheviks", q, start=Date(1906), end=Date(1922)),
        _fact(
            "gavril-myasnikov",
            "expelledFrom",
            "bolsheviks",
            "He was expelled in 1922.",
            point_in_time=Date(1922),
        ),
        _fact(
            "gavril-myasnikov",
            "founded",
            "workers-group",
            "founded the Workers Group",
            extracted=True,
            point_in_time=Date(1923),
        ),
        _fact("gavril-myasnikov", "bornIn", "urals", "born in the Urals"),
        _fact("gavril-myasnikov", "birthDate", None, "born in 1889", value=Date(1889)),
        _fact("gavril-myasnikov", "authored", "manifesto", "wrote the Manifesto"),
        _fact(
            "vladimir-lenin",
            "led",
            "bolsheviks",
            "Lenin led the Bolsheviks",
            doc="state-and-revolution",
        ),
        _fact(
            "vladimir-lenin",
            "correspondedWith",
            "gavril-myasnikov",
            "Lenin wrote to Myasnikov",
            point_in_time=Date(1921),
        ),
        _fact(
            "manifesto",
            "advocated",
            "workers-democracy",
            "argued for workers' democracy",
            extracted=True,
        ),
        _fact(
            "kronstadt",
            "date",
            None,
            "in March 1921",
            doc="state-and-revolution",
            value=Date(1921, 3, precision="month"),
        ),
    ]
    return union_graph(build_dataset(documents(), ents, sts))


def synthetic_graph(n: int, *, seed: int = 1, edges_per_node: float = 2.0) -> Graph:
    """``n`` entities of all six types joined by about ``edges_per_node * n`` dated facts."""
    rnd = random.Random(seed)
    types = vocab.ENTITY_TYPES
    ents = [
        Entity(
            f"e{i}", types[i % len(types)], f"Entity {i}", f"Synthetic entity {i}.", (f"alias {i}",)
        )
        for i in range(n)
    ]
    ents[0] = Entity(
        "gavril-myasnikov", "Person", "Gavril Myasnikov", "A metal worker.", ("Myasnikov",)
    )
    props = [p for p in vocab.PROPERTIES if not p.literal]
    sts = []
    for _ in range(int(n * edges_per_node)):
        a = rnd.randrange(n)
        b = min(int(rnd.paretovariate(1.2)) - 1, n - 1) if rnd.random() < 0.5 else rnd.randrange(n)
        if a == b:
            continue
        prop = rnd.choice(props)
        year = rnd.randrange(1880, 1960)
        method = rnd.random() < 0.3
        quote = f"quote {a} {prop.name} {b}"
        sts.append(
            _fact(
                ents[a].id, prop.name, ents[b].id, quote, extracted=method, point_in_time=Date(year)
            )
        )
    return union_graph(build_dataset(documents(), ents, sts))


@dataclass
class Page:
    """An open page with what the browser logged and what it tried to fetch."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def require_chromium() -> None:
    """Skip (on a developer's machine) or fail (in CI) when Chromium is missing."""
    if CHROMIUM.exists():
        return
    message = (
        "Chromium is not installed at /usr/bin/chromium; install it with "
        "`sudo apt-get install -y chromium` to run the browser tests."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_offline(browser: Any, path: Path, *, width: int = 1400, height: int = 900) -> Page:
    """Load a page file with every request that is not a local file refused (and noted)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    result = Page(page)

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            result.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    page.goto(path.as_uri())
    return result


def open_page(browser: Any, path: Path, *, width: int = 1400, height: int = 900) -> Page:
    """Load a page file offline and wait until the network has drawn."""
    result = open_offline(browser, path, width=width, height=height)
    result.page.wait_for_function("window.revkgReady === true", timeout=60_000)
    return result
