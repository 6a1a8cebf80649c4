"""Run ``python _peak.py OUT -m MODULE ARGS...`` as ``python -m MODULE ARGS...`` would, and write
the process's peak resident memory in KiB (``VmHWM`` of ``/proc/self/status``) to the file OUT
when it exits.

``ru_maxrss`` of a child (``wait4``, ``getrusage``) is no measure of a command started from a
large process: Linux keeps the high-water mark across ``exec``, so a child forked from the
benchmark counts the benchmark's own memory. ``VmHWM`` belongs to the process's memory map, which
``exec`` makes anew. The memory of the command's own worker processes is not in it.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def _write_peak(out: Path) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                out.write_text(line.split()[1], encoding="ascii")
                return


def main() -> None:
    out, flag, module, *arguments = sys.argv[1:]
    if flag != "-m":
        raise SystemExit("usage: _peak.py OUT -m MODULE [ARGS...]")
    atexit.register(_write_peak, Path(out))
    sys.argv = [module, *arguments]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
