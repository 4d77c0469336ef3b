"""Pictures of an answer for the query page, drawn as inline SVG by its template.

    timeline(table, href)   answers with a date or year column: a row per answer row,
                            a dot at its date, or a bar from a start to an end; an end
                            the answer leaves open runs as an arrow to the chart's edge
    graph(table, href)      CONSTRUCT and DESCRIBE answers: the things as circles
                            coloured by type, the triples between them as arrows

``table`` is the page's table (revkg.sparql.tables.linked_table): a header and rows of
[text, IRI or None] cells. ``href`` gives the page of an IRI, or None. Nothing here
runs a query; the views are computed from the answer already at hand.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import vocab
from ..palette import OTHER_COLOUR, colour

#: Column names that hold a date, a start or an end.
STARTS = ("when", "date", "year", "from", "start", "begin", "time", "born")
ENDS = ("until", "end", "to", "died")
_DATE = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")
_SLUGS = {c.slug: c.name.lower() for c in vocab.ENTITY_CLASSES}
#: The drawing area: width, a lane's height, the margins for the axis and the names.
WIDTH, LANE, TOP, LEFT, RIGHT = 900, 18, 28, 40, 40
MOST_ROWS, MOST_NODES = 80, 36

Href = Callable[[str], str | None]
Cell = Sequence[Any]  # [text, IRI or None]


def kind_of(iri: str | None) -> str:
    """The entity type an IRI's path names (``.../person/x`` is a person), else ``""``."""
    if not iri:
        return ""
    parts = iri.rstrip("/").rsplit("/", 2)
    return _SLUGS.get(parts[-2], "") if len(parts) == 3 else ""


def colour_of(iri: str | None) -> str:
    kind = kind_of(iri)
    return colour(kind) if kind else OTHER_COLOUR


@dataclass(frozen=True)
class Mark:
    """One answer row on the timeline."""

    y: float
    x: float
    x_end: float | None  # a bar to here; None: a dot
    open_end: bool  # the answer gives a start and no end: an arrow to the edge
    label: str
    label_x: float
    anchor: str
    title: str
    colour: str
    href: str | None


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    ticks: list[tuple[float, int]]  # x, year
    marks: list[Mark]
    column: str
    shown: int
    dated: int
    rows: int


