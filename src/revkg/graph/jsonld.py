"""The graph as JSON-LD, compacted with revkg's prefixes, for linked-data tools.

rdflib writes the JSON-LD; its ``@context`` is revkg's prefixes (``rk``, ``person``,
``stmt``, ``rdfs``...), so IRIs read as ``person:gavril-myasnikov`` and properties as
``rk:memberOf``. rdflib lists the nodes in no fixed order, so they are put in order
here (by ``@id``, each property's values sorted too): the same graph always gives the
same bytes. Every triple parses back: ``Graph().parse(path, format="json-ld")``.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph

from .. import vocab
from .prefixes import graph_prefixes


def context(prefixes: dict[str, str] | None = None) -> dict[str, str]:
    """The ``@context``: each of revkg's prefixes (``prefixes``, else revkg's own) and
    its namespace."""
    return dict(sorted((prefixes or vocab.PREFIXES).items()))


def to_jsonld(graph: Graph) -> str:
    """The graph as one JSON-LD document: ``{"@context": ..., "@graph": [node, ...]}``,
    its instance prefixes under the base IRI the graph was built with."""
    ctx = context(graph_prefixes(graph))
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    nodes = [_sorted_values(node) for node in _nodes(json.loads(text))]
    document = {"@context": ctx, "@graph": sorted(nodes, key=lambda n: n.get("@id", ""))}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _nodes(document: Any) -> list[dict[str, Any]]:
    """The node objects of compacted JSON-LD, whether rdflib wrote one node, many or none."""
    if isinstance(document, list):
        return [n for d in document for n in _nodes(d)]
    if "@graph" in document:
        return list(document["@graph"])
    node = {k: v for k, v in document.items() if k != "@context"}
    return [node] if node else []


def _sorted_values(node: dict[str, Any]) -> dict[str, Any]:
    def key(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    return {k: sorted(v, key=key) if isinstance(v, list) else v for k, v in node.items()}
