"""Dates for the exports: EDTF strings, the days they cover, and the spans of
entities and relations.

Dates are written as the Extended Date/Time Format (EDTF, ISO 8601-2) writes them:
``1917``, ``1921-03``, ``1921-03-08``, and ``192X`` for a decade (the graph keeps a
decade as its first year with the precision ``decade``). Spreadsheets, Palladio and
readers of ISO 8601 take all but the decade as they are.

An entity's span: a person from birth to death (or disappearance); an event on its
date; a work from its date on, with no end. A relation's span: its start and end, or
its point in time for both. Either end may be missing (not known or still open).
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from .. import vocab

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECADE = re.compile(r"(\d{3})X")


def edtf(value: str | None, precision: str | None = None) -> str | None:
    """A date literal as EDTF; a year of a fact dated to a decade as ``192X``."""
    if not value:
        return None
    value = value.strip()
    if precision == "decade" and re.fullmatch(r"\d{3}0", value):
        return value[:3] + "X"
    return value


def first_day(date: str) -> str | None:
    """The first day an EDTF date covers, as YYYY-MM-DD (None if it is not a date)."""
    if m := _DECADE.fullmatch(date):
        return f"{m.group(1)}0-01-01"
    if m := _DATE.fullmatch(date):
        year, month, day = m.groups()
        return f"{year}-{month or '01'}-{day or '01'}"
    return None


def last_day(date: str) -> str | None:
    """The last day an EDTF date covers, as YYYY-MM-DD (None if it is not a date)."""
    if m := _DECADE.fullmatch(date):
        return f"{m.group(1)}9-12-31"
    if m := _DATE.fullmatch(date):
        year, month, day = m.groups()
        if day:
            return date
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-{last:02d}"
        return f"{year}-12-31"
    return None


def value_of(d: dict[str, Any], name: str) -> str | None:
    """A node's value for the literal property ``name`` (``birthDate``, ``occupation``...);
    dates as EDTF."""
    prop = vocab.PROPERTIES_BY_NAME[name]
    value = d.get("dates", {}).get(prop.label)
    if value is None or prop.range != (vocab.DATE,):
        return value
    precision = next(
        (
            f.get("precision")
            for f in d.get("facts", ())
            if f["relation"] == prop.label and f["value"] == value
        ),
        None,
    )
    return edtf(value, precision)


def node_span(d: dict[str, Any]) -> tuple[str | None, str | None]:
    """An entity's first and last date, as EDTF (None where there is none)."""
    start = value_of(d, "birthDate") or value_of(d, "date")
    end = value_of(d, "deathDate") or value_of(d, "disappeared")
    if end is None and d.get("type") == "event":
        end = value_of(d, "date")
    return start, end


def edge_span(d: dict[str, Any]) -> tuple[str | None, str | None]:
    """A relation's start and end, as EDTF (a point in time is both)."""
    precision = d.get("precision")
    return edtf(d.get("start"), precision), edtf(d.get("end"), precision)
