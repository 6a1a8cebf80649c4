"""What the worker tests ask of Linux's ``/proc``: a process's children, and whether one still
runs (a zombie, ended but not yet reaped by its parent, does not); and a platform where no
worker can start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

__all__ = ["children", "running", "without_process_shared_semaphores"]


def without_process_shared_semaphores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process a platform without process-shared semaphores: there, multiprocessing's
    locks (which a pool and the chunks' claims need) cannot be imported."""
    # None in sys.modules makes its import fail, as synchronize's own import fails there.
    monkeypatch.setitem(sys.modules, "multiprocessing.synchronize", None)


def children(pid: int) -> set[int]:
    """The ids of the processes whose parent is ``pid``."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(status.parent.name))
    return found


def running(pid: int) -> bool:
    """True while the process ``pid`` exists and has not ended."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