def _year(text: str) -> float | None:
    """A date's position in years (1921-07 is 1921.5); None if it is no date."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        return None
    parts = [int(p) for p in text.lstrip("-").split("-")]
    sign = -1 if text.startswith("-") else 1
    month = (parts[1] - 1) / 12 if len(parts) > 1 else 0.0
    return sign * parts[0] + month


def _column(header: Sequence[str], rows: Sequence[Sequence[Cell]], names: Sequence[str]) -> int:
    """The first column named like ``names`` with a date in it, else -1."""
    for i, name in enumerate(header):
        low = name.lower()
        named = low in names or any(low.endswith(n) for n in names if len(n) > 3)
        if named and any(_year(str(row[i][0])) is not None for row in rows):
            return i
    return -1


def timeline(table: dict[str, Any], href: Href) -> Timeline | None:
    """The answer on a time axis, or None when no column holds dates."""
    header, rows = table["header"], table["rows"]
    start = _column(header, rows, STARTS)
    if start < 0:
        return None
    end = _column(header, rows, ENDS)
    dated = [r for r in rows if _year(str(r[start][0])) is not None]
    shown = dated[:MOST_ROWS]
    years = [_year(str(r[start][0])) or 0.0 for r in shown]
    years += [y for r in shown if end >= 0 and (y := _year(str(r[end][0]))) is not None]
    low, high = math.floor(min(years)), math.floor(max(years)) + 1
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if (high - low) / s <= 12)
    first = low - low % step
    span = max(high - first, 1)

    def x(year: float) -> float:
        return round(LEFT + (year - first) / span * (WIDTH - LEFT - RIGHT), 1)

    marks = [_mark(i, row, start, end, x, href) for i, row in enumerate(shown)]
    ticks = [(x(y), y) for y in range(first, high + 1, step)]
    height = TOP + LANE * len(marks) + 6
    return Timeline(WIDTH, height, ticks, marks, header[start], len(shown), len(dated), len(rows))


def _mark(
    i: int, row: Sequence[Cell], start: int, end: int, x: Callable[[float], float], href: Href
) -> Mark:
    begins = _year(str(row[start][0])) or 0.0
    ends = _year(str(row[end][0])) if end >= 0 else None
    x0 = x(begins)
    x1 = x(ends + 1) if ends is not None else (WIDTH - 16 if end >= 0 else None)
    others = [c for j, c in enumerate(row) if j not in (start, end) and str(c[0]).strip()]
    named = [c for c in others if c[1]] or others
    label = " · ".join(str(c[0]) for c in named[:3])
    label = label if len(label) <= 70 else label[:69] + "…"
    first_iri = next((c[1] for c in named if c[1]), None)
    if (x1 or x0) < WIDTH * 0.6:  # after the dot or the bar
        label_x, anchor = (x1 or x0) + 8, "start"
    elif x0 > WIDTH * 0.4:  # before it
        label_x, anchor = x0 - 8, "end"
    else:  # a long bar: on it
        label_x, anchor = x0 + 9, "start"
    return Mark(
        y=TOP + LANE * i + LANE / 2,
        x=x0,
        x_end=x1,
        open_end=end >= 0 and ends is None,
        label=label,
        label_x=label_x,
        anchor=anchor,
        title=" · ".join(str(c[0]) for c in row if str(c[0]).strip()),
        colour=colour_of(first_iri),
        href=href(first_iri) if first_iri else None,
    )


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: str
    colour: str
    href: str | None
    title: str


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str

    @property
    def label_at(self) -> tuple[float, float]:
        """Two thirds of the way to the target, where the spokes of a hub have spread."""
        return (
            round(self.x1 + (self.x2 - self.x1) * 0.66, 1),
            round(self.y1 + (self.y2 - self.y1) * 0.66 - 3, 1),
        )


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    shown: int
    total: int


#: The graph's drawing: its height, the centre and the radii of the ring.
HEIGHT, CX, CY, RX, RY = 620, WIDTH / 2, 310, 250, 240


def graph(table: dict[str, Any], href: Href) -> Picture | None:
    """A graph answer's things and the triples between them; None for other answers or
    a graph with no triple between two things (only values)."""
    if table.get("kind") != "graph":
        return None
    links = [(s, p, o) for s, p, o in table["rows"] if o[1] is not None]
    order: dict[str, Cell] = {}
    degree: dict[str, int] = {}
    for s, _, o in links:
        for cell in (s, o):
            order.setdefault(str(cell[1]), cell)
            degree[str(cell[1])] = degree.get(str(cell[1]), 0) + 1
    if not links:
        return None
    kept = sorted(order, key=lambda k: -degree[k])[:MOST_NODES]
    places = _ring(kept, degree)
    nodes = [_node(k, str(order[k][0]), places[k], href) for k in kept]
    between: dict[tuple[str, str], list[str]] = {}
    for s, p, o in links:
        pair = (str(s[1]), str(o[1]))
        if pair[0] in places and pair[1] in places and pair[0] != pair[1]:
            between.setdefault(pair, []).append(str(p[0]))
    edges = [
        Edge(*places[a], *places[b], ", ".join(dict.fromkeys(said)))
        for (a, b), said in between.items()
    ]
    return Picture(WIDTH, HEIGHT, nodes, edges, len(kept), len(order))


def _node(iri: str, label: str, place: tuple[float, float], href: Href) -> Node:
    label_x, label_y, anchor = _label_place(*place)
    return Node(*place, label, label_x, label_y, anchor, colour_of(iri), href(iri), iri)


def _ring(keys: Sequence[str], degree: dict[str, int]) -> dict[str, tuple[float, float]]:
    """A hub linked to at least half the others in the middle, the rest on a ring."""
    hub = keys[0] if len(keys) > 2 and degree[keys[0]] * 2 >= len(keys) - 1 else None
    ring = [k for k in keys if k != hub]
    places: dict[str, tuple[float, float]] = {hub: (CX, CY)} if hub else {}
    for i, key in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        places[key] = (round(CX + RX * math.cos(angle), 1), round(CY + RY * math.sin(angle), 1))
    return places


def _label_place(x: float, y: float) -> tuple[float, float, str]:
    """A name outside the ring, beside its circle (under it for the hub)."""
    dx, dy = (x - CX) / RX, (y - CY) / RY
    if abs(dx) < 0.3:
        return x, round(y + (20 if dy >= 0 else -12), 1), "middle"
    return round(x + (12 if dx > 0 else -12), 1), y + 4, "start" if dx > 0 else "end"
