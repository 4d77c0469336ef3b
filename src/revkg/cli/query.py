"""The ``revkg query`` command: SPARQL text, a .rq file or a saved question -> a table."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import QueryError
from ._common import Engine, console, out, project, say


class QueryFormat(StrEnum):
    """--format of ``revkg query``."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.command("query")(query_cmd)


def _params(pairs: list[str]) -> list[str]:
    """--param values, checked to be NAME=VALUE (a usage error otherwise)."""
    for pair in pairs:
        name, sep, _ = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(
                f"write parameters as NAME=VALUE, e.g. --param year=1921 (got {pair!r})."
            )
    return pairs


def _split_params(pairs: list[str]) -> dict[str, str]:
    return {name.strip(): value for name, _, value in (p.partition("=") for p in pairs)}


def _list_saved() -> None:
    from ..sparql.query import saved_queries

    found = saved_queries(project().queries_dir)
    width = max((len(s.name) for s in found), default=0)
    for saved in found:
        params = " ".join(f"--param {p.name}=…" for p in saved.params)
        out.print(f"{saved.name:<{width}}  {saved.title}{'  ' + params if params else ''}")


def query_cmd(
    sparql: str = typer.Argument(
        None, help="SPARQL text, a .rq file, or - to read the query from standard input."
    ),
    name: str = typer.Option(None, "--name", "-n", help="Run the saved question NAME."),
    param: list[str] = typer.Option(  # noqa: B008
        [], "--param", "-p", help="A parameter as NAME=VALUE (repeatable).", callback=_params
    ),
    fmt: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = QueryFormat.TABLE,
    raw: bool = typer.Option(False, "--raw", help="csv/tsv with full IRIs instead of labels."),
    store: Annotated[Engine, typer.Option("--store", help="SPARQL engine.")] = Engine.AUTO,
    list_: bool = typer.Option(False, "--list", "-l", help="List the saved questions."),
) -> None:
    """Ask the graph a question in SPARQL, or run a saved question from graph/queries/.

    Results show labels instead of IRIs. json prints SPARQL 1.1 JSON results;
    CONSTRUCT and DESCRIBE print Turtle.

    Example: revkg query --name events-in-year --param year=1921
    """
    if list_:
        _list_saved()
        return
    if (sparql is None) == (name is None):
        raise typer.BadParameter(
            "give either a query (text, a .rq file or -) or --name NAME, not both; "
            "see the saved questions with `revkg query --list`.",
            param_hint="SPARQL / --name",
        )
    _run(sparql, name, _split_params(param), fmt=fmt.value, raw=raw, engine=store.value)


def _run(
    sparql: str | None,
    name: str | None,
    params: dict[str, str],
    *,
    fmt: str,
    raw: bool,
    engine: str,
) -> None:
    from ..api import load
    from ..sparql import query as q
    from ..sparql import results, tables

    proj = project()
    if sparql == "-":
        sparql = sys.stdin.read()
    text, saved = q.resolve(name or sparql or "", proj.queries_dir)
    if name is not None and saved is None:
        raise QueryError(f"{name!r} is not a saved query name; see `revkg query --list`.")
    kg = load(proj.root, store=engine)
    result = q.run(kg.store, text, params=params, saved=saved, find=kg.find_iri)
    if result.kind == "graph":
        out.print(results.render(result, "turtle", kg.prefixes), end="")
        if not result.triples:
            say("The query matched nothing (no triples).")
        return
    if fmt == "json":
        out.print(results.sparql_json(result))
    elif fmt in ("csv", "tsv") and raw:
        out.print(results.render(result, fmt), end="")
    elif fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        text = tables.delimited(result, delimiter=delimiter, names=kg.labels, prefixes=kg.prefixes)
        out.print(text, end="")
    else:
        _print_table(*tables.table(result, kg.labels, kg.prefixes), count=result.kind == "select")
    if result.kind == "select" and not result.rows:
        say("No results: the query matched nothing.")


def _print_table(header: list[str], rows: list[list[str]], *, count: bool) -> None:
    from rich.table import Table

    if not rows:
        return
    table = Table(*header, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    out.print(table)
    if count:
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim")
