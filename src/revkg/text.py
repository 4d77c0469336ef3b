"""Find quotes in essays despite typography, keeping offsets into the original text.

The essays use non-breaking spaces, curly quotes and apostrophes; curators type
straight ones. Matching happens on a normalized copy whose every character
remembers its index in the original, so offsets always point into the file.
"""

from __future__ import annotations

from dataclasses import dataclass

_TRANSLATE = {
    "\u00a0": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
}

#: What normalize() replaces, by character (the network page folds names with it too).
TYPOGRAPHY: dict[str, str] = _TRANSLATE


@dataclass(frozen=True)
class NormalizedText:
    """A normalized copy of a text and, for each of its characters, the original index."""

    text: str
    index: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) back to a span of the original text."""
        return self.index[start], self.index[end - 1] + 1


def normalize(text: str, *, casefold: bool = False) -> NormalizedText:
    """Typography-insensitive form: straight quotes, plain spaces, whitespace runs collapsed."""
    chars: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        rep = _TRANSLATE.get(ch, ch)
        if rep.isspace():
            if previous_space:
                continue
            rep, previous_space = " ", True
        else:
            previous_space = False
        if casefold:
            rep = rep.casefold() if len(rep.casefold()) == len(rep) else rep
        chars.append(rep)
        index.extend([i] * len(rep))
    return NormalizedText("".join(chars), tuple(index), len(text))


def normalize_string(text: str, *, casefold: bool = False) -> str:
    """Only the normalized string, for comparing names."""
    return normalize(text, casefold=casefold).text.strip()


def name_key(name: str) -> str:
    """How two names are compared: typography and case ignored."""
    return normalize_string(name, casefold=True)


def find_quote(haystack: NormalizedText, quote: str) -> tuple[int, int] | None:
    """Offsets in the original text of the first occurrence of ``quote``, or None."""
    needle = normalize_string(quote)
    if not needle:
        return None
    pos = haystack.text.find(needle)
    if pos < 0:
        return None
    return haystack.to_original(pos, pos + len(needle))
