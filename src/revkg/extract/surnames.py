"""A new person named again by surname alone ("Alexander Kerensky ... Kerensky died").

Biographies name their subject in full once and by surname after. Within one document,
a one-word name that is the last word of a new person's full name, seen earlier, is that
person: it is found even where the model tags nothing (at the start of a sentence) or
tags a place ("Kamenev"), and is labelled with the full name, so both are one provisional
entity. The first person seen with a surname keeps it ("Alexander Kerensky", not his
father "Fyodor Kerensky" named later).
"""

from __future__ import annotations

import re
from operator import attrgetter

from .mentions import Mention

_SURNAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
#: A capitalised word just before a surname makes it part of another name.
_CAPITAL_BEFORE = re.compile(r"(?<![.!?;:])\s*\b[A-Z][\w'’-]*\s+$")


class Surnames:
    """The new people of one document so far, by surname."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None

    def learn(self, mentions: list[Mention]) -> None:
        """Note the surname of each new person named in two to four words."""
        for m in mentions:
            words = m.label.split()
            person = m.type == "Person" and 2 <= len(words) <= 4
            if person and _SURNAME.fullmatch(words[-1]) and words[-1] not in self.full:
                self.full[words[-1]] = m.label
                self._pattern = None

    def apply(
        self, found: list[Mention], para: str, offset: int, text: str, taken: list[tuple[int, int]]
    ) -> list[Mention]:
        """``found`` with each known surname labelled as its person, and the surnames the
        name finders missed added (not inside another name, not after a capitalised word)."""
        self.learn(found)
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
            label = self.full[hit.group()]
            out.append(Mention(start, end, text[start:end], "Person", label=label, via="new"))
        return sorted(out, key=attrgetter("start"))

    def _relabel(self, m: Mention) -> Mention:
        full = self.full.get(m.label)
        return m._replace(type="Person", label=full) if full and full != m.label else m

    def _search(self) -> re.Pattern[str]:
        if self._pattern is None:
            names = "|".join(map(re.escape, sorted(self.full, key=len, reverse=True)))
            self._pattern = re.compile(rf"\b(?:{names})\b(?!\s+[A-Z])")
        return self._pattern
