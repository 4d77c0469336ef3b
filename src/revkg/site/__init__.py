"""Pages for readers: one per entity, one per essay, and an index, served or written.

    site = read_site(project)                   the graph read once, with its essays
    site = Site(graph, documents, details)      ... or from a graph and essays at hand
    render.entity_page(site, entity)            an entity's page (HTML)
    render.essay_page(site, doc_id)             an essay with its paragraphs numbered,
                                                its quotes anchored, its names linked
    static.write_site(site, outdir)             every page as files, for file:// or a host
    app.Pages(site)                             the pages by content negotiation (WSGI),
                                                for ``revkg serve``

An entity's IRI ``https://w3id.org/revkg/person/gavril-myasnikov`` has its page at
``person/gavril-myasnikov.html``, an essay's at ``essay/<id>.html``; every link between
pages is relative, so the same pages work served, from a static host and from disk.
Pages come from the read-side records (``graph.records``, ``graph.timeline``), never
from SPARQL of their own.
"""

from __future__ import annotations

from .content import Site, read_site

__all__ = ["Site", "read_site"]
