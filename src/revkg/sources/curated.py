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
from ..model import (
    ID_PATTERN,
    WIKIDATA_PATTERN,
    Date,
    Document,
    Entity,
    Evidence,
    Origin,
    Statement,
)
from ..project import Project
from ..report import Report
from ..text import CONTROL, CONTROL_IN_TEXT, find_quotes

ENTITY_FILES: dict[str, str] = {
    "people.yaml": "Person",
    "works.yaml": "Work",
    "organizations.yaml": "Organization",
    "events.yaml": "Event",
    "places.yaml": "Place",
    "concepts.yaml": "Concept",
}
STATEMENTS_DIR = "statements"
ENTITY_KEYS = ("id", "label", "aliases", "misspellings", "description", "wikidata", "note")
STATEMENT_KEYS = (
    "subject",
    "predicate",
    "object",
    "value",
    "date",
    "start",
    "end",
    "quote",
    "occurrence",
    "note",
)
LINE = "__line__"  # the key under which each record keeps its line number
MAX_CURATED_BYTES = 16 * 1024 * 1024


@dataclass
class CuratedData:
    """Everything read from graph/curated/, with the problems found while reading."""

    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    report: Report = field(default_factory=Report)


class _LineLoader(files.StrictLoader):
    """The strict loader, recording the line where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_records(path: Path, shown: str) -> list[dict[str, Any]]:
    """The list of mappings in a curated file; CuratedFileError if it is not one."""
    try:
        data = yaml.load(_read_utf8(path, shown), Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        raise CuratedFileError(
            f"{files.not_valid_yaml(shown, e)}; fix the line and run again."
        ) from e
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CuratedFileError(
            f"{shown}: expected a list of records, each starting with '- '; "
            "see the examples in the README."
        )
    return data


def _read_utf8(path: Path, shown: str) -> str:
    """A curated file's text: at most MAX_CURATED_BYTES of UTF-8, problems located."""
    return files.read_utf8(path, shown=shown, limit=MAX_CURATED_BYTES, error=CuratedFileError)


def load_curated(
    curated_dir: Path, *, shown_root: Path | None = None, base: str = vocab.BASE_IRI
) -> CuratedData:
    """Read every curated file; structural problems go into the report, not exceptions.
    The entities' IRIs start with ``base`` (the project's base IRI)."""
    root = shown_root or curated_dir.parent.parent
    data = CuratedData()
    for path, type_name in entity_files(curated_dir):
        shown = Project(root).relative(path)
        for row in read_records(path, shown):
            entity = parse_entity(row, type_name, shown, data.report, base=base)
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
    row: Mapping[str, Any], type_name: str, file: str, report: Report, *, base: str = vocab.BASE_IRI
) -> Entity | None:
    """One entity record; problems are added to ``report`` and None returned if unusable."""
    origin = Origin(file, row.get(LINE))
    kind = vocab.CLASSES_BY_NAME[type_name].label
    ident = _text(row, "id", origin, kind, report, name=True) or ""
    who = f"{kind} {ident!r}" if ident else kind
    _unknown_keys(row, ENTITY_KEYS, origin, who, report)
    if not ID_PATTERN.match(ident):
        report.add(
            origin, who, "id must be lower-case words joined by hyphens, e.g. 'gavril-myasnikov'"
        )
        return None
    label = _text(row, "label", origin, who, report, name=True)
    if not label:
        if label is not None or "label" not in row:
            report.add(origin, who, "has no label; add `label: <the name readers know>`")
        return None
    description = _text(row, "description", origin, who, report)
    if description == "" or "description" not in row:
        report.add(origin, who, "has no description; add a one-line `description:`")
    return Entity(
        id=ident,
        type=type_name,
        label=label,
        description=description or "",
        aliases=_strings(row.get("aliases"), origin, who, "aliases", report),
        misspellings=_strings(row.get("misspellings"), origin, who, "misspellings", report),
        note=_text(row, "note", origin, who, report) or "",
        base=base,
        wikidata=_wikidata(row, origin, who, report),
        origin=origin,
    )


def _wikidata(row: Mapping[str, Any], origin: Origin, who: str, report: Report) -> str:
    """The entity's Wikidata item (``Q1394``), or "" when absent or malformed (reported)."""
    item = _text(row, "wikidata", origin, who, report, name=True) or ""
    if item and not WIKIDATA_PATTERN.fullmatch(item):
        report.add(origin, who, f"wikidata {item!r} is not a Wikidata item; write it as Q1394")
        return ""
    return item


