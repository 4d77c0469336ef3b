"""The pattern language of the rule table, and what a match of a pattern means.

A rule's pattern is matched against a sentence whose mentions are replaced by typed
slots: "Myasnikov was born in the Urals in 1889" reads ``«P0» was born in «L1» in
«D2»`` (one letter per type, :data:`TYPE_LETTERS`, and the mention's index). The
pattern is a regular expression, matched case-insensitively, with placeholders:

``{S}``, ``{O}``
    the subject and object slots, of the rule's types; ``{O}`` may follow a
    determiner ("the", "his" ...) and is never a possessive, ``{O's}`` always is
``{T}``
    a date slot giving the time qualifier; ``{X}`` any slot
``{_}``, ``{__}``
    a short gap (up to 60 characters, with no person, work or organization in
    it) and a long one (up to 100); a space before either may also be a comma
``{A}``
    active voice only: not after "was", "being", "the" ...
``{verb}``
    one of the rule's ``verbs``; a negation just before it ("did not join")
    cancels a ``negatable`` rule (:func:`negated`)

A ``names_only`` rule takes names alone at both ends, not "he" or "the party": "«O» «S»"
reads "the Bolsheviks Bukharin" but not "reform the party Myasnikov claimed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Date

#: Slot letter of each entity type in masked sentences.
TYPE_LETTERS: dict[str, str] = {
    "Person": "P",
    "Work": "W",
    "Organization": "O",
    "Event": "E",
    "Place": "L",
    "Concept": "C",
    "Date": "D",
}

#: Not after these words: the verb that follows is in the active voice.
_ACTIVE = "(?<!being )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )(?<!an )(?<!a )(?<!the )"
#: Words that may stand before the object slot ("joined the «O1»").
DETERMINERS = ("the", "a", "an", "this", "that", "his", "her", "their", "its")
_DETERMINER = "(?:(?:" + "|".join(DETERMINERS) + ") )?"


@dataclass(frozen=True)
class Rule:
    """One way of saying a fact: predicate, allowed types, pattern, base confidence."""

    name: str
    predicate: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    pattern: str
    confidence: float
    time: str | None = None
    negatable: bool = False
    verbs: tuple[str, ...] = ()
    names_only: bool = False


def _slot(name: str, types: tuple[str, ...]) -> str:
    """A slot of one of ``types``, captured as group ``name``."""
    letters = "".join(TYPE_LETTERS[t] for t in types)
    return f"«(?P<{name}>[{letters}]\\d+)»"


#: What each placeholder stands for, given the rule; replaced in this order.
_PLACEHOLDERS = (
    ("{S}", lambda rule: _slot("S", rule.subject)),
    ("{O's}", lambda rule: _slot("O", rule.object) + "'s"),
    ("{O}", lambda rule: _DETERMINER + _slot("O", rule.object) + "(?!'s)"),
    ("{T}", lambda rule: "«(?P<T>D\\d+)»"),
    ("{X}", lambda rule: "«[A-Z]\\d+»"),
    ("{A}", lambda rule: _ACTIVE),
    ("{__}", lambda rule: r"(?:[^«»]|«[A-Z]\d+»){0,100}?"),
    ("{_}", lambda rule: r"(?:[^«»]|«[DLEC]\d+»){0,60}?"),
)


#: What every match of a slot placeholder starts and ends with ("" where that varies):
#: slots are written «P0», but {O} may follow a determiner.
SLOT_EDGES = {
    "{S}": ("«", "»"),
    "{O}": ("", "»"),
    "{O's}": ("«", "»'s"),
    "{T}": ("«", "»"),
    "{X}": ("«", "»"),
}
#: Gaps; a space written before one may also be a comma.
GAPS = ("{_}", "{__}")


def expression(rule: Rule) -> str:
    """The rule's pattern with its placeholders written out as regular expressions."""
    text = rule.pattern.replace("{verb}", "(?P<verb>" + "|".join(rule.verbs) + ")")
    text = text.replace(" {_}", "[\\s,]{_}").replace(" {__}", "[\\s,]{__}")
    for key, value in _PLACEHOLDERS:
        text = text.replace(key, value(rule))
    return text


def compile_rule(rule: Rule) -> re.Pattern[str]:
    """The rule's pattern as a regular expression over a masked sentence."""
    return re.compile(expression(rule), re.IGNORECASE)


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to match: its expression and the slot letters of its two ends."""

    rule: Rule
    regex: re.Pattern[str]
    subject_letters: frozenset[str]
    object_letters: frozenset[str]

    def fits(self, letters: frozenset[str]) -> bool:
        """True when a sentence with slots of these letters has a subject and an object."""
        return bool(letters & self.subject_letters and letters & self.object_letters)


class AllRules:
    """Which rules to try on a sentence: every one whose slot types fit it.

    :class:`revkg.extract.fastpath.RuleIndex` chooses the same rules, less those that
    cannot match, faster."""

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        self.rules = rules

    def allows(self, letters: frozenset[str]) -> bool:
        """True when some rule fits slots of these letters (else no sentence can match)."""
        return any(rule.fits(letters) for rule in self.rules)

    def candidates(self, masked: str, letters: frozenset[str]) -> list[CompiledRule]:
        """The rules to try on ``masked``, in table order; ``letters`` are its slot types."""
        return [rule for rule in self.rules if rule.fits(letters)]


def compile_rules(rules: tuple[Rule, ...]) -> tuple[CompiledRule, ...]:
    """Each rule with its expression and slot letters."""
    return tuple(
        CompiledRule(
            rule,
            compile_rule(rule),
            frozenset(TYPE_LETTERS[t] for t in rule.subject),
            frozenset(TYPE_LETTERS[t] for t in rule.object),
        )
        for rule in rules
    )


#: Words just before a verb that cancel a negatable rule.
NEGATION = re.compile(
    r"\b(?:not|never|no longer|refused to|refuses to|refuse to|declined to|failed to|"
    r"threaten\w* to|wouldn't|didn't|did not|don't|could not|couldn't|cannot|n't)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def negated(masked: str, match: re.Match[str]) -> bool:
    """True when a negation ("did not", "refused to") stands just before the verb."""
    if "verb" not in match.re.groupindex or match.start("verb") < 0:
        return False
    left = max(0, match.start("verb") - 40)
    if match.start("S") < match.start("verb"):
        left = max(left, match.end("S") + 1)
    return bool(NEGATION.search(masked[left : match.start("verb")]))


def match_time(
    rule: Rule, match: re.Match[str], dates: list[Date | None], slots: list[tuple[int, int]]
) -> Date | None:
    """The rule's time qualifier: the ``{T}`` slot, else the date slot nearest the match."""
    if rule.time is None:
        return None
    if "T" in match.re.groupindex and match.group("T"):
        return dates[int(match.group("T")[1:])]
    used = {int(match.group("S")[1:]), int(match.group("O")[1:])}
    centre = (match.start() + match.end()) / 2
    nearest = [
        (abs((slots[i][0] + slots[i][1]) / 2 - centre), i)
        for i, date in enumerate(dates)
        if date is not None and i not in used
    ]
    return dates[min(nearest)[1]] if nearest else None
