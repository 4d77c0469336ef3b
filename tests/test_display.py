"""Jupyter's rich display: the graph's summary and an entity with its facts, as HTML."""

from __future__ import annotations

import pytest
from rdflib import Literal

from revkg import display
from revkg.api import GraphEntity, KnowledgeGraph, load
from revkg.display import Summary, entity_html, graph_html
from revkg.graph.records import Fact, Records
from revkg.graph.stats import compute
from revkg.model import Entity, Evidence
from revkg.project import Project

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def kg(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root)


def test_the_summary_counts_what_revkg_stats_counts(kg: KnowledgeGraph):
    summary, stats = kg.summary(), compute(kg.dataset)
    assert dict(summary.by_type) == {t: n for t, n in stats.by_type.items() if t in summary.by_type}
    assert len(summary.by_type) == 6
    assert dict(summary.by_layer) == stats.by_layer
    assert (summary.statements, summary.evidence) == (
        stats.by_type["Statement"],
        stats.by_type["Evidence"],
    )
    assert summary.triples == stats.triples
    assert len(summary.essays) == stats.by_type["Document"] == 3


def test_both_engines_summarise_alike(built_project: Project):
    rdflib = load(built_project.root, store="rdflib").summary()
    oxigraph = load(built_project.root, store="oxigraph").summary()
    assert (rdflib.engine, oxigraph.engine) == ("rdflib", "oxigraph")
    assert {**vars(rdflib), "engine": ""} == {**vars(oxigraph), "engine": ""}


def test_the_graph_shows_counts_essays_and_how_to_ask(kg: KnowledgeGraph):
    html = kg._repr_html_()
    summary = kg.summary()
    assert html.startswith('<div class="revkg-graph">')
    assert f"<td>{summary.by_type['Person']}</td>" in html
    assert f"<td>{summary.by_layer['curated']:,}</td>" in html
    assert "<i>Gavril Myasnikov: hero of the working class</i>" in html
    assert "kg.query(&#x27;brest-litovsk-opponents&#x27;)" in html
    assert "kg.entity(&#x27;Gavril Myasnikov&#x27;)" in html  # the most described entity


def test_an_entity_shows_its_names_and_facts_with_quotes(kg: KnowledgeGraph):
    entity = kg.entity("Miasnikov")
    html = entity._repr_html_()
    assert html.startswith('<div class="revkg-entity"><p><b>Gavril Myasnikov</b> (person)</p>')
    assert entity.description in html
    assert "Also called: " in html and "Gavriil Miasnikov" in html
    assert "“Myasnikov was born in the Urals in 1889”" in html
    assert "<i>Gavril Myasnikov: hero of the working class</i> [curated]" in html
    assert html.count("<tr>") == len(kg.records.about(entity.iri)) + 1  # and the header


def test_the_entity_found_is_still_an_entity(kg: KnowledgeGraph):
    entity = kg.entity("Miasnikov")
    assert isinstance(entity, Entity) and isinstance(entity, GraphEntity)
    assert entity == kg.entity("Gavril Myasnikov")
    assert hash(entity) == hash(kg.entity("myasnikov"))
    assert "records" not in repr(entity)


def test_jupyter_picks_the_html(kg: KnowledgeGraph):
    from IPython.core import formatters  # installed with the dev extra (ipykernel)

    html = formatters.HTMLFormatter()
    assert html(kg).startswith('<div class="revkg-graph">')
    assert html(kg.entity("Lenin")).startswith('<div class="revkg-entity">')


def tiny_records(label: str, quote: str, title: str) -> tuple[Entity, Records]:
    person = Entity("x", "Person", label, f"about {label}", (f"{label} alias",))
    place = Entity("y", "Place", "Somewhere")
    ev = Evidence("essay", quote, 0, len(quote), "extracted", "r", 0.75, "")
    fact = Fact(person.iri, "bornIn", place.iri, point="1900", evidence=(ev,))
    bare = Fact(person.iri, "occupation", Literal(label))
    labels = {str(person.iri): label, str(place.iri): "Somewhere"}
    return person, Records((person, place), (fact, bare), labels, {"essay": title})


def test_entity_text_is_escaped():
    person, records = tiny_records(SCRIPT, "a <b>bold</b> & claim", "Essays & <i>notes</i>")
    html = entity_html(person, records)
    assert "<script>" not in html and "<b>bold" not in html and "<i>notes" not in html
    assert "<b>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</b> (person)" in html
    assert "“a &lt;b&gt;bold&lt;/b&gt; &amp; claim”" in html
    assert "Essays &amp; &lt;i&gt;notes&lt;/i&gt;" in html and "extracted, confidence 0.75" in html
    # label, description, alias; subject of both facts; the value of the second
    assert html.count("&lt;script&gt;") == 6
    assert '<td style="text-align:left">—</td>' in html  # the fact without evidence


def test_summary_text_is_escaped():
    summary = Summary(
        source='/tmp/"g"/<x>.trig',
        engine="rdflib",
        triples=1,
        by_type={"Person": 1},
        by_layer={"curated": 1},
        statements=0,
        evidence=0,
        essays=[SCRIPT],
        questions=[("q", 'says "<script>"')],
        example=SCRIPT,
    )
    html = graph_html(summary)
    assert "<script>" not in html
    assert "<i>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</i>" in html
    assert 'title="says &quot;&lt;script&gt;&quot;"' in html
    assert "<code>/tmp/&quot;g&quot;/&lt;x&gt;.trig</code>" in html


def test_a_long_list_of_facts_is_cut_short(monkeypatch):
    monkeypatch.setattr(display, "MAX_FACTS", 1)
    person, records = tiny_records("Ann", "q", "t")
    html = entity_html(person, records)
    assert html.count("<tr>") == 2 and "… and 1 more" in html
