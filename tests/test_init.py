"""`revkg init`: a project of one's own, built and queried like revkg's."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, URIRef
from werkzeug.test import Client

from revkg.graph.load import read_dataset, read_graph
from revkg.project import open_project
from revkg.sparql import query as q
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct
from revkg.vocab import RK

from .conftest import REPO

ESSAY = (
    "The Paris Commune\n\nLouise Michel joined the Commune in 1871 and fought on its barricades.\n"
)
PERSON = "- id: louise-michel\n  label: Louise Michel\n  description: French anarchist teacher.\n"
ORG = "- id: paris-commune\n  label: Paris Commune\n  description: Revolutionary government.\n"
FACT = (
    "- subject: louise-michel\n  predicate: memberOf\n  object: paris-commune\n"
    "  quote: Louise Michel joined the Commune in 1871\n"
)


@pytest.fixture
def commune(tmp_path, run_cli, monkeypatch) -> Path:
    """A project made with `revkg init`, an essay, two entities and a fact, built."""
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    folder = tmp_path / "commune"
    result = run_cli("init", str(folder), "--title", "The Paris Commune")
    assert result.exit_code == 0, result.stderr
    assert all(f"revkg {name}" in result.stdout for name in ("build", "check", "query"))
    (folder / "seeds" / "paris-commune.txt").write_text(ESSAY, encoding="utf-8")
    (folder / "graph" / "curated" / "people.yaml").write_text(PERSON, encoding="utf-8")
    (folder / "graph" / "curated" / "organizations.yaml").write_text(ORG, encoding="utf-8")
    statements = folder / "graph" / "curated" / "statements" / "paris-commune.yaml"
    statements.write_text(FACT, encoding="utf-8")
    result = run_cli("--project", str(folder), "build")
    assert result.exit_code == 0, result.stderr
    return folder


def test_init_builds_and_answers_a_saved_question(commune, run_cli):
    listed = run_cli("--project", str(commune), "query", "--list")
    assert "memberships" in listed.stdout
    answer = run_cli("--project", str(commune), "query", "--name", "memberships", "--format", "csv")
    assert answer.exit_code == 0, answer.stderr
    assert "Louise Michel,Paris Commune,,,Louise Michel joined the Commune in 1871" in answer.stdout


def test_the_title_shows_on_the_pages(commune):
    project = open_project(commune)
    assert "<title>The Paris Commune: the network</title>" in project.html.read_text("utf-8")
    store = RdflibStore(read_dataset(project.trig))
    saved = q.saved_queries(project.queries_dir)
    endpoint = Endpoint(Direct(store), saved=saved, title=project.config.query_page_title)
    page = Client(guarded(endpoint, host="127.0.0.1")).get("/", headers={"Host": "127.0.0.1"})
    assert "<title>Ask The Paris Commune</title>" in page.get_data(as_text=True)
    assert 'dcterms:title "The Paris Commune"' in project.void.read_text("utf-8")


def test_instances_sit_under_the_projects_base_iri(commune):
    graph = read_graph(open_project(commune).turtle)
    person = URIRef("https://example.org/the-paris-commune/person/louise-michel")
    assert (person, RDF.type, RK.Person) in graph


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, run_cli):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 1
    assert "is not empty" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_starter_questions_are_revkgs_own():
    starter = REPO / "src" / "revkg" / "starter" / "queries"
    for query in sorted(starter.glob("*.rq")):
        own = REPO / "graph" / "queries" / query.name
        assert query.read_text("utf-8") == own.read_text("utf-8"), query.name
