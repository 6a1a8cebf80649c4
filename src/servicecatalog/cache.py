"""Where parses are kept between runs (see docs/architecture.md#the-parse-cache).

Parsing YAML is most of what loading a catalog costs. Within ``with parse_cache(folder):``, each
catalog loaded keeps the parse of each of its files in ``folder``, by the digest of the file's
bytes, and a file whose bytes were parsed before is not parsed again. What a load finds is the same
with or without the cache. The command line keeps parses in :func:`default_cache_folder` unless
told otherwise (``--cache-dir``, ``--no-cache``); the library keeps none unless asked. A site
built in such a block keeps what else is slow to make anew there too: each handout's QR code and
the pinyin of the item names (see :mod:`servicecatalog.guides.site`).

This module is light (the standard library only): the command line sets the folder for every
command, and a command that loads no catalog pays nothing for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

__all__ = ["cache_folder", "default_cache_folder", "parse_cache"]

_FOLDER: ContextVar[Path | None] = ContextVar("servicecatalog_parse_cache", default=None)


@contextmanager
def parse_cache(folder: str | Path | None) -> Iterator[None]:
    """Within this block, every catalog loaded keeps its files' parses in ``folder`` and reads
    them from there, and a site built keeps its QR codes and its names' pinyin there; ``None``
    keeps none (as outside any such block)."""
    token = _FOLDER.set(None if folder is None else Path(folder))
    try:
        yield
    finally:
        _FOLDER.reset(token)


def default_cache_folder() -> Path | None:
    """``$XDG_CACHE_HOME/servicecatalog``, else ``~/.cache/servicecatalog`` (on Windows,
    ``%LOCALAPPDATA%\\servicecatalog\\cache``); None when there is no home folder."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "servicecatalog" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "servicecatalog"
    try:
        return Path.home() / ".cache" / "servicecatalog"
    except RuntimeError:
        return None


def cache_folder() -> Path | None:
    """The folder the innermost :func:`parse_cache` block names; None outside any."""
    return _FOLDER.get()
