"""QR codes kept between runs: a handout's code is drawn once per address, not once per build.

``segno`` picks each code's mask by drawing and scoring all eight, in pure Python: some 5 ms a
code, most of what a site costs beyond its pages when ``catalog.yaml`` sets ``site.base_url``
(and ``import segno`` alone is 50 ms). A drawing depends on nothing but its text, its title and
the code that draws it. So within :func:`~servicecatalog.parse_cache` (the command line's cache
folder, see :mod:`servicecatalog.cache`) each one is kept in ``<folder>/qr-codes/``, a file named
by the digest of those, and drawn again only when it is missing or damaged.

A kept file is sealed (see :mod:`._sealed`); it is used only when its digest matches and the
drawing has exactly the shape segno gives (one ``<path>`` of moves and lines, the
title asked for), so a damaged or altered file can neither break a page nor put markup in it. A
folder that cannot be written is passed over. A drawing unused for :data:`UNUSED_DAYS` days is
removed by the next site built (:func:`forget_unused`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import time
from contextlib import suppress
from functools import cache
from pathlib import Path

from markupsafe import escape

from .._files import files_digest
from ..cache import cache_folder
from ._sealed import read_sealed, write_sealed

__all__ = ["UNUSED_DAYS", "forget_unused", "qr_svg"]

UNUSED_DAYS = 30
"""How long a kept drawing no build used stays in the cache folder."""
_FOLDER = "qr-codes"
_SUFFIX = ".svg"
_TEMPORARY_PREFIX = "."
_LARGEST = 1 << 20
"""A kept drawing is some 5 KiB: a larger file is not one."""
_ABANDONED_SECONDS = 3600
"""A temporary file this old was left by a run that was killed while writing it."""


def qr_svg(text: str, title: str) -> str:
    """The QR code of ``text`` at error correction level M, as inline SVG titled ``title``
    (segno's ``svg_inline(omitsize=True)``): kept, when a cache folder is in effect."""
    folder = cache_folder()
    salt = _salt() if folder is not None else None
    if folder is None or salt is None:
        return _drawn(text, title)
    digest = hashlib.blake2b(salt, digest_size=20)
    digest.update(f"{text}\0{title}".encode("utf-8", "surrogateescape"))
    file = folder / _FOLDER / f"{digest.hexdigest()}{_SUFFIX}"
    kept = _read(file, title)
    if kept is not None:
        return kept
    drawing = _drawn(text, title)
    write_sealed(file, drawing.encode("utf-8"))
    return drawing


def forget_unused() -> None:
    """Remove the kept drawings no build used for :data:`UNUSED_DAYS` days, and temporary
    files left by killed runs, from the cache folder in effect (if any)."""
    folder = cache_folder()
    if folder is None:
        return
    now = time.time()
    with suppress(OSError), os.scandir(folder / _FOLDER) as entries:
        for entry in entries:
            with suppress(OSError):
                age = now - entry.stat(follow_symlinks=False).st_mtime
                temporary = entry.name.startswith(_TEMPORARY_PREFIX)
                if age > (_ABANDONED_SECONDS if temporary else UNUSED_DAYS * 86400):
                    os.unlink(entry.path)


def _drawn(text: str, title: str) -> str:
    import segno  # only a handout draws a code, and a kept one needs no segno

    # segno writes the SVG from the code's modules alone: no text of the catalog is in it.
    return segno.make(text, error="m").svg_inline(omitsize=True, title=title)


def _read(file: Path, title: str) -> str | None:
    """The drawing kept in ``file`` when it is whole and has segno's shape; marked as used."""
    body = read_sealed(file, _LARGEST)
    if body is None:
        return None
    with suppress(OSError):
        os.utime(file)
    try:
        drawing = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return drawing if _shape(title).fullmatch(drawing) else None


@cache
def _shape(title: str) -> re.Pattern[str]:
    """What segno's inline SVG of a code titled ``title`` is: nothing else is taken from a file."""
    return re.compile(
        r'<svg viewBox="0 0 [0-9]+ [0-9]+" class="segno"><title>'
        + re.escape(str(escape(title)))
        + r'</title><path class="qrline" stroke="#000" d="[0-9Mmhv. -]+"/></svg>'
    )


@cache
def _salt() -> bytes | None:
    """What the drawings were made with (segno's source and this module's); None when it cannot
    be read, and then nothing is kept."""
    spec = importlib.util.find_spec("segno")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    return files_digest([Path(__file__), *sorted(package.glob("*.py"))])
