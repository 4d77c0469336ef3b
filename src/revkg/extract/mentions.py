"""Mentions: where a text names an entity, a name the registry lacks, or a pronoun.

Pronouns ("he", "him") and descriptions ("the party") are resolved by
:class:`Referents` to the entity the text was just talking about.

Registry names are found with a spaCy ``PhraseMatcher`` over every variant of
every name (labels, aliases, misspellings, both apostrophes, case variants).
Capitalised names the registry does not know become new-entity candidates with
a guessed type and fuzzy suggestions; they are never linked to a registry entry.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..model import Date, Entity
from .dates import MONTHS

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Spaces the essays use that count as plain spaces (no-break, figure, narrow, thin).
SPACES = "\u00a0\u2007\u202f\u2009"


class Mention(NamedTuple):
    """A stretch of the original text naming an entity, a date or a person by pronoun.

    ``text`` is exactly ``document_text[start:end]``. ``via`` says how it was found:
    ``name`` (the registry), ``pronoun`` (he/him, resolved), ``anaphor`` ("the party",
    resolved) or ``new`` (not in the registry). Extraction makes many mentions, so this
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


def plain_spaces(text: str) -> str:
    """Narrow and no-break spaces as plain spaces (same length, same offsets)."""
    if not text.isascii():
        for space in SPACES:
            if space in text:
                text = text.replace(space, " ")
    return text


def name_variants(name: str, *, lower: bool = False) -> list[str]:
    """A name as the essays may write it: both apostrophes, case variants, no spare space.

    A one-word name gets a lower-case variant only when ``lower`` (ideas: "centralism"),
    so that "Commune" does not match every "commune".
    """
    name = " ".join(plain_spaces(name).split())
    if not name:
        return []
    cased = {name, name[0].upper() + name[1:], name.upper(), name[0] + name[1:].lower()}
    if " " in name or name.islower() or lower:
        cased |= {name.lower(), name.title()}
    variants = set()
    for form in cased:
        straight = form.replace("\u2019", "'")
        variants |= {straight, straight.replace("'", "\u2019")}
    return sorted(variants)


class RegistryMatcher:
    """Registry names in tokenized text; overlaps resolved as spaCy's entity ruler does.

    The longest match wins, then the earliest; each variant string belongs to the
    first entity (by id) that has it.
    """

    def __init__(self, vocab: Vocab, tokenizer: Tokenizer, entities: Iterable[Entity]) -> None:
        from spacy.matcher import PhraseMatcher

        by_key: dict[str, list[str]] = {}
        seen: set[str] = set()
        for entity in sorted(entities, key=lambda e: e.id):
            for name in entity.names():
                for variant in name_variants(name, lower=entity.type == "Concept"):
                    if variant not in seen:
                        seen.add(variant)
                        by_key.setdefault(f"{entity.type}||{entity.id}", []).append(variant)
        self.matcher = PhraseMatcher(vocab)
        self.ids: dict[int, str] = {}
        for key, variants in by_key.items():
            self.matcher.add(key, list(tokenizer.pipe(variants)))
            self.ids[vocab.strings[key]] = key.split("||", 1)[1]

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(first token, end token, entity id) of each name, in text order."""
        longest_first = sorted([(s - e, s, e, m) for m, s, e in self.matcher(doc) if s != e])
        taken = bytearray(len(doc))
        kept = []
        for _, start, end, match_id in longest_first:
            if not taken[start] and not taken[end - 1]:
                kept.append((start, end, self.ids[match_id]))
                taken[start:end] = b"\x01" * (end - start)
        kept.sort()
        return kept


# ---- pronouns and definite descriptions ---------------------------------------------

#: \b(?:[Hh]e|[Hh]im|[Ss]he)\b|\b[Tt]he (party|treaty)\b is found in two searches that
#: start with a plain letter, which the search skips ahead to: a lower-case "h" (he, him,
#: and she/the, whose first letter is checked behind it) and a capital "H" (He, Him).
_PRONOUN_H = re.compile(
    r"h(?:(?<=[Ss]h)(?<!\w[Ss]h)e|(?<=[Tt]h)(?<!\w[Tt]h)e (party|treaty)|(?<!\wh)(?:e|im))\b"
)
_PRONOUN_CAPITAL_H = re.compile(r"H(?<!\wH)(?:e|im)\b")
#: Definite descriptions resolved to the last entity so named, with the type they refer to.
ANAPHORS = {"party": "Organization", "treaty": "Event"}


def pronoun_mentions(paragraph: str, offset: int, text: str) -> list[Mention]:
    """He, him, she, "the party", "the treaty" in a paragraph of ``text`` at ``offset``.

    Each mention's text is as ``text`` writes it (the paragraph may have had its
    no-break spaces made plain)."""
    found = []
    for m in _pronouns(paragraph):
        start, end, noun = offset + m.start(), offset + m.end(), None
        if m.re is _PRONOUN_H:
            noun = m.group(1)
            # she, the party: the match starts at the "h". (He and him match only after a
            # character that is not a word character, so never after s or t.)
            if m.start() and paragraph[m.start() - 1] in "SsTt":
                start -= 1
        if noun:
            noun = noun.lower()
            kind = ANAPHORS[noun]
            found.append(Mention(start, end, text[start:end], kind, label=noun, via="anaphor"))
        else:
            found.append(Mention(start, end, text[start:end], "Person", via="pronoun"))
    return found


def _pronouns(paragraph: str) -> list[re.Match[str]]:
    """The matches of both pronoun searches, in text order."""
    found = list(_PRONOUN_H.finditer(paragraph))
    if "H" in paragraph:
        found += _PRONOUN_CAPITAL_H.finditer(paragraph)
        found.sort(key=re.Match.start)
    return found


def anaphor_targets(entities: Iterable[Entity]) -> dict[str, list[str]]:
    """Entity id -> the descriptions ("party", "treaty") that can name it: those its name
    starts or ends with."""
    nouns: dict[str, list[str]] = {}
    for e in entities:
        words = [w for w in (n.split() for n in e.names()) if w]
        for noun in ANAPHORS:
            if any(noun in (w[0].casefold(), w[-1].casefold()) for w in words):
                nouns.setdefault(e.id, []).append(noun)
    return nouns


class Referents:
    """Who "he", "him", "the party" refer to, sentence by sentence through a document.

    "he" is the person the sentence is about (its first person), else the last such;
    "him" is the person the document has been about most often; "the party" and
    "the treaty" are the last registry entity whose name starts or ends with that word.
    """

    def __init__(self, nouns: dict[str, list[str]]) -> None:
        self.nouns = nouns  # entity id -> the descriptions naming it (anaphor_targets)
        self.topics: dict[str, Mention] = {}
        self.counts: Counter[str] = Counter()
        self.last: dict[str, Mention] = {}

    def resolve(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions of one sentence with pronouns replaced by whom they stand for."""
        topic: Mention | None = None
        out = []
        nouns = self.nouns
        for m in mentions:
            if m.via in ("pronoun", "anaphor"):
                target = self._pronoun(m, topic) if m.via == "pronoun" else self.last.get(m.label)
                if target is None:
                    continue
                m = target._replace(start=m.start, end=m.end, text=m.text, via=m.via)
                if m.via == "pronoun" and topic is None and m.text.lower() != "him":
                    topic = m
            elif m.entity is not None:
                for noun in nouns.get(m.entity, ()):
                    self.last[noun] = m
                if m.type == "Person" and topic is None:
                    topic = m
            out.append(m)
        if topic is not None and topic.entity is not None:
            self.topics.pop(topic.entity, None)
            self.topics[topic.entity] = topic
            self.counts[topic.entity] += 1
        return out

    def _pronoun(self, pronoun: Mention, topic: Mention | None) -> Mention | None:
        if pronoun.text.lower() != "him":
            return topic or (next(reversed(self.topics.values())) if self.topics else None)
        # the most mentioned; of those, the latest (max keeps the first it meets)
        best = max(reversed(self.topics), key=self.counts.__getitem__, default=None)
        return self.topics[best] if best else None


