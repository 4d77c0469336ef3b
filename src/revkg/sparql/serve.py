"""``revkg serve``: the endpoint app over worker processes, on waitress.

    app = make_app(path_or_dataset, workers=2, timeout=5.0, ...)   the WSGI app
    run(app, host="127.0.0.1", port=8917)                            serve until Ctrl-C

The pieces live beside this module: :mod:`.guard` (what a query may be),
:mod:`.workers` (where it runs), :mod:`.results` (answer formats), :mod:`.endpoint`
(the protocol and the page) and :mod:`.http` (the server and its headers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset

from .endpoint import Endpoint
from .http import DEFAULT_HOST, DEFAULT_PORT, WSGIApp, guarded, serve
from .query import SavedQuery
from .workers import DEFAULT_WORKER_MEMORY, WorkerPool

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServedApp", "make_app", "run"]


class ServedApp:
    """The guarded WSGI app with its endpoint and worker pool (``close()`` stops them)."""

    def __init__(self, endpoint: Endpoint, pool: WorkerPool, *, host: str, cors: str | None):
        self.endpoint, self.pool = endpoint, pool
        self.wsgi = guarded(endpoint, host=host, cors=cors)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        return self.wsgi(environ, start_response)

    def close(self) -> None:
        self.pool.close()


def make_app(
    source: Dataset | Path,
    *,
    engine: str = "auto",
    timeout: float = 5.0,
    max_rows: int = 10_000,
    max_bytes: int = 16 * 1024 * 1024,
    workers: int = 2,
    memory: int | None = DEFAULT_WORKER_MEMORY,
    allow_service: bool = False,
    saved: Sequence[SavedQuery] = (),
    host: str = DEFAULT_HOST,
    cors: str | None = None,
    answer_cache: int = 32 * 1024 * 1024,
    pages: WSGIApp | None = None,
    page_of: Callable[[str], str | None] | None = None,
    title: str = "Ask the revkg graph",
    void: str | None = None,
) -> ServedApp:
    """The endpoint over a dataset or a built graph's file: queries run in ``workers``
    processes, each stopped after ``timeout`` seconds, answers bounded by ``max_rows``
    rows and ``max_bytes`` bytes; paths other than the endpoint's go to ``pages`` (the
    entity pages, revkg.site.app), and ``page_of`` gives the path of an IRI's page, for
    the query page's links. Call ``app.close()`` when done."""
    pool = WorkerPool(source, engine=engine, workers=workers, timeout=timeout, memory=memory)
    try:
        endpoint = Endpoint(
            pool,
            saved=saved,
            allow_service=allow_service,
            max_rows=max_rows,
            max_bytes=max_bytes,
            answer_cache=answer_cache,
            pages=pages,
            page_of=page_of,
            title=title,
            void=void,
        )
        return ServedApp(endpoint, pool, host=host, cors=cors)
    except BaseException:
        pool.close()
        raise


def run(
    app: ServedApp,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[int], None] | None = None,
) -> None:
    """Serve until interrupted, then stop the worker processes. ``ready`` is called with
    the port once the server listens (AddressUnavailable if it cannot)."""
    serve(app, host=host, port=port, ready=ready, done=app.close)
