"""The records every stage passes along: entities, dates, evidence, statements.

All are frozen dataclasses; stages build new ones instead of changing old ones.
Identifiers are minted here and nowhere else.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

from . import vocab
from .errors import InvalidDate
from .text import NormalizedText, normalize

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: An SPDX licence identifier or expression: ``CC-BY-4.0``, ``MIT OR Apache-2.0``.
LICENCE_PATTERN = re.compile(r"[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*")
#: A BCP 47 language tag: ``en``, ``ru``, ``en-GB``, ``sr-Latn``.
LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
#: A Wikidata item: ``Q1394``.
WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
_EDTF_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?")
_URL = re.compile(r"https?://[^\s/?#<>\"]+[^\s<>\"]*")
PRECISIONS = ("decade", "year", "month", "day")
EARLIEST_YEAR = 1700
LATEST_YEAR = 2100


@dataclass(frozen=True)
class Origin:
    """Where a record was written: a curated file and line, or an extraction run."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, order=True)
class Date:
    """A date with its precision: ``1921`` (year), ``1921-03`` (month), ``1920s`` (decade)."""

    year: int
    month: int | None = None
    day: int | None = None
    precision: str = "year"

    @classmethod
    def parse(cls, value: object) -> Date:
        """Parse ``1921``, ``"1921"``, ``"1921-03"``, ``"1921-03-08"`` or ``"1920s"``.

        Raises InvalidDate (a ValueError) with a message that says which forms are accepted.
        Nothing is filled in from today's date.
        """
        text = str(value).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if m:
            year, month, day = (int(g) if g else None for g in m.groups())
            assert year is not None
            precision = "day" if day else "month" if month else "year"
            date = cls(year, month, day, precision)
        elif d := re.fullmatch(r"(\d{3})0s", text):
            date = cls(int(d.group(1)) * 10, precision="decade")
        else:
            raise InvalidDate(
                f"{text!r} is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or a decade like 1920s"
            )
        date.check()
        return date

    def check(self) -> None:
        """Raise InvalidDate if the date cannot exist or lies outside the plausible range."""
        if not EARLIEST_YEAR <= self.year <= LATEST_YEAR:
            raise InvalidDate(f"year {self.year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} does not exist")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidDate(f"{self.iso()} does not exist")
        if self.precision not in PRECISIONS:
            raise InvalidDate(f"precision must be one of {', '.join(PRECISIONS)}")

    def iso(self) -> str:
        """The date as written in curated files and RDF literals."""
        if self.precision == "decade":
            return f"{self.year}s"
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Entity:
    """A person, work, organization, event, place or concept."""

    id: str
    type: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()  # spellings the essays use that are errors
    note: str = ""
    base: str = vocab.BASE_IRI  # the project's base IRI for instances
    wikidata: str = ""  # the same thing's Wikidata item, e.g. Q1394 (published as owl:sameAs)
    origin: Origin | None = field(default=None, compare=False)
    #: Proposed by extraction for a name the registry lacks, not yet curated.
    provisional: bool = False

    @property
    def iri(self) -> URIRef:
        return vocab.entity_iri(self.type, self.id, self.base)

    @property
    def wikidata_iri(self) -> URIRef | None:
        return vocab.WD[self.wikidata] if self.wikidata else None

    def names(self) -> tuple[str, ...]:
        """Every name the entity goes by: label, aliases and misspellings."""
        return (self.label, *self.aliases, *self.misspellings)


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: an essay, the quote and its offsets, and how."""

    doc: str
    quote: str | None
    start: int | None = None
    end: int | None = None
    method: str = "curated"
    rule: str | None = None
    confidence: float = 1.0
    note: str = ""
    #: Which occurrence of a quote found more than once in its essay (1 = the first).
    occurrence: int | None = None

    def key(self) -> str:
        return "|".join(
            str(x) for x in (self.doc, self.start, self.end, self.method, self.rule, self.quote)
        )


@dataclass(frozen=True)
class Statement:
    """One fact: subject, predicate, object (an entity id) or value, times and evidence."""

    subject: str
    predicate: str
    object: str | None = None
    value: str | Date | None = None
    point_in_time: Date | None = None
    start: Date | None = None
    end: Date | None = None
    evidence: tuple[Evidence, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    def key(self) -> tuple[str, ...]:
        """What makes two statements the same fact (evidence aside)."""
        obj = self.object if self.object is not None else f"value:{self.value}"
        times = tuple(str(t) if t else "" for t in (self.point_in_time, self.start, self.end))
        return (self.subject, self.predicate, obj, *times)

    def describe(self) -> str:
        """How messages name the statement: ``statement 'lenin memberOf bolsheviks'``."""
        return f"statement '{self.subject} {self.predicate} {self.object or self.value}'"

    def times(self) -> tuple[Date, ...]:
        return tuple(t for t in (self.point_in_time, self.start, self.end) if t is not None)


def edtf_problem(text: str) -> str | None:
    """Why ``text`` is not an EDTF date (level 0 and 1 forms: ``2017``, ``2017-11``,
    ``2017-11-07``, ``2017?``, ``2017~``, ``1917/1921``, ``1917/..``), or None if it is."""
    sides = text.split("/") if "/" in text else [text]
    if len(sides) > 2 or not any(side not in ("", "..") for side in sides):
        return "it is not a date or an interval of two dates"
    for side in sides:
        if side in ("", "..") and len(sides) == 2:
            continue
        m = _EDTF_DAY.fullmatch(side)
        if m is None:
            return f"{side!r} is not of the form YYYY, YYYY-MM or YYYY-MM-DD"
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            Date(year or 0, month, day, "day" if day else "month" if month else "year").check()
        except InvalidDate as e:
            return str(e)
    return None


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an http(s) URL, or None if it is."""
    return None if _URL.fullmatch(text) else "it must start with http:// or https://"


def slugify(text: str) -> str:
    """A readable id from a label: ``"Gavril Myasnikov"`` -> ``"gavril-myasnikov"``."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_hash(*parts: object) -> str:
    """A stable 16-hex-digit id from the given parts."""
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def statement_iri(
    subject: URIRef, predicate: str, key: tuple[str, ...], base: str = vocab.BASE_IRI
) -> URIRef:
    return URIRef(f"{base}statement/{short_hash(subject, predicate, *key[2:])}")


def evidence_iri(statement: URIRef, evidence: Evidence, base: str = vocab.BASE_IRI) -> URIRef:
    return URIRef(f"{base}evidence/{short_hash(statement, evidence.key())}")


def agent_iri(name: str, base: str = vocab.BASE_IRI) -> URIRef:
    """A person or group credited with something (an essay's author, the curator)."""
    return URIRef(f"{base}agent/{slugify(name) or short_hash(name)}")


@dataclass(frozen=True)
class Document:
    """One essay: its id, title, file (relative to the project) and full text, and what
    the manifest says of it (each optional but the language)."""

    id: str
    title: str
    file: str
    text: str = field(repr=False)
    author: str = ""
    date: str = ""  # EDTF or ISO 8601: 2017, 2017-11-07, 2017?, 1917/1921
    url: str = ""  # http(s)
    licence: str = ""  # an SPDX identifier or expression
    language: str = "en"  # BCP 47

    @cached_property
    def normalized(self) -> NormalizedText:
        return normalize(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
