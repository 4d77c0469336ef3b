"""An entity's facts as a reader reads them: one entry per fact, each quote once, in time order.

The graph keeps a fact found both by a curator and by the extractor as one statement
with two pieces of evidence, and the two quotes are nearly the same: the curator quotes
the words that matter, the extractor the whole sentence around them. ``entries`` lists
an entity's facts for ``revkg show`` and its ``--json``:

* each piece of evidence whose quote is contained in another of the same essay (typography,
  spaces and case aside, see ``revkg.text.normalize``) is shown once, under the longer
  quote, which names every way it was found (``[curated; extracted by rule wrote, 0.85]``);
* a statement without a date whose quote is the same as (or part of) the quote of a dated
  statement of the same subject, relation and object is that fact read without its date:
  its evidence joins the dated entry (the rest of its evidence, if any, stays undated);
* entries come in time order (``records.When``): dated ones first, a fact with only an
  end date ("until 1917") at that date, then the undated ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rdflib import Literal, URIRef

from .. import vocab
from ..model import Date, Entity, Evidence
from ..text import normalize_string
from .records import Fact, Moment, Records, show_date


@dataclass(frozen=True)
class Quote:
    """One quote as shown, and every piece of evidence it stands for (curated first)."""

    doc: str
    text: str | None  # None: a curator's addition without a quote
    evidence: tuple[Evidence, ...]

    @property
    def support(self) -> str:
        """How the quote was found: ``curated; extracted by rule wrote, 0.85``."""
        ways = [
            f"extracted by rule {ev.rule}, {ev.confidence:.2f}"
            if ev.method == "extracted"
            else ev.method
            for ev in self.evidence
        ]
        return "; ".join(dict.fromkeys(ways))

    @property
    def note(self) -> str:
        return next((ev.note for ev in self.evidence if ev.note), "")


@dataclass(frozen=True)
class Entry:
    """One fact as shown: the statement, and the evidence for it (from ``folded``
    statements too: the same fact read without its date)."""

    fact: Fact
    evidence: tuple[Evidence, ...]
    folded: tuple[Fact, ...] = ()

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return merge_quotes(self.evidence)

    @property
    def statements(self) -> list[str]:
        return [f.key for f in (self.fact, *self.folded)]


def entries(
    records: Records, iri: URIRef, *, predicate: str | None = None, essay: str | None = None
) -> list[Entry]:
    """The facts about an entity, one entry each, in time order.

    ``predicate`` keeps only the facts with that property (its name, e.g. ``memberOf``);
    ``essay`` only those with evidence from that essay, and only that evidence.
    """
    found = []
    for fact in records.about(iri):
        if predicate is not None and fact.predicate != predicate:
            continue
        evidence = tuple(ev for ev in fact.evidence if essay is None or ev.doc == essay)
        if essay is None or evidence:
            found.append(Entry(fact, evidence))
    return _fold_undated(found)


def _fold_undated(found: list[Entry]) -> list[Entry]:
    """Move the evidence of undated statements into a dated entry of the same fact whose
    quote it shares; an undated statement left with no evidence is dropped."""
    dated: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, entry in enumerate(found):
        if entry.fact.when.anchor is not None:
            dated[_triple(entry.fact)].append(i)
    kept: list[Entry | None] = list(found)
    for i, entry in enumerate(found):
        targets = dated.get(_triple(entry.fact), [])
        if entry.fact.when.anchor is not None or not targets or not entry.evidence:
            continue
        stays = []
        for ev in entry.evidence:
            j = next(
                (j for j in targets if any(_same_quote(ev, o) for o in found[j].evidence)), None
            )
            if j is None:
                stays.append(ev)
                continue
            target = kept[j]
            assert target is not None  # a dated entry is never dropped
            folded = target.folded if entry.fact in target.folded else (*target.folded, entry.fact)
            kept[j] = replace(target, evidence=(*target.evidence, ev), folded=folded)
        kept[i] = replace(entry, evidence=tuple(stays)) if stays else None
    return [entry for entry in kept if entry is not None]


def _triple(fact: Fact) -> tuple[object, ...]:
    if vocab.PROPERTIES_BY_NAME[fact.predicate].symmetric:
        return (fact.predicate, frozenset((fact.subject, fact.object)))
    return (fact.predicate, fact.subject, fact.object)


def _key(quote: str) -> str:
    return normalize_string(quote, casefold=True)


def _same_quote(a: Evidence, b: Evidence) -> bool:
    """True when two pieces of evidence quote the same essay and one quote holds the other."""
    if a.doc != b.doc or not a.quote or not b.quote:
        return False
    ka, kb = _key(a.quote), _key(b.quote)
    return ka in kb or kb in ka


def merge_quotes(evidence: Iterable[Evidence]) -> tuple[Quote, ...]:
    """Each quote once: a quote contained in a longer one of the same essay is shown as
    the longer one. Quotes in the order of the essays, then of their place in them;
    curated evidence first within a quote."""
    groups: list[tuple[str, list[Evidence]]] = []  # (key of the longest quote, its evidence)
    quoted = [ev for ev in evidence if ev.quote]
    for ev in sorted(quoted, key=lambda ev: (-len(_key(ev.quote or "")), ev.start or 0)):
        key = _key(ev.quote or "")
        group = next((g for k, g in groups if g[0].doc == ev.doc and key in k), None)
        if group is None:
            groups.append((key, [ev]))
        else:
            group.append(ev)
    quotes = [Quote(g[0].doc, g[0].quote, _methods_order(g)) for _, g in groups]
    quotes.sort(key=lambda q: (q.doc, q.evidence[0].start or 0, q.text or ""))
    bare = [Quote(ev.doc, None, (ev,)) for ev in evidence if not ev.quote]
    return (*quotes, *bare)


def _methods_order(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    return tuple(
        sorted(evidence, key=lambda ev: (ev.method != "curated", ev.method, ev.rule or ""))
    )


# ---- as JSON ------------------------------------------------------------------------


def entity_json(records: Records, entity: Entity, shown: Sequence[Entry]) -> dict[str, Any]:
    """The entity and the entries shown for it, as ``revkg show --json`` prints them."""
    return {
        "label": entity.label,
        "type": entity.type.lower(),
        "iri": str(entity.iri),
        "description": entity.description,
        "aliases": list(entity.aliases),
        "misspellings": list(entity.misspellings),
        "wikidata": str(entity.wikidata_iri) if entity.wikidata_iri is not None else None,
        "facts": [entry_json(records, entity.iri, entry) for entry in shown],
    }


def entry_json(records: Records, iri: URIRef, entry: Entry) -> dict[str, Any]:
    """One entry: relation, the other end, when (as shown and as dates), the quotes as
    shown (each once, with how it was found) and every piece of evidence behind them."""
    fact = entry.fact
    outgoing = fact.subject == iri
    other = fact.object if outgoing else fact.subject
    when = fact.when
    dates = {
        name: _date_json(value)
        for name, value in (
            ("point", when.point),
            ("start", when.start),
            ("end", when.end),
            ("value", when.value),
        )
        if value is not None
    }
    return {
        "relation": fact.relation,
        "predicate": fact.predicate,
        "direction": "outgoing" if outgoing else "incoming",
        "other": {
            "label": show_date(when.value) if when.value is not None else records.label(other),
            "iri": str(other) if isinstance(other, URIRef) else None,
            **({"value": str(other)} if isinstance(other, Literal) else {}),
        },
        "when": str(when),
        "dates": dates,
        "quotes": [{"essay": q.doc, "quote": q.text, "support": q.support} for q in entry.quotes],
        "evidence": [_evidence_json(records, ev) for q in entry.quotes for ev in q.evidence],
        "statements": entry.statements,
    }


def _date_json(value: Moment) -> dict[str, str]:
    if isinstance(value, Date):
        return {"date": value.iso(), "precision": value.precision, "text": show_date(value)}
    return {"date": value, "precision": "unknown", "text": value}


def _evidence_json(records: Records, ev: Evidence) -> dict[str, Any]:
    return {
        "essay": ev.doc,
        "essay_title": records.title(ev.doc),
        "quote": ev.quote,
        "start": ev.start,
        "end": ev.end,
        "method": ev.method,
        "rule": ev.rule,
        "confidence": ev.confidence,
        "note": ev.note,
    }
