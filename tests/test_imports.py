"""Each command imports only the libraries it needs (start-up time is most of a command)."""

import json
import os
import subprocess
import sys

import pytest

from revkg.project import Project

pytestmark = pytest.mark.slow

HEAVY = ("spacy", "pyvis", "pyshacl", "networkx", "pyoxigraph")
PROBE = """
import json, sys
from revkg.cli import main
sys.argv = ["revkg", "-q", "--project", sys.argv[1], *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy} if m in sys.modules)), file=sys.stderr)
"""


def loaded_by(project: Project, *args: str, env: dict[str, str] | None = None) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), str(project.root), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(proc.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("query", "--name", "brest-litovsk-opponents"), ["pyoxigraph"]),
        (("query", "--list"), []),
        (("show", "myasnikov"), []),
        (("search", "free speech"), []),
        (("stats",), []),
        (("--version",), []),
        (("export", "--format", "nquads", "--output", "{tmp}/revkg.nq"), ["pyoxigraph"]),
        (
            ("export", "--format", "graphml", "--output", "{tmp}/revkg.graphml"),
            ["networkx"],
        ),
    ],
)
def test_a_command_imports_only_what_it_needs(built_project, tmp_path, args, expected):
    args = tuple(a.format(tmp=tmp_path) for a in args)
    assert loaded_by(built_project, *args) == expected


def test_shell_completion_imports_nothing_heavy(built_project):
    # what runs each time the shell asks for completions (Tab after `revkg export --`)
    words = {"COMP_WORDS": "revkg export --", "COMP_CWORD": "2"}
    assert loaded_by(built_project, env={"_REVKG_COMPLETE": "complete_bash", **words}) == []


def test_build_leaves_spacy_to_the_extraction_process_where_it_can_fork(project_copy):
    loaded = loaded_by(project_copy, "build")
    # asked in a fresh process like the build's: this one may run other tests' threads
    probe = "from revkg import background; print(background.can_fork())"
    forks = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert ("spacy" in loaded) == (forks.stdout.strip() != "True")
    assert project_copy.turtle.exists()
