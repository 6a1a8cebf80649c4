"""What every pool of worker processes needs: how many CPUs there are to use, and workers that
end with the process that started them."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

__all__ = ["available_cpus", "die_with"]


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
