"""`revkg check`: a project's test. Valid data, a graph up to date, expected answers that
hold; one line per failing case, exit status 1 when anything fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from revkg.build import build
from revkg.project import Project, create_project

ESSAY = "My essay\n\nIn 1903 Lenin joined the Bolsheviks and led them from then on.\n"


def from_the_curated_readme(project: Project) -> None:
    """The example entities and fact of graph/curated/README.md, and an essay that
    holds the quote."""
    readme = (project.curated_dir / "README.md").read_text("utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert example is not None
    parts = re.split(r"^# (\S+)\n", example.group(1), flags=re.M)[1:]
    for name, text in zip(parts[::2], parts[1::2], strict=True):
        (project.curated_dir / name).write_text(text.strip() + "\n", encoding="utf-8")
    (project.seeds_dir / "my-essay.txt").write_text(ESSAY, encoding="utf-8")


@pytest.fixture(scope="module")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project made by `revkg init`, holding the curated README's example, built."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("REVKG_BASE_IRI", raising=False)
        project = create_project(tmp_path_factory.mktemp("check") / "example")
        from_the_curated_readme(project)
        build(project)
    return project


@pytest.fixture
def example(built_example: Project, tmp_path: Path, monkeypatch) -> Project:
    """A copy of the built example a test may change."""
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    shutil.copytree(built_example.root, tmp_path / "example")
    return Project(tmp_path / "example")


EXPECTED = "graph/queries/memberships.expected.yaml"


def uncomment_the_example(project: Project) -> None:
    path = project.root / EXPECTED
    lines = path.read_text("utf-8").splitlines()
    start = lines.index(
        "# - match: contains              # or exactly: the answer holds these rows and no others"
    )
    example = [line.removeprefix("# ") for line in lines[start : start + 3]]
    path.write_text("\n".join(example) + "\n", encoding="utf-8")


def test_a_new_project_has_a_commented_example_and_passes(example: Project, run_cli):
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 0, result.stderr
    assert "The curated data is valid and the graph is up to date" in result.stderr
    assert "No expected answers to check" in result.stderr


def test_the_example_passes_once_the_graph_holds_it(example: Project, run_cli):
    uncomment_the_example(example)
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 0, result.stderr
    assert "All expected answers pass (1 case in 1 file)" in result.stderr


def test_a_missing_row_is_one_line_with_the_file_the_case_and_the_row(example: Project, run_cli):
    uncomment_the_example(example)
    path = example.root / EXPECTED
    path.write_text(
        path.read_text("utf-8")
        + "- id: lenin-menshevik\n  rows: [{member: Lenin, organization: Mensheviks}]\n",
        encoding="utf-8",
    )
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 1
    assert (
        f"[ERROR] {EXPECTED}:4 lenin-menshevik: missing {{member: Lenin, organization: Mensheviks}}"
    ) in result.stderr
    assert f"{EXPECTED}:1" not in result.stderr
    assert "1 of the expected answers fail (2 cases in 1 file)" in result.stderr


def test_a_malformed_expected_file_names_the_file_line_and_fix(example: Project, run_cli):
    (example.root / EXPECTED).write_text("- rows: [{member: Lenin}]\n  mach: exactly\n")
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {EXPECTED}:1: unknown key 'mach'; a case may have id, question, essay, "
        "note, query, params, match, rows."
    )


def test_a_project_without_expected_files_passes_and_says_so(example: Project, run_cli):
    (example.root / EXPECTED).unlink()
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 0, result.stderr
    assert "No expected answers to check" in result.stderr


def test_a_graph_older_than_its_inputs_asks_for_a_build(example: Project, run_cli):
    people = example.curated_dir / "people.yaml"
    people.write_text(people.read_text("utf-8").replace("leader of", "a leader of"))
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 1
    assert "graph/revkg.ttl, graph/revkg.trig: missing or out of date" in result.stderr
    assert "run `revkg build` first" in result.stderr


def test_a_graph_never_built_asks_for_a_build(tmp_path: Path, run_cli, monkeypatch):
    monkeypatch.delenv("REVKG_BASE_IRI", raising=False)
    project = create_project(tmp_path / "new")
    result = run_cli("--project", str(project.root), "check")
    assert result.exit_code == 1
    assert "missing or out of date" in result.stderr and "revkg build" in result.stderr


def test_invalid_curated_data_fails_before_the_questions(example: Project, run_cli):
    (example.curated_dir / "people.yaml").write_text("- id: x\n  label: [a]\n")
    result = run_cli("--project", str(example.root), "check")
    assert result.exit_code == 1
    assert "[ERROR] graph/curated/people.yaml:1" in result.stderr
    assert "run `revkg build`, then `revkg check` again" in result.stderr
