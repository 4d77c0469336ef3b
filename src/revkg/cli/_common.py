"""What every command shares: the stderr console, global options, the project, and the
choices more than one command offers.

Options with a fixed set of values are enums, so that typer checks them: a wrong
value gets typer's usage message and exit status 2, like an unknown option.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..project import Project, find_project, open_project
from ..report import Report

#: Messages and progress go to stderr; results go to stdout, as they are (no markup,
#: no highlighting, no :emoji: codes turned into pictures, no wrapping).
console = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


class Engine(StrEnum):
    """--store: the SPARQL engine (revkg.sparql.store.ENGINES)."""

    AUTO = "auto"
    RDFLIB = "rdflib"
    OXIGRAPH = "oxigraph"


@dataclass
class _State:
    quiet: bool = False
    project_dir: str | None = None


state = _State()


def project() -> Project:
    """The project chosen with --project, or found from the working directory."""
    if state.project_dir:
        return open_project(Path(state.project_dir))
    return find_project()


def say(message: str) -> None:
    """A progress or status message on stderr, unless --quiet."""
    if not state.quiet:
        console.print(escape(message), highlight=False, soft_wrap=True)


def print_report(report: Report, *, warnings: bool = True) -> None:
    """A report's problems on stderr, one line each: errors in red, warnings in yellow."""
    for line in report.lines():
        if warnings or line.startswith("[ERROR]"):
            style = "red" if line.startswith("[ERROR]") else "yellow"
            console.print(f"[{style}]{escape(line)}[/{style}]", highlight=False, soft_wrap=True)


def live() -> bool:
    """Whether to draw progress: stderr is a terminal (not a file, a pipe or a notebook,
    even with FORCE_COLOR set) and --quiet was not given."""
    if state.quiet or not console.is_terminal:
        return False
    isatty = getattr(console.file, "isatty", None)
    return bool(isatty is not None and isatty())


@contextmanager
def progress_line(what: str) -> Iterator[Callable[[str], None]]:
    """A spinner on the terminal naming the current stage (nothing when stderr is not a
    terminal, or with --quiet); yields the function that names the next stage."""
    if not live():
        yield lambda stage: None
        return
    with console.status(f"{what}…") as status:
        yield lambda stage: status.update(f"{what}: {escape(stage)}…")


@contextmanager
def progress_bar(what: str, total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on the terminal over ``total`` items, gone when done (nothing
    when stderr is not a terminal, or with --quiet); yields the function to call as
    each item starts, with its name: the items before it count as done."""
    if not live():
        yield lambda name: None
        return
    from rich import progress as rp

    columns = (
        rp.SpinnerColumn(),
        rp.TextColumn("{task.description}"),
        rp.BarColumn(),
        rp.MofNCompleteColumn(),
        rp.TimeElapsedColumn(),
        rp.TextColumn("{task.fields[item]}"),
    )
    with rp.Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(what, total=total, item="")
        started = 0

        def start(name: str) -> None:
            nonlocal started
            bar.update(task, completed=started, item=escape(name))
            started += 1

        yield start
        bar.update(task, completed=total)


def json_text(data: object) -> str:
    """``data`` as indented JSON that is safe on a terminal: besides what JSON escapes
    anyway, DEL, the C1 controls and the line separators are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
