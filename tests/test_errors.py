"""Errors drawn once: every exception class lives in revkg.errors and in its tree, and the
command line answers a wrong command line with exit 2 and a bad input with exit 1 and
one line."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import socket
from pathlib import Path

import pytest

import revkg
from revkg import errors
from revkg.project import Project

SRC = Path(revkg.__file__).parent
MODULES = sorted(
    ".".join(("revkg", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
    for p in SRC.rglob("*.py")
    if p.name != "__main__.py"  # running it is what importing it does
)
ERROR_CLASSES = {
    name: cls
    for name, cls in vars(errors).items()
    if inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == errors.__name__
}


def _tree() -> list[tuple[int, str]]:
    """(depth, name) of each class drawn in revkg.errors' docstring."""
    assert errors.__doc__ is not None
    found = []
    for line in errors.__doc__.splitlines():
        if re.match(r"\s*RevkgError\b", line):
            found.append((0, "RevkgError"))
        elif m := re.match(r"(\s*[│ ]*)[├└]── (\w+)", line):
            found.append((len(m.group(1)) // 5, m.group(2)))
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_exception_class_is_defined_in_revkg_errors(module: str) -> None:
    loaded = importlib.import_module(module)
    defined_here = [
        name
        for name, obj in vars(loaded).items()
        if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module
    ]
    assert module == "revkg.errors" or not defined_here, f"move {defined_here} to revkg.errors"


def test_no_exception_class_hides_inside_a_function_or_class() -> None:
    """Classes the import above cannot see: nested ones, judged by their bases' names."""
    nested = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and id(node) not in top:
                bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
                if any(re.search(r"(Error|Exception|Exit|Refused)$", b) for b in bases):
                    nested.append(f"{path.name}: {node.name}")
    assert nested == []


def test_the_docstring_draws_every_class_once_under_its_parent() -> None:
    tree = _tree()
    names = [name for _, name in tree]
    assert sorted(names) == sorted(ERROR_CLASSES), "the tree and the classes differ"
    assert len(names) == len(set(names))
    parents: list[str] = []
    for depth, name in tree:
        parents[depth:] = [name]
        if depth:
            assert parents[depth - 1] in [b.__name__ for b in ERROR_CLASSES[name].__bases__]


@pytest.mark.parametrize("name", sorted(set(ERROR_CLASSES) - {"RevkgError"}))
def test_each_class_says_when_it_is_raised(name: str) -> None:
    cls = ERROR_CLASSES[name]
    assert issubclass(cls, errors.RevkgError)
    assert (cls.__doc__ or "").startswith("Raised"), f"{name}: say when it is raised"


def test_the_public_api_exports_errors_from_revkg_errors() -> None:
    for name in revkg.__all__:
        obj = getattr(revkg, name)
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            assert obj.__module__ == "revkg.errors"


def test_cli_choices_match_the_library() -> None:
    from revkg.cli._common import Engine
    from revkg.cli.view import RDF_EXTENSIONS, ExportFormat
    from revkg.graph.bulk import FORMATS as RDF_FORMATS
    from revkg.network.export import FORMATS as NETWORK_FORMATS
    from revkg.sparql.store import ENGINES

    assert tuple(Engine) == ENGINES
    assert tuple(ExportFormat) == (*NETWORK_FORMATS, "jsonld", *RDF_FORMATS)
    assert set(RDF_EXTENSIONS) == set(RDF_FORMATS)


# The command line ------------------------------------------------------------------------

TXT = "seeds/gavril-myasnikov.txt"
USAGE = [
    ("unknown-command", ["frobnicate"]),
    ("unknown-option", ["stats", "--nope"]),
    ("missing-argument", ["show"]),
    ("show-relation", ["show", "--relation", "likes", "Lenin"]),
    ("show-essay", ["show", "--essay", "kronstadt", "Lenin"]),
    ("search-essay", ["search", "--essay", "kronstadt", "Lenin"]),
    ("search-limit", ["search", "--limit", "0", "Lenin"]),
    ("search-nothing", ["search"]),
    ("query-format", ["query", "--format", "xml", "-n", "criticisms"]),
    ("query-store", ["query", "--store", "nope", "-n", "criticisms"]),
    ("query-nothing-to-ask", ["query"]),
    ("query-text-and-name", ["query", "-n", "criticisms", "ASK {}"]),
    ("query-param-form", ["query", "-n", "events-in-year", "--param", "year"]),
    ("export-format", ["export", "--format", "dot"]),
    ("extract-format", ["extract", "--format", "xml", TXT]),
    ("extract-confidence", ["extract", "--min-confidence", "2", TXT]),
    ("review-action", ["review", "frobnicate"]),
    ("review-without-id", ["review", "accept"]),
    ("review-correct-nothing", ["review", "correct", "3f9c"]),
    ("review-predicate", ["review", "correct", "3f9c", "--predicate", "likes"]),
    ("review-value", ["review", "correct", "3f9c", "--value", "1921-13"]),
    ("review-limit", ["review", "--limit", "-1"]),
    ("evaluate-gold-missing", ["evaluate", "--gold", "no/such/folder"]),
    ("view-layer", ["view", "--layer", "inferred"]),
    ("view-types", ["view", "--types", "person,ship"]),
    ("view-years", ["view", "--since", "1930", "--until", "1920"]),
    ("view-hops", ["view", "--hops", "0"]),
    ("path-limit", ["path", "--limit", "0", "Urals", "Lenin"]),
    ("path-same-entity", ["path", "Myasnikov", "Miasnikov"]),
    ("serve-store", ["serve", "--store", "nope"]),
    ("serve-port", ["serve", "--port", "70000"]),
    ("serve-workers", ["serve", "--workers", "0"]),
    ("serve-timeout", ["serve", "--timeout", "0"]),
    ("serve-max-rows", ["serve", "--max-rows", "0"]),
    ("format-missing-file", ["format", "no-such-file.yaml"]),
    ("format-not-curated", ["format", "seeds/manifest.yaml"]),
]


def _must_not_serve(*args: object, **kwargs: object) -> None:
    raise AssertionError("the server was started")


@pytest.fixture
def in_project(built_project: Project, run_cli, monkeypatch: pytest.MonkeyPatch):
    """Run the command line in the built project, never starting a server."""
    monkeypatch.chdir(built_project.root)
    monkeypatch.setattr("revkg.sparql.serve.make_app", _must_not_serve)
    return lambda *args: run_cli("--project", str(built_project.root), *args)


@pytest.mark.parametrize("args", [a for _, a in USAGE], ids=[i for i, _ in USAGE])
def test_a_wrong_command_line_is_a_usage_error(in_project, args: list[str]) -> None:
    result = in_project(*args)
    assert result.exit_code == 2, result.stderr
    assert "Usage:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def _one_line_error(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("Error: ") for line in lines), stderr
    assert "Traceback" not in stderr


BAD_INPUT = [
    ("unknown-entity", ["show", "Nobody at all"], "no entity is called"),
    ("unknown-saved-query", ["query", "-n", "nope"], "no saved query is called"),
    ("param-not-a-number", ["query", "-n", "events-in-year", "-p", "year=x"], "whole number"),
    ("unknown-param", ["query", "-n", "events-in-year", "-p", "who=x"], "no parameter 'who'"),
    ("update", ["query", "INSERT DATA { <a> <b> <c> }"], "read-only"),
    ("missing-rq-file", ["query", "no-such.rq"], "does not exist"),
    ("view-unknown-focus", ["view", "--focus", "Nobody at all"], "no entity is called"),
    ("path-unknown-entity", ["path", "Nobody at all", "Lenin"], "no entity is called"),
    ("search-stray-quote", ["search", '"free speech'], "unterminated string"),
    ("search-nul", ["search", "free\x00speech"], "control character (U+0000)"),
    ("unreadable-text", ["extract", "no-such.txt"], "could not be read"),
    ("unknown-candidate", ["review", "accept", "zzzz"], "no candidate with id"),
    ("unknown-corrected-id", ["review", "correct", "z", "--object", "gavril-myasnikof"], "mean"),
    ("gold-without-facts", ["evaluate", "--gold", "graph"], "no gold facts"),
    ("output-under-a-file", ["export", "-o", "seeds/manifest.yaml/x.gexf"], "is a file"),
    ("output-is-a-folder", ["export", "-f", "nquads", "-o", "seeds"], "Is a directory"),
]


@pytest.mark.parametrize(
    ("args", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_a_bad_input_is_one_line_and_exit_1(in_project, args: list[str], message: str) -> None:
    result = in_project(*args)
    assert result.exit_code == 1, result.stderr
    _one_line_error(result.stderr)
    assert message in result.stderr


BROKEN = [
    ("corrupt-trig", "graph/revkg.trig", b"garbage <\n", ["stats"], "cannot be read as RDF"),
    ("corrupt-ttl", "graph/revkg.ttl", b"garbage <\n", ["show", "Lenin"], "line "),
    ("rq-not-utf8", "graph/queries/x.rq", b"# title: \xe9\n", ["query", "-l"], "not UTF-8"),
    ("review-bad-date", "graph/review.yaml", b"  x:\n    decision: correct\n    value: 1921-13\n",
     ["review"], "month 13"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "tail", "args", "message"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_a_broken_file_is_one_line_naming_it(
    run_cli, built_copy: Project, file: str, tail: bytes, args: list[str], message: str
) -> None:
    path = built_copy.root / file
    path.write_bytes((path.read_bytes() if path.exists() else b"") + tail)
    result = run_cli("--project", str(built_copy.root), *args)
    assert result.exit_code == 1, result.stderr
    _one_line_error(result.stderr)
    assert path.name in result.stderr and message in result.stderr


def test_the_project_option_must_lead_to_a_project(run_cli, tmp_path: Path) -> None:
    result = run_cli("--project", str(tmp_path), "stats")
    assert result.exit_code == 1
    _one_line_error(result.stderr)


# The library -----------------------------------------------------------------------------


def test_a_date_error_is_also_a_value_error() -> None:
    from revkg.model import Date

    with pytest.raises(errors.InvalidDate, match="not a date") as info:
        Date.parse("March 1921")
    assert isinstance(info.value, ValueError)


def test_a_file_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    from revkg.files import write_atomic

    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(errors.OutputError, match="is a file, not a folder"):
        write_atomic(tmp_path / "file" / "out.txt", "text")
    (tmp_path / "folder").mkdir()
    with pytest.raises(errors.OutputError, match="Is a directory"):
        write_atomic(tmp_path / "folder", "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]


def test_unknown_rdf_formats_and_extensions(built_project: Project, tmp_path: Path) -> None:
    from revkg.graph import bulk

    with pytest.raises(errors.UnknownFormat, match="nquads, ntriples, turtle, trig"):
        bulk.convert(built_project.trig, tmp_path / "x.rdf", "rdfxml")
    with pytest.raises(errors.UnknownFormat, match="unknown RDF file extension"):
        bulk.load_store(built_project.root / "seeds" / "manifest.yaml")


def test_loading_a_missing_or_foreign_file(built_project: Project, tmp_path: Path) -> None:
    with pytest.raises(errors.GraphNotBuilt):
        revkg.load(tmp_path / "missing.trig")
    with pytest.raises(errors.GraphFileError, match=r"manifest\.yaml cannot be read as RDF"):
        revkg.load(built_project.root / "seeds" / "manifest.yaml", store="rdflib")


def test_a_port_in_use_is_named() -> None:
    from revkg.sparql.http import make_server

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(errors.AddressUnavailable, match=f"127.0.0.1:{port}"):
            make_server(lambda environ, start: [], host="127.0.0.1", port=port)


def test_an_empty_query_is_a_syntax_error() -> None:
    from revkg.sparql.query import check

    with pytest.raises(errors.QuerySyntaxError):
        check("# only a comment\n")


def test_a_gold_folder_without_facts(tmp_path: Path) -> None:
    from revkg.extract.evaluate import load_gold

    with pytest.raises(errors.GoldSetError, match="no gold facts"):
        load_gold(tmp_path)
    (tmp_path / "x.yaml").write_text("facts:\n  - {subject: a, predicate: met}\n", "utf-8")
    with pytest.raises(errors.GoldSetError, match="`object:` or `value:`"):
        load_gold(tmp_path)


def test_a_server_over_a_corrupt_graph_names_the_file(built_copy: Project) -> None:
    from revkg.sparql.serve import make_app

    with built_copy.trig.open("ab") as trig:
        trig.write(b"garbage <\n")
    with pytest.raises(errors.GraphFileError, match=r"revkg\.trig cannot be read as RDF"):
        make_app(built_copy.trig, workers=2)
