"""The ``revkg check`` command: a project's test. The curated data is valid, the built
graph is what the inputs give, and every question answers what its expected answers
(graph/queries/*.expected.yaml) say."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ._common import Engine, console, print_report, project, say

if TYPE_CHECKING:
    from ..project import Project
    from ..sparql.expect import Case


def register(app: typer.Typer) -> None:
    app.command("check")(check_cmd)


def check_cmd(
    store: Annotated[Engine, typer.Option("--store", help="SPARQL engine.")] = Engine.AUTO,
) -> None:
    """Test the project: validate the curated data, check that the built graph is up to
    date, and run the expected answers of the questions in graph/queries/.

    One line per problem or failing case (file, line, case and what is missing), then a
    summary. Exits with status 1 when anything fails.

    Example: revkg check
    """
    from ..build import assemble, out_of_date
    from ..sparql.expect import project_cases

    proj = project()
    cases = project_cases(proj.queries_dir, shown_root=proj.root)
    result = assemble(proj)
    print_report(result.report)
    if not result.report.ok:
        say("Fix the errors, run `revkg build`, then `revkg check` again.")
        raise typer.Exit(1)
    stale = [proj.relative(path) for path in out_of_date(proj, result.dataset)]
    if stale:
        console.print(
            f"[red][ERROR] {', '.join(stale)}: missing or out of date with seeds/ and "
            "graph/curated/; run `revkg build` first, then `revkg check` again.[/red]",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    say("The curated data is valid and the graph is up to date")
    _expected_answers(proj, cases, engine=store.value)


def _expected_answers(proj: Project, cases: list[Case], *, engine: str) -> None:
    """Run every case; its failures as report lines, then a summary."""
    from ..api import load
    from ..sparql.verdict import check_cases

    if not cases:
        say(
            "No expected answers to check: write rows a question must answer in "
            "graph/queries/<name>.expected.yaml (see revkg's README, `revkg check`)."
        )
        return
    kg = load(proj.root, store=engine)
    report = check_cases(kg.store, cases, queries_dir=proj.queries_dir, find=kg.find_iri)
    print_report(report.problems(kg.labels, kg.prefixes))
    counted = f"{report.cases} case{'s' if report.cases != 1 else ''} in {report.files} file"
    counted += "s" if report.files != 1 else ""
    if report.ok:
        say(f"All expected answers pass ({counted})")
        return
    say(f"{len(report.failures)} of the expected answers fail ({counted})")
    raise typer.Exit(1)
