"""The README stays honest: its commands exist and its SPARQL examples answer."""

import re

import pytest
from rdflib import Graph

from revkg.cli import app
from revkg.project import Project

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_documented(name):
    assert f"revkg {name}" in README, f"add `revkg {name}` to the README's command table"


def test_the_readme_has_sparql_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_readme_sparql_examples_answer_on_the_built_graph(query, built_project: Project):
    graph = Graph().parse(built_project.turtle, format="turtle")
    rows = list(graph.query(query))
    assert rows, "the README example returned no rows"


def test_the_quick_start_is_make_then_make_test():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make        #" in quick and "make test   #" in quick
