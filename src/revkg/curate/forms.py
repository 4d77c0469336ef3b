"""The curation forms' fields turned into revkg's records, each problem named by its field.

A form arrives as a mapping of field names to text. Entities may be named by id or by
any of their names (label, alias), as the type-ahead offers them; dates are written as
YYYY, YYYY-MM, YYYY-MM-DD or a decade (1920s), and their precision is what is written.
A quote is taken from the essay itself at the selection's offsets, never from the page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from .. import vocab
from ..errors import EditRefused, InvalidDate
from ..extract.review import Decision
from ..model import ID_PATTERN, WIKIDATA_PATTERN, Date, Document, Entity, slugify
from ..text import CONTROL, CONTROL_IN_TEXT, find_quotes, name_key, normalize_string

Form = Mapping[str, Any]
#: The longest text a field may hold.
LONGEST = 4000


def text(form: Form, key: str, *, required: bool = False, name: bool = False) -> str:
    """The field's text, trimmed ("" when absent); EditRefused if it cannot be written."""
    raw = form.get(key)
    if raw is None or raw == "":
        if required:
            raise EditRefused(f"{key}: fill this in")
        return ""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise EditRefused(f"{key}: must be text")
    value = str(raw).strip()
    if len(value) > LONGEST:
        raise EditRefused(f"{key}: longer than {LONGEST} characters; shorten it")
    if (CONTROL if name else CONTROL_IN_TEXT).search(value):
        raise EditRefused(f"{key}: holds a control character; remove it")
    if required and not value:
        raise EditRefused(f"{key}: fill this in")
    return value


def entity_ref(form: Form, key: str, registry: Mapping[str, Entity]) -> str:
    """The id of the entity the field names (by id, label or alias), or "" if empty."""
    given = text(form, key, name=True)
    if not given or given in registry:
        return given
    given = given.rsplit(" (", 1)[0] if given.endswith(")") else given  # "Label (Type)"
    matches = {e.id for e in registry.values() if name_key(given) in map(name_key, e.names())}
    if len(matches) == 1:
        return matches.pop()
    near = difflib.get_close_matches(given, sorted(registry), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(near)}?" if near else "create the entity first"
    if matches:
        hint = f"it names {', '.join(sorted(matches))}; give the id"
    raise EditRefused(f"{key}: no entity is called {given!r}; {hint}")


def predicate(form: Form, *, required: bool = True) -> vocab.PropertyDef | None:
    name = text(form, "predicate", required=required, name=True)
    if not name:
        return None
    prop = vocab.PROPERTIES_BY_NAME.get(name)
    if prop is None:
        near = difflib.get_close_matches(name, list(vocab.PROPERTIES_BY_NAME), n=3)
        raise EditRefused(f"predicate: unknown {name!r}; did you mean {', '.join(near)}?")
    return prop


def date(form: Form, key: str) -> Date | None:
    value = text(form, key, name=True)
    if not value:
        return None
    try:
        return Date.parse(value)
    except InvalidDate as e:
        raise EditRefused(f"{key}: {e}") from None


def date_preview(value: str) -> dict[str, str]:
    """What a date field's text will be recorded as: ``{"precision", "iso"}``, ``{"error"}``
    when it is not a date, ``{}`` when empty (for the forms, as the curator types)."""
    try:
        parsed = date({"value": value}, "value")
    except EditRefused as e:
        return {"error": str(e).removeprefix("value: ")}
    return {"precision": parsed.precision, "iso": parsed.iso()} if parsed else {}


def decision(form: Form, registry: Mapping[str, Entity]) -> Decision:
    """accept, reject or correct (with the triple as it should be) and a note."""
    verdict = text(form, "decision", required=True)
    if verdict not in ("accept", "reject", "correct"):
        raise EditRefused("decision: one of accept, reject, correct")
    note = text(form, "note")
    if verdict != "correct":
        return Decision(verdict, note)
    prop = predicate(form, required=False)
    value = date(form, "value")
    fixes = (
        entity_ref(form, "subject", registry) or None,
        prop.name if prop else None,
        entity_ref(form, "object", registry) or None,
        value.iso() if value else None,
    )
    if not any(fixes):
        raise EditRefused("correct: say what is right: subject, predicate, object or value")
    return Decision("correct", note, *fixes)


