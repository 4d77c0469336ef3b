"""One palette: the network page, the entity pages, the query page and the notebooks all
colour entity types from revkg.palette."""

from __future__ import annotations

import re

import nbformat

from revkg.network import page
from revkg.palette import TYPE_COLOURS, colour, css_rules
from revkg.site.render import asset
from revkg.sparql import views

from .conftest import REPO

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_the_network_page_uses_the_palette():
    assert {t: c for t, (c, _) in page.TYPE_STYLE.items()} == TYPE_COLOURS


def test_the_entity_pages_drawings_use_the_palette():
    css = asset("site.css")
    for kind, value in TYPE_COLOURS.items():
        assert f"svg.network .t-{kind} circle {{ fill: {value}; }}" in css
    assert not set(HEX.findall(css_rules("{colour}"))) - set(TYPE_COLOURS.values())


def test_the_query_page_colours_things_by_the_palette():
    assert views.colour_of("https://w3id.org/revkg/organization/bolsheviks") == colour(
        "organization"
    )


def test_the_notebooks_hard_code_no_colours():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        code = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
        )
        assert not HEX.findall(code), f"{path.name}: take colours from revkg.palette"
        if path.stem in ("03_network", "04_timeline"):  # they colour entities by type
            assert "from revkg.palette import" in code
