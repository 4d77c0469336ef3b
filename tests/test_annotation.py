"""Evidence in the standards' shape: each quote a W3C Web Annotation (read here by an
independent parser, Oxigraph), and PROV saying who or what made it."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, RDFS

from revkg.graph.load import read_graph
from revkg.graph.validate import check_shacl
from revkg.vocab import OA, PREFIXES, RK

QUOTE = "joined the party in 1906"

ANNOTATION = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rk: <https://w3id.org/revkg/vocab#>
SELECT ?annotation ?body ?source ?exact ?prefix ?suffix ?start ?end WHERE {
  ?annotation a oa:Annotation ;
      oa:hasBody ?body ;
      oa:hasTarget ?target .
  ?target a oa:SpecificResource ;
      oa:hasSource ?source ;
      oa:hasSelector ?byQuote, ?byPosition .
  ?byQuote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?byPosition a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?body a rk:Statement .
  FILTER(STR(?exact) = "%s")
}
"""


def test_oxigraph_reads_the_annotation_of_a_known_quote(built_project):
    store = ox.Store()
    store.load(path=str(built_project.turtle), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(ANNOTATION % QUOTE))
    assert len(rows) == 1
    row = rows[0]
    assert row["source"].value == "https://w3id.org/revkg/essay/gavril-myasnikov"
    text = (built_project.seeds_dir / "gavril-myasnikov.txt").read_text(encoding="utf-8")
    start, end = int(row["start"].value), int(row["end"].value)
    assert text[start:end] == QUOTE == row["exact"].value
    assert row["prefix"].value == text[start - 32 : start]
    assert row["suffix"].value == text[end : end + 32]


def test_every_quote_is_an_annotation_whose_offsets_match_its_essay(built_project):
    store = ox.Store()
    store.load(path=str(built_project.turtle), format=ox.RdfFormat.TURTLE)
    texts = {
        f"https://w3id.org/revkg/essay/{p.stem}": p.read_text(encoding="utf-8")
        for p in built_project.seeds_dir.glob("*.txt")
    }
    rows = list(store.query((ANNOTATION % "").replace('FILTER(STR(?exact) = "")', "")))
    quoted = "SELECT ?ev WHERE { ?ev a rk:Evidence ; oa:exact ?q }"
    assert len(rows) == len(list(store.query(quoted, prefixes=PREFIXES))) > 400
    for row in rows:
        text = texts[row["source"].value]
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
        assert text[:start].endswith(row["prefix"].value)
        assert text[end:].startswith(row["suffix"].value)


def test_prov_names_the_curator_and_the_extraction(built_project):
    graph = read_graph(built_project.turtle)
    curated = next(
        ev
        for ev in graph.subjects(OA.exact, None)
        if str(graph.value(ev, OA.exact)) == QUOTE and (ev, RK.method, RK.curated) in graph
    )
    curator = graph.value(curated, PROV.wasAttributedTo)
    assert curator == URIRef("https://w3id.org/revkg/agent/revkg-contributors")
    activities = set(graph.objects(None, PROV.wasGeneratedBy))
    assert len(activities) == 1
    assert "rules.yaml sha256" in str(graph.value(activities.pop(), RDFS.label))
    assert not list(graph.subject_objects(PROV.generatedAtTime))  # no clock in the graph


def test_shacl_catches_an_annotation_without_its_position(built_project):
    graph = read_graph(built_project.turtle)
    position = next(graph.subjects(None, OA.TextPositionSelector))
    graph.remove((None, OA.hasSelector, position))
    report = check_shacl(graph)
    assert not report.ok and "hasSelector" in str(report)
