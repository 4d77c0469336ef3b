"""A project with a base IRI of its own: parameters, displayed results and exports use
its prefixes (``person:`` is ``<its base>person/``), taken from the built graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from revkg.api import load
from revkg.build import build
from revkg.graph.bulk import convert
from revkg.graph.jsonld import to_jsonld
from revkg.graph.load import read_graph
from revkg.project import Project, create_project

BASE = "https://example.org/commune/"
ESSAY = "The Commune\n\nLouise Michel joined the Commune in 1871 and fought on its barricades.\n"
PEOPLE = "- id: louise-michel\n  label: Louise Michel\n  description: French anarchist.\n"
ORGS = "- id: paris-commune\n  label: Paris Commune\n  description: Revolutionary government.\n"
FACT = (
    "- subject: louise-michel\n  predicate: memberOf\n  object: paris-commune\n"
    "  quote: Louise Michel joined the Commune in 1871\n"
)
SAVED = """# title: What a person belonged to
# description: The organizations an entity was a member of.
# param: who entity A name, e.g. Louise Michel.
SELECT ?organization WHERE {
  VALUES ?who { person:nobody }
  ?who rk:memberOf ?organization .
}
"""
BY_IRI = SAVED.replace("who entity A name", "who iri An IRI")


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A small project under its own base IRI, built."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("REVKG_BASE_IRI", raising=False)
        project = create_project(tmp_path_factory.mktemp("base") / "commune")
        toml = project.config_file.read_text("utf-8")
        toml = toml.replace('base_iri = "https://example.org/commune/"', f'base_iri = "{BASE}"')
        project.config_file.write_text(toml, encoding="utf-8")
        (project.seeds_dir / "commune.txt").write_text(ESSAY, encoding="utf-8")
        (project.curated_dir / "people.yaml").write_text(PEOPLE, encoding="utf-8")
        (project.curated_dir / "organizations.yaml").write_text(ORGS, encoding="utf-8")
        (project.curated_dir / "statements" / "commune.yaml").write_text(FACT, encoding="utf-8")
        (project.queries_dir / "belonged-to.rq").write_text(SAVED, encoding="utf-8")
        (project.queries_dir / "belonged-to-iri.rq").write_text(BY_IRI, encoding="utf-8")
        build(Project(project.root))
    return Project(project.root)


def test_the_project_is_built_under_its_base(commune: Project):
    person = URIRef(BASE + "person/louise-michel")
    assert (person, None, None) in read_graph(commune.turtle)


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_entity_and_iri_parameters_resolve_under_the_base(commune: Project, store: str):
    kg = load(commune.root, store=store)
    assert kg.prefixes["person"] == BASE + "person/"
    for name, value in (
        ("belonged-to", "Louise Michel"),
        ("belonged-to-iri", "person:louise-michel"),
    ):
        rows = kg.run(name, who=value).rows
        assert [str(r[0]) for r in rows] == [BASE + "organization/paris-commune"], name


def test_results_show_the_projects_prefixes(commune: Project, run_cli, monkeypatch):
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    sparql = "SELECT ?fact WHERE { ?fact a rk:Statement }"
    table = run_cli("--project", str(commune.root), "query", sparql, "--format", "csv")
    assert table.exit_code == 0, table.stderr
    assert "stmt:" in table.stdout and BASE not in table.stdout
    frame = load(commune.root).query(sparql)
    assert frame["fact"][0].startswith("stmt:")
    saved = run_cli(
        "--project", str(commune.root), "query", "--name", "belonged-to-iri",
        "--param", "who=person:louise-michel", "--format", "csv",
    )  # fmt: skip
    assert saved.stdout.splitlines() == ["organization", "Paris Commune"], saved.stderr


def test_construct_prints_the_projects_prefixes(commune: Project, run_cli, monkeypatch):
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    sparql = "CONSTRUCT { ?p rk:memberOf ?o } WHERE { ?p rk:memberOf ?o }"
    result = run_cli("--project", str(commune.root), "query", sparql)
    assert f"@prefix person: <{BASE}person/>" in result.stdout
    assert "person:louise-michel" in result.stdout


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_exported_rdf_uses_the_projects_prefixes(commune: Project, tmp_path: Path, fmt: str):
    target = tmp_path / f"out.{fmt}"
    convert(commune.trig, target, fmt)
    text = target.read_text("utf-8")
    assert f"@prefix person: <{BASE}person/> ." in text
    assert "person:louise-michel" in text and f"<{BASE}person/louise-michel>" not in text
    assert "https://w3id.org/revkg/person/" not in text


def test_exported_rdf_from_nquads_finds_the_base_in_the_essays(commune: Project, tmp_path: Path):
    nquads = tmp_path / "graph.nq"
    convert(commune.trig, nquads, "nquads")
    convert(nquads, tmp_path / "out.trig", "trig")
    assert f"@prefix essay: <{BASE}essay/> ." in (tmp_path / "out.trig").read_text("utf-8")


def test_the_export_command_writes_the_projects_prefixes(commune: Project, run_cli, monkeypatch):
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    result = run_cli("--project", str(commune.root), "export", "--format", "turtle", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert f"@prefix org: <{BASE}organization/> ." in result.stdout


def test_json_ld_is_compacted_with_the_projects_prefixes(commune: Project):
    document = json.loads(to_jsonld(read_graph(commune.turtle)))
    assert document["@context"]["person"] == BASE + "person/"
    assert "person:louise-michel" in {node["@id"] for node in document["@graph"]}
    assert len(Graph().parse(data=json.dumps(document), format="json-ld")) > 0
