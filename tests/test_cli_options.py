"""Options of the ``revkg`` command itself: --version and shell completion."""

import os
import shlex
import subprocess
import sys
from importlib.metadata import version

import pytest

import revkg


def test_version_comes_from_the_package_metadata():
    assert revkg.__version__ == version("revkg")


def test_version_option_prints_the_version_and_exits_0(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"revkg {version('revkg')}\n"
    assert result.stderr == ""


def test_version_needs_no_project(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("revkg ")


def test_show_completion_prints_a_bash_script(run_cli, monkeypatch):
    # typer detects the shell from the parent processes; this variable makes
    # --show-completion take the shell's name instead
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run_cli("--show-completion", "bash")
    assert result.exit_code == 0, result.stderr
    assert "complete -o default -F _revkg_completion revkg" in result.stdout
    assert "_REVKG_COMPLETE=complete_bash" in result.stdout


def test_completion_offers_commands_and_choices(run_cli, monkeypatch):
    monkeypatch.setenv("_REVKG_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "revkg sh")
    monkeypatch.setenv("COMP_CWORD", "1")
    assert run_cli().stdout.split() == ["show"]
    monkeypatch.setenv("COMP_WORDS", "revkg extract --format ")
    monkeypatch.setenv("COMP_CWORD", "3")
    assert run_cli().stdout.split() == ["jsonl", "tsv"]


@pytest.mark.slow
def test_show_completion_finds_the_shell_it_runs_in(tmp_path):
    command = f"{shlex.quote(sys.executable)} -m revkg --show-completion; true"
    proc = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert "complete -o default -F" in proc.stdout, proc.stderr


@pytest.mark.slow
def test_install_completion_writes_the_script_and_sources_it(tmp_path):
    command = f"{shlex.quote(sys.executable)} -m revkg --install-completion; true"
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, check=True, env=env
    )
    assert "bash completion installed" in proc.stdout, proc.stderr
    script = tmp_path / ".bash_completions" / "revkg.sh"
    assert "_REVKG_COMPLETE=complete_bash" in script.read_text()
    assert str(script.relative_to(tmp_path)) in (tmp_path / ".bashrc").read_text()
