"""Every question with an expected answer, saved query or reader's question, against the
built graph, on both engines.

The expected answers live in graph/queries/: ``<name>.expected.yaml`` beside each saved
query ``<name>.rq`` (its parameters and rows), and ``reader-questions.expected.yaml``:
questions a reader would ask of the three essays, each with its own query and exact
answer. The format and the matcher are the library's (``revkg.sparql.expect`` and
``revkg.sparql.verdict``, which ``revkg check`` runs too); loading the cases checks their
form. A failing case prints the rows expected, those missing or unexpected, and the
answer's rows.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import XSD, Literal

from revkg.sparql import query as q
from revkg.sparql.expect import Case
from revkg.sparql.verdict import explain, judge, known_names

from .query_fixtures import QUERIES, cases, kg_oxigraph, kg_rdflib, parse_all, saved_names

__all__ = ["kg_oxigraph", "kg_rdflib"]

CASES = cases()
ESSAYS = {"state-and-revolution", "shadow-of-stalinism", "gavril-myasnikov"}


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


def test_cases_name_our_essays_and_ask_questions():
    """The form of every case is checked as it is loaded; revkg's own also name one of
    its essays and ask a question."""
    for case in CASES:
        where = f"{case.where}: {case.id}"
        if case.essay is not None:
            assert case.essay in ESSAYS, where
        if case.question is not None:
            assert case.question.strip().endswith("?"), where


def test_every_essay_has_reader_questions():
    reader = [c for c in CASES if c.essay is not None]
    per_essay = {essay: sum(c.essay == essay for c in reader) for essay in ESSAYS}
    assert len(reader) >= 30, per_essay
    assert all(n >= 8 for n in per_essay.values()), per_essay
    assert all(c.match == "exactly" and "SELECT" in c.query.upper() for c in reader)


@pytest.fixture(scope="module")
def known(kg_rdflib) -> dict[str, set[str]]:
    return known_names(kg_rdflib.store)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_answer_is_what_the_essays_say(case: Case, kg_rdflib, known):
    verdict = judge(kg_rdflib.store, case, known, queries_dir=QUERIES, find=kg_rdflib.find_iri)
    assert verdict, explain(case, verdict, kg_rdflib.labels, kg_rdflib.store)


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


@pytest.mark.slow  # every question on both engines
@pytest.mark.parametrize(
    ("name", "params"),
    [(s.name, {}) for s in parse_all()]
    + [(c.query, c.params) for c in CASES if c.saved and c.params]
    + [pytest.param(c.query, {}, id=c.id) for c in CASES if not c.saved],
    ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={x}" for k, x in v.items()),
)
def test_both_engines_give_the_same_answer(name: str, params: dict, kg_rdflib, kg_oxigraph):
    ours = kg_rdflib.run(name, **params)
    theirs = kg_oxigraph.run(name, **params)
    assert ours.variables == theirs.variables
    assert _canonical(ours) == _canonical(theirs)
