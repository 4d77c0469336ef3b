import os
from pathlib import Path

import pytest

from revkg.build import build
from revkg.errors import ValidationFailed
from revkg.project import Project

from .conftest import REPO, copy_project
from .rdf_compare import assert_same_rdf_file, assert_unchanged, snapshot

BUILT = ("revkg.ttl", "revkg.trig", "ontology.ttl", "shapes.ttl")


def test_committed_graph_matches_a_fresh_build(built_project: Project):
    """Serialization is deterministic, so the committed files are exactly a fresh build's;
    a failure shows the triples that differ, or else the lines."""
    for name in BUILT:
        assert_same_rdf_file(
            REPO / "graph" / name,
            built_project.graph_dir / name,
            byte_identical=True,
            hint=f"; graph/{name} is out of date: run `make` and commit it",
        )


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_project: Project, tmp_path: Path):
    again = copy_project(tmp_path)
    build(again)
    assert_same_rdf_file(built_project.turtle, again.turtle, byte_identical=True)
    assert_same_rdf_file(built_project.trig, again.trig, byte_identical=True)


def break_a_quote(project: Project) -> None:
    path = project.curated_dir / "statements" / "gavril-myasnikov.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "- subject: gavril-myasnikov\n  predicate: bornIn\n  object: urals\n"
        "  quote: Myasnikov was born on the Moon\n",
        encoding="utf-8",
    )


@pytest.mark.slow
def test_a_failed_build_writes_nothing_and_keeps_the_previous_graph(built_copy: Project):
    before = snapshot(built_copy.graph_dir, "*.t*")
    break_a_quote(built_copy)
    with pytest.raises(ValidationFailed) as err:
        build(built_copy)
    assert any(
        "quote not found" in line and "gavril-myasnikov.yaml:" in line
        for line in err.value.report.lines()
    )
    assert_unchanged(before, built_copy.graph_dir, "*.t*")
    assert not list(built_copy.graph_dir.glob(".*.tmp"))


@pytest.mark.slow
def test_an_interrupted_write_leaves_the_previous_graph(
    built_copy: Project, monkeypatch: pytest.MonkeyPatch
):
    before = snapshot(built_copy.graph_dir, "revkg.ttl")
    calls = []

    def crash_after_first(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) > 1:
            raise KeyboardInterrupt
        os.rename(src, dst)

    monkeypatch.setattr(os, "replace", crash_after_first)
    with (built_copy.curated_dir / "statements" / "gavril-myasnikov.yaml").open("a") as f:
        f.write(
            "- subject: gavril-myasnikov\n  predicate: bornIn\n  object: urals\n"
            "  quote: Myasnikov was born in the Urals\n"
        )
    with pytest.raises(KeyboardInterrupt):
        build(built_copy)
    assert_unchanged(before, built_copy.graph_dir, "revkg.ttl")
    assert not list(built_copy.graph_dir.glob(".*.tmp"))


@pytest.mark.slow
def test_builds_in_fresh_processes_are_byte_identical(tmp_path: Path):
    """Python randomises string hashing per process; output must not depend on it."""
    import subprocess
    import sys

    projects = []
    for seed in ("1", "2"):
        project = copy_project(tmp_path / seed)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "revkg", "--quiet", "--project", str(project.root), "build"],
            check=True,
            env=env,
        )
        projects.append(project)
    first, second = projects
    assert_same_rdf_file(first.turtle, second.turtle, byte_identical=True)
    assert_same_rdf_file(first.trig, second.trig, byte_identical=True)


@pytest.mark.slow
def test_a_shacl_violation_found_alongside_the_writing_stops_the_build(
    built_copy: Project, monkeypatch: pytest.MonkeyPatch
):
    from revkg.graph import validate

    before = snapshot(built_copy.graph_dir, "*.*")
    strict = validate.shapes_turtle() + (
        "\nshape:NoNicknames a sh:NodeShape ; sh:targetClass rk:Person ;\n"
        '  sh:property [ sh:path skos:altLabel ; sh:maxCount 0 ; sh:message "no aliases" ] .\n'
    )
    monkeypatch.setattr(
        validate,
        "shapes_turtle",
        lambda: strict.replace(
            "@prefix oa:", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix oa:"
        ),
    )
    with pytest.raises(ValidationFailed) as err:
        build(built_copy)
    lines = err.value.report.lines()
    assert any("SHACL: no aliases" in line and "people.yaml:" in line for line in lines)
    assert_unchanged(before, built_copy.graph_dir, "*.*")
    assert not list(built_copy.graph_dir.glob(".*.tmp"))
