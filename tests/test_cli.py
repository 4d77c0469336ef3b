import subprocess
import sys

import pytest

from revkg.project import Project

from .rdf_compare import assert_unchanged, snapshot

COMMANDS = ["build", "validate", "format", "stats", "show", "search"]


def test_show_reads_like_a_sourced_biography(run_cli, built_project: Project):
    result = run_cli("--project", str(built_project.root), "show", "miasnikov")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Gavril Myasnikov (person)")
    assert "born in Urals" in out
    born = "“Myasnikov was born in the Urals in 1889 and found employment as a metal worker.”"
    assert born in out
    assert "Gavril Myasnikov: hero of the working class [curated; extracted by rule" in out


def test_show_an_unknown_name_suggests_near_matches(run_cli, built_project: Project):
    result = run_cli("--project", str(built_project.root), "show", "Myasnikow")
    assert result.exit_code == 1
    assert "no entity is called 'Myasnikow'" in result.stderr
    assert "Did you mean" in result.stderr and "Myasnikov" in result.stderr


@pytest.mark.slow
def test_validate_clean_project(run_cli, built_project: Project):
    result = run_cli("--project", str(built_project.root), "validate")
    assert result.exit_code == 0
    assert "No problems found" in result.stderr or "No errors found" in result.stderr


def test_validate_reports_file_line_and_entity_and_fails(run_cli, project_copy: Project):
    people = project_copy.curated_dir / "people.yaml"
    people.write_text(
        people.read_text() + "- id: stray\n  label: Stray\n  description: x\n"
        "  birthplace: nowhere\n",
        encoding="utf-8",
    )
    result = run_cli("--project", str(project_copy.root), "validate")
    assert result.exit_code == 1
    assert "[ERROR] graph/curated/people.yaml:" in result.stderr
    assert "person 'stray': unknown field 'birthplace'" in result.stderr


def test_build_with_a_broken_yaml_file_fails_with_the_line(run_cli, project_copy: Project):
    (project_copy.curated_dir / "places.yaml").write_text("- id: x\n  label: [\n")
    result = run_cli("--project", str(project_copy.root), "build")
    assert result.exit_code == 1
    assert "graph/curated/places.yaml:" in result.stderr and "not valid YAML" in result.stderr
    assert not project_copy.turtle.exists()


@pytest.mark.slow
def test_build_writes_the_graph_and_stats_counts_it(run_cli, project_copy: Project):
    result = run_cli("--project", str(project_copy.root), "build")
    assert result.exit_code == 0, result.stderr
    assert "wrote graph/revkg.ttl" in result.stderr
    stats = run_cli("--project", str(project_copy.root), "stats")
    assert "Person" in stats.stdout and "curated" in stats.stdout
    quiet = run_cli("--project", str(project_copy.root), "--quiet", "build")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_commands_need_the_built_graph_and_say_how_to_get_it(run_cli, project_copy: Project):
    result = run_cli("--project", str(project_copy.root), "show", "Lenin")
    assert result.exit_code == 1
    assert "run `make` (or `revkg build`) first" in result.stderr


def test_format_check_reports_files_out_of_form(run_cli, project_copy: Project):
    places = project_copy.curated_dir / "places.yaml"
    places.write_text(places.read_text() + "- id: aaa-first\n  description: d\n  label: A\n")
    result = run_cli("--project", str(project_copy.root), "format", "--check")
    assert result.exit_code == 1 and "would reformat graph/curated/places.yaml" in result.stderr
    assert run_cli("--project", str(project_copy.root), "format").exit_code == 0
    assert places.read_text().startswith("- id: aaa-first\n  label: A\n")


def test_outside_a_project_the_error_says_where_to_run(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REVKG_HOME", raising=False)
    result = run_cli("stats")
    assert result.exit_code == 1 and "no revkg project found" in result.stderr


def test_project_option_wins_over_revkg_home(tmp_path, monkeypatch):
    from revkg.project import find_project

    from .conftest import copy_project

    home, chosen = copy_project(tmp_path / "home"), copy_project(tmp_path / "chosen")
    monkeypatch.setenv("REVKG_HOME", str(home.root))
    assert find_project().root == home.root
    assert find_project(chosen.root).root == chosen.root.resolve()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run_cli, command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Example: revkg" in result.stdout


@pytest.mark.slow
def test_python_dash_m_runs_the_command_line():
    proc = subprocess.run(
        [sys.executable, "-m", "revkg", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "revkg" in proc.stdout


def test_format_can_be_limited_to_some_files(run_cli, project_copy: Project):
    places = project_copy.curated_dir / "places.yaml"
    people = project_copy.curated_dir / "people.yaml"
    for path in (places, people):
        path.write_text(path.read_text() + "- id: aaa-first\n  description: d\n  label: A\n")
    result = run_cli("--project", str(project_copy.root), "format", str(places))
    assert result.exit_code == 0
    assert places.read_text().startswith("- id: aaa-first\n")
    assert people.read_text().endswith("- id: aaa-first\n  description: d\n  label: A\n")


@pytest.mark.slow
def test_an_unreadable_seed_stops_the_build_and_keeps_the_graph(run_cli, project_copy: Project):
    assert run_cli("--project", str(project_copy.root), "--quiet", "build").exit_code == 0
    before = snapshot(project_copy.graph_dir, "revkg.ttl")
    (project_copy.seeds_dir / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    result = run_cli("--project", str(project_copy.root), "build")
    assert result.exit_code == 1
    assert (
        "scan.txt:1: not UTF-8 text" in result.stderr and "save the file as UTF-8" in result.stderr
    )
    assert_unchanged(before, project_copy.graph_dir, "revkg.ttl")
