"""``revkg site``: every entity and essay page as a static site that works offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import project, say


def register(app: typer.Typer) -> None:
    app.command("site")(site_cmd)


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
    essay (numbered paragraphs, quotes anchored, names linked) and an index. A site
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