# ---- names outside the registry -----------------------------------------------------

_WORD = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)"
_LINK = r"(?:\s+(?:of|the|and|in|on|to|for|de|von|van))*\s+"
#: (?<![\w'’#-]){_WORD}(?:{_LINK}{_WORD})*(?![\w#]), written to start with a character
#: set (the look-behind moved after it) so that the search skips ahead.
_NAME = re.compile(
    rf"[A-Z](?<![\w'’#-].)(?:\.(?:\s?[A-Z]\.)*|[A-Za-z]*(?:-[A-Za-z]+)*)"
    rf"(?:{_LINK}{_WORD})*(?![\w#])"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """
    a about after again all also although an and another any as at because before being
    both but by certain despite due during each either even every for from further
    furthermore getting he her here his how however i if in instead it its like many
    more most much neither no nor not of on once one only or other others our rather
    shortly since so some still such than that the their them then there these they this
    those though through to today under unlike until ultimately we what when where
    whether which while who whom why with within without would yet you years friends
    truth communists liberals later earlier soon now perhaps monday tuesday wednesday
    thursday friday saturday sunday
    """
) | frozenset(MONTHS)
#: Words that make an unknown name an organization, an event or a place (checked in order).
_KIND_WORDS = (
    (
        "Organization",
        _words(
            """
            party parties group committee opposition union unions league international council
            councils army front guard guards commission bloc faction government police movement
            organization organisation society
            """
        ),
    ),
    (
        "Event",
        _words(
            """
            revolution war rebellion revolt treaty uprising strike massacre congress commune
            famine coup insurrection mutiny conference
            """
        ),
    ),
    ("Place", _words("region mountains river city island province oblast")),
)
_WORK_BEFORE = re.compile(
    r"(?:pamphlets?|books?|works?|piece|essays?|articles?|memoirs?|memorandum|manifesto|"
    r"letters?|novel|['’]s)\s*$",
    re.IGNORECASE,
)
_WORK_AFTER = re.compile(r"^(?:\s*\(\d{4}\)|,? by [A-Z])")
_NON_SPACE = re.compile(r"\S+")


class NameFinder:
    """Finds capitalised names the registry does not know, guesses their type, suggests."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_name: dict[str, Entity] = {}
        for entity in sorted(entities, key=lambda e: e.id):
            for name in entity.names():
                self.by_name.setdefault(name.casefold(), entity)
        self.names = sorted(self.by_name)
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
        kind = next((kind for kind, cue in _KIND_WORDS if lowered & cue), None)
        if kind is not None:
            return kind
        if acronym:
            return "Organization"
        suggestions = self.suggest(name)
        if suggestions:
            return self.by_name[suggestions[0].label.casefold()].type
        if any(w[0].islower() for w in words) or len(words) > 4:
            return "Work"
        return "Person"

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
        out = []
        for key in sorted(by_key):
            items = by_key[key]
            kinds = Counter(m.type for _, m in items)
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
    while words and name[words[0][0] : words[0][1]].casefold() in _STOP:
        words.pop(0)
    while words and name[words[-1][0] : words[-1][1]].casefold() in _STOP:
        words.pop()
    if not words:
        return None
    return words[0][0], words[-1][1]
