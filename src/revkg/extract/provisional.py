"""Provisional entities: names the registry lacks, kept with the facts extraction admits.

A fact whose subject or object is a name no curator has judged is not dropped: the
name becomes a *provisional* entity in the extracted layer (``rk:provisional true``),
with the type extraction guessed, the name as its label and, as its description, where
it was found. It is never merged with a registry entity on its own: ``revkg review
confirm`` writes it to the curated files, ``revkg review merge`` adds the name as an
alias of an existing entity, and ``revkg review exclude`` lists it in
``graph/curated/excluded-names.yaml`` so that it is not proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import vocab
from ..model import ID_PATTERN, Entity, slugify
from ..text import name_key
from .mentions import Mention
from .records import Candidate


def new_key(m: Mention) -> str:
    """How mentions of one new name are grouped: the name, case and typography ignored."""
    return name_key(m.label or m.text)


def provisional_entities(
    candidates: Iterable[Candidate], registry: Mapping[str, Entity]
) -> dict[str, Entity]:
    """Name key -> provisional entity, for every new name at an end of ``candidates``.

    Ids are the name's slug, with ``-2``, ``-3`` ... when a registry entity or another
    new name already has it; the type is the one most mentions were given."""
    mentions: dict[str, list[tuple[str, Mention]]] = {}
    for c in candidates:
        for m in (c.subject, c.object):
            if m.via == "new" and m.entity is None:
                mentions.setdefault(new_key(m), []).append((c.doc, m))
    taken = set(registry)
    base = next(iter(registry.values())).base if registry else vocab.BASE_IRI
    out: dict[str, Entity] = {}
    for key in sorted(mentions):
        found = mentions[key]
        label = min((m.label for _, m in found), key=lambda s: (-len(s), s))
        types = sorted(m.type for _, m in found)
        kind = max(set(types), key=lambda t: (types.count(t), t))
        ident = _free_id(slugify(label) or "name", taken)
        taken.add(ident)
        essays = ", ".join(sorted({doc for doc, _ in found}))
        out[key] = Entity(
            ident,
            kind,
            label,
            description=f"A name extraction found in {essays}; not yet curated.",
            base=base,
            provisional=True,
        )
    return out


def _free_id(base: str, taken: set[str]) -> str:
    if not ID_PATTERN.match(base):
        base = "name"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident
