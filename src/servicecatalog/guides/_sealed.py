"""The files the guides keep in the cache folder (QR codes, answers), each sealed by a digest.

A sealed file is the BLAKE2b digest of its body in hexadecimal, a line feed, then the body. It is
read only when it is a regular file of a bounded size whose digest matches (a damaged, truncated
or foreign file, a pipe or a link to a device left in its place, reads as nothing), and written
atomically over whatever is there; a folder that cannot be written keeps nothing. The cache
changes how long a build takes, never what it writes.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path

from .._files import ReadProblem, read_regular, replace_file

__all__ = ["read_sealed", "write_sealed"]

_CHECK_SIZE = 16


def read_sealed(file: Path, largest: int) -> bytes | None:
    """The body sealed in ``file``, or None when there is no such file of at most ``largest``
    bytes, or its digest does not match."""
    content = read_regular(file, largest)
    if isinstance(content, ReadProblem):
        return None
    check, _, body = content.partition(b"\n")
    return body if check == _check(body) else None


def write_sealed(file: Path, body: bytes) -> None:
    """Seal ``body`` in ``file`` (its folder made if need be); nothing when it cannot be."""
    with suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        replace_file(file, _check(body) + b"\n" + body)


def _check(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_CHECK_SIZE).hexdigest().encode()
