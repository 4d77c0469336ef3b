"""Load, check and canonically write the hand-curated data in graph/curated/.

Layout (the source of truth, edited by people and reviewed in diffs)::

    graph/curated/people.yaml          entities, one file per type, sorted by id
                                       (a type may be split: people.yaml, people.*.yaml)
    graph/curated/works.yaml
    graph/curated/organizations.yaml
    graph/curated/events.yaml
    graph/curated/places.yaml
    graph/curated/concepts.yaml
    graph/curated/statements/<essay-id>.yaml   facts quoted from that essay

YAML is read with the safe loader (no object construction from tags), and every
record remembers the line it starts on so problems can be reported as
``file:line``. ``revkg format`` rewrites the files in canonical form.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .. import files, vocab
from ..errors import CuratedFileError, InvalidDate
from ..model import ID_PATTERN, Date, Document, Entity, Evidence, Origin, Statement
from ..project import Project
from ..report import Report
from ..text import find_quote

ENTITY_FILES: dict[str, str] = {
    "people.yaml": "Person",
    "works.yaml": "Work",
    "organizations.yaml": "Organization",
    "events.yaml": "Event",
    "places.yaml": "Place",
    "concepts.yaml": "Concept",
}
STATEMENTS_DIR = "statements"
ENTITY_KEYS = ("id", "label", "aliases", "misspellings", "description", "note")
STATEMENT_KEYS = (
    "subject",
    "predicate",
    "object",
    "value",
    "date",
    "start",
    "end",
    "quote",
    "note",
)
LINE = "__line__"  # the key under which each record keeps its line number


@dataclass
class CuratedData:
    """Everything read from graph/curated/, with the problems found while reading."""

    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    report: Report = field(default_factory=Report)


class _LineLoader(files.SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, recording the line where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_records(path: Path, shown: str) -> list[dict[str, Any]]:
    """The list of mappings in a curated file; CuratedFileError if it is not one."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        raise CuratedFileError(
            f"{shown}{line}: not valid YAML ({e.problem}); fix the line and run again."
        ) from e
    except (OSError, UnicodeDecodeError) as e:
        raise CuratedFileError(f"{shown}: cannot read the file ({e}).") from e
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CuratedFileError(
            f"{shown}: expected a list of records, each starting with '- '; "
            "see the examples in the README."
        )
    return data


def load_curated(curated_dir: Path, *, shown_root: Path | None = None) -> CuratedData:
    """Read every curated file; structural problems go into the report, not exceptions."""
    root = shown_root or curated_dir.parent.parent
    data = CuratedData()
    for path, type_name in entity_files(curated_dir):
        shown = Project(root).relative(path)
        for row in read_records(path, shown):
            entity = parse_entity(row, type_name, shown, data.report)
            if entity:
                data.entities.append(entity)
    for path in sorted((curated_dir / STATEMENTS_DIR).glob("*.yaml")):
        shown = Project(root).relative(path)
        for row in read_records(path, shown):
            statement = parse_statement(row, path.stem, shown, data.report)
            if statement:
                data.statements.append(statement)
    return data


def entity_files(curated_dir: Path) -> list[tuple[Path, str]]:
    """Every entity file with the type its records have, in a stable order."""
    found = []
    for name, type_name in ENTITY_FILES.items():
        stem = name.removesuffix(".yaml")
        paths = [curated_dir / name, *sorted(curated_dir.glob(f"{stem}.*.yaml"))]
        found += [(path, type_name) for path in paths if path.exists()]
    return found


def parse_entity(
    row: Mapping[str, Any], type_name: str, file: str, report: Report
) -> Entity | None:
    """One entity record; problems are added to ``report`` and None returned if unusable."""
    origin = Origin(file, row.get(LINE))
    kind = vocab.CLASSES_BY_NAME[type_name].label
    ident = str(row.get("id", ""))
    who = f"{kind} {ident!r}" if ident else kind
    _unknown_keys(row, ENTITY_KEYS, origin, who, report)
    if not ID_PATTERN.match(ident):
        report.add(
            origin, who, "id must be lower-case words joined by hyphens, e.g. 'gavril-myasnikov'"
        )
        return None
    label = row.get("label")
    if not isinstance(label, str) or not label.strip():
        report.add(origin, who, "has no label; add `label: <the name readers know>`")
        return None
    if not str(row.get("description", "")).strip():
        report.add(origin, who, "has no description; add a one-line `description:`")
    return Entity(
        id=ident,
        type=type_name,
        label=label.strip(),
        description=str(row.get("description", "")).strip(),
        aliases=_strings(row.get("aliases"), origin, who, "aliases", report),
        misspellings=_strings(row.get("misspellings"), origin, who, "misspellings", report),
        note=str(row.get("note", "") or "").strip(),
        origin=origin,
    )


