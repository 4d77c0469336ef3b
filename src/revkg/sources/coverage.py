"""Which names in the essays no entity covers: a curator's checklist.

Candidates are runs of capitalised words ("Ruth Fischer", "Treaty of
Brest-Litovsk"), read as extraction reads names (:data:`revkg.text.CAPITALISED_NAME`),
and phrases in quotation marks. A candidate is covered when one
of the registry's names (label, alias or misspelling) occurs in it, ignoring
case and typography. Names deliberately left out are listed, each with a reason,
in graph/curated/excluded-names.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CuratedFileError
from ..model import Document, Entity
from ..text import CAPITALISED_NAME, MONTHS, STOP_WORDS, NormalizedText, name_key, normalize
from .curated import LINE, read_records

EXCLUSIONS_FILE = "excluded-names.yaml"

_QUOTED = re.compile(r"[“\"]([A-Z][^”\"\n]{2,80})[”\"]")
_LONGEST_NAME = 200


@dataclass(frozen=True)
class Mention:
    """One uncovered name: the text, the essay, and where it first appears."""

    name: str
    doc: str
    start: int
    count: int


@dataclass
class CoverageReport:
    """Uncovered names, and excluded names that no longer occur anywhere."""

    uncovered: list[Mention] = field(default_factory=list)
    excluded: int = 0
    unused_exclusions: list[str] = field(default_factory=list)


def candidates(text: str) -> Iterable[tuple[str, int]]:
    """Capitalised runs and quoted phrases in ``text``, with their offsets.

    Leading common words are dropped ("The Latest Deception" -> "Latest
    Deception"); a lone capitalised word is skipped when it is a month, or starts
    a sentence and also occurs in lower case ("Ultimately", "Peasants").
    """
    for m in CAPITALISED_NAME.finditer(text):
        name, start = _strip_common(m.group(0).rstrip(".-’'"), m.start())
        if name and not (" " not in name and _ordinary_word(name, text, m.start())):
            yield name, start
    for m in _QUOTED.finditer(text):
        yield m.group(1).strip(), m.start(1)


def _strip_common(name: str, start: int) -> tuple[str, int]:
    """Drop leading common words, moving the offset along."""
    while m := re.match(r"(\S+)\s+", name):
        if m.group(1).casefold() not in STOP_WORDS:
            break
        name, start = name[m.end() :], start + m.end()
    return ("" if name.casefold() in STOP_WORDS else name), start


def _ordinary_word(word: str, text: str, pos: int) -> bool:
    """A lone word that is short, or starts a sentence and also occurs in lower case."""
    if len(word) < 3:
        return True
    if word.casefold() in MONTHS:
        return True
    stems = {word.lower(), word.lower().removesuffix("s")}
    return _starts_sentence(text, pos) and (
        word.endswith(("ly", "ing"))
        or any(re.search(rf"\b{re.escape(stem)}\b", text) for stem in stems)
    )


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \u00a0\t“\"‘'(")
    return not before or before[-1] in '.!?:\n”"’'


def load_exclusions(curated_dir: Path) -> dict[str, str]:
    """Excluded name -> the reason, from graph/curated/excluded-names.yaml."""
    path = curated_dir / EXCLUSIONS_FILE
    if not path.exists():
        return {}
    rows = read_records(path, f"graph/curated/{EXCLUSIONS_FILE}")
    missing = [r.get(LINE) for r in rows if not r.get("name") or not r.get("reason")]
    if missing:
        raise CuratedFileError(
            f"graph/curated/{EXCLUSIONS_FILE}:{missing[0]}: each entry needs "
            "a `name:` and a `reason:` saying why it is not an entity"
        )
    return {str(r["name"]): str(r["reason"]) for r in rows}


def coverage(
    corpus: Mapping[str, Document], entities: Iterable[Entity], exclusions: Mapping[str, str]
) -> CoverageReport:
    """Names in the essays that no entity name covers and no exclusion explains.

    A candidate is covered when an occurrence of an entity's name (or of an
    excluded name) in the text contains it or overlaps it, so "Civil Servant" in
    "a Civil Servant strike" is covered by the alias "Civil Servant strike". A
    candidate joined by "and" or "in" is checked part by part.
    """
    names = {name_key(n) for e in entities for n in e.names() if 2 < len(n) < _LONGEST_NAME}
    excluded = {name_key(n): n for n in exclusions}
    seen: dict[tuple[str, str], Mention] = {}
    counted: set[tuple[str, str, int]] = set()
    used: set[str] = set()
    for doc in corpus.values():
        norm = normalize(doc.text, casefold=True)
        hits = {x: _name_spans(norm, [x]) for x in excluded}
        used.update(x for x, found in hits.items() if found)
        spans = sorted(
            _name_spans(norm, names - hits.keys()) + [s for f in hits.values() for s in f]
        )
        for written, start in candidates(doc.text):
            for part, at in _uncovered(spans, written, start):
                key = name_key(part)
                if (doc.id, key, at) in counted:
                    continue
                counted.add((doc.id, key, at))
                old = seen.get((doc.id, key))
                seen[(doc.id, key)] = Mention(
                    part, doc.id, old.start if old else at, (old.count if old else 0) + 1
                )
    return CoverageReport(
        uncovered=sorted(seen.values(), key=lambda m: (m.doc, m.start)),
        excluded=len(used),
        unused_exclusions=sorted(n for k, n in excluded.items() if k not in used),
    )


def _name_spans(norm: NormalizedText, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of ``names`` occurs as whole words, as spans of the original text."""
    spans = []
    for name in names:
        i = norm.text.find(name)
        while i >= 0:
            j = i + len(name)
            before = norm.text[i - 1] if i else " "
            after = norm.text[j] if j < len(norm.text) else " "
            if not before.isalnum() and not after.isalnum():
                spans.append(norm.to_original(i, j))
            i = norm.text.find(name, i + 1)
    return sorted(spans)


def _uncovered(spans: list[tuple[int, int]], written: str, start: int) -> list[tuple[str, int]]:
    """The parts of a candidate that no name covers, with their offsets."""
    end = start + len(written)
    near = _near(spans, start, end)
    if any(s <= start and end <= e for s, e in near):
        return []
    for link in (" and ", " in "):
        if link in written:
            head, _, tail = written.partition(link)
            return _uncovered(spans, head, start) + _uncovered(spans, tail, end - len(tail))
    if any(start < e for _, e in near):
        return []
    name, start = _strip_common(written, start)
    return [(name, start)] if name else []


def _near(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    lo = bisect.bisect_left(spans, (start - _LONGEST_NAME, 0))
    hi = bisect.bisect_left(spans, (end, end))
    return spans[lo:hi]
