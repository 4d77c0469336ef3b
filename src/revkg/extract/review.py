"""Curators' decisions about extracted candidates, kept in graph/review.yaml.

The file maps candidate ids to a decision, so decisions survive re-runs (ids are
stable hashes of document, subject, predicate, object and sentence start)::

    decisions:
      3f9c0a1b2c3d4e5f:
        decision: accept            # accept | reject | correct
        note: the essay says so in the next sentence
      0a1b2c3d4e5f6a7b:
        decision: correct
        subject: gavril-myasnikov   # the triple as it should be
        predicate: memberOf
        object: bolsheviks
        note: "the party" is the Bolshevik Party here

What the build keeps: candidates at or above the threshold, minus those rejected,
plus those accepted (at any confidence); a correction replaces the candidate's
triple and keeps its evidence. A decision whose candidate no longer exists is
stale: it is reported, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import files, vocab
from ..errors import InvalidDate, ReviewFileError, UnknownCandidate
from ..model import Date, Entity, Evidence, Origin, Statement
from ..text import CONTROL_IN_TEXT
from .calibration import admission_threshold
from .mentions import Mention
from .pipeline import Candidate
from .provisional import new_key, provisional_entities

DECISIONS = ("accept", "reject", "correct")
_FIELDS = ("subject", "predicate", "object", "value", "note")  # in the file's order
REVIEW_FILE = "review.yaml"


@dataclass(frozen=True)
class Decision:
    """A curator's verdict on one candidate."""

    decision: str
    note: str = ""
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    value: str | None = None

    def record(self) -> dict[str, str]:
        out = {"decision": self.decision}
        for key in _FIELDS:
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass
class Selection:
    """The outcome of applying decisions to candidates."""

    accepted: list[tuple[Candidate, Decision | None]] = field(default_factory=list)
    rejected: list[Candidate] = field(default_factory=list)
    pending: list[Candidate] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


MAX_REVIEW_BYTES = 16 * 1024 * 1024


def load_decisions(path: Path) -> dict[str, Decision]:
    """The decisions in ``path`` (none if the file does not exist)."""
    if not path.exists():
        return {}
    text = files.read_utf8(path, shown=str(path), limit=MAX_REVIEW_BYTES, error=ReviewFileError)
    try:
        data = files.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise ReviewFileError(
            f"{path}: not valid YAML ({files.one_line(e)}); fix it or restore it"
        ) from e
    rows = data.get("decisions") if isinstance(data, dict) else None
    if rows is None:
        return {}
    if not isinstance(rows, dict):
        raise ReviewFileError(f"{path}: `decisions:` must map candidate ids to decisions")
    for key in rows:
        if not isinstance(key, str):
            raise ReviewFileError(
                f"{path}: the id {key!r} is read as a number; put it in quotes ('{key}')"
            )
    return {key: _decision(path, key, row) for key, row in rows.items()}


def _decision(path: Path, key: str, row: object) -> Decision:
    if not isinstance(row, dict) or row.get("decision") not in DECISIONS:
        raise ReviewFileError(f"{path}: {key}: `decision:` must be one of {', '.join(DECISIONS)}")
    unknown = sorted(set(row) - {"decision", *_FIELDS})
    if unknown:
        raise ReviewFileError(f"{path}: {key}: unknown fields {unknown}; allowed: {_FIELDS}")
    for k in _FIELDS:
        value = row.get(k)
        if value is not None and (not isinstance(value, str | int) or isinstance(value, bool)):
            raise ReviewFileError(f"{path}: {key}: `{k}` must be text, not {type(value).__name__}")
        if isinstance(value, str) and CONTROL_IN_TEXT.search(value):
            raise ReviewFileError(f"{path}: {key}: `{k}` holds a control character; remove it")
    fields = {k: str(row[k]) for k in _FIELDS if row.get(k)}
    decision = Decision(row["decision"], **fields)
    if decision.predicate and decision.predicate not in vocab.PROPERTIES_BY_NAME:
        raise ReviewFileError(f"{path}: {key}: unknown predicate {decision.predicate!r}")
    if decision.value:
        try:
            Date.parse(decision.value)
        except InvalidDate as e:
            raise ReviewFileError(f"{path}: {key}: `value:` {e}") from None
    return decision


