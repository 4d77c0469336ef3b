"""Candidates and new-entity candidates as the JSON objects ``revkg extract`` writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import vocab
from ..model import short_hash
from ..text import plain_typography

if TYPE_CHECKING:
    from ..model import Date, Entity
    from .masking import Sentence
    from .mentions import Mention, NewEntity


PRONOUN_FACTOR = 0.85
NEW_NAME_FACTOR = 0.8
CONJUNCT_FACTOR = 0.95


def lowered(confidence: float, subject: Mention, obj: Mention, *, listed: bool) -> float:
    """A rule's confidence for one fact: lower for a pronoun, a new name or a name listed
    with the one the rule matched ("A and B")."""
    for m in (subject, obj):
        confidence *= PRONOUN_FACTOR if m.via in ("pronoun", "anaphor", "possessive") else 1
        confidence *= NEW_NAME_FACTOR if m.via == "new" else 1
    return round(confidence * (CONJUNCT_FACTOR if listed else 1), 3)


@dataclass(frozen=True)
class Candidate:
    """A fact found by a rule, with the sentence and the mentions it rests on."""

    id: str
    doc: str
    subject: Mention
    predicate: str
    object: Mention
    rule: str
    confidence: float
    sentence: str
    sentence_start: int
    sentence_end: int
    qualifiers: tuple[tuple[str, Date], ...] = ()

    @property
    def admissible(self) -> bool:
        """True when each end is a registry entity, a value or a new name (which becomes a
        provisional entity), not a pronoun no one was found for."""
        return all(
            m.entity is not None or m.date is not None or m.via == "new"
            for m in (self.subject, self.object)
        )

    @property
    def linked(self) -> bool:
        """True when both ends are registry entities (or the object is a value)."""
        return self.subject.entity is not None and (
            self.object.entity is not None or self.object.date is not None
        )


def triple_record(
    c: Candidate, registry: dict[str, Entity], *, threshold: float
) -> dict[str, object]:
    """A candidate as one JSON object (the ``revkg extract`` line format); ``admitted``
    says whether a build would put it in the graph unreviewed (at ``threshold``)."""
    obj: dict[str, object]
    if c.object.date is not None:
        obj = {
            "value": c.object.date.iso(),
            "datatype": "date",
            "precision": c.object.date.precision,
        }
    else:
        obj = _end(c.object, registry)
    record: dict[str, object] = {
        "kind": "triple",
        "id": c.id,
        "subject": _end(c.subject, registry),
        "predicate": str(vocab.property_iri(c.predicate)),
        "object": obj,
        "confidence": c.confidence,
        "admitted": c.admissible and c.confidence >= threshold,
        "rule": c.rule,
        "evidence": {
            "doc": c.doc,
            "sentence": c.sentence,
            "start": c.sentence_start,
            "end": c.sentence_end,
            "subject_span": [c.subject.start, c.subject.end],
            "object_span": [c.object.start, c.object.end],
            "subject_text": c.subject.text,
            "object_text": c.object.text,
        },
    }
    if c.qualifiers:
        record["qualifiers"] = {k: v.iso() for k, v in c.qualifiers}
    return record


def _end(m: Mention, registry: dict[str, Entity]) -> dict[str, object]:
    entity = registry.get(m.entity) if m.entity else None
    return {"id": str(entity.iri) if entity else None, "label": m.label or m.text, "type": m.type}


def entity_record(e: NewEntity) -> dict[str, object]:
    """A new-entity candidate as one JSON object."""
    record: dict[str, object] = {
        "kind": "entity",
        "label": e.label,
        "type": e.type,
        "mentions": [list(m) for m in e.mentions],
    }
    if e.suggestions:
        record["suggestions"] = [
            {"id": s.entity, "label": s.label, "score": s.score} for s in e.suggestions
        ]
    return record


def sentence_words(sentence: str) -> str:
    """A sentence as candidate ids see it: its words, typography and spacing ignored."""
    return " ".join(plain_typography(sentence).split())


def candidate_id(
    doc: str,
    words: str,
    subject: Mention,
    predicate: str,
    obj: Mention,
    qualifiers: tuple[tuple[str, Date], ...] = (),
) -> str:
    """Stable id: a hash of the essay, the sentence's words and the fact with its times.

    Not of any offset: text added or removed elsewhere in the essay leaves the id, and
    so a curator's decision about the candidate, where it was. ``words``: see
    :func:`sentence_words`."""
    times = [f"{kind}={date.iso()}" for kind, date in qualifiers]
    return short_hash(doc, words, _key(subject), predicate, _key(obj), *times)


def _key(m: Mention) -> str:
    if m.entity is not None:
        return m.entity
    if m.date is not None:
        return f"value:{m.date.iso()}"
    return "new:" + m.label.casefold()


def in_sentence(
    sentence: Sentence,
    words: str,
    fact: tuple[Mention, str, Mention],
    rule: str,
    confidence: float,
    qualifiers: tuple[tuple[str, Date], ...] = (),
) -> Candidate:
    """The candidate a rule finds in ``sentence`` (whose :func:`sentence_words` are
    ``words``): the fact (subject, predicate, object), its id and its evidence."""
    subject, predicate, obj = fact
    return Candidate(
        candidate_id(sentence.doc, words, subject, predicate, obj, qualifiers),
        sentence.doc,
        subject,
        predicate,
        obj,
        rule,
        confidence,
        sentence.text,
        sentence.start,
        sentence.end,
        qualifiers,
    )
