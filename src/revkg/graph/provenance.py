"""Evidence nodes in the standards' shape, and who and what made them.

Each piece of evidence with a quote is also a W3C Web Annotation::

    ev:x a rk:Evidence, oa:Annotation ;
        oa:hasBody stmt:y ;                      # the fact the quote supports
        oa:hasTarget ev:x-target .
    ev:x-target a oa:SpecificResource ;
        oa:hasSource essay:z ;
        oa:hasSelector ev:x-quote, ev:x-position .
    ev:x-quote a oa:TextQuoteSelector ; oa:exact "..." ; oa:prefix "..." ; oa:suffix "..." .
    ev:x-position a oa:TextPositionSelector ; oa:start 3411 ; oa:end 3435 .

beside revkg's own direct properties on the evidence node (``oa:hasSource``,
``oa:exact``, ``oa:start``, ``oa:end``), which the saved questions use. PROV says who
or what made it: ``prov:wasAttributedTo`` the curator (revkg.toml) for curated
evidence, ``prov:wasGeneratedBy`` the extraction activity (revkg's version and rule
table) for extracted evidence. No time is stated: the build has none that would be the
same on every run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .. import vocab
from ..model import LICENCE_PATTERN, Evidence, agent_iri, evidence_iri, short_hash
from ..vocab import OA, RK

SPDX = "http://spdx.org/licenses/"
#: How many characters of context the quote selector keeps on each side.
CONTEXT = 32


@dataclass(frozen=True)
class Provenance:
    """What a build states about its sources besides the records themselves."""

    base: str = vocab.BASE_IRI  # instance IRIs start here (revkg.toml, $REVKG_BASE_IRI)
    curator: str = ""  # credited on curated evidence (revkg.toml)
    extraction: str = ""  # what made the extracted evidence: revkg's version, its rules
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)  # essay id -> text


DEFAULT = Provenance()


def add_agent(graph: Graph, name: str, prov: Provenance) -> URIRef:
    """A person or group by name (``{base}agent/{slug}``), as a prov:Agent."""
    node = agent_iri(name, prov.base)
    graph.add((node, RDF.type, PROV.Agent))
    graph.add((node, RDFS.label, Literal(name)))
    return node


def licence_term(licence: str) -> URIRef | Literal:
    """An SPDX identifier as its IRI (http://spdx.org/licenses/MIT); an expression as text."""
    if LICENCE_PATTERN.fullmatch(licence) and " " not in licence:
        return URIRef(SPDX + licence)
    return Literal(licence)


def date_term(date: str) -> Literal:
    """A date: typed when it is a plain ISO year, month or day, else EDTF text."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return Literal(date, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return Literal(date, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", date):
        return Literal(date, datatype=XSD.gYear)
    return Literal(date)


def add_evidence(
    graph: Graph, statement: URIRef, ev: Evidence, prov: Provenance = DEFAULT
) -> URIRef:
    """One piece of evidence for ``statement``: essay, quote, offsets, method, and its
    Web Annotation and PROV shape."""
    node = evidence_iri(statement, ev, prov.base)
    essay = vocab.document_iri(ev.doc, prov.base)
    graph.add((node, RDF.type, RK.Evidence))
    graph.add((node, OA.hasSource, essay))
    graph.add((node, PROV.wasDerivedFrom, essay))
    graph.add((node, RK.method, RK[ev.method]))
    graph.add((node, RK.confidence, _confidence(ev.confidence)))
    if ev.quote is not None:
        assert ev.start is not None and ev.end is not None
        quote = Literal(ev.quote)  # one term, shared with the quote selector
        graph.add((node, OA.exact, quote))
        graph.add((node, OA.start, _offset(ev.start)))
        graph.add((node, OA.end, _offset(ev.end)))
        _add_annotation(graph, node, statement, essay, quote, ev, prov.texts.get(ev.doc))
    else:
        graph.add((node, RK.curatorAddition, Literal(True)))
    if ev.rule:
        graph.add((node, RK.rule, Literal(ev.rule)))
    if ev.note:
        graph.add((node, RK.curatorNote, Literal(ev.note)))
    _add_attribution(graph, node, ev, prov)
    return node


def _add_annotation(
    graph: Graph,
    node: URIRef,
    statement: URIRef,
    essay: URIRef,
    quote: Literal,
    ev: Evidence,
    text: str | None,
) -> None:
    """The evidence as an oa:Annotation: the statement its body, the quoted passage of
    the essay its target, selected by quote (``quote``, with context) and by position."""
    assert ev.start is not None and ev.end is not None
    target, by_quote, by_position = (URIRef(f"{node}-{part}") for part in _PARTS)
    graph.add((node, RDF.type, OA.Annotation))
    graph.add((node, OA.hasBody, statement))
    graph.add((node, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, essay))
    graph.add((target, OA.hasSelector, by_quote))
    graph.add((target, OA.hasSelector, by_position))
    graph.add((by_quote, RDF.type, OA.TextQuoteSelector))
    graph.add((by_quote, OA.exact, quote))
    if text is not None:
        graph.add((by_quote, OA.prefix, Literal(text[max(0, ev.start - CONTEXT) : ev.start])))
        graph.add((by_quote, OA.suffix, Literal(text[ev.end : ev.end + CONTEXT])))
    graph.add((by_position, RDF.type, OA.TextPositionSelector))
    graph.add((by_position, OA.start, _offset(ev.start)))
    graph.add((by_position, OA.end, _offset(ev.end)))


_PARTS = ("target", "quote", "position")


@functools.lru_cache(maxsize=1024)
def _confidence(value: float) -> Literal:
    """A confidence's literal, to three decimals (a few hundred values recur)."""
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


@functools.lru_cache(maxsize=1 << 16)
def _offset(n: int) -> Literal:
    """A character offset's literal; offsets recur across essays, so each is made once."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _add_attribution(graph: Graph, node: URIRef, ev: Evidence, prov: Provenance) -> None:
    """Curated evidence is attributed to the curator; extracted evidence was generated by
    the extraction activity."""
    if ev.method == "curated" and prov.curator:
        graph.add((node, PROV.wasAttributedTo, add_agent(graph, prov.curator, prov)))
    elif ev.method == "extracted" and prov.extraction:
        activity = URIRef(f"{prov.base}activity/extraction-{short_hash(prov.extraction)}")
        graph.add((activity, RDF.type, PROV.Activity))
        graph.add((activity, RDFS.label, Literal(prov.extraction)))
        graph.add((node, PROV.wasGeneratedBy, activity))
