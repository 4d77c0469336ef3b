"""Mentions: where a text names an entity, a name the registry lacks, or a pronoun.

Registry names are found with a spaCy ``PhraseMatcher`` over every variant of
every name (labels, aliases, misspellings, both apostrophes, case variants).
Capitalised names the registry does not know become new-entity candidates with
a guessed type and fuzzy suggestions; they are never linked to a registry entry.
Pronouns are found and resolved in :mod:`revkg.extract.pronouns`.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from ..model import Date, Entity
from ..text import NAME_LINK, NAME_WORD, STOP_WORDS


class Mention(NamedTuple):
    """A stretch of the original text naming an entity, a date or a person by pronoun.

    ``text`` is exactly ``document_text[start:end]``. ``via`` says how it was found:
    ``name`` (the registry), ``pronoun`` (he/him, resolved), ``possessive`` ("his",
    resolved; read by the dependency patterns only), ``anaphor`` ("the party", resolved)
    or ``new`` (not in the registry). Extraction makes many mentions, so this
    is a named tuple: immutable and quicker to make than a frozen dataclass. Like any
    tuple it compares, unpacks and serializes as its fields in order; change a field
    with ``mention._replace(...)``.
    """

    start: int
    end: int
    text: str
    type: str
    entity: str | None = None
    label: str = ""
    date: Date | None = None
    via: str = "name"


@dataclass(frozen=True)
class Suggestion:
    """A registry entity whose name is close to an unknown name (a hint, not a link)."""

    entity: str
    label: str
    score: float


@dataclass(frozen=True)
class NewEntity:
    """A name not in the registry, with a guessed type and where it occurs."""

    label: str
    type: str
    mentions: tuple[tuple[str, int, int], ...]
    suggestions: tuple[Suggestion, ...] = ()


# ---- names outside the registry -----------------------------------------------------

#: :data:`revkg.text.CAPITALISED_NAME`, written to start with a character set (the
#: look-behind moved after it) so that the search skips ahead.
_NAME = re.compile(
    rf"[A-Z](?<![\w'’#-].)(?:\.(?:\s?[A-Z]\.)*|[A-Za-z]*(?:-[A-Za-z]+)*)"
    rf"(?:{NAME_LINK}{NAME_WORD})*(?![\w#])"
)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that make an unknown name an organization, an event or a place (checked in order).
KIND_WORDS = (
    (
        "Organization",
        word_set(
            """
            party parties group committee opposition union unions league international council
            councils army front guard guards commission bloc faction government police movement
            organization organisation society
            """
        ),
    ),
    (
        "Event",
        word_set(
            """
            revolution war rebellion revolt treaty uprising strike massacre congress commune
            famine coup insurrection mutiny conference
            """
        ),
    ),
    ("Place", word_set("region mountains river city island province oblast")),
)
_WORK_BEFORE = re.compile(
    r"(?:pamphlets?|books?|works?|piece|essays?|articles?|memoirs?|memorandum|manifesto|"
    r"letters?|novel|['’]s)\s*$",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near)|\b(?:town|village|city|port|settlement|hamlet|province|region) of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WORK_AFTER = re.compile(r"^(?:\s*\(\d{4}\)|,? by [A-Z])")
_NON_SPACE = re.compile(r"\S+")


#: Titles that a person's name can start with ("Prince Lvov", "Empress Alexandra").
PERSON_TITLES = frozenset({
    "Tsar", "Tsarina", "Tsaritsa", "Tsarevich", "Emperor", "Empress", "Prince", "Princess",
    "Count", "Countess", "Baron", "Baroness", "Admiral", "Ataman", "Comrade",
})  # fmt: skip


@functools.cache
def given_names() -> frozenset[str]:
    """The packaged list of common given names (``given-names.txt``)."""
    text = resources.files("revkg.extract").joinpath("given-names.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


class NameFinder:
    """Finds capitalised names the registry does not know, guesses their type, suggests."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_name: dict[str, Entity] = {}
        for entity in sorted(entities, key=lambda e: e.id):
            for name in entity.names():
                self.by_name.setdefault(name.casefold(), entity)
        self.names = sorted(self.by_name)
        #: First words of people's names: the registry's ("Vladimir", "Julius"...) and
        #: common given names (``given-names.txt``).
        self.given = given_names() | frozenset(
            e.label.split()[0]
            for e in self.by_name.values()
            if e.type == "Person" and " " in e.label
        )
        self._suggestions: dict[str, tuple[Suggestion, ...]] = {}

    def find(
        self, paragraph: str, offset: int, known: list[tuple[int, int]], text: str
    ) -> list[Mention]:
        """Unknown names in a paragraph, given the spans of registry names in it."""
        blanked = _blank(paragraph, offset, known)
        found = []
        for m in _NAME.finditer(blanked):
            span = _trim(blanked, m.start(), m.end())
            if span is None:
                continue
            start, end = span
            name = " ".join(paragraph[start:end].split())
            kind = self.guess(blanked, start, end, name)
            if kind is not None:
                s, e = offset + start, offset + end
                found.append(Mention(s, e, text[s:e], kind, label=name, via="new"))
        return found

    def guess(self, blanked: str, start: int, end: int, name: str) -> str | None:
        """The likely type of an unknown name, or None if it does not look like a name."""
        words = name.split()
        single = len(words) == 1
        acronym = single and name.isupper() and 2 <= len(name) <= 6
        possessive = blanked[end : end + 2] in ("'s", "’s")
        at_start = _sentence_starts_after(blanked[:start])
        if single and (at_start or not (acronym or possessive)) and not self.suggest(name):
            return None
        if not single and (
            _WORK_BEFORE.search(blanked[max(0, start - 30) : start])
            or _WORK_AFTER.match(blanked[end : end + 40])
        ):
            return "Work"
        lowered = {w.casefold().strip(".") for w in words}
        kind = head_kind(name) or next((kind for kind, cue in KIND_WORDS if lowered & cue), None)
        if kind is not None:
            return kind
        if acronym:
            return "Organization"
        if not single and (words[0] in self.given or words[0] in PERSON_TITLES):
            return "Person"
        if _PLACE_BEFORE.search(blanked[max(0, start - 30) : start]):
            return "Place"  # "in Nizhny Novgorod", "the hamlet of Kureika"
        suggestions = self.suggest(name)
        if suggestions:
            return self.by_name[suggestions[0].label.casefold()].type
        if any(w[0].islower() for w in words) or len(words) > 4:
            return "Work"
        return "Person"

    def retype(self, m: Mention) -> Mention:
        """A name that starts with a given name or a title and has no kind word of its own
        is a person ("Julius Martov", "Empress Alexandra Feodorovna", whatever the model
        said)."""
        words = m.label.split()
        first = words[0] in self.given or words[0] in PERSON_TITLES
        if m.type == "Person" or not 2 <= len(words) <= 4 or not first:
            return m
        lowered = {w.casefold() for w in words}
        if head_kind(m.label) or any(lowered & cue for _, cue in KIND_WORDS):
            return m
        return m._replace(type="Person")

    def suggest(self, name: str) -> tuple[Suggestion, ...]:
        """Registry names close to ``name`` (difflib ratio >= 0.8), best first."""
        key = name.casefold()
        if key not in self._suggestions:
            close = difflib.get_close_matches(key, self.names, n=3, cutoff=0.8)
            found: dict[str, Suggestion] = {}
            for near in close:
                entity = self.by_name[near]
                score = round(difflib.SequenceMatcher(None, key, near).ratio(), 3)
                if entity.id not in found:
                    found[entity.id] = Suggestion(entity.id, entity.label, score)
            self._suggestions[key] = tuple(found.values())
        return self._suggestions[key]

    def group(self, mentions: Iterable[tuple[str, Mention]]) -> list[NewEntity]:
        """Mentions of the same unknown name (any case) merged into one candidate each."""
        by_key: dict[str, list[tuple[str, Mention]]] = {}
        for doc, m in mentions:
            by_key.setdefault(m.label.casefold().replace("’", "'"), []).append((doc, m))
        surnames = {
            m.label.split()[-1].casefold()
            for items in by_key.values()
            for _, m in items
            if m.type == "Person" and len(m.label.split()) > 1
        }
        out = []
        for key in sorted(by_key):
            items = by_key[key]
            kinds = Counter(m.type for _, m in items)
            if " " not in key and key in surnames:
                kinds = Counter({"Person": 1})  # "Kamenev" where "Lev Kamenev" is a person
            label = Counter(m.label for _, m in items).most_common(1)[0][0]
            out.append(
                NewEntity(
                    label,
                    min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0],
                    tuple(sorted((doc, m.start, m.end) for doc, m in items)),
                    self.suggest(label),
                )
            )
        return out


