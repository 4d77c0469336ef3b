"""Expected answers: the rows a project's questions must answer, kept as data.

Beside each saved question ``graph/queries/<name>.rq`` a project may keep
``<name>.expected.yaml``, and any other ``*.expected.yaml`` there holds questions with
their own SPARQL. Each file is a list of cases; a case has

- ``rows``: the expected rows, each a mapping of answer columns to cells;
- ``match``: ``contains`` (the default: each expected row is matched by some answer row)
  or ``exactly`` (also, each answer row matches some expected row);
- ``params``: parameters of the saved question (optional);
- ``query``: SPARQL text, for a question that is not a saved one; without it the case
  asks the saved question the file is named after;
- ``id``, ``question``, ``essay``, ``note``: what the case is about; a case with a
  ``query`` needs an ``id`` and a ``question``, and the id of a saved question's case
  is its name and parameters (``events-in-year[year=1921]``).

A cell naming an entity matches any of its labels, aliases, misspellings or its id,
ignoring typography and case; a literal cell matches its text exactly; a cell with * is
a pattern (typography and case ignored); "" matches an unbound cell. The matcher and
the report of a run are in :mod:`revkg.sparql.verdict`.

    load_cases(path)          the cases of one file (ExpectedFileError names file and line)
    project_cases(queries)    every case of a project, ids checked to be unique
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import files
from ..errors import ExpectedFileError, QueryError, QuerySyntaxError
from . import query as q

CASE_SUFFIX = ".expected.yaml"
CASE_KEYS = ("id", "question", "essay", "note", "query", "params", "match", "rows")
MATCHES = ("contains", "exactly")
MAX_CASE_BYTES = 4 * 1024 * 1024
_TEXT_KEYS = ("id", "question", "essay", "note")
_CELL = (str, int, float)
_EXAMPLE = "e.g. rows: [{member: Lenin, organization: Bolsheviks}]"


@dataclass(frozen=True)
class Case:
    """One expected answer: what is asked (a saved question with parameters, or SPARQL
    text) and the rows the answer must hold; ``shown`` and ``line`` say where it is."""

    path: Path
    query: str
    rows: list[dict[str, Any]]
    match: str = "contains"
    params: dict[str, object] = field(default_factory=dict)
    saved: bool = True
    record: dict[str, Any] = field(default_factory=dict)
    shown: str = ""
    line: int = 0

    @property
    def id(self) -> str:
        if "id" in self.record:
            return str(self.record["id"])
        args = ",".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.query}[{args}]" if args else self.query

    @property
    def question(self) -> str | None:
        return self.record.get("question")

    @property
    def essay(self) -> str | None:
        return self.record.get("essay")

    @property
    def where(self) -> str:
        """``graph/queries/<file>:<line>``: the file as shown and the case's line."""
        return f"{self.shown or self.path.name}:{self.line}" if self.line else self.shown


def case_files(queries_dir: Path) -> list[Path]:
    """Every file of expected answers in ``queries_dir``, sorted by name."""
    return sorted(queries_dir.glob(f"*{CASE_SUFFIX}"))


def project_cases(queries_dir: Path, *, shown_root: Path | None = None) -> list[Case]:
    """Every case in ``queries_dir``; ExpectedFileError for a malformed file or an id
    used twice. Files are shown relative to ``shown_root`` (the project) when given."""
    found: list[Case] = []
    first: dict[str, Case] = {}
    for path in case_files(queries_dir):
        shown = _shown(path, shown_root)
        for case in load_cases(path, shown=shown):
            if case.id in first:
                raise ExpectedFileError(
                    f"{case.where}: the case id {case.id!r} is used before, at "
                    f"{first[case.id].where}; give each case its own id (a saved question's "
                    "case is named by its parameters: merge the two cases)."
                )
            first[case.id] = case
            found.append(case)
    return found


def _shown(path: Path, root: Path | None) -> str:
    if root is None:
        return f"{path.parent.name}/{path.name}"
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_cases(path: Path, *, shown: str | None = None) -> list[Case]:
    """The cases of one file; a file named after a saved question (``<name>.rq`` beside
    it) asks that question, unless a case gives its own ``query``."""
    shown = shown or path.name
    name = path.name.removesuffix(CASE_SUFFIX)
    saved = (path.parent / f"{name}.rq").is_file()
    return [
        _case(path, shown, line, record, name if saved else None)
        for line, record in _records(path, shown)
    ]


