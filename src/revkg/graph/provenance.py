"""Evidence nodes, and what the build knows about where the graph comes from.

``Provenance`` carries the project's base IRI (where instance IRIs start: essays,
statements, evidence) to the functions that mint them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .. import vocab
from ..model import LICENCE_PATTERN, Evidence, agent_iri, evidence_iri
from ..vocab import OA, RK

SPDX = "http://spdx.org/licenses/"


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
    """An essay's date: typed when it is a plain ISO year, month or day, else EDTF text."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return Literal(date, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return Literal(date, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", date):
        return Literal(date, datatype=XSD.gYear)
    return Literal(date)


@dataclass(frozen=True)
class Provenance:
    """What a build states about its sources besides the records themselves."""

    base: str = vocab.BASE_IRI  # instance IRIs start here (revkg.toml, $REVKG_BASE_IRI)


DEFAULT = Provenance()


def add_evidence(
    graph: Graph, statement: URIRef, ev: Evidence, prov: Provenance = DEFAULT
) -> URIRef:
    """One piece of evidence for ``statement``: essay, quote, offsets, method."""
    node = evidence_iri(statement, ev, prov.base)
    essay = vocab.document_iri(ev.doc, prov.base)
    graph.add((node, RDF.type, RK.Evidence))
    graph.add((node, OA.hasSource, essay))
    graph.add((node, PROV.wasDerivedFrom, essay))
    graph.add((node, RK.method, RK[ev.method]))
    graph.add((node, RK.confidence, Literal(Decimal(f"{ev.confidence:.3f}"), datatype=XSD.decimal)))
    if ev.quote is not None:
        graph.add((node, OA.exact, Literal(ev.quote)))
        graph.add((node, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        graph.add((node, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
    else:
        graph.add((node, RK.curatorAddition, Literal(True)))
    if ev.rule:
        graph.add((node, RK.rule, Literal(ev.rule)))
    if ev.note:
        graph.add((node, RK.curatorNote, Literal(ev.note)))
    return node