def _blank(paragraph: str, offset: int, known: list[tuple[int, int]]) -> str:
    """The paragraph with registry names overwritten by ``#`` (same length)."""
    if not known:
        return paragraph
    parts, pos = [], 0
    for start, end in known:
        parts += [paragraph[pos : start - offset], "#" * (end - start)]
        pos = end - offset
    parts.append(paragraph[pos:])
    return "".join(parts)


def _sentence_starts_after(prefix: str) -> bool:
    """True when ``prefix`` is empty or ends a sentence (``. ``, ``." ``) or opens a quote.

    The same as searching ``(?:^|[.!?:;]["'”’)]*\\s+|["“‘(]\\s*)$``, without reading
    the whole prefix.
    """
    stripped = prefix.rstrip()
    if prefix in ("", "\n") or stripped[-1:] in ('"', "“", "‘", "("):  # $ matches before \n
        return True
    return stripped != prefix and stripped.rstrip("\"'”’)")[-1:] in (".", "!", "?", ":", ";")


def _trim(blanked: str, start: int, end: int) -> tuple[int, int] | None:
    """The name without the stop words it starts or ends with; None if nothing is left."""
    span = _trimmed(blanked[start:end])
    return None if span is None else (start + span[0], start + span[1])


@functools.lru_cache(maxsize=65536)
def _trimmed(name: str) -> tuple[int, int] | None:
    """:func:`_trim` on a whole string (remembered: the same names recur)."""
    words = [(w.start(), w.end()) for w in _NON_SPACE.finditer(name)]
    while words and name[words[0][0] : words[0][1]].casefold() in STOP_WORDS:
        words.pop(0)
    while words and name[words[-1][0] : words[-1][1]].casefold() in STOP_WORDS:
        words.pop()
    if not words:
        return None
    return words[0][0], words[-1][1]


# ---- what a name's words say it is -------------------------------------------------

#: The last word of a name says what it names: "Kornilov Affair", "Bailov Prison".
HEAD_KINDS = {
    word: kind
    for kind, words in (
        (
            "Event",
            "offensive affair battle campaign conference congress revolution war rebellion "
            "revolt uprising strike massacre famine coup insurrection mutiny election day sunday",
        ),
        (
            "Place",
            "palace cemetery prison square street station fortress camp vale bridge district "
            "province city river island region",
        ),
        (
            "Organization",
            "duma squad squads battalion regiment division bureau institution university school "
            "party committee council soviet army navy guard guards union league group faction "
            "government movement society commission",
        ),
    )
    for word in words.split()
}


def head_kind(name: str) -> str | None:
    """The kind its head word gives a name: the last word before any "of" ("Battle of
    Tsaritsyn", "Revolutions of 1917"), singular or plural."""
    head = name.split(" of ")[0].split()[-1].casefold()
    return HEAD_KINDS.get(head) or HEAD_KINDS.get(head.removesuffix("s"))
