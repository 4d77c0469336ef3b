"""Run one piece of work in a forked child process while this one goes on.

The build uses it twice: extraction runs in a child while the curated layers
are assembled, and SHACL validation while Turtle, TriG and the page are written.
The child inherits the parent's memory (nothing is pickled on the way in); only
the result comes back, through a pipe. Where ``fork`` is not available or not
safe (Windows, macOS, a process running other threads), the work simply runs in
this process when its result is asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from .errors import BackgroundError
from .processes import end_with_parent

T = TypeVar("T")


class Task(Generic[T]):
    """Work started by :func:`start`; :meth:`wait` gives its result and its seconds.

    Use it in a ``with`` block: leaving the block without waiting (because something
    else failed) stops the child instead of leaving it behind.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receiver: Connection | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(work, sender, os.getpid()), daemon=True
            )
            self._process.start()
            sender.close()

    def wait(self) -> tuple[T, float]:
        """The work's result and how long it took; its exception is raised here."""
        if self._process is None or self._receiver is None:
            return _timed(self._work)
        try:
            ok, value, seconds = self._receiver.recv()
        except EOFError:
            self._process.join()
            raise BackgroundError(
                f"the background process ended without a result (exit code "
                f"{self._process.exitcode})"
            ) from None
        finally:
            self._receiver.close()
        self._process.join()
        if not ok:
            raise value  # the work's own exception, as if it had run here
        return value, seconds

    @property
    def running(self) -> bool:
        """True while the child process is still at work."""
        return self._process is not None and self._process.is_alive()

    def stop(self) -> None:
        """End the child if it is still running (nothing happens after :meth:`wait`)."""
        if self._process is not None and self.running:
            self._process.terminate()
            self._process.join()
        if self._receiver is not None:
            self._receiver.close()

    def __enter__(self) -> Task[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(work: Callable[[], T]) -> Task[T]:
    """Start ``work`` in a child process (or defer it, where forking is unavailable)."""
    return Task(work)


def can_fork() -> bool:
    """Fork only on Linux (macOS's system libraries are not fork-safe) and only from a
    process with a single thread (in Jupyter, say, another thread may hold a lock that
    the child would wait for forever)."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    t0 = time.perf_counter()
    value = work()
    return value, time.perf_counter() - t0


def _child(work: Callable[[], object], sender: Connection, parent: int) -> None:
    end_with_parent(parent)
    # Everything inherited from the parent lives until this process ends: keep the
    # collector from walking it (faster, and the pages stay shared with the parent).
    gc.freeze()
    try:
        value, seconds = _timed(work)
        sender.send((True, value, seconds))
    except BaseException as e:  # everything goes back to the parent, which raises it
        try:
            sender.send((False, e, 0.0))
        except Exception:  # the exception does not pickle: send its traceback as text
            sender.send((False, BackgroundError(traceback.format_exc()), 0.0))
    finally:
        sender.close()
