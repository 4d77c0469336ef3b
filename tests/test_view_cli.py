"""The commands view, path and export, run on a small built graph."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from revkg.project import Project

from .browser_fixtures import small_graph

pytestmark = pytest.mark.slow  # writes pages / property runs over the rules


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


def test_a_year_range_leaves_the_undated_out_unless_kept(run_cli, proj: Project) -> None:
    out = proj.root / "out.html"
    args = ["--project", str(proj.root), "view", "--since", "1800", "-o", str(out)]
    assert run_cli(*args).exit_code == 0
    assert '"label":"Urals"' not in out.read_text(encoding="utf-8")  # Urals has no date
    assert run_cli(*args, "--keep-undated").exit_code == 0
    assert '"label":"Urals"' in out.read_text(encoding="utf-8")
    alone = run_cli("--project", str(proj.root), "view", "--keep-undated", "-o", str(out))
    assert alone.exit_code == 2 and "--since or --until" in alone.stderr


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
        ("jsonld", ["revkg.jsonld"]),
    ],
)
def test_export(run_cli, proj: Project, fmt: str, expected: list[str]) -> None:
    result = run_cli("--project", str(proj.root), "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (proj.graph_dir / "export").iterdir()) == expected


def test_export_jsonld_parses_back_with_every_triple(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "export", "--format", "jsonld")
    assert result.exit_code == 0, result.stderr
    path = proj.graph_dir / "export" / "revkg.jsonld"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["person"] == "https://w3id.org/revkg/person/"
    assert any(node["@id"] == "person:gavril-myasnikov" for node in document["@graph"])
    back = Graph().parse(path, format="json-ld")
    assert isomorphic(back, Graph().parse(proj.turtle, format="turtle"))
    assert f"({len(back)} triples)" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "jsonld", "turtle", "nquads"])
@pytest.mark.parametrize("flag", ["-o", "--output"])
def test_export_to_standard_output(
    run_cli, proj: Project, fmt: str, flag: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fmt in ("turtle", "nquads"):  # the RDF formats stream graph/revkg.trig
        _trig(proj)
    monkeypatch.chdir(tmp_path)
    result = run_cli("--project", str(proj.root), "export", "--format", fmt, flag, "-")
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "-").exists() and not (proj.graph_dir / "export").exists()
    if fmt == "graphml":
        assert nx.parse_graphml(result.stdout).number_of_nodes() == 8
    elif fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(result.stdout.encode())).number_of_nodes() == 8
    elif fmt == "cytoscape":
        assert len(json.loads(result.stdout)["elements"]["nodes"]) == 8
    else:
        rdf_format = {"jsonld": "json-ld", "turtle": "turtle", "nquads": "nquads"}[fmt]
        union = Graph().parse(proj.turtle, format="turtle")
        if fmt == "nquads":
            back = Dataset().parse(data=result.stdout, format=rdf_format)
            assert len({q[:3] for q in back.quads((None, None, None, None))}) == len(union)
        else:
            assert len(Graph().parse(data=result.stdout, format=rdf_format)) == len(union)


def _trig(proj: Project) -> None:
    from revkg.graph.load import read_dataset

    read_dataset(proj.turtle).serialize(proj.trig, format="trig")


def test_export_csv_with_a_byte_order_mark(run_cli, proj: Project) -> None:
    result = run_cli("--project", str(proj.root), "export", "--format", "csv", "--bom")
    assert result.exit_code == 0, result.stderr
    nodes = (proj.graph_dir / "export" / "revkg-nodes.csv").read_bytes()
    assert nodes.startswith("\ufeffId,Label,".encode())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "-o", "-"], "CSV is two files"),
        (["--format", "gexf", "--bom"], "only --format csv"),
    ],
)
def test_export_refuses_options_that_do_not_fit(
    run_cli, proj: Project, args: list[str], message: str
) -> None:
    result = run_cli("--project", str(proj.root), "export", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())  # rich's box


def _revkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "revkg", *args]


@pytest.mark.slow
def test_exports_in_fresh_processes_are_byte_identical(built_project: Project) -> None:
    """Python randomises string hashing per process; no export may depend on it."""
    for fmt in ("jsonld", "gexf", "cytoscape"):
        texts = [
            subprocess.run(
                _revkg("--project", str(built_project.root), "export", "-f", fmt, "-o", "-"),
                capture_output=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
            ).stdout
            for seed in ("1", "2")
        ]
        assert texts[0] == texts[1] and texts[0], fmt


@pytest.mark.slow
def test_a_reader_that_stops_early_ends_the_export_quietly(built_project: Project) -> None:
    args = _revkg("--project", str(built_project.root), "export", "-f", "nquads", "-o", "-")
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith(b"<https://w3id.org/revkg/")
        proc.stdout.close()  # as `| head -1` does
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "Error" not in stderr
