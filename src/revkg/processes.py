"""Child processes that never outlive their parent."""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (even by ``kill -9``); call it
    first thing in a child, with the parent's pid."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux's libc: daemon children still end at a normal exit
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
