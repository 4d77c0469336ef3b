"""Text as the essays write it: typography, capitalised names, quotes found despite both.

The essays use non-breaking spaces, curly quotes, apostrophes and dashes; curators type
plain ones. :data:`TYPOGRAPHY` says which plain characters each typographic one stands
for, once, for every stage that compares text: :func:`plain_typography` writes a text
with them, :func:`plain_spaces` only the spaces (keeping every offset), and
:func:`normalize` gives a copy whose every character remembers its index in the
original, so that quotes found in it point into the file.

:data:`CAPITALISED_NAME` and :data:`STOP_WORDS` say what looks like a name: the
coverage checklist and the name finder of extraction read names the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Spaces the essays use besides the plain one: no-break, figure, narrow no-break, thin.
SPACES = "\u00a0\u2007\u202f\u2009"
#: Each typographic character and the plain characters it stands for (what normalize()
#: replaces; the network page folds names with it too).
TYPOGRAPHY = (
    dict.fromkeys(SPACES, " ")
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc", "'")
    | dict.fromkeys("\u201c\u201d\u201e", '"')
    | dict.fromkeys("\u2013\u2014", "-")
    | {"\u2026": "..."}
)


def plain_typography(text: str) -> str:
    """``text`` with plain quotes, apostrophes, dashes, spaces and dots (:data:`TYPOGRAPHY`)."""
    return _replaced(text, TYPOGRAPHY)


def plain_spaces(text: str) -> str:
    """``text`` with plain spaces for the typographic ones (same length, same offsets)."""
    return _replaced(text, _SPACES)


_SPACES = {space: TYPOGRAPHY[space] for space in SPACES}


def paragraph_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line of ``text`` that is not blank, with plain spaces: the
    paragraphs extraction reads and the curation app shows."""
    found, pos = [], 0
    for line in text.replace("\r", "\n").split("\n"):  # same length, so the same offsets
        if line.strip():
            found.append((pos, plain_spaces(line)))
        pos += len(line) + 1
    return found


def _replaced(text: str, table: dict[str, str]) -> str:
    # str.replace for each character there is: much quicker than str.translate
    if not text.isascii():
        for typographic, plain in table.items():
            if typographic in text:
                text = text.replace(typographic, plain)
    return text


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
    """Typography-insensitive form: plain typography, whitespace runs as one space."""
    chars: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        rep = TYPOGRAPHY.get(ch, ch)
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
    found = find_quotes(haystack, quote, limit=1)
    return found[0] if found else None


def find_quotes(
    haystack: NormalizedText, quote: str, *, limit: int | None = None
) -> list[tuple[int, int]]:
    """Offsets in the original text of every occurrence of ``quote`` (at most ``limit``)."""
    needle = normalize_string(quote)
    found: list[tuple[int, int]] = []
    pos = haystack.text.find(needle) if needle else -1
    while pos >= 0 and (limit is None or len(found) < limit):
        found.append(haystack.to_original(pos, pos + len(needle)))
        pos = haystack.text.find(needle, pos + 1)
    return found


# ---- what looks like a name ----------------------------------------------------------

#: A capitalised word ("Bukharin", "Brest-Litovsk") or initials ("V.I.", "V. I.").
NAME_WORD = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)"
#: What may join the words of one name ("Treaty of Brest-Litovsk", "Ruth Fischer").
NAME_LINK = r"(?:\s+(?:of|the|and|in|on|to|for|de|von|van))*\s+"
#: Capitalised words in a row, not inside a word; ``#`` marks text blanked out as known.
CAPITALISED_NAME = re.compile(rf"(?<![\w'’#-]){NAME_WORD}(?:{NAME_LINK}{NAME_WORD})*(?![\w#])")

#: The months, in order.
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Words that are capitalised at the start of a sentence or in a heading, not as names.
STOP_WORDS = frozenset(
    """
        a about after again against all also although an and another any are as at be
        because before being both but by can certain communists could despite did do does
        due during each either even every first for from further furthermore getting had has
        have he her here his how however i if in instead into is it its just let like many
        more most much must my neither no nor not now of often on once one only or other
        others our over perhaps rather same she should shortly since so some still such than
        that the their them then there these they this those though through thus to today
        under unlike until ultimately upon very was we were what when where whether which
        while who whom whose why will with within without would yet you years friends truth
        liberals later earlier soon monday tuesday wednesday thursday friday saturday sunday
        """.split()  # noqa: SIM905
) | frozenset(MONTHS)


# ---- text that leaves revkg for other programs ----------------------------------------

#: Characters XML 1.0 cannot carry and terminals act upon: C0 controls but tab and
#: newline, DEL and the C1 controls, and the two non-characters XML forbids.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
#: Control characters: never in a name; in longer text only tab and newline are allowed.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD: safe in XML and on a terminal."""
    return _CONTROLS.sub("\ufffd", text)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell no spreadsheet reads as a formula: text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP's advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
