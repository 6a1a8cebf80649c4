"""Python's cyclic garbage collector kept off while a catalog is made.

Loading a catalog — from its files or from a snapshot — makes hundreds of thousands of
containers (parsed data, models) that all outlive the load, and no reference cycle. The collector
would examine them again and again as they pile up (at 2,000 items some nine full collections,
about 40% of the time; half of the time of reading a snapshot at provincial scale) and free
nothing. Objects without cycles are freed by reference counting all the same.
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
            gc.enable()
