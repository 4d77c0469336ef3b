"""A curator's decisions follow their sentences through edits of the essays."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from revkg.build import build
from revkg.graph.load import read_graph
from revkg.vocab import OA, RK

pytestmark = pytest.mark.slow  # every test here builds the project

REJECTED = "a4a673cfe122df5c"  # "the Red Guards ... opposed the new Soviet regime": rejected
SENTENCE = "opposed to the new Soviet regime."


def comparable(graph: Graph) -> set[tuple[object, object, object]]:
    """The graph's triples with offsets and hashes left out, each evidence node named by what it
    says (statement, method, quote) instead of by an IRI that hashes its offsets."""
    names: dict[URIRef, Literal] = {}
    for node in graph.subjects(RDF.type, RK.Evidence):
        statement = graph.value(predicate=RK.hasEvidence, object=node)
        method, quote = graph.value(node, RK.method), graph.value(node, OA.exact)
        names[node] = Literal(f"evidence of {statement} by {method}: {quote}")  # type: ignore[index]
        for part in ("target", "quote", "position"):  # its Web Annotation's nodes
            names[URIRef(f"{node}-{part}")] = Literal(f"{names[node]} ({part})")  # type: ignore[index]
    # the essays' hashes change too, and so does the context before a quote near an
    # essay's start
    changing = (OA.start, OA.end, RK.sha256, OA.prefix)
    return {
        tuple(names.get(term, term) for term in triple)  # type: ignore[misc]
        for triple in graph
        if triple[1] not in changing
    }


def test_text_added_before_every_essay_changes_nothing_but_offsets(built_copy, run_cli):
    before = comparable(read_graph(built_copy.turtle))
    for essay in built_copy.seeds_dir.glob("*.txt"):
        essay.write_text("A new first paragraph.\n\n" + essay.read_text(encoding="utf-8"))
    result = run_cli("--project", str(built_copy.root), "build")
    assert result.exit_code == 0, result.stderr
    after = comparable(read_graph(built_copy.turtle))
    assert after == before, (
        sorted(map(str, after - before))[:5],
        sorted(map(str, before - after))[:5],
    )
    review = run_cli("--project", str(built_copy.root), "review")
    assert "stale" not in review.stdout + review.stderr


def test_a_decision_whose_sentence_is_gone_stops_the_build(built_copy, run_cli):
    before = built_copy.turtle.read_bytes()
    essay = built_copy.seeds_dir / "state-and-revolution.txt"
    text = essay.read_text(encoding="utf-8")
    assert SENTENCE in text
    edited = SENTENCE.replace("regime.", "regime of that winter.")  # a curated quote still holds
    essay.write_text(text.replace(SENTENCE, edited), encoding="utf-8")
    result = run_cli("--project", str(built_copy.root), "build")
    output = result.stdout + result.stderr
    assert result.exit_code == 1
    assert f"reject {REJECTED} (it is the civil servants' strike" in output
    assert f"revkg review drop {REJECTED}" in output
    assert built_copy.turtle.read_bytes() == before
    dropped = run_cli("--project", str(built_copy.root), "review", "drop", REJECTED[:8])
    assert dropped.exit_code == 0
    build(built_copy)
