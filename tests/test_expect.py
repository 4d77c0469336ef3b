"""Expected answers as data (revkg.sparql.expect): a malformed file is one line naming
the file, the line and the fix; the matcher reports what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from revkg import vocab
from revkg.errors import ExpectedFileError
from revkg.sparql.expect import load_cases, project_cases
from revkg.sparql.store import open_store
from revkg.sparql.verdict import check_cases

SAVED = "# title: People\n# description: Everyone.\nSELECT ?who WHERE { ?who a rk:Person }\n"


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    folder = tmp_path / "graph" / "queries"
    folder.mkdir(parents=True)
    (folder / "people.rq").write_text(SAVED, encoding="utf-8")
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_case_knows_its_line_and_asks_its_saved_question(queries: Path):
    path = write(queries, "people.expected.yaml", "# note\n- rows:\n    - {who: Lenin}\n")
    [case] = load_cases(path, shown="graph/queries/people.expected.yaml")
    assert (case.query, case.saved, case.match, case.line) == ("people", True, "contains", 2)
    assert case.where == "graph/queries/people.expected.yaml:2"


def test_a_file_of_comments_has_no_cases(queries: Path):
    assert load_cases(write(queries, "people.expected.yaml", "# - rows: []\n")) == []


BAD = [
    ("people", "- rows: [{who: Lenin}\n", "people.expected.yaml:2: not valid YAML"),
    ("people", "rows: [{who: Lenin}]\n", ":1: expected a list of cases, each starting with '- '"),
    ("people", "- just text\n", ":1: a case is a mapping with rows"),
    ("people", "- rows: [{who: x}]\n  answer: 1\n", ":1: unknown key 'answer'; a case may have"),
    ("people", "- params: {}\n", ":1: a case needs rows"),
    ("people", "- rows: []\n", ":1: a case needs rows"),
    ("people", "- rows: [Lenin]\n", ":1: each row maps answer columns to cells"),
    ("people", "- rows: [{who: [a, b]}]\n", ":1: the cell who: ['a', 'b'] must be text or a num"),
    ("people", "- rows: [{who: x}]\n  match: all\n", ":1: match is contains or exactly, not 'all'"),
    ("people", "- rows: [{who: x}]\n  params: [1]\n", ":1: params map each parameter to a value"),
    ("people", "- rows: [{who: x}]\n  rows: [{who: y}]\n", "the key 'rows' is given twice"),
    ("others", "- rows: [{who: x}]\n", ":1: there is no saved question others.rq beside this"),
    ("others", "- query: SELECT\n  rows: [{x: 1}]\n", "needs an id and a question"),
    (
        "others",
        "- id: a\n  question: Who?\n  query: SELECT ?x WHERE {\n  rows: [{x: 1}]\n",
        ":1: case 'a': the query does not parse (its line 1, column",
    ),
    (
        "others",
        "- id: a\n  question: Who?\n  query: DELETE WHERE { ?s ?p ?o }\n  rows: [{x: 1}]\n",
        ":1: case 'a': ",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD, ids=[m for _, _, m in BAD])
def test_a_malformed_file_is_one_line_naming_file_line_and_fix(
    queries: Path, name: str, text: str, message: str
):
    path = write(queries, f"{name}.expected.yaml", text)
    with pytest.raises(ExpectedFileError) as caught:
        load_cases(path, shown=f"graph/queries/{path.name}")
    said = str(caught.value)
    assert message in said and said.startswith(f"graph/queries/{path.name}")
    assert len(said.splitlines()) == 1


def test_an_id_used_twice_names_both_places(queries: Path):
    write(queries, "people.expected.yaml", "- rows: [{who: a}]\n- rows: [{who: b}]\n")
    with pytest.raises(ExpectedFileError, match=r"people.expected.yaml:2: the case id 'people'"):
        project_cases(queries, shown_root=queries.parents[1])


def test_not_utf8_is_located(queries: Path):
    (queries / "people.expected.yaml").write_bytes(b"- rows:\n    - {who: \xff}\n")
    with pytest.raises(ExpectedFileError, match=r"people.expected.yaml:2: not UTF-8"):
        load_cases(queries / "people.expected.yaml")


def small_store():
    ds = vocab.new_dataset()
    g = ds.graph(vocab.GRAPH_CURATED)
    lenin = URIRef(vocab.PREFIXES["person"] + "vladimir-lenin")
    g.add((lenin, vocab.RDF.type, vocab.RK.Person))
    g.add((lenin, vocab.RDFS.label, Literal("Vladimir Lenin")))
    g.add((lenin, vocab.SKOS.altLabel, Literal("Lenin")))
    return open_store(ds, engine="rdflib")


def test_the_report_names_the_missing_rows(queries: Path):
    text = "- rows: [{who: Lenin}]\n- id: trotsky\n  rows: [{who: Trotsky}]\n"
    write(queries, "people.expected.yaml", text)
    cases = project_cases(queries, shown_root=queries.parents[1])
    report = check_cases(small_store(), cases, queries_dir=queries)
    assert (report.cases, report.files, report.ok) == (2, 1, False)
    [failure] = report.failures
    line = failure.line({})
    assert line == "graph/queries/people.expected.yaml:2 trotsky: missing {who: Trotsky}"


def test_exactly_reports_unexpected_rows_and_wrong_columns(queries: Path):
    text = "- rows: [{who: Stalin}]\n  match: exactly\n- id: c\n  rows: [{name: x}]\n"
    write(queries, "people.expected.yaml", text)
    report = check_cases(small_store(), project_cases(queries), queries_dir=queries)
    lines = [
        f.line({str(vocab.PREFIXES["person"]) + "vladimir-lenin": "Vladimir Lenin"})
        for f in report.failures
    ]
    assert lines[0].endswith(
        "people: missing {who: Stalin}; 1 unexpected row(s): "
        "{who: Vladimir Lenin [person:vladimir-lenin]}"
    )
    assert "c: expected columns name are not in the answer (its columns: who)" in lines[1]
