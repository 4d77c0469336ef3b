"""Shared fixtures: the repository, a fresh copy of the project built in a temp folder,
and a helper that runs the command line in-process."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from revkg.build import build
from revkg.project import Project

from .browser_fixtures import browser  # noqa: F401  (one Chromium for every browser test)

REPO = Path(__file__).resolve().parent.parent
OUTPUTS = ("revkg.ttl", "revkg.trig", "ontology.ttl", "shapes.ttl", "revkg.html", "void.ttl")


def copy_project(dest: Path) -> Project:
    """A copy of the project's inputs (seeds/ and graph/ without built outputs)."""
    shutil.copytree(REPO / "seeds", dest / "seeds")
    shutil.copy(REPO / "revkg.toml", dest / "revkg.toml")
    shutil.copytree(
        REPO / "graph", dest / "graph", ignore=shutil.ignore_patterns(*OUTPUTS, ".*.tmp")
    )
    return Project(dest)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A fresh build of the project's own seeds and curated data, made once per session."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    build(project)
    return project


@pytest.fixture
def built_copy(built_project: Project, tmp_path: Path) -> Project:
    """A copy of the built project, inputs and graph, that a test may change."""
    shutil.copytree(built_project.root, tmp_path / "built")
    return Project(tmp_path / "built")


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """An unbuilt copy of the project that a test may change."""
    return copy_project(tmp_path)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``revkg ARGS`` in-process, returning exit code, stdout and stderr."""
    from revkg.cli import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["revkg", *args])
        code = 0
        try:
            main()
        except SystemExit as e:
            code = int(e.code or 0) if not isinstance(e.code, str) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
