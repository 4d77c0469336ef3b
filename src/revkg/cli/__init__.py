"""The ``revkg`` command: thin commands over the library.

Each command module has ``register(app)``; the list below adds them in one place.
Commands import heavy libraries (spaCy, pyvis) inside their functions, so that
``revkg query`` does not pay for what ``revkg view`` needs.
"""

from __future__ import annotations

import gc
import sys

import typer
from rich.markup import escape

from ..errors import RevkgError
from ..text import printable
from . import check, curate, evaluate, extract, graph, init, query, search, serve, site, view
from ._common import console, out, state

app = typer.Typer(
    name="revkg",
    help="A knowledge graph of the Russian Revolution built from essays, with every fact "
    "traced to its sentence.\n\nStart with `revkg build`, then `revkg show myasnikov`.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        out.print(f"revkg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only results and errors."),
    project: str = typer.Option(
        None, "--project", help="The revkg checkout to use (default: found from here upwards)."
    ),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        expose_value=False,
        help="Print revkg's version and exit.",
    ),
) -> None:
    state.quiet = quiet
    state.project_dir = project


for _module in (init, graph, check, extract, evaluate, query, search, serve, site, view, curate):
    _module.register(app)


def main() -> None:
    """Entry point: run the app and turn revkg errors into one-line messages."""
    try:
        # standalone: usage errors print their own message and exit 2. The name is fixed so
        # that usage lines and shell completion say `revkg` under `python -m revkg` too.
        app(prog_name="revkg")
    except RevkgError as e:
        message = escape(printable(str(e)))  # messages may quote the data
        console.print(f"[red]Error:[/red] {message}", highlight=False, soft_wrap=True)
        sys.exit(e.exit_code)
    finally:
        # What is still alive is about to be freed anyway: keep the cycle collector from
        # walking it again and again while the interpreter shuts down (0.3 s after a build).
        gc.freeze()
