"""The dependency patterns: the table in ``relations.yaml``, read and checked.

Where ``rules.yaml`` reads a sentence as a string, these patterns read its parse: a
*trigger* word (a verb or a noun, by lemma) and a *path* from it to each end of the
fact. A path is a list of steps, separated by spaces:

``>dep`` / ``>dep=w1|w2``
    to a child attached by ``dep`` (and, with ``=``, whose lower-case text is one of
    the words): ``>prep=of >pobj`` goes from "leader" to "party" in "leader of the party"
``<dep`` / ``<dep=w1|w2``
    to the head, when the word is attached to it by ``dep`` (and, with ``=``, when the
    head's lower-case text is one of the words): ``<pobj=as`` goes from "leader" to "as"
    in "as leader"
``@subject``, ``@object``
    the verb's logical subject and object in either voice: "Trotsky led the army",
    "the army was led by Trotsky" and "the army, led by Trotsky" give the same ends;
    a verb joined to another ("returned and led") or governed by one ("went on to
    lead") takes that verb's subject
``@holder``
    who a noun is said of: "X was the leader", "X, the leader", "the leader, X",
    "X became leader", "X emerged as leader", "X's leadership", "leader X"
``@clause``
    who the clause a noun lies in is about: the subject of the nearest verb above it
    ("X was sentenced to exile", "X went into exile")
``@self``
    the trigger word itself ("Lenin's Bolsheviks": a trigger ``*`` of part of speech
    PROPN is any proper noun, of VERB any verb)

A path that ends on a common noun that is no name reaches the name it stands for:
"the Bolsheviks were *a faction* founded by Lenin", "the Trudoviks, *a party* founded
by Aladin", "*the Bolshevik regime*", "*the town* of Gori" (:func:`.deps.stands_for`).

Each path's last word must lie in a mention of an allowed type; the names listed with
it ("A and B") count too. A trigger that is negated, under a modal ("could", not the
narrative "would"), or governed by a verb that does not assert what it governs ("asked …
to", "tried to", "argued that") gives nothing (:mod:`.deps`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..errors import RuleTableError
from .rules import check_entry, check_vocabulary, read_table, types_of

PSEUDO_STEPS = ("@subject", "@object", "@holder", "@clause", "@self")
#: The trigger that is any word of its part of speech (a proper noun that is a name).
ANY_WORD = "*"
_STEP = re.compile(r"[<>][a-z]+(?:=[a-z'|]+)?")
_REQUIRED = ("name", "predicate", "subject", "object", "trigger", "from", "to", "confidence")
_OPTIONAL = ("pos", "time")
_POS = ("VERB", "NOUN", "PROPN")


@dataclass(frozen=True)
class Step:
    """One step of a path: a direction, a dependency label and the words it allows."""

    up: bool
    dep: str
    words: frozenset[str] = frozenset()


Path = tuple["Step | str", ...]


@dataclass(frozen=True)
class Relation:
    """One dependency pattern: trigger lemmas, paths to both ends, types, confidence."""

    name: str
    predicate: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    trigger: frozenset[str]
    pos: str
    subject_paths: tuple[Path, ...]
    object_paths: tuple[Path, ...]
    confidence: float
    time: str | None = None


@functools.cache
def relation_table() -> tuple[Relation, ...]:
    """The packaged table (``relations.yaml``), read and checked on first use."""
    return load_relations()


def load_relations(
    text: str | None = None, *, source: str = "relations.yaml"
) -> tuple[Relation, ...]:
    """The patterns of a YAML table (by default the packaged one), every field checked."""
    if text is None:
        package = resources.files("revkg.extract")
        text = package.joinpath("relations.yaml").read_text(encoding="utf-8")
    return read_table(text, source, "patterns", "pattern", _relation)


def _relation(entry: Any, groups: dict[str, Any], where: str) -> Relation:
    if not isinstance(entry, dict):
        raise RuleTableError(f"{where}: expected a mapping of fields")
    where = f"{where} ({entry.get('name', 'unnamed')})"
    check_entry(entry, where, _REQUIRED, _OPTIONAL)
    pos = entry.get("pos", "VERB")
    if pos not in _POS:
        raise RuleTableError(f"{where}: `pos` must be one of {_POS}")
    relation = Relation(
        name=str(entry["name"]),
        predicate=str(entry["predicate"]),
        subject=types_of(entry["subject"], groups, f"{where}: subject"),
        object=types_of(entry["object"], groups, f"{where}: object"),
        trigger=frozenset(_words(entry["trigger"], f"{where}: trigger")),
        pos=pos,
        subject_paths=_paths(entry["from"], groups, f"{where}: from"),
        object_paths=_paths(entry["to"], groups, f"{where}: to"),
        confidence=float(entry["confidence"]),
        time=entry.get("time"),
    )
    if ANY_WORD in relation.trigger and pos == "NOUN":
        raise RuleTableError(
            f"{where}: the trigger {ANY_WORD!r} (any word) needs `pos: PROPN` or `pos: VERB`"
        )
    check_vocabulary(relation, where)
    return relation


def _words(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value):
        raise RuleTableError(f"{where}: expected a list of lemmas")
    return [w.lower() for w in value]


def _paths(value: Any, groups: dict[str, Any], where: str) -> tuple[Path, ...]:
    if isinstance(value, str) and value in groups:
        value = groups[value]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise RuleTableError(f"{where}: expected a path or a list of paths")
    flat = [q for p in value for q in (groups[p] if isinstance(p, str) and p in groups else [p])]
    return tuple(_path(p, where) for p in flat)


def _path(text: Any, where: str) -> Path:
    if not isinstance(text, str) or not text.split():
        raise RuleTableError(f"{where}: a path is a string of steps, got {text!r}")
    steps: list[Step | str] = []
    for part in text.split():
        if part in PSEUDO_STEPS:
            steps.append(part)
        elif _STEP.fullmatch(part):
            dep, _, words = part[1:].partition("=")
            steps.append(
                Step(part[0] == "<", dep, frozenset(words.split("|")) if words else frozenset())
            )
        else:
            raise RuleTableError(
                f"{where}: {part!r} is not a step (>dep, <dep, >dep=word|word, "
                f"{', '.join(PSEUDO_STEPS)})"
            )
    return tuple(steps)
