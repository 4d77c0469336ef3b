"""revkg.toml: the project's settings, read once, each bad setting named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkg.errors import ConfigError
from revkg.project import Config, Project, open_project
from revkg.vocab import BASE_IRI

REPO = Path(__file__).resolve().parent.parent


def test_the_checkout_has_its_own_config_with_the_current_titles():
    config = Project(REPO).config
    assert config.network_page_title == "revkg: the Russian Revolution as a network"
    assert config.query_page_title == "Ask the revkg graph"
    assert config.base_iri == BASE_IRI


def test_without_a_config_file_the_defaults_apply(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "graph" / "curated").mkdir(parents=True)
    assert open_project(tmp_path).config == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "a"\nlicense = "MIT"\n', "revkg.toml:2: unknown setting 'license'"),
        ('title = "a"\nauthors = "Ada"\n', "revkg.toml:2: authors must be a list"),
        ('base_iri = "ftp://x/"\n', "revkg.toml:1: base IRI 'ftp://x/' must be an http(s)"),
        ('base_iri = "https://x.org/a"\n', "must be an http(s) IRI ending in / or #"),
        ('licence = "not a licence"\n', "revkg.toml:1: licence 'not a licence' is not an SPDX"),
        ("title = \n", "revkg.toml: not valid TOML"),
        ("title = 3\n", "revkg.toml:1: title must be text"),
        (
            'base_iri = "https://w3id.org/revkg/vocab#x/"\n',
            "would put instances in revkg's vocabulary",
        ),
    ],
)
def test_a_bad_setting_is_one_located_line(tmp_path, text, message):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "graph" / "curated").mkdir(parents=True)
    (tmp_path / "revkg.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        open_project(tmp_path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_environment_overrides_the_base_iri(tmp_path, monkeypatch):
    project = Project(tmp_path)
    monkeypatch.setenv("REVKG_BASE_IRI", "https://example.org/kg/")
    assert project.base_iri == "https://example.org/kg/"
    monkeypatch.setenv("REVKG_BASE_IRI", "example")
    with pytest.raises(ConfigError, match="REVKG_BASE_IRI: base IRI 'example'"):
        _ = project.base_iri


def test_another_base_iri_moves_the_instances_and_never_the_vocabulary(project_copy, monkeypatch):
    from rdflib import RDF, URIRef

    from revkg.build import build
    from revkg.graph.load import read_graph
    from revkg.sparql.store import open_store
    from revkg.vocab import RK, VOCAB_IRI

    monkeypatch.setenv("REVKG_BASE_IRI", "https://example.org/kg/")
    build(project_copy)
    graph = read_graph(project_copy.turtle)
    person = URIRef("https://example.org/kg/person/gavril-myasnikov")
    assert (person, RDF.type, RK.Person) in graph
    assert str(RK.Person).startswith(VOCAB_IRI) and VOCAB_IRI == "https://w3id.org/revkg/vocab#"
    vocabulary = VOCAB_IRI.rstrip("#")
    left = {str(s) for s in graph.subjects() if str(s).startswith(BASE_IRI)}
    assert {s for s in left if not s.startswith(vocabulary)} == set()
    for engine in ("rdflib", "oxigraph"):
        store = open_store(project_copy.trig, engine=engine)
        answer = store.run("SELECT ?l WHERE { person:gavril-myasnikov rdfs:label ?l }")
        assert [str(row[0]) for row in answer.rows] == ["Gavril Myasnikov"], engine
