"""Curated `wikidata:` items: checked for form and uniqueness, published as owl:sameAs,
read back and shown."""

from __future__ import annotations

import json

from rdflib import OWL, URIRef

from revkg.graph.load import read_graph
from revkg.graph.records import read_entities
from revkg.graph.validate import check_records
from revkg.model import Entity
from revkg.report import Report
from revkg.sources.curated import parse_entity

LENIN = URIRef("https://w3id.org/revkg/person/vladimir-lenin")


def test_the_item_is_published_as_owl_same_as(built_project):
    graph = read_graph(built_project.turtle)
    assert (LENIN, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1394")) in graph
    items = {str(o) for o in graph.objects(None, OWL.sameAs)}
    assert all(o.startswith("http://www.wikidata.org/entity/Q") for o in items)
    assert len(items) == len(list(graph.subject_objects(OWL.sameAs))) == 23


def test_the_item_is_read_back(built_project):
    entities = {e.id: e for e in read_entities(read_graph(built_project.turtle))}
    assert entities["vladimir-lenin"].wikidata == "Q1394"
    assert entities["gavril-myasnikov"].wikidata == ""


def test_a_malformed_item_is_reported():
    report = Report()
    row = {"id": "lenin", "label": "Lenin", "description": "x", "wikidata": "Lenin", "__line__": 3}
    entity = parse_entity(row, "Person", "people.yaml", report)
    assert entity is not None and entity.wikidata == ""
    assert "wikidata 'Lenin' is not a Wikidata item; write it as Q1394" in str(report)


def test_two_entities_with_one_item_are_an_error():
    a = Entity("lenin", "Person", "Lenin", wikidata="Q1394")
    b = Entity("ulyanov", "Person", "Ulyanov", wikidata="Q1394")
    report = check_records([a, b], [])
    assert not report.ok
    assert "wikidata Q1394 is already given to person 'lenin'" in str(report)


def test_show_names_the_item(built_project, run_cli):
    result = run_cli("--project", str(built_project.root), "show", "lenin")
    assert "Wikidata: Q1394 (http://www.wikidata.org/entity/Q1394)" in result.stdout
    data = json.loads(
        run_cli("--project", str(built_project.root), "show", "lenin", "--json").stdout
    )
    assert data["wikidata"] == "http://www.wikidata.org/entity/Q1394"
