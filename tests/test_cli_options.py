"""Options of the ``revkg`` command itself: --version and shell completion."""

from importlib.metadata import version

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
