"""The graph rebuilt in the background after changes, one build at a time.

Each change asks for a build (:meth:`Rebuilder.request`). One thread runs them: while
it builds, further requests are remembered, and one more build follows that includes
them all. :meth:`Rebuilder.status` says whether the built graph is live (includes every
change so far), being built, or failed (with the build's first problems).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from ..errors import RevkgError, ValidationFailed
from ..text import printable


@dataclass(frozen=True)
class Status:
    """``state``: live, building or failed; ``changes``: asked for; ``built``: in the graph."""

    state: str
    changes: int
    built: int
    message: str
    finished: float  # when the last build ended (seconds since the epoch), 0 if never

    def record(self) -> dict[str, object]:
        return asdict(self)


class Rebuilder:
    """Runs ``build`` in a background thread whenever changes ask for it."""

    def __init__(self, build: Callable[[], object]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._wanted = self._built = 0
        self._message, self._failed, self._finished = "", False, 0.0

    def request(self) -> None:
        """Ask for a build that includes every change made so far."""
        with self._lock:
            self._wanted += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="revkg-rebuild", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                target = self._wanted
                if self._built >= target:
                    self._thread = None  # the next request starts another thread
                    return
            message, failed = self._once()
            with self._lock:
                self._built = target
                self._message, self._failed, self._finished = message, failed, time.time()

    def _once(self) -> tuple[str, bool]:
        try:
            self._build()
        except ValidationFailed as e:
            return printable(" · ".join([str(e), *e.report.lines()[:3]])), True
        except RevkgError as e:
            return printable(str(e)), True
        except Exception as e:  # the app must go on; the page shows what went wrong
            return printable(f"the build failed: {type(e).__name__}: {e}"), True
        return "the graph includes every change", False

    def status(self) -> Status:
        with self._lock:
            if self._built < self._wanted:
                state, message = "building", "rebuilding the graph…"
            else:
                state, message = ("failed" if self._failed else "live"), self._message
            return Status(state, self._wanted, self._built, message, self._finished)

    def wait(self, timeout: float = 120.0) -> Status:
        """Wait until no build is running or asked for (tests and the benchmark use it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status()
            if status.state != "building":
                return status
            time.sleep(0.05)
        return self.status()
