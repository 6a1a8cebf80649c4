"""Where output goes and how it looks: colour decided once for every command, rich consoles on
stdout and stderr, and a progress bar for long loads."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["colour", "console", "progress_bar"]


def colour(choice: str, stream: Any) -> bool:
    """Whether to colour what goes to ``stream``: ``--color always`` or ``never`` decide;
    otherwise a non-empty NO_COLOR turns colour off, a non-empty FORCE_COLOR turns it on (even
    into a pipe), and without either a terminal is coloured."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(*, stderr: bool = False, width: int | None = None, choice: str = "auto") -> Console:
    """A rich console that colours and styles exactly when :func:`colour` says so: without
    colour it writes no escape sequence at all (rich's own NO_COLOR keeps bold and dim)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    coloured = colour(choice, stream)
    terminal = bool(getattr(stream, "isatty", lambda: False)())
    return Console(
        stderr=stderr,
        # A terminal stays one (a progress bar still moves) even when it gets no colour.
        force_terminal=coloured or terminal,
        color_system=("auto" if terminal else "standard") if coloured else None,
        no_color=not coloured,
        highlight=False,
        width=None if terminal else width,
    )


@contextmanager
def progress_bar(
    label: str, *, enabled: bool = True, what: str = "implementation lists"
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (nothing otherwise): for long loads."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        f"[bold]{label}[/bold] {what}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