def dump_decisions(decisions: dict[str, Decision]) -> str:
    """The review file's text: ids sorted, one block per decision."""
    body = {"decisions": {k: decisions[k].record() for k in sorted(decisions)}}
    header = (
        "# Decisions about extracted facts, keyed by candidate id (see `revkg review`).\n"
        "# decision: accept | reject | correct (with subject/predicate/object or value).\n"
    )
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def select(
    candidates: Iterable[Candidate],
    decisions: dict[str, Decision],
    *,
    threshold: float | None = None,
) -> Selection:
    """Split candidates into accepted, rejected and pending (no decision yet); find stale ids.

    ``threshold``: by default the calibrated admission threshold."""
    if threshold is None:
        threshold = admission_threshold()
    out = Selection()
    seen = set()
    for c in candidates:
        seen.add(c.id)
        d = decisions.get(c.id)
        if d is not None and d.decision == "reject":
            out.rejected.append(c)
        elif d is not None or (c.confidence >= threshold and c.admissible):
            out.accepted.append((c, d))
            if d is None:
                out.pending.append(c)
        else:
            out.pending.append(c)
    out.stale = sorted(k for k in decisions if k not in seen)
    return out


def decide(
    decisions: dict[str, Decision],
    candidate_ids: Iterable[str],
    candidate_id: str,
    decision: Decision,
) -> dict[str, Decision]:
    """Decisions with one more (or a replaced) decision; the id must exist or be unique prefix."""
    found = _unique(
        set(candidate_ids),
        candidate_id,
        "candidate",
        "; run `revkg review` to list the pending ids",
    )
    return {**decisions, found: decision}


def drop(decisions: dict[str, Decision], decision_id: str) -> dict[str, Decision]:
    """Decisions without the one whose id is (or uniquely starts with) ``decision_id``."""
    found = _unique(set(decisions), decision_id, "decision", " in graph/review.yaml")
    return {k: v for k, v in decisions.items() if k != found}


def _unique(ids: set[str], wanted: str, noun: str, hint: str) -> str:
    """The id that is ``wanted`` or the only one starting with it; UnknownCandidate else."""
    matches = [wanted] if wanted in ids else [i for i in ids if i.startswith(wanted)]
    if len(matches) != 1:
        what = f"no {noun}" if not matches else f"{len(matches)} {noun}s"
        raise UnknownCandidate(f"{what} with id {wanted!r}{hint}")
    return matches[0]


def to_statement(
    candidate: Candidate,
    decision: Decision | None = None,
    provisional: Mapping[str, Entity] | None = None,
) -> Statement | None:
    """The fact a candidate (or its correction) asserts, with extraction evidence; a new
    name stands for its entity in ``provisional`` (by :func:`.provisional.new_key`)."""
    c = candidate
    subject = _end(c.subject, provisional)
    subject = decision.subject if decision and decision.subject else subject
    predicate = decision.predicate if decision and decision.predicate else c.predicate
    obj, value = _end(c.object, provisional), c.object.date
    if decision and (decision.object or decision.value):
        obj = decision.object
        value = Date.parse(decision.value) if decision.value else None
    if subject is None or (obj is None and value is None):
        return None
    times = dict(c.qualifiers)
    evidence = Evidence(
        doc=c.doc,
        quote=c.sentence,
        start=c.sentence_start,
        end=c.sentence_end,
        method="extracted",
        rule=c.rule,
        confidence=c.confidence,
        note=decision.note if decision else "",
    )
    return Statement(
        subject,
        predicate,
        obj,
        value,
        times.get("point"),
        times.get("start"),
        times.get("end"),
        (evidence,),
        Origin(f"extracted:{c.doc}", None),
    )


def _end(m: Mention, provisional: Mapping[str, Entity] | None) -> str | None:
    if m.entity is not None or m.via != "new" or provisional is None:
        return m.entity
    entity = provisional.get(new_key(m))
    return entity.id if entity else None


def accepted_statements(
    selection: Selection, provisional: Mapping[str, Entity] | None = None
) -> list[Statement]:
    """Statements for every accepted candidate whose ends are registry entities, values or
    (given ``provisional``) new names."""
    out = []
    for candidate, decision in selection.accepted:
        st = to_statement(candidate, decision, provisional)
        if st is not None:
            out.append(st)
    return out


def admitted_entities(selection: Selection, registry: Mapping[str, Entity]) -> dict[str, Entity]:
    """The provisional entities of the accepted candidates that keep their new names (a
    correction that names registry entities needs none)."""
    kept = [c for c, d in selection.accepted if d is None or d.decision == "accept"]
    return provisional_entities(kept, registry)