def new_entity(form: Form, registry: Mapping[str, Entity]) -> Entity:
    """An entity for a curated file, from type, label, aliases (separated by commas or
    semicolons), description, wikidata and id (by default made from the label)."""
    kind = text(form, "type", required=True, name=True)
    if kind not in vocab.ENTITY_TYPES:
        raise EditRefused(f"type: one of {', '.join(vocab.ENTITY_TYPES)}")
    label = text(form, "label", required=True, name=True)
    ident = text(form, "id", name=True) or slugify(label)
    if not ID_PATTERN.match(ident):
        raise EditRefused(f"id: {ident!r} must be lower-case words joined by hyphens")
    written = re.split(r"[;,]", text(form, "aliases", name=True))
    aliases = tuple(dict.fromkeys(a.strip() for a in written if a.strip()))
    wikidata = text(form, "wikidata", name=True)
    if wikidata and not WIKIDATA_PATTERN.fullmatch(wikidata):
        raise EditRefused(f"wikidata: {wikidata!r} is not a Wikidata item; write it as Q1394")
    description = text(form, "description", required=True)
    return Entity(ident, kind, label, description, aliases, wikidata=wikidata)


def quote_at(doc: Document, given: object, end: object, selected: str) -> tuple[str, int | None]:
    """The passage selected in the essay, trimmed, and which occurrence of it it is (None
    when it occurs once). ``given``/``end`` locate the selection; ``selected`` is its text
    as the browser saw it, used to find the passage when the offsets are off."""
    if not isinstance(given, int) or not isinstance(end, int) or not 0 <= given < end:
        raise EditRefused("quote: select a passage of the essay first")
    start = given
    wanted = normalize_string(" ".join(selected.split()))
    if wanted != normalize_string(" ".join(doc.text[start:end].split())):
        spans = find_quotes(doc.normalized, selected.strip()) if wanted else []
        if not spans:
            raise EditRefused("quote: the selection is not in the essay; select it again")
        start, end = min(spans, key=lambda s: abs(s[0] - start))
    passage = doc.text[start:end]
    start += len(passage) - len(passage.lstrip())
    quote = passage.strip()
    if "\n" in quote or len(quote) < 3:
        raise EditRefused("quote: select at least a few words within one paragraph")
    spans = find_quotes(doc.normalized, quote)
    if len(spans) <= 1:
        return quote, None
    return quote, 1 + min(range(len(spans)), key=lambda i: abs(spans[i][0] - start))


def fact_record(
    form: Form, registry: Mapping[str, Entity], quote: str, occurrence: int | None
) -> dict[str, Any]:
    """A statement record as the curated statements files hold it."""
    prop = predicate(form)
    assert prop is not None  # required
    record: dict[str, Any] = {"subject": entity_ref(form, "subject", registry) or None}
    if record["subject"] is None:
        raise EditRefused("subject: fill this in (an entity's id or name)")
    record["predicate"] = prop.name
    if prop.literal:
        value = date(form, "value") if prop.range == (vocab.DATE,) else text(form, "value")
        if not value:
            raise EditRefused(f"value: {prop.name} takes a value ({prop.range[0]})")
        record["value"] = value.iso() if isinstance(value, Date) else value
    else:
        record["object"] = entity_ref(form, "object", registry)
        if not record["object"]:
            raise EditRefused(f"object: {prop.name} needs an entity (its id or name)")
    for key in ("date", "start", "end"):
        when = date(form, key)
        if when is not None:
            record[key] = when.iso()
    record["quote"] = quote
    if occurrence is not None:
        record["occurrence"] = occurrence
    if note := text(form, "note"):
        record["note"] = note
    return record
