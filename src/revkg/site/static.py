"""The pages as a folder of files: ``revkg site OUTDIR``.

    OUTDIR/index.html                      entities by type, and the essays
    OUTDIR/person/gavril-myasnikov.html    one page per entity (as ``revkg serve`` sends)
    OUTDIR/person/gavril-myasnikov.ttl     ... and its RDF, as Turtle and JSON-LD
    OUTDIR/essay/gavril-myasnikov.html     one page per essay, quotes anchored
    OUTDIR/search.html                     the search box's page: searches the essays'
                                           sentences in the browser, from
    OUTDIR/assets/search-index.js          ... the sentences, their essays, paragraphs
                                           and the entities they name
    OUTDIR/assets/site.css, site.js        the pages' style and small scripts
    OUTDIR/assets/search.js

Every link is relative, so the folder works opened from disk (``file://``) and from any
static host, with no network. The folder is written whole and then swapped in
(``files.replace_folder``): a failure leaves the previous site as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..files import replace_folder
from .content import Site, entity_path, essay_path
from .rdf import FORMATS, serialize
from .render import ASSETS, DEFAULT_TITLE, asset, entity_page, essay_page, index_page, search_page
from .searchindex import PATH as SEARCH_INDEX
from .searchindex import index_script

#: The file that marks a folder as written by ``revkg site`` (and so safe to replace).
MARK = ".revkg-site"


def site_files(site: Site, *, title: str = DEFAULT_TITLE, rdf: bool = True) -> dict[str, str]:
    """Every file of the site: its path relative to the site's root -> its text."""
    found = {"index.html": index_page(site, title=title)}
    found |= {f"assets/{name}": asset(name) for name in ASSETS}
    found["search.html"] = search_page(offline=True, title=title)
    found[SEARCH_INDEX] = index_script(site)
    for entity in site.records.entities:
        path = entity_path(entity)
        found[path] = entity_page(site, entity, title=title, rdf=rdf)
        if rdf:
            for fmt, (suffix, _) in FORMATS.items():
                found[f"{path.removesuffix('.html')}.{suffix}"] = serialize(
                    site.graph, entity.iri, fmt
                )
    for essay in site.essays.values():
        found[essay_path(essay.id)] = essay_page(site, essay, title=title)
    return found


def write_site(
    site: Site, outdir: Path, *, title: str = DEFAULT_TITLE, rdf: bool = True
) -> dict[str, str]:
    """Write the site into ``outdir`` (replacing a site written there before); the files."""
    found = site_files(site, title=title, rdf=rdf)
    replace_folder(outdir, found, mark=MARK)
    return found
