"""An essay as the curator reads it: numbered paragraphs, every mention marked by type.

Names of registry entities are found as extraction finds them (its phrase matcher over
spaCy's tokens), names the registry lacks where extraction found them (the same spans it
proposes; marked *provisional* when an admitted candidate holds them, *unknown*
otherwise), and dates as its date finder does. Sentences that candidates were drawn from
are marked around their mentions, *pending* while one of their candidates waits for a
decision.

Every piece of the essay's text is escaped; attributes hold only ids, types and names,
escaped too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..extract.dates import find_dates
from ..extract.linking import RegistryMatcher
from ..extract.mentions import NewEntity
from ..extract.records import Candidate
from ..model import Entity
from ..text import name_key
from ..text import paragraph_lines as paragraphs


@dataclass(frozen=True)
class Mark:
    """A mention: ``kind`` is entity, provisional, unknown or date."""

    start: int
    end: int
    kind: str
    type: str
    entity: str = ""
    label: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence candidates were drawn from; ``pending`` while one awaits a decision."""

    start: int
    end: int
    candidates: tuple[str, ...]
    pending: bool


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int
    html: Markup


class Marker:
    """Finds the mentions in an essay's text for one state of the registry."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        import spacy

        entities = list(entities)
        self.nlp = spacy.blank("en")
        self.matcher = RegistryMatcher(self.nlp.vocab, self.nlp.tokenizer, entities)
        self.registry = {e.id: e for e in entities}

    def marks(
        self,
        text: str,
        essay: str,
        new_names: Iterable[NewEntity],
        provisional: Mapping[str, Entity],
    ) -> list[Mark]:
        """Every mention in ``text`` (the essay ``essay``), in order, none overlapping
        another; ``new_names`` are the names extraction proposed, with their mentions."""
        found: list[Mark] = []
        for name in new_names:
            held = provisional.get(name_key(name.label))
            kind = "provisional" if held else "unknown"
            found += [
                Mark(s, e, kind, name.type, held.id if held else "", name.label)
                for doc, s, e in name.mentions
                if doc == essay
            ]
        for offset, para in paragraphs(text):
            doc = self.nlp.make_doc(para)
            for s, e, i in self.matcher(doc):
                entity = self.registry[i]
                start, end = offset + doc[s].idx, offset + doc[e - 1].idx + len(doc[e - 1])
                found.append(Mark(start, end, "entity", entity.type, entity.id, entity.label))
            found += [
                Mark(d.start, d.end, "date", "Date", label=d.date.iso())
                for d in find_dates(para, offset=offset)
            ]
        return _without_overlaps(found)


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def sentences(candidates: Iterable[Candidate], states: Mapping[str, str]) -> list[Sentence]:
    """The sentences of ``candidates`` in order, each with its candidates' ids."""
    by_span: dict[tuple[int, int], list[str]] = {}
    for c in candidates:
        by_span.setdefault((c.sentence_start, c.sentence_end), []).append(c.id)
    return [
        Sentence(s, e, tuple(ids), any(states.get(i, "pending") == "pending" for i in ids))
        for (s, e), ids in sorted(by_span.items())
    ]


def render(text: str, marks: list[Mark], spans: list[Sentence]) -> list[Paragraph]:
    """The essay's paragraphs as HTML: sentences outside, mentions inside them."""
    out = []
    for number, (offset, para) in enumerate(paragraphs(text), 1):
        end = offset + len(para)
        inside = [m for m in marks if m.start < end and m.end > offset]
        around = [s for s in spans if s.start < end and s.end > offset]
        out.append(Paragraph(number, offset, _paragraph(text, offset, end, inside, around)))
    return out


def _paragraph(text: str, start: int, end: int, marks: list[Mark], spans: list[Sentence]) -> Markup:
    cuts = {start, end}
    for a, b in [(m.start, m.end) for m in marks] + [(s.start, s.end) for s in spans]:
        cuts |= {min(max(a, start), end), min(max(b, start), end)}
    html: list[str] = []
    open_sentence: Sentence | None = None
    open_mark: Mark | None = None
    si = mi = 0
    for a, b in pairwise(sorted(cuts)):
        while si < len(spans) and spans[si].end <= a:
            si += 1
        while mi < len(marks) and marks[mi].end <= a:
            mi += 1
        sentence = spans[si] if si < len(spans) and spans[si].start <= a else None
        mark = marks[mi] if mi < len(marks) and marks[mi].start <= a else None
        if sentence is not open_sentence:
            html += ["</span>"] * (open_mark is not None) + ["</span>"] * (
                open_sentence is not None
            )
            open_mark = None
            if sentence is not None:
                html.append(_open_sentence(sentence))
            open_sentence = sentence
        if mark is not open_mark:
            html += ["</span>"] * (open_mark is not None)
            if mark is not None:
                html.append(_open_mark(mark))
            open_mark = mark
        html.append(str(escape(text[a:b])))
    html += ["</span>"] * (open_mark is not None) + ["</span>"] * (open_sentence is not None)
    return Markup("".join(html))


def _open_sentence(s: Sentence) -> str:
    state = "pending" if s.pending else "judged"
    ids = escape(" ".join(s.candidates))
    return f'<span class="s {state}" id="s-{s.start}" data-candidates="{ids}">'


def _open_mark(m: Mark) -> str:
    kind, kind_type = escape(m.kind), escape(m.type.lower())
    attrs = f'class="m {kind} t-{kind_type}" data-kind="{kind}" data-type="{escape(m.type)}"'
    if m.entity:
        attrs += f' data-entity="{escape(m.entity)}"'
    if m.label:
        attrs += f' data-label="{escape(m.label)}" title="{escape(m.label)}"'
    return f"<span {attrs}>"
