"""The masked sentence the rules are matched against, and names listed together in it.

``mask`` writes a sentence with each mention replaced by a typed slot: "Myasnikov
joined the Bolsheviks in 1906" reads ``«P0» joined the «O1» in «D2»``. Between the
slots the typography is made plain (:func:`revkg.text.plain_typography`), double
quotes are dropped and spaces are single, so that patterns need not allow for them.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..text import plain_typography
from .mentions import Mention
from .patterns import TYPE_LETTERS


class Sentence(NamedTuple):
    """One sentence of a document: where it is and the mentions inside it, in order."""

    doc: str
    text: str
    start: int
    end: int
    mentions: list[Mention]


def mask(sentence: Sentence) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with each mention replaced by ``«<letter><index>»``, and slot positions."""
    text, base = sentence.text, sentence.start
    parts: list[str] = []
    slots: list[tuple[int, int]] = []
    pos = length = 0
    for i, m in enumerate(sentence.mentions):
        piece = _clean(text[pos : m.start - base])
        slot = _SLOTS[m.type][i] if i < _MADE_SLOTS else f"«{TYPE_LETTERS[m.type]}{i}»"
        length += len(piece)
        end = length + len(slot)
        slots.append((length, end))
        parts.append(piece)
        parts.append(slot)
        length, pos = end, m.end - base
    parts.append(_clean(text[pos:]))
    return "".join(parts), slots


_MADE_SLOTS = 64
#: The slots of each type, «P0» to «P63», made once.
_SLOTS = {t: [f"«{letter}{i}»" for i in range(_MADE_SLOTS)] for t, letter in TYPE_LETTERS.items()}
_WHITESPACE = re.compile(r"\s+")
_APOSTROPHE_AFTER_SPACE = re.compile(r"(?<=\s)'")
_APOSTROPHE_FIRST = re.compile(r"^'(?!s\b)")


@functools.lru_cache(maxsize=65536)
def _clean(piece: str) -> str:
    """Plain typography, no double quotes, single spaces, no opening single quotes
    (remembered: pieces recur)."""
    piece = plain_typography(piece).replace('"', "")
    if "  " in piece or not piece.isprintable():
        piece = _WHITESPACE.sub(" ", piece)
    if "'" not in piece:
        return piece
    return _APOSTROPHE_FIRST.sub("", _APOSTROPHE_AFTER_SPACE.sub("", piece))


_CONJ_AFTER = re.compile(r"(?:,\s*(?:and\s+|or\s+|then\s+)?|\s+(?:and|or|&)\s+(?:then\s+)?)«")
_CONJ_BEFORE = re.compile(r"»(?:,\s*(?:and\s+)?|\s+and\s+)$")


def conjuncts(
    masked: str, slots: list[tuple[int, int]], index: int, letters: frozenset[str]
) -> list[int]:
    """The slot and the slots listed with it ("Bukharin and Dzerzhinsky", "X, Y and Z")."""
    found = [index]
    i = index
    while i + 1 < len(slots) and masked[slots[i + 1][0] + 1] in letters:
        if not _CONJ_AFTER.fullmatch(masked[slots[i][1] : slots[i + 1][0] + 1]):
            break
        i += 1
        found.append(i)
    i = index
    while i > 0 and masked[slots[i - 1][0] + 1] in letters:
        if not _CONJ_BEFORE.search(masked[slots[i - 1][1] - 1 : slots[i][0]]):
            break
        i -= 1
        found.insert(0, i)
    return found
