"""Files in and out: strict YAML reading and atomic writes, one of each.

YAML is read with :class:`StrictLoader`: the safe loader (no objects from tags)
that also keeps dates as text (``1921-13-45`` is checked by revkg, not turned into
a Python date by YAML), refuses aliases (no alias bombs, no hidden sharing) and
refuses a key given twice in one mapping, naming both lines.

Every file revkg writes goes to a temporary sibling first and is renamed into
place, so a reader never sees half a file; written files are mode 0644 (they are
for sharing) and a failed write leaves no temporary file behind. A file that
cannot be created or put in place raises OutputError naming it. A folder of pages
(``revkg site``) is written whole beside its place and swapped in (``replace_folder``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any, ClassVar

import yaml

from .errors import GraphFileError, OutputError, ProjectBusy, RevkgError

#: The safe loader (no object construction from tags), C-accelerated when possible.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: Read as text, never converted: dates (checked by revkg), and YAML 1.1's numbers in
#: other notations (``12:30`` is 750 to YAML, ``0123`` is 83); plain decimals stay numbers.
_NOT_IMPLICIT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


class StrictLoader(SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader without timestamps, aliases or repeated keys."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regex) for tag, regex in resolvers if tag not in _NOT_IMPLICIT]
        for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "an alias (*name) repeats the value anchored here; write the value out",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a complex key: left to the safe loader
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice (lines {seen[key]} and {line}); keep one",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


#: Mode of every file revkg writes.
FILE_MODE = 0o644


def safe_load(text: str) -> Any:
    """Parse one YAML document with :class:`StrictLoader`."""
    return yaml.load(text, Loader=StrictLoader)


def not_valid_yaml(shown: str, error: yaml.YAMLError) -> str:
    """``shown:LINE: not valid YAML (problem)``, the line where YAML marks one."""
    mark = getattr(error, "problem_mark", None)
    where = f"{shown}:{mark.line + 1}" if mark else shown
    problem = getattr(error, "problem", None) or " ".join(str(error).split())
    return f"{where}: not valid YAML ({problem})"


def one_line(error: Exception) -> str:
    """An error's text on one line, for messages: a YAML error as its line and problem."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        mark = error.problem_mark
        return f"line {mark.line + 1}: {error.problem}" if mark else error.problem
    return " ".join(str(error).split())


def read_utf8(path: Path, *, shown: str, limit: int, error: type[RevkgError]) -> str:
    """A file's text as UTF-8, reading at most ``limit`` bytes; ``error`` (naming the file
    as ``shown``, with the line of a bad byte) for anything else: a folder or a device, a
    file too large, bytes that are not UTF-8."""
    try:
        if path.exists() and not path.is_file():
            raise error(f"{shown}: not a regular file; revkg reads plain UTF-8 text files.")
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(f"{shown}: cannot read the file ({e.strerror}).") from e
    if len(data) > limit:
        raise error(f"{shown}: larger than {limit // 2**20} MiB; split it into several files.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise error(
            f"{shown}:{line}: not UTF-8 text (bad byte at offset {e.start}); "
            "save the file as UTF-8 and run the command again."
        ) from e


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
def staged(
    paths: list[Path], *, binary: bool = False, journal: Path | None = None
) -> Iterator[list[IO[Any]]]:
    """Open a temporary sibling of each path; on success rename them all into place.

    On any error nothing is renamed and every temporary file is removed. With a
    ``journal``, the renames are recorded there first, so a process killed half way
    through them leaves a set that :func:`finish_renames` completes.
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
        if journal is not None:
            _write_journal(journal, temps)
        for tmp, path in temps:
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise _cannot_write(path, e) from e
        if journal is not None:
            journal.unlink()
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


@contextmanager
def atomic_binary(path: Path) -> Iterator[IO[bytes]]:
    """One binary file written to a temporary sibling and renamed into place on success."""
    with staged([path], binary=True) as (out,):
        yield out


def write_all_atomic(outputs: dict[Path, str], *, journal: Path | None = None) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    paths = list(outputs)
    with staged(paths, journal=journal) as handles:
        for handle, path in zip(handles, paths, strict=True):
            handle.write(outputs[path])


def write_atomic(path: Path, text: str) -> None:
    """Write one text file atomically."""
    write_all_atomic({path: text})


def replace_folder(target: Path, outputs: Mapping[str, str], *, mark: str) -> None:
    """Write ``outputs`` (paths relative to ``target`` -> text) as a whole new folder, then
    put it in ``target``'s place: a reader sees the old folder or the new one, never a mix,
    and a failure leaves the old one as it was. ``mark`` names a file written in the folder
    to say revkg made it; a ``target`` that holds other things without it is refused, so
    no one's files are replaced by mistake."""
    if target.exists() and not (target.is_dir() and _ours(target, mark)):
        raise OutputError(
            f"{target} already holds other files; give a new or empty folder "
            "(its contents are replaced as a whole)."
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        )
    except OSError as e:
        raise _cannot_write(target, e) from e
    try:
        os.chmod(new, 0o755)  # mkdtemp makes 0700
        for name, text in {**outputs, mark: ""}.items():
            path = new / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            os.chmod(path, FILE_MODE)
        _swap(new, target)
    except OSError as e:
        raise _cannot_write(target, e) from e
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)


