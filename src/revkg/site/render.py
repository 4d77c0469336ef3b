"""The pages as HTML, from Jinja2 templates with autoescaping (``site/templates``).

Each page gets ``root``, the relative way back to the site's root (``../`` from an
entity or essay page), and links everything through it: the same page works served
by ``revkg serve``, from a static host and opened from disk.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

import jinja2

from .. import vocab
from ..model import Entity
from ..palette import css_rules
from .content import Essay, Site, entity_path, essay_path
from .entity import entity_view
from .essay import essay_view
from .search import LIMIT, ResultView

#: Headings of the index's groups, one per entity type, in the vocabulary's order.
GROUPS = {
    "Person": "People",
    "Work": "Works",
    "Organization": "Organizations",
    "Event": "Events",
    "Place": "Places",
    "Concept": "Concepts",
}
ASSETS = ("site.css", "site.js", "search.js")
DEFAULT_TITLE = "The revkg graph"


def entity_page(site: Site, entity: Entity, *, title: str = DEFAULT_TITLE, rdf: bool = True) -> str:
    """An entity's page; ``rdf`` links its Turtle and JSON-LD beside it."""
    view = entity_view(site, entity, root="../")
    return _render("entity.html", root="../", site_title=title, view=view, rdf=rdf)


def essay_page(site: Site, essay: Essay, *, title: str = DEFAULT_TITLE) -> str:
    view = essay_view(site, essay, root="../")
    return _render("essay.html", root="../", site_title=title, view=view)


def index_page(site: Site, *, title: str = DEFAULT_TITLE) -> str:
    groups = [
        (GROUPS.get(t, t), [e for e in site.records.entities if e.type == t])
        for t in vocab.ENTITY_TYPES
    ]
    return _render(
        "index.html",
        root="",
        site_title=title,
        groups=[(heading, found) for heading, found in groups if found],
        essays=list(site.essays.values()),
        entity_path=entity_path,
        essay_path=essay_path,
    )


def not_found_page(
    path: str, suggestions: Sequence[tuple[str, str]], *, root: str, title: str = DEFAULT_TITLE
) -> str:
    """A page for an address with no entity or essay: near names, and the way to the index."""
    return _render(
        "not_found.html", root=root, site_title=title, path=path, suggestions=suggestions
    )


def search_page(
    query: str = "",
    results: Sequence[ResultView] | None = None,
    *,
    error: str = "",
    offline: bool = False,
    title: str = DEFAULT_TITLE,
) -> str:
    """The search page (at the site's root): the box, and the hits or why there are none.
    ``offline``: the static site's page, whose script searches ``assets/search-index.js``."""
    return _render(
        "search.html",
        root="",
        site_title=title,
        query=query,
        results=results,
        error=error,
        offline=offline,
        limit=LIMIT,
    )


def asset(name: str) -> str:
    """The text of one of the pages' style or script files; the style takes its type
    colours from the one palette (revkg.palette)."""
    text = resources.files("revkg.site").joinpath("assets", name).read_text(encoding="utf-8")
    if name == "site.css":
        text += css_rules("svg.network .t-{type} circle { fill: {colour}; }")
    return text


def _render(template: str, **values: object) -> str:
    return _templates().get_template(template).render(**values)


@functools.cache
def _templates() -> jinja2.Environment:
    loader = jinja2.PackageLoader("revkg.site", "templates")
    return jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
