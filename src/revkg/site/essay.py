"""An essay's page as data: its paragraphs numbered, every quote the graph rests a fact on
marked with an anchor, every name of a registry entity linked to the entity's page.

Quotes may overlap one another and names; the marks are nested where they can be. A
quote that crosses the end of another is split there: its first piece carries the id
``q-START-END`` (the permalink, highlighted by CSS ``:target``) and the later pieces
``data-q`` with the same id (highlighted too by the page's small script).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..model import Entity
from ..sources.search import Paragraph
from .cite import Citation
from .content import Essay, Site, entity_path, fact_anchor, quote_anchor


@dataclass(frozen=True)
class Span:
    """A piece of a quote (``quote``: the whole quote's offsets) or a name of an entity,
    as offsets into the essay."""

    start: int
    end: int
    entity: Entity | None = None
    quote: tuple[int, int] = (0, 0)

    def order(self) -> tuple[int, int, int, tuple[int, int]]:
        """Outer before inner: earlier start, then longer, then quotes before names."""
        return (self.start, -self.end, 0 if self.entity is None else 1, self.quote)


@dataclass(frozen=True)
class FactLink:
    text: str
    href: str


@dataclass(frozen=True)
class ParagraphView:
    number: int
    html: Markup
    facts: tuple[FactLink, ...]  # the facts whose quotes begin in this paragraph


@dataclass(frozen=True)
class EssayView:
    essay: Essay
    heading: Markup
    paragraphs: tuple[ParagraphView, ...]
    citation: Citation
    quotes: int  # how many quotes of the graph the essay holds


def essay_view(site: Site, essay: Essay, *, root: str = "../") -> EssayView:
    """The essay's page; its first line is its heading when it is the title."""
    opened: set[tuple[int, int]] = set()
    quotes = [Span(s, e, quote=(s, e)) for s, e in site.quoted.get(essay.id, [])]
    facts = _facts_by_start(site, essay, root)
    heading, shown = Markup(escape(essay.title)), []
    for p in essay.paragraphs:
        html = _markup(site, p, quotes, opened, root)
        if p.number == 0:
            heading = html
            continue
        linked = tuple(link for start, link in facts if p.start <= start <= p.end)
        shown.append(ParagraphView(p.number, html, linked))
    citation = Citation(essay, None, None, None)
    return EssayView(essay, heading, tuple(shown), citation, len(quotes))


def _facts_by_start(site: Site, essay: Essay, root: str) -> list[tuple[int, FactLink]]:
    found: dict[tuple[int, str], FactLink] = {}
    for fact in site.records.facts:
        starts = {ev.start for ev in fact.evidence if ev.doc == essay.id and ev.start is not None}
        subject = site.by_iri.get(str(fact.subject))
        if not starts or subject is None:
            continue
        text = f"{subject.label} {fact.relation} {site.records.label(fact.object)}"
        if fact.when.anchor is not None:
            text += f" ({fact.when})"
        link = FactLink(text, f"{root}{entity_path(subject)}#{fact_anchor(fact)}")
        for start in starts:
            found.setdefault((start, link.href), link)
    return [(start, link) for (start, _), link in sorted(found.items())]


def _markup(
    site: Site, p: Paragraph, quotes: list[Span], opened: set[tuple[int, int]], root: str
) -> Markup:
    spans = [Span(max(q.start, p.start), min(q.end, p.end), quote=q.quote) for q in quotes]
    spans = [s for s in spans if s.start < s.end]
    names = [Span(p.start + a, p.start + b, e) for a, b, e in site.names.spans(p.text)]
    spans = sorted({*spans, *names}, key=Span.order)
    cuts = sorted({p.start, p.end, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        keep = _common(stack, covering)
        out += [_close(s) for s in reversed(stack[keep:])]
        for span in covering[keep:]:
            out.append(_open(span, opened, root))
        stack = covering
        out.append(str(escape(p.text[a - p.start : b - p.start])))
    out += [_close(s) for s in reversed(stack)]
    return Markup("".join(out))


def _common(stack: list[Span], covering: list[Span]) -> int:
    n = 0
    while n < min(len(stack), len(covering)) and stack[n] == covering[n]:
        n += 1
    return n


def _open(span: Span, opened: set[tuple[int, int]], root: str) -> str:
    if span.entity is not None:
        href = escape(root + entity_path(span.entity))
        return f'<a class="mention" href="{href}" title="{escape(span.entity.label)}">'
    anchor = quote_anchor(*span.quote)
    if span.quote in opened:
        return f'<mark class="quote" data-q="{anchor}">'
    opened.add(span.quote)
    return f'<mark class="quote" id="{anchor}" data-q="{anchor}">'


def _close(span: Span) -> str:
    return "</a>" if span.entity is not None else "</mark>"
