"""Progress on long commands: drawn on a terminal's stderr, never into files or pipes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from revkg.cli._common import console
from revkg.project import Project

TEXT = "Gavril Myasnikov was born in the Urals in 1889. He joined the Bolsheviks in 1906.\n"


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def texts(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "first-text.txt", tmp_path / "second-text.txt"]
    for path in paths:
        path.write_text(TEXT, encoding="utf-8")
    return [str(p) for p in paths]


def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """Make stderr a terminal; called in the test itself, as capsys replaces sys.stderr
    only once the fixtures are set up. The console decided whether it may move the
    cursor when it was made, on pytest's stderr: it is told again."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(console, "is_interactive", True)
    return stderr


def test_extract_draws_no_progress_when_stderr_is_not_a_terminal(
    run_cli, built_project: Project, texts: list[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FORCE_COLOR", "1")  # colour forced is still not a terminal
    result = run_cli("--project", str(built_project.root), "extract", *texts)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["evidence"]["doc"] for r in records if r["kind"] == "triple"} == {
        "first-text",
        "second-text",
    }


def test_extract_shows_a_progress_bar_over_its_files_on_a_terminal(
    run_cli, built_project: Project, texts: list[str], monkeypatch: pytest.MonkeyPatch
):
    stderr = terminal(monkeypatch)
    result = run_cli("--project", str(built_project.root), "extract", *texts)
    assert result.exit_code == 0
    drawn = stderr.getvalue()
    assert "Extracting" in drawn and "2/2" in drawn and "second-text.txt" in drawn
    assert "\x1b[" in drawn  # drawn in place, and erased when done
    assert result.stdout.count('"kind": "triple"') >= 2  # results still on stdout alone


def test_quiet_draws_no_progress_even_on_a_terminal(
    run_cli, built_project: Project, texts: list[str], monkeypatch: pytest.MonkeyPatch
):
    stderr = terminal(monkeypatch)
    result = run_cli("-q", "--project", str(built_project.root), "extract", *texts)
    assert result.exit_code == 0
    assert stderr.getvalue() == ""


@pytest.mark.slow
def test_build_names_its_stages_on_a_terminal_only(
    run_cli, built_copy: Project, monkeypatch: pytest.MonkeyPatch
):
    quiet = run_cli("--project", str(built_copy.root), "build")
    assert quiet.exit_code == 0 and "building" not in quiet.stderr
    stderr = terminal(monkeypatch)
    result = run_cli("--project", str(built_copy.root), "build")
    assert result.exit_code == 0
    assert "building: RDF assembly" in stderr.getvalue()
