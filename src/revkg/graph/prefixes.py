"""revkg's prefixes for a built graph: ``rk:`` and the standard ones never move, the
instance ones (``person:``, ``org:``, ``essay:``...) sit under the base IRI the graph was
built with, which readers take from the graph itself (its essays' IRIs), not from the
project's settings: a graph built with $REVKG_BASE_IRI reads back with its own prefixes.
"""

from __future__ import annotations

from rdflib import RDF, Graph

from .. import vocab


def prefixes_for(essay: object) -> dict[str, str]:
    """revkg's prefixes for a graph holding an essay with the IRI ``essay``
    (``{base}essay/{id}``, or the namespace ``{base}essay/``): the instance prefixes under
    that base; revkg's own when ``essay`` is None or not of that form."""
    base, found, _ = str(essay or "").rpartition("essay/")
    return vocab.prefixes(base) if found and base.endswith(("/", "#")) else dict(vocab.PREFIXES)


def graph_prefixes(graph: Graph) -> dict[str, str]:
    """revkg's prefixes under the base IRI ``graph`` was built with (read from its essays)."""
    return prefixes_for(min(map(str, graph.subjects(RDF.type, vocab.RK.Document)), default=None))
