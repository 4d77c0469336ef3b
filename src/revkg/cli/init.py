"""The ``revkg init`` command: start a project of your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..project import create_project
from ._common import out, say


def register(app: typer.Typer) -> None:
    app.command("init")(init_cmd)


def init_cmd(
    folder: Annotated[
        Path, typer.Argument(help="The folder to create the project in (new or empty).")
    ],
    title: str = typer.Option(
        None, "--title", help="The project's title (default: the folder's name)."
    ),
) -> None:
    """Create a project: revkg.toml, seeds/ with a manifest, graph/curated/ with an empty
    file per type and an example, and saved questions in graph/queries/ with an example
    of expected answers for `revkg check`.

    Example: revkg init my-graph --title "The Paris Commune"
    """
    project = create_project(folder, title=title)
    say(f"created the project {project.config.title!r} in {folder}")
    out.print(f"cd {folder}")
    out.print("revkg build         # check everything and write the graph into graph/")
    out.print("revkg check         # test it: the data, the graph and the expected answers")
    out.print("revkg query --list  # the saved questions; ask one with --name")
