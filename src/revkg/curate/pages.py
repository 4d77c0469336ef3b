"""The curation app's pages, from Jinja2 templates with autoescaping (``curate/templates``).

    essays_page(snapshot, common)          every essay with its counts, the stale decisions
    essay_page(snapshot, essay, common)    the reading view with the forms beside it

``common`` holds what every page carries: the CSRF token, the versions of the files the
page was made from, and the build's status. Data for the page's script travels as JSON
in a ``<script type="application/json">`` block (made by ``tojson``, which escapes
``<``, ``>`` and ``&``); the script puts values into the page with ``textContent`` and
``value`` only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2

from .. import vocab
from ..extract.mentions import Mention
from ..extract.records import Candidate
from .reading import Marker, render, sentences
from .workspace import Snapshot

ASSETS = {"curate.js": "text/javascript", "curate.css": "text/css; charset=utf-8"}


@dataclass(frozen=True)
class CandidateView:
    """One candidate as the list beside the essay shows it."""

    id: str
    state: str
    confidence: float
    subject: str
    predicate: str
    object: str
    rule: str
    sentence: int
    in_graph: bool
    note: str
    ends: dict[str, str]  # subject, object: registry ids (for the correction form)


def _end(m: Mention) -> str:
    if m.date is not None and m.entity is None:
        return m.date.iso()
    return m.label or m.text


def triple(c: Candidate) -> str:
    """``subject predicate object`` as the candidate list shows a candidate."""
    return f"{_end(c.subject)} {c.predicate} {_end(c.object)}"


def candidate_views(snapshot: Snapshot, essay: str) -> list[CandidateView]:
    admitted = {c.id for c, _ in snapshot.selection.accepted}
    out = []
    for c in sorted(snapshot.candidates_of(essay), key=_order):
        decision = snapshot.decisions.get(c.id)
        out.append(
            CandidateView(
                c.id,
                snapshot.state_of(c.id),
                c.confidence,
                _end(c.subject),
                c.predicate,
                _end(c.object),
                c.rule,
                c.sentence_start,
                c.id in admitted,
                decision.note if decision else "",
                {"subject": c.subject.entity or "", "object": c.object.entity or ""},
            )
        )
    return out


def _order(c: Candidate) -> tuple[int, int, str]:
    return (c.sentence_start, c.subject.start, c.id)


def essays_page(snapshot: Snapshot, common: dict[str, Any]) -> str:
    summaries = [snapshot.summary(essay) for essay in snapshot.corpus]
    return _render(
        "essays.html",
        summaries=summaries,
        problems=snapshot.report.lines(),
        stale=snapshot.stale,
        **common,
    )


def essay_page(snapshot: Snapshot, marker: Marker, essay: str, common: dict[str, Any]) -> str:
    doc = snapshot.corpus[essay]
    candidates = candidate_views(snapshot, essay)
    states = {c.id: c.state for c in candidates}
    marks = marker.marks(doc.text, essay, snapshot.extraction.new_entities, snapshot.provisional)
    paragraphs = render(doc.text, marks, sentences(snapshot.candidates_of(essay), states))
    facts = [st for st in snapshot.statements if st.evidence[0].doc == essay]
    common = {**common, "page_data": {**common["page_data"], "properties": property_ends()}}
    return _render(
        "essay.html",
        essay=doc,
        summary=snapshot.summary(essay),
        paragraphs=paragraphs,
        candidates=candidates,
        facts=facts,
        entities=sorted(snapshot.entities, key=lambda e: e.id),
        properties=vocab.PROPERTIES,
        types=vocab.ENTITY_TYPES,
        mentions=len(marks),
        stale=snapshot.stale_of(essay),
        **common,
    )


def property_ends() -> dict[str, dict[str, Any]]:
    """For the pickers: each predicate's subject types, its object types (none for a
    value) and whether it takes a date."""
    return {
        p.name: {
            "domain": list(p.domain),
            "range": [] if p.literal else list(p.range),
            "date": p.range == (vocab.DATE,),
        }
        for p in vocab.PROPERTIES
    }


def message_page(title: str, message: str) -> str:
    return _render("message.html", title=title, message=message)


def asset(name: str) -> str:
    return resources.files("revkg.curate").joinpath("assets", name).read_text(encoding="utf-8")


def _render(template: str, **values: object) -> str:
    return _templates().get_template(template).render(**values)


@functools.cache
def _templates() -> jinja2.Environment:
    loader = jinja2.PackageLoader("revkg.curate", "templates")
    env = jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.globals["triple"] = triple
    return env