def parse_statement(
    row: Mapping[str, Any], doc: str, file: str, report: Report
) -> Statement | None:
    """One statement record quoted from essay ``doc``."""
    origin = Origin(file, row.get(LINE))
    subject, predicate = str(row.get("subject", "")), str(row.get("predicate", ""))
    who = f"statement '{subject} {predicate} {row.get('object', row.get('value', ''))}'"
    _unknown_keys(row, STATEMENT_KEYS, origin, who, report)
    prop = vocab.PROPERTIES_BY_NAME.get(predicate)
    if prop is None:
        near = difflib.get_close_matches(predicate, list(vocab.PROPERTIES_BY_NAME), n=3)
        hint = f"did you mean {', '.join(near)}?" if near else "see the list in the README"
        report.add(origin, who, f"unknown predicate {predicate!r}; {hint}")
        return None
    if not subject:
        report.add(origin, who, "has no subject; add `subject: <entity id>`")
        return None
    obj, value = _object_or_value(row, prop, origin, who, report)
    if obj is None and value is None:
        return None
    times = {k: _date(row.get(k), origin, who, k, report) for k in ("date", "start", "end")}
    quote = row.get("quote")
    note = str(row.get("note", "") or "").strip()
    if quote is None and not note:
        report.add(
            origin,
            who,
            "has no quote; add the sentence from the essay as `quote:` "
            "(or, for a curator's addition, a `note:` saying where it comes from)",
        )
        return None
    evidence = Evidence(doc=doc, quote=str(quote) if quote is not None else None, note=note)
    return Statement(
        subject,
        predicate,
        obj,
        value,
        times["date"],
        times["start"],
        times["end"],
        (evidence,),
        origin,
    )


def _object_or_value(
    row: Mapping[str, Any], prop: vocab.PropertyDef, origin: Origin, who: str, report: Report
) -> tuple[str | None, str | Date | None]:
    if prop.literal:
        if "value" not in row:
            report.add(
                origin, who, f"{prop.name} takes a `value:` ({prop.range[0]}), not an object"
            )
            return None, None
        if prop.range == (vocab.DATE,):
            return None, _date(row["value"], origin, who, "value", report)
        return None, str(row["value"])
    if "object" not in row:
        report.add(origin, who, f"{prop.name} needs an `object:` (an entity id)")
        return None, None
    return str(row["object"]), None


def _date(raw: object, origin: Origin, who: str, key: str, report: Report) -> Date | None:
    if raw is None:
        return None
    try:
        return Date.parse(raw)
    except InvalidDate as e:
        report.add(origin, who, f"{key}: {e}")
        return None


def _strings(raw: object, origin: Origin, who: str, key: str, report: Report) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str | int) for x in raw):
        report.add(origin, who, f"{key} must be a list of names, e.g. `{key}: [Lenin, V.I. Lenin]`")
        return ()
    return tuple(str(x).strip() for x in raw)


def _unknown_keys(
    row: Mapping[str, Any], allowed: Iterable[str], origin: Origin, who: str, report: Report
) -> None:
    allowed = tuple(allowed)
    for key in row:
        if key != LINE and key not in allowed:
            report.add(origin, who, f"unknown field {key!r}; allowed: {', '.join(allowed)}")


def resolve_quotes(
    statements: Iterable[Statement], corpus: Mapping[str, Document]
) -> tuple[list[Statement], Report]:
    """Fill in each quote's offsets from its essay; a quote not found is an error."""
    report = Report()
    resolved = []
    for st in statements:
        evidence = []
        who = st.describe()
        for ev in st.evidence:
            doc = corpus.get(ev.doc)
            if doc is None:
                report.add(
                    st.origin,
                    who,
                    f"no essay {ev.doc!r} in seeds/; rename the file "
                    f"after one of: {', '.join(corpus)}",
                )
                continue
            if ev.quote is None:
                evidence.append(ev)
                continue
            span = find_quote(doc.normalized, ev.quote)
            if span is None:
                report.add(
                    st.origin,
                    who,
                    f"quote not found in {doc.file}: {ev.quote[:60]!r}; "
                    "copy it from the essay exactly",
                )
                continue
            start, end = span
            evidence.append(replace(ev, quote=doc.text[start:end], start=start, end=end))
        if evidence:
            resolved.append(replace(st, evidence=tuple(evidence)))
    return resolved, report


# ---- canonical form -------------------------------------------------------------


def entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "label": entity.label}
    if entity.aliases:
        record["aliases"] = list(entity.aliases)
    if entity.misspellings:
        record["misspellings"] = list(entity.misspellings)
    record["description"] = entity.description
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
        quote = st.evidence[0].quote
        span = find_quote(doc.normalized, quote) if doc and quote else None
        return (span[0] if span else 10**9, st.key())

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
