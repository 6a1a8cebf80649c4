"""What the worker tests ask of Linux's ``/proc``: a process's children, and whether one still
runs (a zombie, ended but not yet reaped by its parent, does not)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["children", "running"]


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
