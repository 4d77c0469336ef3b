"""``revkg review confirm | merge | exclude NAME``: judge a provisional entity.

A provisional entity is named by its id (as the graph and ``revkg review`` show it) or
its name. confirm writes it to the curated files (type, id and description may be
given), merge adds the name as an alias of a registry entity, exclude lists the name
in graph/curated/excluded-names.yaml so that it is not proposed again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import EntityNotFound
from ._common import out, project, say

if TYPE_CHECKING:
    from ..extract.review import Selection
    from ..model import Entity


def provisional_of(selection: Selection, registry: dict[str, Entity]) -> list[Entity]:
    from ..extract.review import admitted_entities

    return sorted(admitted_entities(selection, registry).values(), key=lambda e: e.id)


def find(provisional: list[Entity], name: str) -> Entity:
    """The provisional entity with this id or name (case ignored)."""
    from ..text import name_key

    for e in provisional:
        if name in (e.id, e.label) or name_key(name) == name_key(e.label):
            return e
    raise EntityNotFound(name, [e.id for e in provisional][:5])


def judge(
    action: str,
    entity: Entity,
    kind: str | None,
    ident: str | None,
    into: str | None,
    description: str,
    note: str,
) -> None:
    """Carry out confirm, merge or exclude for one provisional entity."""
    from .. import vocab
    from ..model import Entity as Curated
    from ..sources import edit

    proj = project()
    if kind is not None:
        known = {t.casefold(): t for t in vocab.ENTITY_TYPES}
        if kind.casefold() not in known:
            import typer

            raise typer.BadParameter(f"one of {', '.join(known.values())}", param_hint="--type")
        kind = known[kind.casefold()]
    if action == "confirm":
        chosen = Curated(
            ident or entity.id,
            kind or entity.type,
            entity.label,
            description or f"{entity.label}, named in {entity.description.split(' in ')[-1]}",
        )
        path = edit.add_entity(proj.curated_dir, chosen)
    elif action == "merge":
        if not into:
            import typer

            raise typer.BadParameter("say which entity: --into ENTITY_ID", param_hint="merge")
        path = edit.add_alias(proj.curated_dir, into, entity.label)
    else:
        path = edit.add_exclusion(proj.curated_dir, entity.label, note)
    say(f"{action}: {entity.label!r}; wrote {proj.relative(path)}. Run `revkg build` to see it.")


def print_provisional(provisional: list[Entity], essay: str | None) -> None:
    """One line per provisional entity (of one essay with ``essay``)."""
    shown = [e for e in provisional if essay is None or essay in e.description]
    for e in shown:
        out.print(f"new name  {e.id}  {e.label} ({e.type.lower()}) — {e.description}")
    if shown:
        say(
            f"{len(shown)} provisional entities: revkg review confirm|merge|exclude NAME "
            "(merge with --into ENTITY_ID)"
        )
