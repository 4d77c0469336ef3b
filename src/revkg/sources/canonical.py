"""The canonical form of the curated files: fixed key order, sorted, diff-friendly.

``revkg format`` writes it; a test checks that the committed files are in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import CuratedFileError
from ..model import Document, Entity, Statement
from ..text import find_quotes
from .curated import STATEMENTS_DIR, entity_files, load_curated


def entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "label": entity.label}
    if entity.aliases:
        record["aliases"] = list(entity.aliases)
    if entity.misspellings:
        record["misspellings"] = list(entity.misspellings)
    record["description"] = entity.description
    if entity.wikidata:
        record["wikidata"] = entity.wikidata
    if entity.note:
        record["note"] = entity.note
    return record


def statement_record(st: Statement) -> dict[str, Any]:
    record: dict[str, Any] = {"subject": st.subject, "predicate": st.predicate}
    if st.object is not None:
        record["object"] = st.object
    if st.value is not None:
        record["value"] = str(st.value)
    for key, date in (("date", st.point_in_time), ("start", st.start), ("end", st.end)):
        if date is not None:
            record[key] = date.iso()
    ev = st.evidence[0]
    if ev.quote is not None:
        record["quote"] = ev.quote
    if ev.occurrence is not None:
        record["occurrence"] = ev.occurrence
    if ev.note:
        record["note"] = ev.note
    return record


def dump(records: list[dict[str, Any]]) -> str:
    """Canonical YAML: fixed key order, block style, unicode kept, wide lines."""
    if not records:
        return "[]\n"
    return yaml.safe_dump(
        records, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def canonical_entities(entities: Iterable[Entity]) -> str:
    return dump([entity_record(e) for e in sorted(entities, key=lambda e: e.id)])


def canonical_statements(statements: Iterable[Statement], doc: Document | None) -> str:
    """Statements in the order their quotes appear in the essay."""

    def position(st: Statement) -> tuple[int, tuple[str, ...]]:
        ev = st.evidence[0]
        spans = find_quotes(doc.normalized, ev.quote) if doc and ev.quote else []
        which = (ev.occurrence or 1) - 1
        return (spans[which][0] if which < len(spans) else 10**9, st.key())

    return dump([statement_record(st) for st in sorted(statements, key=position)])


def canonical_files(curated_dir: Path, corpus: Mapping[str, Document]) -> dict[Path, str]:
    """What every curated file should contain, keyed by path. Raises on unparseable files."""
    data = load_curated(curated_dir)
    if data.report.errors:
        raise CuratedFileError(
            "the curated files have problems that formatting cannot fix; run `revkg validate`"
        )
    out: dict[Path, str] = {}
    for path, _type_name in entity_files(curated_dir):
        in_file = [e for e in data.entities if e.origin and Path(e.origin.file).name == path.name]
        out[path] = canonical_entities(in_file)
    for path in sorted((curated_dir / STATEMENTS_DIR).glob("*.yaml")):
        quoted = [st for st in data.statements if st.evidence[0].doc == path.stem]
        out[path] = canonical_statements(quoted, corpus.get(path.stem))
    return out
