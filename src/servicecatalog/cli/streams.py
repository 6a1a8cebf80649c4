"""Standard output watched for lost writes, and the standard descriptors kept open.

A report lost to a full disk, a closed pipe or a closed stdout must never read as a clean run:
the first failed write is kept and told at exit (exit 3).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import suppress
from typing import Any

import click

__all__ = ["Output", "_OutputLost", "flush", "guard_standard_streams", "report_lost_output", "say"]


class _OutputLost(Exception):
    """The output could not be written (full disk, closed pipe, closed stdout).

    A signal between the modules of the command line, caught by its group: no library error
    (those derive from ServiceCatalogError), hence the underscore."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class Output(io.RawIOBase):
    """Standard output's descriptor, remembering the first write that failed.

    Python drops the data of a failed write and click swallows a broken pipe, so the failure
    is kept here to be told at exit. A stdout closed at start (``>&-``, which Python makes None
    and click then writes to in silence) is a descriptor of None: every write fails.
    """

    def __init__(self, descriptor: int | None) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.failure: OSError | None = None
        self.discard = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self.descriptor is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self.descriptor

    def isatty(self) -> bool:
        return self.descriptor is not None and os.isatty(self.descriptor)

    def write(self, data: Any) -> int:
        if self.discard:
            return len(data)
        try:
            if self.descriptor is None:
                raise OSError(errno.EBADF, "standard output is closed")
            return os.write(self.descriptor, data)
        except OSError as error:
            self.failure = self.failure or error
            raise


def guard_standard_streams() -> Output | None:
    """Standard output through an :class:`Output` (when it is the process's own: not under a
    test runner), and /dev/null on closed descriptors 0–2, so that no file opened later takes
    their number and a child process writes into it."""
    closed = set()
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.add(descriptor)
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the process
    original = sys.stdout
    if original is not None and original is not sys.__stdout__:
        return None
    output = Output(None if 1 in closed or original is None else 1)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(output),
        encoding=original.encoding if original else "utf-8",
        errors=original.errors if original else "strict",
        line_buffering=original.line_buffering if original else False,
    )
    return output


def flush(output: Output) -> None:
    """Flush standard output; raise :class:`_OutputLost` when that fails."""
    try:
        sys.stdout.flush()
    except OSError as error:
        raise _OutputLost(output.failure or error) from None


def report_lost_output(error: OSError, output: Output | None) -> None:
    """One line on stderr; and stdout made to discard what it still holds, so that the flush at
    exit does not fail a second time."""
    say(f"servicecatalog: error: the output could not be written: {error.strerror or error}")
    if output is not None:
        output.discard = True


def say(line: str) -> None:
    """``line`` on stderr, if stderr can still be written."""
    with suppress(OSError):
        click.echo(line, err=True)
