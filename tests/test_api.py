"""revkg.load() and its thin object: queries as DataFrames, entities, facts, projections."""

from __future__ import annotations

import pandas as pd
import pytest

import revkg
from revkg.api import KnowledgeGraph, load
from revkg.project import Project


@pytest.fixture(scope="module")
def kg(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root)


def test_the_public_api_is_exported():
    assert {"load", "__version__", "KnowledgeGraph", "QueryError"} <= set(revkg.__all__)
    for name in revkg.__all__:
        assert hasattr(revkg, name), name


def test_load_finds_the_project_from_the_working_directory(built_project: Project, monkeypatch):
    monkeypatch.chdir(built_project.graph_dir)
    kg = revkg.load()
    assert kg.queries_dir == built_project.queries_dir
    assert len(kg.store) == len(kg.dataset) > 0


def test_load_takes_a_file_or_the_graph_folder(built_project: Project):
    assert len(load(built_project.trig).store) == len(load(built_project.graph_dir).store)
    assert len(load(built_project.turtle, store="oxigraph").store) > 0


def test_a_saved_question_gives_a_dataframe_with_labels(kg: KnowledgeGraph):
    df = kg.query("brest-litovsk-opponents")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["opponent", "kind", "quote", "essay"]
    assert "Gavril Myasnikov" in set(df["opponent"])
    assert not df["opponent"].str.startswith("http").any()


def test_parameters_are_keywords(kg: KnowledgeGraph):
    df = kg.query("events-in-year", year=1922)
    assert set(df["when"]) == {"1922"}
    lenin = kg.query("myasnikov-timeline", person="Lenin")
    assert (lenin["subject"] == "Vladimir Lenin").any()


def test_sparql_text_with_numbers_as_numbers(kg: KnowledgeGraph):
    df = kg.query("SELECT (COUNT(?p) AS ?people) WHERE { ?p a rk:Person }")
    assert df["people"].iloc[0] > 10


def test_entity_by_alias(kg: KnowledgeGraph):
    entity = kg.entity("Miasnikov")
    assert entity.label == "Gavril Myasnikov" and entity.type == "Person"
    with pytest.raises(revkg.EntityNotFound, match="Did you mean"):
        kg.entity("Myasnikof")


def test_facts_come_with_their_evidence(kg: KnowledgeGraph):
    df = kg.facts("Myasnikov")
    rows = df[(df["predicate"] == "member of") & (df["object"] == "Bolsheviks")]
    row = rows[rows["method"] == "curated"].iloc[0]
    assert row["when"].startswith("1906")
    assert "joined the party in 1906" in row["quote"]
    assert row["essay"] == "Gavril Myasnikov: hero of the working class"
    assert row["start"] < row["end"]


def test_to_networkx_projects_the_graph(kg: KnowledgeGraph):
    import networkx as nx

    graph = kg.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() > 10 and graph.number_of_edges() > 10


def test_view_calls_the_inline_view(kg: KnowledgeGraph, monkeypatch):
    import types

    seen = {}
    fake = types.ModuleType("revkg.network.page")
    fake.inline_view = lambda graph, **kw: seen.update(kw) or "picture"  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "revkg.network.page", fake)
    assert kg.view(focus="Myasnikov", hops=1) == "picture"
    assert seen == {"focus": "Myasnikov", "hops": 1}
