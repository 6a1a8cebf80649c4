"""Python's cyclic garbage collector kept off while a catalog is made.

Loading a catalog — from its files or from a snapshot — makes hundreds of thousands of
containers (parsed data, models) that all outlive the load, and no reference cycle. The collector
would examine them again and again as they pile up (at 2,000 items some nine full collections,
about 40% of the time) and free nothing; objects without cycles are freed by reference counting
all the same. So it is paused while a catalog loads, and what was made meanwhile goes straight
to the oldest generation: otherwise the first allocation after the load would examine all of it
at once (at provincial scale, a third of the time of reading a snapshot), and again when it
moves up a generation.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, and as it was before afterwards (on, unless the program had
    turned it off itself)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _to_oldest_generation()
            gc.enable()


def _to_oldest_generation() -> None:
    """Move every tracked object to the oldest generation, without examining any.

    ``gc.freeze()`` moves them all to the permanent generation and ``gc.unfreeze()`` back into
    the oldest; nothing stays frozen. A program that froze objects itself (before forking
    workers, say) keeps them frozen: then nothing is moved.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
