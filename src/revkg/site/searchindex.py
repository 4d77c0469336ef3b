"""The static site's search index: ``assets/search-index.js``.

A page opened from disk (``file://``) may not ``fetch`` another file, so the index is a
script that assigns one JSON object to ``window.revkgSearchIndex``; the search page
(``search.html``) loads it beside ``assets/search.js``, which ranks the sentences in the
browser. The object holds, compactly:

    fold        the typography folding of revkg.text (curly quotes, dashes, odd spaces)
    essays      [page, title], one per essay
    entities    [label, page], one per entity named in a sentence
    sentences   [essay, paragraph, text, [entity, ...], quote anchor or "", quotes],
                the rows of ``revkg search`` (sentences one quote spans are one row),
                in the essays' order; ``essay`` and ``entity`` are numbers in the lists
                above, ``quotes`` how many quotes of the graph lie in the sentence
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Entity
from ..text import TYPOGRAPHY, printable
from .content import Site, entity_path, essay_path
from .search import first_quote, search_index

GLOBAL = "revkgSearchIndex"
PATH = "assets/search-index.js"


def index_data(site: Site) -> dict[str, Any]:
    """The index as a JSON-ready object (see the module's docstring)."""
    index = search_index(site)
    essays = {doc: n for n, doc in enumerate(index.documents)}
    entities: dict[str, tuple[int, Entity]] = {}
    rows = []
    for i, s in enumerate(index.rows):
        named = []
        for entity in index.names.find(s.text):
            named.append(entities.setdefault(entity.id, (len(entities), entity))[0])
        anchor = first_quote(site, s.doc, s.start, s.end) or ""
        rows.append(
            [essays[s.doc], s.paragraph, printable(s.text), named, anchor, index.cited.get(i, 0)]
        )
    return {
        "fold": TYPOGRAPHY,
        "essays": [[essay_path(doc), printable(d.title)] for doc, d in index.documents.items()],
        "entities": [[printable(e.label), entity_path(e)] for _, e in entities.values()],
        "sentences": rows,
    }


def index_script(site: Site) -> str:
    """``assets/search-index.js``: the index assigned to ``window.revkgSearchIndex``."""
    data = json.dumps(index_data(site), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    head = "// revkg's search index for search.html, written by `revkg site`\n"
    return f"{head}window.{GLOBAL} = {data};\n"