def _ours(folder: Path, mark: str) -> bool:
    return (folder / mark).is_file() or not any(folder.iterdir())


def _swap(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is (or is not yet), and remove the old one."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rename(target, old / target.name)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old / target.name, target)
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write_journal(journal: Path, temps: list[tuple[Path, Path]]) -> None:
    fd, name = tempfile.mkstemp(prefix=f"{journal.name}.", suffix=".tmp", dir=journal.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump([[str(tmp), str(path)] for tmp, path in temps], f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(name, journal)


def finish_renames(journal: Path) -> int:
    """Complete the renames a killed :func:`staged` recorded in ``journal``; how many.

    Only renames of a temporary file (``.NAME.*.tmp``) onto NAME in the journal's own
    folder are done; a journal that says anything else is set aside unread."""
    if not journal.exists():
        return 0
    try:
        pairs = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pairs = []  # the journal itself was being written: nothing was renamed yet
    done = 0
    for tmp, path in _renames(pairs, journal.parent):
        if tmp.exists():
            os.replace(tmp, path)
            done += 1
    journal.unlink()
    return done


def _renames(pairs: object, folder: Path) -> list[tuple[Path, Path]]:
    """The journal's renames if every one is a staged file of ``folder``; else none."""
    if not isinstance(pairs, list):
        return []
    found = []
    for pair in pairs:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            return []
        tmp, path = Path(pair[0]), Path(pair[1])
        staged_name = tmp.name.startswith(f".{path.name}.") and tmp.name.endswith(".tmp")
        if not (tmp.parent == path.parent == folder and staged_name):
            return []
        found.append((tmp, path))
    return found


def remove_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files a killed write left in ``folder``; the removed paths."""
    removed = sorted(folder.glob(".*.tmp"))
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@contextmanager
def locked(path: Path, *, busy: str, shared: bool = False, wait: float = 0.0) -> Iterator[None]:
    """Hold an advisory lock on ``path`` (created if missing, unless ``shared``: a reader
    of a folder where no build ever ran has nothing to wait for); the system frees it
    when this process ends, however it ends. Raises ProjectBusy(``busy``) after ``wait``."""
    if shared and not path.exists():
        yield
        return
    try:
        if shared:
            fd = os.open(path, os.O_RDONLY)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as e:
        raise _cannot_write(path, e) from e
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProjectBusy(busy) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


@contextmanager
def parsing(path: Path, errors: type[Exception] | tuple[type[Exception], ...]) -> Iterator[None]:
    """Turn a parser's ``errors`` while reading ``path`` into GraphFileError naming the file."""
    try:
        yield
    except errors as e:
        raise GraphFileError(
            f"{path} cannot be read as RDF ({_reason(e)}); if revkg wrote it, "
            "run `revkg build` to write it again."
        ) from e


def _reason(error: Exception) -> str:
    """The parser's complaint on one line (rdflib's spans several, Oxigraph's one)."""
    if isinstance(error, SyntaxError) and error.msg:
        return error.msg.splitlines()[0]
    lines = str(error).splitlines() or [type(error).__name__]
    return " ".join(lines[:2]).replace(" of <>:", ":").removesuffix(" at ^ in:")


StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _DECIMAL_INT, list("-+0123456789"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _DECIMAL_FLOAT, list("-+.0123456789"))
