"""Find entities by name and list what the graph says about them, with evidence.

Pure functions over an rdflib Graph or its records (revkg.graph.records): used by
``revkg show``, by the Python API and by the notebooks.
"""

from __future__ import annotations

import difflib

from rdflib import Graph, URIRef

from .. import vocab
from ..errors import EntityNotFound
from ..model import Entity
from ..text import name_key
from .records import Fact, Records, read_entities, read_records


def entities(graph: Graph) -> tuple[Entity, ...]:
    """Every entity of the six entity types, sorted by label."""
    return read_entities(graph)


def find_entity(source: Graph | Records, name: str) -> Entity:
    """The entity whose label, alias, misspelling, id or IRI is ``name`` (any case).

    A label match wins over an alias match; several alias matches prefer people.
    Raises EntityNotFound with near matches when nothing fits.
    """
    known = source.entities if isinstance(source, Records) else read_entities(source)
    wanted = name_key(name)
    for pick in (
        lambda e: [e.label],
        lambda e: [*e.aliases, *e.misspellings],
        lambda e: [str(e.iri), e.id],
    ):
        hits = [e for e in known if wanted in {name_key(n) for n in pick(e)}]
        if hits:
            order = {t: i for i, t in enumerate(vocab.ENTITY_TYPES)}
            return sorted(hits, key=lambda e: order[e.type])[0]
    names = {name_key(n): n for e in known for n in (e.label, *e.aliases)}
    near = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    near += [names[k] for k in names if wanted in k and names[k] not in near][: 5 - len(near)]
    raise EntityNotFound(name, [names.get(k, k) for k in near])


def facts(graph: Graph, iri: URIRef) -> list[Fact]:
    """Every fact with the entity as subject or object, in time order."""
    return read_records(graph).about(iri)
