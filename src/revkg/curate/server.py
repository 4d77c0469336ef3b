"""``revkg curate`` served: the app on waitress, on this machine only by default.

    app = make_app(project)                     the app, with a fresh secret token
    address(host, port, token)                  http://127.0.0.1:PORT/?token=…
    run(app, host=..., port=..., ready=...)     serve until Ctrl-C

The graph is rebuilt at the start when an essay or a curated file is newer than it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..project import Project
from ..sparql.http import DEFAULT_HOST, serve
from .app import CurateApp

DEFAULT_PORT = 8918


def make_app(project: Project, *, host: str = DEFAULT_HOST, token: str | None = None) -> CurateApp:
    """The app for ``project``; asks for a build at once if the graph is out of date."""
    app = CurateApp(project, host=host, token=token)
    if out_of_date(project):
        app.rebuilder.request()
    return app


def out_of_date(project: Project) -> bool:
    """True when the built graph is missing or older than an essay or a curated file."""
    if not project.trig.exists():
        return True
    built = project.trig.stat().st_mtime
    inputs: list[Path] = [*project.seeds_dir.glob("*"), *project.curated_dir.rglob("*.yaml")]
    inputs.append(project.graph_dir / "review.yaml")
    return any(p.exists() and p.stat().st_mtime > built for p in inputs)


def address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def run(
    app: CurateApp,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[int], None] | None = None,
) -> None:
    """Serve until interrupted; ``ready`` is called with the port once the server listens."""
    serve(app, host=host, port=port, ready=ready)
