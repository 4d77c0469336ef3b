"""Worker processes where queries run: each stopped when out of time or memory.

    WorkerPool(source, workers=2, timeout=5.0)   a Store whose queries run in workers
    pool.run(text)                               -> QueryResult, as any Store
    pool.answer(text, fmt, ...)                  -> the rendered answer, as bytes

rdflib and Oxigraph cannot interrupt a running query, so each runs in a worker
process; on timeout (or when the client has gone) that process is killed and a
fresh one started in the background, while the other workers go on serving. A
worker cannot load graphs named by a query (rdflib's FROM loading is off); rdflib
refuses SERVICE as it evaluates it, and Oxigraph's SERVICE is kept out by the guard
before a query is sent here. A worker has a bounded address space, so a runaway
query ends its own worker, not the server.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Dataset

from .. import vocab
from ..errors import QueryError, QueryTimeout, ResultTooLarge, RevkgError, ServerBusy
from ..processes import end_with_parent
from .query import check_syntax, labels
from .results import render
from .store import (
    OxigraphStore,
    QueryResult,
    RdflibStore,
    Store,
    _engine_for,
    open_store,
    prefixes_of,
)
from .tables import linked_table

#: Address space of one worker: the graph, the engine and room for a big answer.
DEFAULT_WORKER_MEMORY = 2 * 1024**3
_POLL = 0.05  # seconds between checks that the client is still there


def _worker(conn: Any, engine: str, data: bytes | Path, memory: int | None, parent: int) -> None:
    """Body of a worker process: load the data (N-Quads, or a TriG file), then answer
    jobs until told to stop: ``("run", text, max_rows)`` gives a QueryResult,
    ``("answer", text, fmt, max_rows, max_bytes)`` the rendered answer as bytes."""
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    _confine(memory)
    try:
        store = _load(engine, data)
    except RevkgError as e:  # the graph does not load: the pool says why
        conn.send(("failed", e))
        return
    conn.send(("ready", len(store)))
    names = functools.cache(lambda: labels(store))
    try:
        while (job := conn.recv()) is not None:
            try:
                conn.send(("ok", _do(store, job, names)))
            except QueryError as e:
                conn.send((type(e).__name__, str(e)))
            except MemoryError:
                conn.send(("ResultTooLarge", "the query needed more memory than a worker has."))
            except Exception as e:  # an engine's or a renderer's own error: the worker lives
                conn.send(("QueryError", f"the query could not be answered: {e}"))
    except EOFError:  # the server went away: nothing left to do
        return


def _load(engine: str, data: bytes | Path) -> Store:
    if isinstance(data, Path):
        return open_store(data, engine=engine)
    if engine == "oxigraph":
        return OxigraphStore.from_nquads(data)
    ds = vocab.new_dataset()
    ds.parse(data=data, format="nquads")
    return RdflibStore(ds)


def _confine(memory: int | None) -> None:
    """No graph loaded from what a query names (rdflib's FROM loading off), and at most
    ``memory`` bytes of address space, so a runaway query ends its own worker."""
    import resource

    from rdflib.plugins import sparql

    sparql.SPARQL_LOAD_GRAPHS = False
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _do(store: Store, job: tuple[Any, ...], names: Callable[[], dict[str, str]]) -> Any:
    if job[0] == "run":
        _, text, max_rows = job
        return store.run(text, max_rows=max_rows)
    _, text, fmt, max_rows, max_bytes = job
    return answer(store, text, fmt, max_rows=max_rows, max_bytes=max_bytes, names=names)


def answer(
    store: Store,
    text: str,
    fmt: str,
    *,
    max_rows: int | None,
    max_bytes: int,
    names: Callable[[], dict[str, str]] | None = None,
) -> bytes:
    """Run ``text`` and render the answer as ``fmt`` (see revkg.sparql.results), or as
    ``"table"``: JSON of the header and rows, each cell its label and IRI, for the
    query page (revkg.sparql.tables.linked_table)."""
    try:
        result = store.run(text, max_rows=max_rows)
    except ResultTooLarge:
        raise
    except QueryError:
        check_syntax(text)  # a syntax error, said with its line and column
        raise
    if fmt == "table":
        found = linked_table(result, names() if names else labels(store), prefixes_of(store))
        body = json.dumps(found, ensure_ascii=False)
    else:
        body = render(result, fmt, prefixes_of(store))
    data = body.encode("utf-8")
    if len(data) > max_bytes:
        raise ResultTooLarge(
            f"the answer is {len(data):,} bytes, over the limit of {max_bytes:,}; add a LIMIT "
            "or ask for fewer or shorter values."
        )
    return data


class _Worker:
    def __init__(self, ctx: Any, engine: str, data: bytes | Path, memory: int | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker, args=(child, engine, data, memory, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A Store whose queries run in worker processes, each stopped when out of time.

    rdflib and Oxigraph cannot interrupt a running query, so each query runs in
    a separate process; on timeout that process is killed and a fresh one is
    started in the background, while the other workers go on serving.
    """

    def __init__(
        self,
        source: Dataset | Path,
        *,
        engine: str = "auto",
        workers: int = 2,
        timeout: float = 5.0,
        memory: int | None = DEFAULT_WORKER_MEMORY,
    ) -> None:
        """``source``: a dataset (handed to the workers as N-Quads) or a built graph's
        file, which each worker reads itself (nothing is parsed here). Each worker may
        use ``memory`` bytes of address space (None: no limit)."""
        from ..graph.bulk import to_nquads

        self.timeout, self._size, self._memory = timeout, 0, memory
        self._data: bytes | Path
        self.engine = _engine_for(source, engine)
        self._snapshot: tempfile.TemporaryDirectory[str] | None = None
        if isinstance(source, Path):
            self._data = self._snapshot_of(source)
        else:
            self._size, self._data = len(source), to_nquads(source)
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._failure: RevkgError | None = None
        self._started = False
        # Workers are started from one thread that lives as long as the pool: Linux ends
        # a child whose starting thread ends (its parent-death signal is per thread).
        self._requests: queue.Queue[bool] = queue.Queue()
        self._admitting: list[threading.Thread] = []
        threading.Thread(target=self._spawner, daemon=True).start()
        for _ in range(workers):
            self._requests.put(True)
        self._requests.join()
        for waiting in self._admitting:  # the first workers load the graph side by side
            waiting.join()
        self._admitting.clear()
        self._started = True
        if not self._all:
            self.close()
        if not self._all and self._failure is not None:
            raise self._failure  # the graph did not load (GraphFileError, ...)
        if not self._all:
            raise QueryError(
                f"no query worker could load {source if isinstance(source, Path) else 'the graph'}"
                "; run `revkg build` and try again."
            )

    def __len__(self) -> int:
        return self._size

    def _spawner(self) -> None:
        """Start a worker for each request until the pool closes."""
        while self._requests.get():
            try:
                worker = _Worker(self._ctx, self.engine, self._data, self._memory)
                waiting = threading.Thread(target=self._admit, args=(worker,), daemon=True)
                waiting.start()
                if not self._started:  # the pool's first workers, awaited by __init__
                    self._admitting.append(waiting)
            finally:
                self._requests.task_done()
        self._requests.task_done()

    def _snapshot_of(self, path: Path) -> Path:
        """A private copy of the graph file, so that a worker started after a rebuild
        serves the same graph as the others (and the answers kept for repeated queries
        stay true)."""
        from ..graph.load import require_built, steady

        self._snapshot = tempfile.TemporaryDirectory(prefix="revkg-serve-")
        copy = Path(self._snapshot.name) / path.name
        with steady(path):
            shutil.copyfile(require_built(path), copy)
        return copy

    def _admit(self, worker: _Worker) -> None:
        """Put ``worker`` to work once it has loaded the graph (or stop it)."""
        status: str = "late"
        payload: Any = None
        try:
            if worker.conn.poll(120):
                status, payload = worker.conn.recv()
        except (EOFError, OSError):  # the process died while loading
            status = "died"
        if status != "ready":
            if isinstance(payload, RevkgError):
                self._failure = payload
            worker.stop()
            if self._started:  # a replacement that failed: try again, the pool must not shrink
                threading.Timer(5.0, self._replace).start()
            return
        self._size = payload
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self) -> None:
        with self._lock:
            if self._closed:
                return
        self._requests.put(True)

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        self._replace()

    def run(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        result = self._ask(("run", text, max_rows), lambda: False)
        assert isinstance(result, QueryResult)
        return result

    def answer(
        self,
        text: str,
        fmt: str,
        *,
        max_rows: int | None,
        max_bytes: int,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> bytes:
        """The answer rendered by a worker (see :func:`answer`); a query whose client
        has gone (``cancelled()``) is stopped with its worker."""
        data = self._ask(("answer", text, fmt, max_rows, max_bytes), cancelled)
        assert isinstance(data, bytes)
        return data

    def _ask(self, job: tuple[Any, ...], cancelled: Callable[[], bool]) -> Any:
        try:
            worker = self._idle.get(timeout=max(self.timeout * 2, 10))
        except queue.Empty:
            raise ServerBusy("every worker is busy; try again in a moment.") from None
        try:
            worker.conn.send(job)
            status, payload = self._wait(worker, cancelled)
        except (EOFError, OSError):
            self._discard(worker)
            raise QueryError("the query stopped its worker; it was restarted.") from None
        if status in ("timeout", "cancelled"):
            self._discard(worker)
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped; "
                "make it more specific (fewer unbound patterns) or add a LIMIT."
                if status == "timeout"
                else "the client went away; the query was stopped."
            )
        self._idle.put(worker)
        if status == "ok":
            return payload
        raise _error_class(status)(payload)

    def _wait(self, worker: _Worker, cancelled: Callable[[], bool]) -> tuple[str, Any]:
        """The worker's reply, ("timeout", None) or ("cancelled", None)."""
        deadline = time.monotonic() + self.timeout
        while not worker.conn.poll(min(_POLL, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                return "timeout", None
            if cancelled():
                return "cancelled", None
        status, payload = worker.conn.recv()
        return status, payload

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        self._requests.put(False)
        for worker in workers:
            worker.stop()
        if self._snapshot is not None:
            self._snapshot.cleanup()


class Direct:
    """Answers in this process, for tests and notebooks; a server uses a WorkerPool."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def answer(
        self,
        text: str,
        fmt: str,
        *,
        max_rows: int | None,
        max_bytes: int,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> bytes:
        return answer(self.store, text, fmt, max_rows=max_rows, max_bytes=max_bytes)


def _error_class(name: str) -> type[QueryError]:
    """The QueryError subclass a worker named (its message came through the pipe)."""
    from .. import errors

    found = getattr(errors, name, None)
    simple = (
        isinstance(found, type)
        and issubclass(found, QueryError)
        and found.__init__ is QueryError.__init__
    )
    return found if simple else QueryError  # type: ignore[return-value]
