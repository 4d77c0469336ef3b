"""The ``revkg serve`` command: a read-only SPARQL endpoint and query page on this machine."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ._common import Engine, project, say


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)


def _positive(seconds: float) -> float:
    if seconds <= 0:
        raise typer.BadParameter(f"give a number of seconds above 0 (got {seconds:g}).")
    return seconds


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8917, "--port", min=0, max=65535, help="Port to listen on."),
    store: Annotated[Engine, typer.Option("--store", help="SPARQL engine.")] = Engine.AUTO,
    timeout: float = typer.Option(
        5.0, "--timeout", help="Seconds a query may run.", callback=_positive
    ),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Most rows a query may return."),
    max_bytes: int = typer.Option(
        16 * 1024 * 1024, "--max-bytes", min=1024, help="Largest answer in bytes."
    ),
    workers: int = typer.Option(
        2, "--workers", min=1, help="Queries that can run at the same time."
    ),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Allow SERVICE (queries that call other endpoints)."
    ),
    cache_mb: int = typer.Option(
        32, "--cache-mb", min=0, help="Memory for answers kept for repeated queries (0: none)."
    ),
    cors: str = typer.Option(
        None, "--cors", help="Let web pages from this origin (or * for any) query the endpoint."
    ),
) -> None:
    """Serve the built graph as a SPARQL 1.1 endpoint (/sparql) with a query page (/),
    and a page for every entity at the path of its IRI (/person/gavril-myasnikov):
    HTML for browsers, Turtle or JSON-LD by Accept header or .ttl / .jsonld suffix;
    /search?q=WORDS searches the essays as revkg search does (HTML, or JSON).

    Read-only: updates are refused. Each query is stopped after --timeout seconds.

    Example: revkg serve --port 8917
    """
    options = {
        "engine": store.value,
        "timeout": timeout,
        "max_rows": max_rows,
        "max_bytes": max_bytes,
        "workers": workers,
        "allow_service": allow_service,
        "cors": cors,
        "answer_cache": cache_mb * 1024 * 1024,
    }
    _serve(host, port, options)


def _serve(host: str, port: int, options: dict[str, Any]) -> None:
    from ..graph.load import require_built
    from ..site import read_site
    from ..site.app import Pages
    from ..sparql.query import saved_queries
    from ..sparql.serve import make_app, run

    proj = project()
    saved = saved_queries(proj.queries_dir)
    pages = Pages(read_site(proj))
    app = make_app(
        require_built(proj.trig),
        saved=saved,
        host=host,
        pages=pages,
        page_of=pages.path_of,
        title=proj.config.query_page_title,
        void=proj.void.read_text(encoding="utf-8") if proj.void.is_file() else None,
        **options,
    )
    shown = f"[{host}]" if ":" in host else host

    def ready(port: int) -> None:
        say(f"serving {len(app.pool)} triples ({app.pool.engine}) on http://{shown}:{port}/")
        say(f"entity and essay pages: http://{shown}:{port}/index.html")
        say(f"SPARQL endpoint: http://{shown}:{port}/sparql — press Ctrl-C to stop")

    try:
        run(app, host=host, port=port, ready=ready)
    except KeyboardInterrupt:
        say("stopped")
