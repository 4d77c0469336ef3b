"""The saved questions in graph/queries/ answer what the essays say, on both engines.

Each ``<name>.expected.yaml`` beside a query lists parameters and rows the answer must
contain; entity cells name the entity by label, alias or id, and text cells may use *
as a wildcard. Every saved query also gives the same answer on rdflib and Oxigraph.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import XSD, Literal

from revkg.sparql import query as q

from .query_fixtures import (
    QUERIES,
    Case,
    cases,
    kg_oxigraph,
    kg_rdflib,
    missing_rows,
    names,
    parse_all,
    saved_names,
)

__all__ = ["kg_oxigraph", "kg_rdflib"]

CASES = cases()


def test_the_essays_questions_are_all_saved():
    wanted = {
        "brest-litovsk-opponents",
        "works-and-authors",
        "myasnikov-timeline",
        "memberships",
        "criticisms",
        "works-and-topics",
        "theories-of-the-ussr",
        "events-in-year",
        "extraction-coverage",
        "fact-evidence",
    }
    assert wanted <= set(saved_names())


@pytest.mark.parametrize("saved", parse_all(), ids=lambda s: s.name)
def test_every_saved_query_has_a_header_and_parses(saved: q.SavedQuery):
    assert saved.title != saved.name, f"add `# title: ...` to {saved.path.name}"
    assert saved.description, f"add `# description: ...` to {saved.path.name}"
    q.check(saved.text)


@pytest.mark.parametrize("name", saved_names())
def test_every_saved_query_has_expected_rows(name: str):
    assert (QUERIES / f"{name}.expected.yaml").is_file(), (
        f"write graph/queries/{name}.expected.yaml with rows the essays imply"
    )


@pytest.fixture(scope="module")
def known_names(kg_rdflib) -> dict[str, set[str]]:
    return names(kg_rdflib)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_saved_query_answers_what_the_essays_say(case: Case, kg_rdflib, known_names):
    result = kg_rdflib.run(case.query, **case.params)
    missing = missing_rows(result, case, known_names)
    assert not missing, f"{case.id}: no answer row matches {missing}"
    if case.match == "same":
        assert len(result.rows) == len(case.rows), f"{case.id}: unexpected extra rows"


#: Oxigraph stores the derived integer types (e.g. xsd:nonNegativeInteger, used for
#: oa:start/oa:end) as xsd:integer, and decimals in canonical form ("0.750" as
#: "0.75"); the values are the same.
INTEGER_TYPES = {str(XSD[t]) for t in ("nonNegativeInteger", "positiveInteger", "int", "long")}


def _canonical(result):
    def cell(term):
        if isinstance(term, Literal):
            dt = str(term.datatype or "")
            dt = str(XSD.integer) if dt in INTEGER_TYPES else dt
            value = term.toPython()
            text = str(value.normalize()) if isinstance(value, Decimal) else str(term)
            return ("literal", text, dt, term.language or "")
        return (type(term).__name__, str(term))

    if result.kind == "ask":
        return result.boolean
    rows = result.rows if result.kind == "select" else result.triples
    return sorted(tuple(cell(t) for t in row) for row in rows)


@pytest.mark.parametrize(
    ("name", "params"),
    [(s.name, {}) for s in parse_all()] + [(c.query, c.params) for c in CASES if c.params],
    ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={x}" for k, x in v.items()),
)
def test_both_engines_give_the_same_answer(name: str, params: dict, kg_rdflib, kg_oxigraph):
    ours = kg_rdflib.run(name, **params)
    theirs = kg_oxigraph.run(name, **params)
    assert ours.variables == theirs.variables
    assert _canonical(ours) == _canonical(theirs)
