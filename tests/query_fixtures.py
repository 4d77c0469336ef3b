"""Shared pieces for the SPARQL tests: stores over the built graph, and the expected
answers kept in graph/queries/ (every ``*.expected.yaml`` there).

The format of the expected answers and their matcher are the library's
(:mod:`revkg.sparql.expect`, :mod:`revkg.sparql.verdict`), which ``revkg check`` runs too.
"""

from __future__ import annotations

import pytest

from revkg.api import KnowledgeGraph, load
from revkg.project import Project
from revkg.sparql import query as q
from revkg.sparql.expect import Case, project_cases

from .conftest import REPO

QUERIES = REPO / "graph" / "queries"


def cases() -> list[Case]:
    return project_cases(QUERIES, shown_root=REPO)


@pytest.fixture(scope="session")
def kg_rdflib(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root, store="rdflib")


@pytest.fixture(scope="session")
def kg_oxigraph(built_project: Project) -> KnowledgeGraph:
    return load(built_project.root, store="oxigraph")


def saved_names() -> list[str]:
    return [p.stem for p in sorted(QUERIES.glob("*.rq"))]


def parse_all() -> list[q.SavedQuery]:
    return q.saved_queries(QUERIES)
