"""Pronouns and definite descriptions, and whom they stand for.

"he", "him" and "she" are found as person mentions, "the party" and "the treaty" as
descriptions; :class:`Referents` resolves each, sentence by sentence through a
document, to the entity the text was just talking about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import Entity
from .mentions import Mention

#: \b(?:[Hh]e|[Hh]im|[Ss]he)\b|\b[Tt]he (party|treaty)\b is found in two searches that
#: start with a plain letter, which the search skips ahead to: a lower-case "h" (he, him,
#: and she/the, whose first letter is checked behind it) and a capital "H" (He, Him).
_PRONOUN_H = re.compile(
    r"h(?:(?<=[Ss]h)(?<!\w[Ss]h)e|(?<=[Tt]h)(?<!\w[Tt]h)e (party|treaty)|(?<!\wh)(?:e|im))\b"
)
_PRONOUN_CAPITAL_H = re.compile(r"H(?<!\wH)(?:e|im)\b")
#: "his": read by the dependency patterns only ("his book X", "his arrest of X").
_POSSESSIVE = re.compile(r"\b[Hh]is\b")
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


def possessive_mentions(paragraph: str, offset: int, text: str) -> list[Mention]:
    """Each "his" of a paragraph, as a person mention of kind ``possessive``."""
    return [
        Mention(
            offset + m.start(),
            offset + m.end(),
            text[offset + m.start() : offset + m.end()],
            "Person",
            via="possessive",
        )
        for m in _POSSESSIVE.finditer(paragraph)
    ]


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

    "he" (and "his") is the person the sentence is about (its first person), else the
    last such;
    "him" is the person the document has been about most often (a registry entity or a
    name the registry lacks); "the party" and
    "the treaty" are the last registry entity whose name starts or ends with that word.
    A pronoun for a name the registry lacks is a mention of that name (``via`` "new"), so
    its facts are about the name's provisional entity.
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
            if m.via in ("pronoun", "anaphor", "possessive"):
                person = m.via != "anaphor"
                target = self._pronoun(m, topic) if person else self.last.get(m.label)
                if target is None:
                    continue
                kind = m.via
                # a pronoun for a new name is that name's mention (of its provisional entity)
                via = "new" if target.via == "new" and kind != "anaphor" else kind
                m = target._replace(start=m.start, end=m.end, text=m.text, via=via)
                if kind == "pronoun" and topic is None and m.text.lower() != "him":
                    topic = m
            elif m.entity is not None or m.via == "new":
                for noun in nouns.get(m.entity or "", ()):
                    self.last[noun] = m
                if m.type == "Person" and topic is None:
                    topic = m
            out.append(m)
        if topic is not None:
            key = _topic(topic)
            self.topics.pop(key, None)
            self.topics[key] = topic
            self.counts[key] += 1
        return out

    def _pronoun(self, pronoun: Mention, topic: Mention | None) -> Mention | None:
        if pronoun.text.lower() != "him":
            return topic or (next(reversed(self.topics.values())) if self.topics else None)
        # the most mentioned; of those, the latest (max keeps the first it meets)
        best = max(reversed(self.topics), key=self.counts.__getitem__, default=None)
        return self.topics[best] if best else None


def _topic(m: Mention) -> str:
    """Who a person mention is: the registry entity, or a new name by its last word
    ("Alexander Kerensky" and "Kerensky" are one person in a document)."""
    return m.entity if m.entity is not None else "new:" + m.label.split()[-1].casefold()
