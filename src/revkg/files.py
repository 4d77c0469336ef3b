"""Files in and out: safe YAML reading and atomic writes, one of each.

Every file revkg writes goes to a temporary sibling first and is renamed into
place, so a reader never sees half a file; written files are mode 0644 (they are
for sharing) and a failed write leaves no temporary file behind. A file that
cannot be created or put in place raises OutputError naming it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import OutputError

#: The safe loader (no object construction from tags), C-accelerated when possible.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Mode of every file revkg writes.
FILE_MODE = 0o644


def safe_load(text: str) -> Any:
    """Parse one YAML document with :data:`SafeLoader`."""
    return yaml.load(text, Loader=SafeLoader)


def one_line(error: Exception) -> str:
    """An error's text on one line, for messages: a YAML error as its line and problem."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        mark = error.problem_mark
        return f"line {mark.line + 1}: {error.problem}" if mark else error.problem
    return " ".join(str(error).split())


def _temporary(path: Path) -> tuple[int, Path]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _cannot_write(path, e) from e
    os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600
    return fd, Path(name)


def _cannot_write(path: Path, error: OSError) -> OutputError:
    where = error.filename2 or error.filename
    reason = f"{error.strerror}: {where}" if where and error.strerror else str(error)
    if isinstance(error, FileExistsError):  # mkdir found a file where a folder should be
        reason = f"{where} is a file, not a folder"
    return OutputError(
        f"cannot write {path} ({reason}); check the path and its folder, or write elsewhere."
    )


@contextmanager
def staged(paths: list[Path], *, binary: bool = False) -> Iterator[list[IO[Any]]]:
    """Open a temporary sibling of each path; on success rename them all into place.

    On any error nothing is renamed and every temporary file is removed.
    """
    temps: list[tuple[Path, Path]] = []
    try:
        with ExitStack() as stack:
            handles: list[IO[Any]] = []
            for path in paths:
                fd, tmp = _temporary(path)
                temps.append((tmp, path))
                handle: IO[Any] = (
                    os.fdopen(fd, "wb")
                    if binary
                    else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
                )
                handles.append(stack.enter_context(handle))
            yield handles
        for tmp, path in temps:
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise _cannot_write(path, e) from e
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


@contextmanager
def atomic_binary(path: Path) -> Iterator[IO[bytes]]:
    """One binary file written to a temporary sibling and renamed into place on success."""
    with staged([path], binary=True) as (out,):
        yield out


def write_all_atomic(outputs: dict[Path, str]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    paths = list(outputs)
    with staged(paths) as handles:
        for handle, path in zip(handles, paths, strict=True):
            handle.write(outputs[path])


def write_atomic(path: Path, text: str) -> None:
    """Write one text file atomically."""
    write_all_atomic({path: text})
