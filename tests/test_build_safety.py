"""Builds that cannot collide or half-land: a lock, a journal of renames, no leftovers,
no orphaned child process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from revkg import files
from revkg.build import build
from revkg.errors import OutputError, ProjectBusy

pytestmark = pytest.mark.slow  # every test here builds the project


def test_a_second_build_says_that_another_is_running(built_copy):
    with (
        files.locked(built_copy.lock, busy="unused"),
        pytest.raises(ProjectBusy, match=r"another build of .* is still running"),
    ):
        build(built_copy, wait=0.2)


def test_a_second_build_waits_for_the_first(built_copy):
    released = threading.Event()

    def hold() -> None:
        with files.locked(built_copy.lock, busy="unused"):
            time.sleep(0.5)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    result = build(built_copy, wait=30)
    holder.join()
    assert released.is_set() and result.report.ok


def test_renames_cut_short_are_finished_and_leftovers_removed(built_copy):
    fresh = {p: p.read_bytes() for p in (built_copy.turtle, built_copy.trig)}
    built_copy.turtle.write_text("stale\n")
    built_copy.trig.write_text("stale\n")
    # a build killed after its journal was written and one rename was done
    staged = {p: built_copy.graph_dir / f".{p.name}.abc.tmp" for p in fresh}
    for path, tmp in staged.items():
        tmp.write_bytes(fresh[path])
    files._write_journal(built_copy.journal, [(t, p) for p, t in staged.items()])
    os.replace(staged[built_copy.turtle], built_copy.turtle)
    (built_copy.graph_dir / ".revkg.html.old.tmp").write_text("left by a killed build")
    assert files.finish_renames(built_copy.journal) == 1
    assert {p: p.read_bytes() for p in fresh} == fresh
    assert not built_copy.journal.exists()
    build(built_copy)
    assert not list(built_copy.graph_dir.glob(".*.tmp"))


def test_an_unwritable_graph_folder_is_explained(built_copy, monkeypatch, run_cli):
    before = built_copy.turtle.read_bytes()

    def refuse(*args: object, dir: str = "", **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(Path(dir) / ".revkg.ttl.x.tmp"))

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)  # what a read-only graph/ does
    with pytest.raises(OutputError, match=r"cannot write .*graph/\w+\.ttl \(Permission denied"):
        build(built_copy)
    result = run_cli("--project", str(built_copy.root), "build")
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert built_copy.turtle.read_bytes() == before


CHILD_PROBE = textwrap.dedent(
    """
    import sys, time
    from revkg import background
    task = background.start(lambda: time.sleep(60))
    print(task._process.pid, flush=True)
    time.sleep(60)
    """
)


def test_the_background_child_ends_when_its_parent_is_killed():
    with subprocess.Popen(
        [sys.executable, "-c", CHILD_PROBE], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the child outlived its parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_build_names_each_stage_as_it_starts(built_copy):
    stages: list[str] = []
    build(built_copy, progress=stages.append)
    assert list(dict.fromkeys(stages)) == [
        "seeds",
        "curated",
        "RDF assembly",
        "checks",
        "serialization",
        "HTML",
        "writing",
    ]


def test_readers_wait_while_a_build_writes(built_copy):
    from revkg.graph.load import read_graph

    order: list[str] = []

    def hold() -> None:
        with files.locked(built_copy.lock, busy="unused"):
            order.append("build starts")
            time.sleep(0.5)
            order.append("build ends")

    holder = threading.Thread(target=hold)
    holder.start()
    while not order:
        time.sleep(0.01)
    graph = read_graph(built_copy.turtle)
    order.append("read")
    holder.join()
    assert order == ["build starts", "build ends", "read"] and len(graph) > 1000


def test_the_freshness_check_waits_while_a_build_writes(built_copy):
    from revkg.build import assemble, out_of_date

    dataset = assemble(built_copy).dataset
    order: list[str] = []

    def hold() -> None:
        with files.locked(built_copy.lock, busy="unused"):
            order.append("build starts")
            time.sleep(2.0)  # longer than making the files' text takes
            order.append("build ends")

    holder = threading.Thread(target=hold)
    holder.start()
    while not order:
        time.sleep(0.01)
    stale = out_of_date(built_copy, dataset)
    order.append("compared")
    holder.join()
    assert order == ["build starts", "build ends", "compared"] and stale == []
