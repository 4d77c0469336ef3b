"""The network page as text: offline, escaped, deterministic; and inline for Jupyter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from revkg.network import page as view

from .browser_fixtures import small_graph

EVIL_LABEL = "Evil <script>alert(1)</script> Myasnikov"
EVIL_QUOTE = 'Said <img src=x onerror="alert(2)"> & </script><script>alert(3)</script>'


@pytest.fixture(scope="module")
def page() -> str:
    return view.to_html(small_graph())


@pytest.fixture(scope="module")
def evil_page() -> str:
    return view.to_html(small_graph(label=EVIL_LABEL, quote=EVIL_QUOTE))


def test_script_json_cannot_close_the_script() -> None:
    text = view.script_json({"q": "</script><b>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"q": "</script><b>&\u2028"}


def test_graph_text_never_becomes_markup(evil_page: str) -> None:
    assert "<script>alert" not in evil_page
    assert "<img" not in evil_page
    assert "onerror" in evil_page  # the text is there, as JSON-escaped data
    data = _data(evil_page)
    labels = {n["label"] for n in data["nodes"]}
    assert EVIL_LABEL in labels
    quotes = {ev["quote"] for e in data["edges"] for ev in e["ev"]}
    assert EVIL_QUOTE in quotes


def test_page_is_offline(page: str) -> None:
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=", page, re.I)
    assert "cdn" not in page.lower().replace("cdnjs.cloudflare", "")
    assert "default-src 'none'" in page
    assert "vis-network" in page  # the library itself is inlined


def test_only_our_three_scripts(page: str) -> None:
    assert len(re.findall(r"^<script", page, re.M)) == 3


def test_same_graph_same_bytes() -> None:
    assert view.to_html(small_graph()) == view.to_html(small_graph())


def test_page_data_shapes_the_network(page: str) -> None:
    data = _data(page)
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 8
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) for n in data["nodes"])
    extracted = [e for e in data["edges"] if e["layer"] == "extracted"]
    assert extracted and all(e["dashes"] for e in extracted)
    assert not any(e.get("dashes") for e in data["edges"] if e["layer"] == "curated")
    parallel = [e for e in data["edges"] if "smooth" in e]
    assert len(parallel) == 1  # the second of two relations between the same pair curves
    assert data["meta"]["years"] == [1889, 1923]


def test_focus_and_filters_select_before_drawing() -> None:
    rdf = small_graph()
    assert len(view.select(rdf, focus="Urals", hops=1)) == 2
    assert {d["type"] for _, d in view.select(rdf, types=["place"]).nodes(data=True)} == {"place"}
    chain = view.select(rdf, between=("Urals", "Lenin"))
    assert sorted(d["label"] for _, d in chain.nodes(data=True)) == [
        "Gavril Myasnikov",
        "Urals",
        "Vladimir Lenin",
    ]


def test_write_html(tmp_path: Path) -> None:
    target = view.write_html(small_graph(), tmp_path / "graph" / "revkg.html", focus="Lenin")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(target.parent.glob(".*.tmp"))


def test_inline_view_is_an_iframe_with_the_page() -> None:
    shown = view.inline_view(small_graph(label=EVIL_LABEL), focus="Myasnikov", hops=1)
    markup = shown._repr_html_()
    assert markup.startswith("<iframe srcdoc=")
    assert "<script" not in markup  # all of the page is escaped into the attribute
    assert "&lt;script" in markup


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="revkg-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))