def parse_statement(
    row: Mapping[str, Any], doc: str, file: str, report: Report
) -> Statement | None:
    """One statement record quoted from essay ``doc``."""
    origin = Origin(file, row.get(LINE))
    subject = _text(row, "subject", origin, "statement", report, name=True) or ""
    predicate = _text(row, "predicate", origin, "statement", report, name=True) or ""
    shown_object = row.get("object", row.get("value", ""))
    shown_object = shown_object if isinstance(shown_object, str | int) else "..."
    who = f"statement '{subject} {predicate} {shown_object}'"
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
    evidence = _evidence(row, doc, origin, who, report)
    if evidence is None:
        return None
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


def _evidence(
    row: Mapping[str, Any], doc: str, origin: Origin, who: str, report: Report
) -> Evidence | None:
    """The quote (or the curator's note) of a statement record, with its occurrence."""
    quote = _text(row, "quote", origin, who, report)
    note = _text(row, "note", origin, who, report) or ""
    if quote is None and "quote" in row:
        return None  # reported by _text
    if quote is None and not note:
        report.add(
            origin,
            who,
            "has no quote; add the sentence from the essay as `quote:` "
            "(or, for a curator's addition, a `note:` saying where it comes from)",
        )
        return None
    occurrence = row.get("occurrence")
    if occurrence is not None and not _counting_number(occurrence):
        report.add(origin, who, "`occurrence` must be 1, 2, ...: which occurrence of the quote")
        return None
    return Evidence(doc=doc, quote=quote, note=note, occurrence=occurrence)


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
        return None, _text(row, "value", origin, who, report)
    if "object" not in row:
        report.add(origin, who, f"{prop.name} needs an `object:` (an entity id)")
        return None, None
    return _text(row, "object", origin, who, report, name=True), None


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
    names = tuple(str(x).strip() for x in raw)
    for name in names:
        if bad := CONTROL.search(name):
            report.add(origin, who, f"{key}: {name!r} contains {_char(bad.group())}; remove it")
            return ()
    return names


def _text(
    row: Mapping[str, Any],
    key: str,
    origin: Origin,
    who: str,
    report: Report,
    *,
    name: bool = False,
) -> str | None:
    """The text given for ``key`` (None if absent); a list, a mapping or a control
    character is reported, naming the field, and gives None."""
    raw = row.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        kind = "list" if isinstance(raw, list) else "mapping" if isinstance(raw, dict) else "value"
        report.add(origin, who, f"`{key}` must be text, not a {kind}; write it as one string")
        return None
    text = str(raw).strip()
    if bad := (CONTROL if name else CONTROL_IN_TEXT).search(text):
        report.add(origin, who, f"`{key}` contains {_char(bad.group())}; remove it")
        return None
    return text


def _char(ch: str) -> str:
    return f"the control character U+{ord(ch):04X}"


def _unknown_keys(
    row: Mapping[str, Any], allowed: Iterable[str], origin: Origin, who: str, report: Report
) -> None:
    allowed = tuple(allowed)
    for key in row:
        if key != LINE and key not in allowed:
            report.add(origin, who, f"unknown field {key!r}; allowed: {', '.join(allowed)}")


def _counting_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _the_occurrence(
    doc: Document, ev: Evidence, st: Statement, report: Report
) -> tuple[int, int] | None:
    """The span of the quote's occurrence in ``doc``: the only one, or the one the
    statement names with ``occurrence:``; anything else is reported."""
    assert ev.quote is not None
    spans = find_quotes(doc.normalized, ev.quote)
    shown = f"{ev.quote[:60]!r}"
    if not spans:
        problem = f"quote not found in {doc.file}: {shown}; copy it from the essay exactly"
    elif ev.occurrence is not None and ev.occurrence > len(spans):
        problem = f"occurrence {ev.occurrence}, but {shown} occurs {len(spans)} times"
    elif ev.occurrence is None and len(spans) > 1:
        lines = ", ".join(str(doc.text.count("\n", 0, s) + 1) for s, _ in spans[:5])
        problem = (
            f"quote occurs {len(spans)} times in {doc.file} (lines {lines}): {shown}; quote "
            "more of the sentence, or add `occurrence: N` to say which"
        )
    else:
        return spans[(ev.occurrence or 1) - 1]
    report.add(st.origin, st.describe(), problem)
    return None


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
            span = _the_occurrence(doc, ev, st, report)
            if span is not None:
                start, end = span
                evidence.append(replace(ev, quote=doc.text[start:end], start=start, end=end))
        if evidence:
            resolved.append(replace(st, evidence=tuple(evidence)))
    return resolved, report
