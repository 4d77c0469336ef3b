"""Changes to the curated files that review makes: a new entity, an alias, an excluded name.

Each change is checked first (the id and the name are free, the entity exists), appended
to its file as the canonical form writes it, and the file is replaced atomically; the
rest of the file is left as it was. A change that would make the curated data invalid
raises :class:`CuratedFileError` and writes nothing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import files
from ..errors import CuratedFileError
from ..model import ID_PATTERN, Entity
from ..text import name_key
from .canonical import canonical_entities, dump
from .coverage import EXCLUSIONS_FILE
from .curated import ENTITY_FILES, load_curated, read_records


def _taken(curated_dir: Path) -> tuple[list[Entity], dict[str, Entity]]:
    data = load_curated(curated_dir)
    if data.report.errors:
        raise CuratedFileError(
            "the curated files have problems; run `revkg validate` and fix them first"
        )
    return data.entities, {name_key(n): e for e in data.entities for n in e.names()}


def add_entity(curated_dir: Path, entity: Entity) -> Path:
    """Add ``entity`` (with its aliases and Wikidata item, if any) to the curated file of its
    type, in canonical form; the file written."""
    entities, names = _taken(curated_dir)
    if not ID_PATTERN.match(entity.id):
        raise CuratedFileError(f"{entity.id!r}: an id is lower-case words joined by hyphens")
    if any(e.id == entity.id for e in entities):
        raise CuratedFileError(f"the id {entity.id!r} is taken; give another with --id")
    for name in entity.names():
        if name_key(name) in names:
            other = names[name_key(name)]
            raise CuratedFileError(
                f"{name!r} already names {other.id}; merge into it instead: "
                f"revkg review merge {name!r} --into {other.id}"
            )
    file = next(f for f, t in ENTITY_FILES.items() if t == entity.type)
    path = curated_dir / file
    new = Entity(
        entity.id,
        entity.type,
        entity.label,
        entity.description,
        aliases=entity.aliases,
        misspellings=entity.misspellings,
        note=entity.note,
        wikidata=entity.wikidata,
    )
    return _rewrite(path, [*_in_file(entities, path), new])


def add_alias(curated_dir: Path, entity_id: str, alias: str) -> Path:
    """Add ``alias`` to the entity ``entity_id`` in its curated file; the file written."""
    entities, names = _taken(curated_dir)
    entity = next((e for e in entities if e.id == entity_id), None)
    if entity is None or entity.origin is None:
        raise CuratedFileError(f"no curated entity has the id {entity_id!r}; see `revkg show`")
    if name_key(alias) in names:
        raise CuratedFileError(f"{alias!r} already names {names[name_key(alias)].id}")
    path = curated_dir / Path(entity.origin.file).name
    changed = dataclasses.replace(entity, aliases=(*entity.aliases, alias))
    kept = [changed if e.id == entity_id else e for e in _in_file(entities, path)]
    return _rewrite(path, kept)


def add_exclusion(curated_dir: Path, name: str, reason: str) -> Path:
    """List ``name`` in excluded-names.yaml with ``reason``; the file written."""
    path = curated_dir / EXCLUSIONS_FILE
    rows = read_records(path, str(path)) if path.exists() else []
    if any(name_key(str(r.get("name", ""))) == name_key(name) for r in rows):
        raise CuratedFileError(f"{name!r} is already listed in {EXCLUSIONS_FILE}")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    record = {"name": name, "reason": reason or "not an entity of this graph"}
    files.write_atomic(path, text + dump([record]))
    return path


def _in_file(entities: list[Entity], path: Path) -> list[Entity]:
    return [e for e in entities if e.origin and Path(e.origin.file).name == path.name]


def _rewrite(path: Path, entities: list[Entity]) -> Path:
    files.write_atomic(path, canonical_entities(entities))
    return path
