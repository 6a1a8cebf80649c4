"""What every pool of worker processes needs: how many CPUs there are to use, workers that end
with the process that started them, and chunks of work shared between the workers and the
process that started them."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["ChunkClaims", "available_cpus", "die_with", "from_the_last"]

_Done = TypeVar("_Done")


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system has one), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends.

    A killed ``servicecatalog`` must not leave workers behind. On Linux the kernel sends the
    signal (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread watches the parent's id.
    """
    if _kernel_kills_orphans():
        if os.getppid() != parent:  # the parent ended before the request took effect
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _kernel_kills_orphans() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class ChunkClaims:
    """Which chunks of a job a process has taken, shared by a process and its workers: the
    workers take the chunks from the first on, as the pool hands them out, and the process that
    started them from the last back (:func:`from_the_last`), so that it works too instead of
    waiting, and what it makes needs no sending back.

    Futures are not cancelled instead: a pool whose worker dies fails every future it has not
    run, and in Python 3.11 it stops at a cancelled one, leaving the rest unresolved for ever.
    """

    def __init__(self, context: Any, chunks: int) -> None:
        """``context``: the multiprocessing context the pool's workers are started with."""
        self._lock = context.Lock()
        self._taken = context.RawArray("B", chunks)

    def take(self, number: int) -> bool:
        """Whether chunk ``number`` is now the caller's (it was no one's). A lock held longer
        than any taking holds it was left by a worker killed holding it: nothing is taken then
        (the pool reports the worker)."""
        if not self._lock.acquire(timeout=_LONGEST_TAKING):
            return False
        try:
            if self._taken[number]:
                return False
            self._taken[number] = 1
            return True
        finally:
            self._lock.release()

    def take_all(self) -> None:
        """Take every chunk left, so that the workers skip them."""
        if not self._lock.acquire(timeout=_LONGEST_TAKING):
            return
        try:
            self._taken[:] = b"\1" * len(self._taken)
        finally:
            self._lock.release()


_LONGEST_TAKING = 5.0
"""Seconds: a taking holds the lock for microseconds."""


def from_the_last(
    claims: ChunkClaims, chunks: int, work: Callable[[int], _Done]
) -> dict[int, _Done]:
    """What ``work`` makes of each chunk (by number) this process takes: from the last back,
    each one no worker has taken, until one a worker has. Interrupted, it takes every chunk
    left, so that the workers end soon."""
    done: dict[int, _Done] = {}
    try:
        for number in reversed(range(chunks)):
            if not claims.take(number):
                break
            done[number] = work(number)
    except BaseException:
        claims.take_all()
        raise
    return done
