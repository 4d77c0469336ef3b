"""The graph and its entities as HTML, for Jupyter's rich display (``_repr_html_``).

``graph_html`` draws a loaded graph's summary: what it holds by type and by layer,
its essays, and how to ask it questions. ``entity_html`` draws one entity as
``revkg show`` prints it: label, type, description and other names, then its facts,
each with the quotes that support it. Labels, quotes and titles come from the data,
so every piece of text is escaped before it goes into the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from .graph.records import Fact, Records
from .model import Entity, Evidence

#: Facts drawn in an entity's table; the rest are counted (``kg.facts`` has them all).
MAX_FACTS = 200


@dataclass(frozen=True)
class Summary:
    """What the summary of a loaded graph shows."""

    source: str  # the file the graph was loaded from
    engine: str  # the SPARQL engine
    triples: int
    by_type: Mapping[str, int]  # entity type -> entities
    by_layer: Mapping[str, int]  # layer -> triples
    statements: int
    evidence: int
    essays: Sequence[str]  # titles
    questions: Sequence[tuple[str, str]]  # saved questions: (name, title)
    example: str | None = None  # a name to show in the examples: the most described entity


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _count_table(caption: str, key: str, unit: str, counts: Mapping[str, int]) -> str:
    rows = "".join(
        f'<tr><td style="text-align:left">{_e(k)}</td><td>{n:,}</td></tr>'
        for k, n in counts.items()
    )
    return (
        f'<table style="margin:0 2em 0 0"><caption style="text-align:left">'
        f"<b>{_e(caption)}</b></caption><thead><tr><th>{_e(key)}</th><th>{_e(unit)}</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _listing(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def graph_html(summary: Summary) -> str:
    """The summary of a loaded graph (``KnowledgeGraph._repr_html_``)."""
    tables = _count_table("Entities", "type", "entities", summary.by_type) + _count_table(
        "Layers", "named graph", "triples", summary.by_layer
    )
    essays = _listing(f"<i>{_e(title)}</i>" for title in summary.essays)
    parts = [
        f"<p><b>revkg knowledge graph</b>: {summary.triples:,} triples from "
        f"<code>{_e(summary.source)}</code> ({_e(summary.engine)}); "
        f"{summary.statements:,} facts, {summary.evidence:,} pieces of evidence.</p>",
        f'<div style="display:flex;flex-wrap:wrap;align-items:flex-start">{tables}</div>',
        f"<p><b>Essays</b> ({len(summary.essays)})</p>{essays}",
        f"<p><b>Asking it questions</b></p>{_listing(_hints(summary))}",
    ]
    return '<div class="revkg-graph">' + "".join(parts) + "</div>"


def _hints(summary: Summary) -> list[str]:
    name = repr(summary.example or "Myasnikov")
    hints = []
    if summary.questions:
        first = repr(summary.questions[0][0])
        names = ", ".join(
            f'<code title="{_e(title)}">{_e(q)}</code>' for q, title in summary.questions
        )
        hints.append(
            f"<code>kg.query({_e(first)})</code>: a saved question as a DataFrame; "
            f"the {len(summary.questions)} saved: {names}"
        )
    hints += [
        '<code>kg.query("SELECT ?p WHERE { ?p a rk:Person }")</code>: your own SPARQL',
        f"<code>kg.entity({_e(name)})</code>: an entity by any of its names, with its facts",
        f"<code>kg.facts({_e(name)})</code>: its facts as a DataFrame, one row per quote",
        f"<code>kg.view(focus={_e(name)})</code>: the network around it, to explore",
    ]
    return hints


def entity_html(entity: Entity, records: Records | None) -> str:
    """One entity and its facts with their quotes (``kg.entity(name)._repr_html_``)."""
    parts = [f"<p><b>{_e(entity.label)}</b> ({_e(entity.type.lower())})</p>"]
    if entity.description:
        parts.append(f"<p>{_e(entity.description)}</p>")
    if entity.aliases:
        parts.append(f"<p>Also called: {_e(', '.join(entity.aliases))}</p>")
    if entity.misspellings:
        parts.append(f"<p>Misspelt in the essays as: {_e(', '.join(entity.misspellings))}</p>")
    parts.append(f"<p>IRI: <code>{_e(entity.iri)}</code></p>")
    if records is not None:
        parts.append(_facts_table(records, records.about(entity.iri)))
    return '<div class="revkg-entity">' + "".join(parts) + "</div>"


def _facts_table(records: Records, facts: list[Fact]) -> str:
    if not facts:
        return "<p>The graph holds no facts about it.</p>"
    head = "".join(f"<th>{h}</th>" for h in ("when", "subject", "relation", "object", "evidence"))
    rows = []
    for fact in facts[:MAX_FACTS]:
        cells = (fact.time, records.label(fact.subject), fact.relation, records.label(fact.object))
        tds = "".join(f'<td style="text-align:left">{_e(c)}</td>' for c in cells)
        sources = "".join(_evidence(records, ev) for ev in fact.evidence) or "—"
        rows.append(f'<tr>{tds}<td style="text-align:left">{sources}</td></tr>')
    more = len(facts) - MAX_FACTS
    rest = (
        f"<p>… and {more} more; <code>kg.facts(name)</code> has them all.</p>" if more > 0 else ""
    )
    return (
        f"<table><caption style='text-align:left'><b>Facts</b> ({len(facts)})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{rest}"
    )


def _evidence(records: Records, ev: Evidence) -> str:
    how = ev.method if ev.method == "curated" else f"{ev.method}, confidence {ev.confidence:.2f}"
    note = f": {ev.note}" if ev.note else ""
    text = f"“{_e(ev.quote)}”" if ev.quote else f"(curator's addition{_e(note)})"
    return f"<div>{text} <small>— <i>{_e(records.title(ev.doc))}</i> [{_e(how)}]</small></div>"
