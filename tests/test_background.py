import os

import pytest

from revkg import background
from revkg.errors import BackgroundError, ReviewFileError


class _Unpicklable(Exception):
    def __init__(self, value: object) -> None:
        super().__init__("cannot travel")
        self.value = value


def _fail() -> int:
    raise ReviewFileError("graph/review.yaml: not valid YAML; fix it")


def _unpicklable() -> int:
    raise _Unpicklable(lambda: None)


def _die() -> int:
    os._exit(3)


def test_work_runs_in_another_process_and_returns_its_result():
    value, seconds = background.start(os.getpid).wait()
    assert value != os.getpid()
    assert seconds >= 0


def test_the_childs_memory_is_a_copy_of_ours_so_nothing_needs_pickling():
    big = {"records": [object() for _ in range(3)]}  # objects do not pickle by value
    value, _ = background.start(lambda: len(big["records"])).wait()
    assert value == 3


def test_the_works_exception_is_raised_here_with_its_type_and_message():
    task = background.start(_fail)
    with pytest.raises(ReviewFileError, match="not valid YAML"):
        task.wait()


def test_an_exception_that_cannot_travel_comes_back_as_text():
    with pytest.raises(BackgroundError, match="_Unpicklable"):
        background.start(_unpicklable).wait()


def test_a_child_that_dies_is_reported_with_its_exit_code():
    with pytest.raises(BackgroundError, match="exit code 3"):
        background.start(_die).wait()


def test_without_fork_the_work_runs_here_when_its_result_is_asked_for(monkeypatch):
    monkeypatch.setattr(background, "can_fork", lambda: False)
    calls = []
    task = background.start(lambda: calls.append(os.getpid()) or 7)
    assert calls == []
    assert task.wait()[0] == 7
    assert calls == [os.getpid()]


def test_leaving_the_block_without_waiting_stops_the_child():
    import time

    with pytest.raises(KeyError), background.start(lambda: time.sleep(60)) as task:
        assert task.running
        raise KeyError("something else failed")
    assert not task.running


def test_a_process_running_other_threads_does_the_work_itself():
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert background.start(os.getpid).wait()[0] == os.getpid()
    finally:
        release.set()
        other.join()
    assert background.start(os.getpid).wait()[0] != os.getpid()
