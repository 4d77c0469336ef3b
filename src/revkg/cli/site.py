"""``revkg site``: every entity and essay page as a static site that works offline;
``revkg cite``: how to cite the quotes behind an entity's facts."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._common import out, project, say


class CiteFormat(StrEnum):
    """--format of ``revkg cite``."""

    TEXT = "text"
    BIBTEX = "bibtex"
    CSL = "csl"


def register(app: typer.Typer) -> None:
    app.command("site")(site_cmd)
    app.command("cite")(cite_cmd)


def site_cmd(
    outdir: Annotated[Path, typer.Argument(help="The folder to write, e.g. site.")],
    no_rdf: bool = typer.Option(
        False, "--no-rdf", help="Leave out each entity's Turtle and JSON-LD files."
    ),
    open_page: bool = typer.Option(False, "--open", help="Open the index in a web browser."),
) -> None:
    """Write the entity and essay pages as a static site: open OUTDIR/index.html from
    disk or put the folder on any web host; nothing is loaded from elsewhere.

    One page per entity (its facts in time order, with quotes and citations), one per
    essay (numbered paragraphs, quotes anchored, names linked), an index, and a search
    box on every page that searches the essays' sentences in the browser. A site
    written before in OUTDIR is replaced whole; a folder holding other files is refused.

    Example: revkg site site --open
    """
    from ..site import read_site
    from ..site.static import write_site

    proj = project()
    site = read_site(proj)
    write_site(site, outdir, rdf=not no_rdf)
    entities, essays = len(site.records.entities), len(site.essays)
    say(f"wrote {entities} entity pages and {essays} essay pages to {outdir}/")
    index = outdir / "index.html"
    if open_page:
        from .view import _open

        _open(index)
    else:
        say(f"open {index} in a web browser")


def cite_cmd(
    name: str = typer.Argument(..., help="A label or alias, e.g. 'Myasnikov'."),
    fmt: Annotated[
        CiteFormat, typer.Option("--format", "-f", help="Plain text, BibTeX or CSL-JSON.")
    ] = CiteFormat.TEXT,
) -> None:
    """Citations of the quotes behind an entity's facts, in time order: essay, author,
    date and URL (from seeds/manifest.yaml, when it gives them), paragraph, quote and the
    fact's IRI. The same citations are in the cite blocks of the entity's page.

    Example: revkg cite myasnikov --format bibtex
    """
    from ..graph.lookup import find_entity
    from ..site import read_site
    from ..site.entity import entity_view

    site = read_site(project())
    view = entity_view(site, find_entity(site.records, name))
    citations = [q.citation for fact in view.facts for q in fact.quotes]
    if fmt is CiteFormat.CSL:
        out.print(json.dumps([c.csl() for c in citations], ensure_ascii=False, indent=2))
    else:
        shown = [c.bibtex() if fmt is CiteFormat.BIBTEX else c.plain() for c in citations]
        out.print("\n\n".join(shown))
    say(f"{len(citations)} citation{'s' if len(citations) != 1 else ''}")
