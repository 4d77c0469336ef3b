"""A person named again by surname alone ("Alexander Kerensky ... Kerensky died").

Biographies name their subject in full once and by surname after. Within one document,
a one-word name that is the last word of a person's full name is that person: it is
found even where the model tags nothing (at the start of a sentence) or tags a place
("Kamenev"). A new person's surname is labelled with the full name, so both are one
provisional entity; a registry person's (where the registry lacks the surname as an
alias) links to the registry entity. The first person seen with a surname keeps it
("Alexander Kerensky", not his father "Fyodor Kerensky" named later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING

from .mentions import Mention, given_names

if TYPE_CHECKING:
    from spacy.tokens import Doc

_SURNAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
#: A capitalised word just before a surname makes it part of another name.
_CAPITAL_BEFORE = re.compile(r"(?<![.!?;:])\s*\b[A-Z][\w'’-]*\s+$")


class Surnames:
    """The people of one document so far, by surname."""

    def __init__(self) -> None:
        self.full: dict[str, Mention] = {}  # surname -> the person's first full mention
        self._pattern: re.Pattern[str] | None = None

    def learn(self, mentions: Iterable[Mention]) -> None:
        """Note the surname of each person named in two to four words (a registry
        person's too, where the registry lacks the surname alone)."""
        for m in mentions:
            words = m.label.split()
            person = m.type == "Person" and 2 <= len(words) <= 4
            if not (person and _SURNAME.fullmatch(words[-1])):
                continue
            seen = self.full.get(words[-1])
            # the registry's person wins over the same name the model saw first
            if seen is None or (seen.entity is None and m.entity and seen.label == m.label):
                self.full[words[-1]] = m
                self._pattern = None

    def learn_from_model(self, parses: Iterable[Doc | None]) -> None:
        """Note the surnames of the people the model names anywhere in the document, in
        text order, so that "Kamenev" is known before "Lev Kamenev" is written out."""
        for parse in parses:
            for ent in parse.ents if parse is not None else ():
                words = ent.text.split()
                if ent.label_ == "PERSON" and words and words[0] in given_names():
                    named = Mention(0, 0, ent.text, "Person", label=" ".join(words), via="new")
                    self.learn([named])

    def apply(
        self,
        found: list[Mention],
        para: str,
        offset: int,
        text: str,
        known: list[Mention],
    ) -> list[Mention]:
        """``found`` (new names) with each known surname made its person, and the surnames
        the name finders missed added (not inside another name, not after a capitalised
        word); ``known`` are the paragraph's registry names."""
        self.learn(sorted([*known, *found], key=attrgetter("start")))
        taken = [(m.start, m.end) for m in known]
        out = [self._relabel(m) for m in found]
        if not self.full:
            return out
        occupied = taken + [(m.start, m.end) for m in out]
        for hit in self._search().finditer(para):
            start, end = offset + hit.start(), offset + hit.end()
            if any(s < end and start < e for s, e in occupied):
                continue
            if _CAPITAL_BEFORE.search(para, max(0, hit.start() - 40), hit.start()):
                continue
            out.append(_as(self.full[hit.group()], start, end, text[start:end]))
        return sorted(out, key=attrgetter("start"))

    def _relabel(self, m: Mention) -> Mention:
        full = self.full.get(m.label)
        return _as(full, m.start, m.end, m.text) if full and full.label != m.label else m

    def _search(self) -> re.Pattern[str]:
        if self._pattern is None:
            names = "|".join(map(re.escape, sorted(self.full, key=len, reverse=True)))
            self._pattern = re.compile(rf"\b(?:{names})\b(?!\s+[A-Z])")
        return self._pattern


def _as(person: Mention, start: int, end: int, words: str) -> Mention:
    """A mention of ``person`` (registry or new) by the ``words`` at start:end."""
    return person._replace(start=start, end=end, text=words, date=None)
