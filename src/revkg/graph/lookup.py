"""Find entities by name and list what the graph says about them, with evidence.

``Names`` is the one name matcher: ``revkg show``, the API, ``revkg view --focus``
and the network page's Find box all use it (the page gets its data as JSON and
folds what is typed the same way, see ``fold`` and network/assets/view.js).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef

from .. import vocab
from ..errors import EntityNotFound
from ..model import Entity
from ..text import TYPOGRAPHY, normalize_string
from .records import Fact, Records, read_entities, read_records

#: How good a match on each kind of name is: labels first, then other names, ids, IRIs.
LABEL, OTHER_NAME, ID, IRI = range(4)
_TYPE_ORDER = {t.lower(): i for i, t in enumerate(vocab.ENTITY_TYPES)}

#: What the matcher reads about an entity: IRI, type, label, aliases, misspellings, id.
Named = tuple[str, str, str, Sequence[str], Sequence[str], str]


def fold(name: str) -> str:
    """How names are compared: accents, typography (curly quotes, dashes, odd spaces),
    runs of spaces and case are ignored."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", name) if not "\u0300" <= ch <= "\u036f"
    )
    return normalize_string(bare).lower()


@dataclass(frozen=True)
class Names:
    """Every name of every entity, folded, best match first.

    ``entries`` are (folded name, kind, IRI) sorted by kind (label, other name
    (alias or misspelling), id, IRI), then type (people first), then label: the
    first entry equal to a folded query is the entity it names.
    """

    entries: tuple[tuple[str, int, str], ...]
    shown: Mapping[str, str]  # folded label or alias -> as written, for suggestions

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> Names:
        return cls.build(
            (str(e.iri), e.type, e.label, e.aliases, e.misspellings, e.id) for e in entities
        )

    @classmethod
    def build(cls, named: Iterable[Named]) -> Names:
        """The matcher for entities given as (IRI, type, label, aliases, misspellings, id)."""
        ordered = sorted(named, key=lambda n: (n[2].casefold(), n[0]))
        entries: dict[tuple[str, int, str], tuple[int, int, int]] = {}
        shown: dict[str, str] = {}
        for i, (iri, type_, label, aliases, misspellings, entity_id) in enumerate(ordered):
            kinds = (
                (LABEL, [label]),
                (OTHER_NAME, [*aliases, *misspellings]),
                (ID, [entity_id]),
                (IRI, [iri]),
            )
            for kind, names in kinds:
                for name in names:
                    entries[(fold(name), kind, iri)] = (kind, _TYPE_ORDER.get(type_.lower(), 9), i)
            shown |= {fold(name): name for name in (label, *aliases)}
        return cls(tuple(sorted(entries, key=entries.__getitem__)), shown)

    def find(self, name: str) -> str:
        """The IRI of the entity called ``name``; EntityNotFound with near matches if none."""
        wanted = fold(name)
        for key, _, iri in self.entries:
            if key == wanted:
                return iri
        near = difflib.get_close_matches(wanted, list(self.shown), n=5, cutoff=0.6)
        near += [k for k in self.shown if wanted in k and k not in near][: 5 - len(near)]
        raise EntityNotFound(name, [self.shown[k] for k in near])

    def page_data(self, ids: Mapping[str, int]) -> dict[str, Any]:
        """What the page's Find needs: the folding table, and the names of the entities
        drawn (by their number on the page), best first; IRIs are left out."""
        return {
            "fold": TYPOGRAPHY,
            "names": [
                [key, kind, ids[iri]]
                for key, kind, iri in self.entries
                if kind < IRI and iri in ids
            ],
        }


def entities(graph: Graph) -> tuple[Entity, ...]:
    """Every entity of the six entity types, sorted by label."""
    return read_entities(graph)


def find_entity(source: Graph | Records, name: str) -> Entity:
    """The entity whose label, alias, misspelling, id or IRI is ``name`` (any case).

    A label match wins over an alias match; several alias matches prefer people.
    Raises EntityNotFound with near matches when nothing fits.
    """
    known = source.entities if isinstance(source, Records) else read_entities(source)
    iri = Names.of(known).find(name)
    return next(e for e in known if str(e.iri) == iri)


def facts(graph: Graph, iri: URIRef) -> list[Fact]:
    """Every fact with the entity as subject or object, in time order."""
    return read_records(graph).about(iri)
