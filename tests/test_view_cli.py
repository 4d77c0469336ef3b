"""The commands view, path and export, run on a small built graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkg.project import Project

from .browser_fixtures import small_graph


@pytest.fixture
def proj(tmp_path: Path) -> Project:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "graph" / "curated").mkdir(parents=True)
    small_graph().serialize(tmp_path / "graph" / "revkg.ttl", format="turtle")
    return Project(tmp_path)


def test_view_writes_the_page(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "view")
    assert result.exit_code == 0, result.stderr
    assert "wrote graph/revkg.html" in result.stderr
    assert proj.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_view_with_focus_filters_and_path(run_cli, proj: Project) -> None:
    out = proj.root / "out.html"
    args = ["--project", str(proj.root), "view", "--focus", "Lenin", "--hops", "1"]
    assert run_cli(*args, "--types", "person,organization", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '"label":"Vladimir Lenin"' in page and '"label":"Urals"' not in page
    assert (
        run_cli(
            "--project",
            str(proj.root),
            "view",
            "--path",
            "Urals",
            "Lenin",
            "--layer",
            "curated",
            "--since",
            "1900",
            "-o",
            str(out),
        ).exit_code
        == 0
    )
    assert '"label":"Bolsheviks"' not in out.read_text(encoding="utf-8")


def test_view_unknown_name_suggests(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "view", "--focus", "Lenine")
    assert result.exit_code == 1
    assert "Did you mean" in result.stderr


def test_path_prints_chains_with_quotes(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "path", "Urals", "Lenin")
    assert result.exit_code == 0, result.stderr
    assert "Urals — Gavril Myasnikov — Vladimir Lenin" in result.stdout
    assert "Gavril Myasnikov born in Urals" in result.stdout
    assert "“Lenin wrote to Myasnikov”" in result.stdout


def test_path_without_a_chain_fails(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "path", "Kronstadt", "Lenin")
    assert result.exit_code == 1
    assert "No chain of relations" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("graphml", ["revkg.graphml"]),
        ("gexf", ["revkg.gexf"]),
        ("cytoscape", ["revkg.cyjs"]),
        ("csv", ["revkg-edges.csv", "revkg-nodes.csv"]),
    ],
)
def test_export(run_cli, proj: Project, fmt: str, expected: list[str]) -> None:
    result = run_cli("--project", str(proj.root), "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (proj.graph_dir / "export").iterdir()) == expected
