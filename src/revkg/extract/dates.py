"""Find dates in running text: years, "Month YYYY", decades, each with its precision.

Only what the text says is kept: "March 1921" is a month, "1921" a year, "the
mid 1920s" a decade. Nothing is filled in from today's date, and two-digit
decades ("the late 20s") are left alone because their century is a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import EARLIEST_YEAR, LATEST_YEAR, Date
from ..text import MONTHS

_MONTH = "|".join(m.capitalize() for m in MONTHS)
_YEAR_DIGITS = r"1[789]\d\d|20\d\d"

_DATE = re.compile(
    rf"""
    (?<![\w.-])
    (?:
        (?P<decade_words>(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?)?(?P<decade>1[789]\d0|20\d0)'?s
      | (?:(?P<month>{_MONTH})\s+)?(?P<year>{_YEAR_DIGITS})
    )
    (?![\w-]|\.\d)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: where it is ([start, end) of the text) and what it means."""

    start: int
    end: int
    date: Date


#: Every date contains a year or a decade (_YEAR_DIGITS), so text without one is skipped
#: quickly. Its two forms are searched for apart: a search for an expression that starts
#: with a plain character skips ahead fastest.
_YEARS = tuple(re.compile(form) for form in _YEAR_DIGITS.split("|"))


def find_dates(text: str, *, offset: int = 0) -> list[DateMention]:
    """Every date mention in ``text``; offsets are shifted by ``offset``.

    The same as ``_DATE.finditer(text)``, but each search starts just before the
    next year-like number (:func:`_earliest_start`) instead of at every character.
    """
    found: list[DateMention] = []
    pos = 0
    ahead = [r.search(text) for r in _YEARS]  # the next match of each form
    while True:
        for i, year in enumerate(ahead):
            if year is not None and year.start() < pos:
                ahead[i] = _YEARS[i].search(text, pos)
        starts = [year.start() for year in ahead if year is not None]
        if not starts:
            break
        m = _DATE.search(text, _earliest_start(text, min(starts), pos))
        if m is None:
            break
        pos = m.end()
        date = _date(m)
        if date is None:
            continue
        found.append(DateMention(offset + m.start(), offset + m.end(), date))
    return found


def _earliest_start(text: str, year: int, pos: int) -> int:
    r"""A position at or before the start of any date match (from ``pos`` on) whose number
    is at or after ``year``.

    What a date may hold before its number is ``[the\s+][word[\s-]+]`` or
    ``[Month\s+]``: going back from ``year`` over spaces or hyphens, ASCII letters,
    spaces, then ASCII letters again passes all of it.
    """
    i = year
    for step in (_space_or_hyphen, _ascii_letter, str.isspace, _ascii_letter):
        while i > pos and step(text[i - 1]):
            i -= 1
    return i


def _space_or_hyphen(c: str) -> bool:
    return c == "-" or c.isspace()


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _date(m: re.Match[str]) -> Date | None:
    if m.group("decade"):
        date = Date(int(m.group("decade")), precision="decade")
    else:
        year = int(m.group("year"))
        month = m.group("month")
        if month:
            date = Date(year, MONTHS.index(month.lower()) + 1, precision="month")
        else:
            date = Date(year)
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        return None
    return date