def _records(path: Path, shown: str) -> list[tuple[int, object]]:
    """Each item of the file's list with the line it starts on."""
    text = files.read_utf8(path, shown=shown, limit=MAX_CASE_BYTES, error=ExpectedFileError)
    try:
        node = yaml.compose(text, Loader=files.StrictLoader)
        data = files.safe_load(text)
    except yaml.YAMLError as e:
        raise ExpectedFileError(f"{files.not_valid_yaml(shown, e)}; fix the line.") from e
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise ExpectedFileError(
            f"{shown}:1: expected a list of cases, each starting with '- ' and holding rows "
            f"({_EXAMPLE})."
        )
    return [
        (item.start_mark.line + 1, record) for item, record in zip(node.value, data, strict=True)
    ]


def _case(path: Path, shown: str, line: int, record: object, saved: str | None) -> Case:
    where = f"{shown}:{line}"
    if not isinstance(record, dict):
        raise ExpectedFileError(f"{where}: a case is a mapping with rows ({_EXAMPLE}).")
    unknown = sorted(str(k) for k in record if k not in CASE_KEYS)
    if unknown:
        raise ExpectedFileError(
            f"{where}: unknown key {unknown[0]!r}; a case may have {', '.join(CASE_KEYS)}."
        )
    for key in _TEXT_KEYS:
        if key in record and not isinstance(record[key], str | int):
            raise ExpectedFileError(f"{where}: {key} must be text, e.g. {key}: some words.")
    match = record.get("match", "contains")
    if match not in MATCHES:
        raise ExpectedFileError(f"{where}: match is {' or '.join(MATCHES)}, not {match!r}.")
    rows = _rows(where, record.get("rows"))
    params = _params(where, record.get("params"))
    inline = record.get("query")
    if inline is None:
        if saved is None:
            name = path.name.removesuffix(CASE_SUFFIX)
            raise ExpectedFileError(
                f"{where}: there is no saved question {name}.rq beside this file, so the "
                "case needs its own `query:` (SPARQL text), an `id` and a `question`."
            )
        return Case(path, saved, rows, match, params, True, record, shown, line)
    _check_inline(where, record, inline, params)
    return Case(path, inline, rows, match, {}, False, record, shown, line)


def _rows(where: str, rows: object) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not rows:
        raise ExpectedFileError(
            f"{where}: a case needs rows, a list of expected rows ({_EXAMPLE})."
        )
    for row in rows:
        if not isinstance(row, dict) or not row:
            raise ExpectedFileError(
                f"{where}: each row maps answer columns to cells ({_EXAMPLE}); got {row!r}."
            )
        for column, cell in row.items():
            if not isinstance(column, str) or not isinstance(cell, _CELL):
                raise ExpectedFileError(
                    f"{where}: the cell {column}: {cell!r} must be text or a number; "
                    'write "" for a cell left unbound.'
                )
    return rows


def _params(where: str, params: object) -> dict[str, object]:
    if params is None:
        return {}
    if not isinstance(params, dict) or not all(isinstance(v, _CELL) for v in params.values()):
        raise ExpectedFileError(
            f"{where}: params map each parameter to a value, e.g. params: {{year: 1921}}."
        )
    return params


def _check_inline(where: str, record: dict[str, Any], query: object, params: object) -> None:
    """A case with its own query: SPARQL text that parses, an id and a question."""
    if not isinstance(query, str) or not query.strip():
        raise ExpectedFileError(f"{where}: query must be SPARQL text (use `query: |`).")
    if "id" not in record or "question" not in record:
        raise ExpectedFileError(f"{where}: a case with its own query needs an id and a question.")
    if params:
        raise ExpectedFileError(
            f"{where}: params are for saved questions; write the values into the query."
        )
    try:
        q.check(query)
    except QuerySyntaxError as e:
        raise ExpectedFileError(
            f"{where}: case {record['id']!r}: the query does not parse (its line {e.line}, "
            f"column {e.column}: {e.message}); fix it."
        ) from e
    except QueryError as e:
        raise ExpectedFileError(f"{where}: case {record['id']!r}: {e}") from e
