"""Parses kept between runs: a catalog file whose bytes were parsed before is not parsed again.

What the strict loader makes of a file depends on nothing but its bytes and the depth limit: its
data, the marks of its positions and its findings (the file's name aside). Within
``with parse_cache(folder):`` each catalog loaded keeps a *pack* in ``folder``: one file per
catalog (a folder on disk, or a catalog path of a git repository, whatever the revision) holding
the parse of each of its files by the digest of the file's bytes
(:mod:`servicecatalog.cache` says where the cache folder is). Loading the catalog again reads
the pack at once and parses only the files whose bytes are new; the pack is written again,
atomically, when a file was parsed anew (see :meth:`ParsePack.close` for what it keeps).

A pack that cannot be read (missing, truncated, damaged: its checksum; written by another version
of servicecatalog, PyYAML or Python) is taken as empty, and one that cannot be written is not
written: the cache changes how long a load takes, never what it finds.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import tempfile
import time
import zlib
from array import array
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ._files import ReadProblem, files_digest, read_regular
from ._yaml_events import Parsed
from .cache import cache_folder
from .findings import Finding, Severity

__all__ = ["PackUpdate", "ParsePack", "open_pack", "packed", "unpacked"]

_MAGIC = b"servicecatalog parse pack 2\n"
_SALT_SIZE = 16
_FOOTER = struct.Struct(">QQI")
"""The index's offset and length, and the CRC-32 of everything before the footer."""
_BUFFER_SIZE = 1 << 20
_NEXT_PREFIX = ".next-pack-"
_MARSHAL_VERSION = 4
_SPARE_ENTRIES = 64
"""How many unused parses a pack keeps beyond as many as its catalog's load used."""
# The modules whose code decides what a parse gives (data, marks, findings and their messages):
# a pack written by other code is another pack.
_PARSING_MODULES = (
    "servicecatalog._parse_cache",
    "servicecatalog._yaml_encoding",
    "servicecatalog._yaml_events",
    "servicecatalog._yaml_positions",
    "servicecatalog.loader",
    "servicecatalog.rules.yaml_safety",
    "servicecatalog.rules.yaml_style",
)

_Entry = tuple[Any, str, bytes, tuple[tuple[str, str, str, str, int | None, int | None], ...]]


def open_pack(identity: str) -> ParsePack | None:
    """The pack of the catalog ``identity`` names, when a cache folder is in effect."""
    folder = cache_folder()
    if folder is None:
        return None
    salt = _salt()
    if salt is None:
        return None
    name = hashlib.blake2b(identity.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return ParsePack(folder / "parses" / f"{name}.pack", salt)


@dataclass(frozen=True, slots=True)
class PackUpdate:
    """The keys of the kept parses a worker took, and the parses it made (see
    :meth:`ParsePack.hand_over`)."""

    taken: tuple[bytes, ...]
    made: dict[bytes, bytes]


class ParsePack:
    """The kept parses of one catalog, and those of the files this load parsed anew.

    A pack file is the magic line, the salt, the marshalled parses one after another, their
    index (key, offset, length) and a footer (the index's offset and length, and a CRC-32 of all
    before it). It is read whole, once; a kept parse is a view into it, unmarshalled when asked
    for. A parse made anew goes straight to the next pack, a temporary file beside this one,
    which :meth:`close` completes and renames over it: no parse is held twice in memory.
    """

    def __init__(self, file: Path, salt: bytes) -> None:
        self.file = file
        self._salt = salt
        self._kept = _read(file, salt)
        self._used: dict[bytes, memoryview] = {}
        self._next: _NextPack | None = None
        self._writing = True
        """False once the pack is closed or abandoned, or its folder could not be written."""
        self._in_worker = False
        self._taken: list[bytes] = []
        self._made: dict[bytes, bytes] = {}

    def key(self, raw: bytes, max_depth: int) -> bytes:
        """The digest a parse of ``raw`` is kept under."""
        digest = hashlib.blake2b(raw, digest_size=20)
        digest.update(max_depth.to_bytes(4, "little"))
        return digest.digest()

    def parsed(self, key: bytes, file: str) -> Parsed | None:
        """The kept parse under ``key``, its findings in the file named ``file``; None when none
        is kept. Each call makes new data: no two documents share theirs."""
        blob = self._kept.pop(key, None)
        if blob is not None:
            self._used[key] = blob
            self._taken.append(key)
        else:
            blob = self._used.get(key)
        if blob is None:
            return None
        return unpacked(blob, file)

    def keep(self, key: bytes, parsed: Parsed) -> None:
        """Keep a parse just made (the data as it is now: before anything reads it)."""
        self.keep_packed(key, packed(parsed))

    def keep_packed(self, key: bytes, blob: bytes) -> None:
        """Keep a parse made and :func:`packed` elsewhere (in a worker process)."""
        if self._in_worker:
            self._made[key] = blob
        else:
            self._write(key, blob)

    def in_worker(self) -> None:
        """This is a worker process's copy: parses it makes are handed over (:meth:`hand_over`),
        never written, and the next pack, its parent's, is never touched."""
        self._in_worker = True

    def hand_over(self) -> PackUpdate:
        """What a worker took from its copy of the pack and made, since the last hand-over."""
        update = PackUpdate(tuple(self._taken), dict(self._made))
        self._taken.clear()
        self._made.clear()
        return update

    def take_over(self, update: PackUpdate) -> None:
        """Count what a worker took from its copy of this pack, and keep what it made."""
        for key in update.taken:
            blob = self._kept.pop(key, None)
            if blob is not None:
                self._used[key] = blob
        for key, made in update.made.items():
            self._write(key, made)

    def close(self) -> None:
        """Complete the next pack if this load parsed a file anew, or left too many kept
        parses unused; then let go of the parses (a later lookup parses again).

        The parses this load did not use are kept too, as long as they are no more than those
        it used (and a few): the other revision of a diff, or a branch one returns to, finds its
        parses there; past that bound they are dropped, so a pack grows no larger than about
        twice its catalog.
        """
        used, unused, following, writing = self._used, self._kept, self._next, self._writing
        self._used, self._kept, self._next, self._writing = {}, {}, None, False
        made = 0 if following is None else len(following.index)
        within = len(unused) <= len(used) + made + _SPARE_ENTRIES
        if (following is None and within) or not writing or self._in_worker:
            if following is not None:
                following.abandon()
            return
        try:
            following = following or _NextPack(self.file, self._salt)
            for key, blob in used.items():
                following.add(key, blob)
            if within:
                for key, blob in unused.items():
                    following.add(key, blob)
            following.finish()
        except OSError:
            if following is not None:
                following.abandon()

    def abandon(self) -> None:
        """Leave the pack as it was (a load that did not end), and let go of the parses."""
        following, self._next = self._next, None
        self._used, self._kept, self._writing = {}, {}, False
        if following is not None and not self._in_worker:
            following.abandon()

    def _write(self, key: bytes, blob: bytes) -> None:
        if not self._writing:  # a document read again after the load: no pack to finish
            return
        try:
            if self._next is None:
                self._next = _NextPack(self.file, self._salt)
            self._next.add(key, blob)
        except OSError:
            self._writing = False
            if self._next is not None:
                self._next.abandon()
                self._next = None


def packed(parsed: Parsed) -> bytes:
    """``parsed`` as a pack keeps it, marshalled: short strings stay interned (shared by every
    document that has them), which pickling would not keep."""
    findings = tuple(
        (f.rule, f.severity.value, f.message, f.message_en, f.line, f.column)
        for f in parsed.findings
    )
    marks = parsed.marks
    entry: _Entry = (parsed.data, marks.typecode, marks.tobytes(), findings)
    return marshal.dumps(entry, _MARSHAL_VERSION)


def unpacked(blob: bytes | memoryview, file: str) -> Parsed | None:
    """The parse :func:`packed` made ``blob`` of, its findings in the file named ``file``; None
    when the blob is no such thing."""
    try:
        data, typecode, marks, findings = marshal.loads(blob)
        rebuilt = tuple(
            Finding(rule, Severity(severity), zh, en, file, line, column)
            for rule, severity, zh, en, line, column in findings
        )
        kept_marks = array(typecode)
        kept_marks.frombytes(marks)
    except (EOFError, ValueError, TypeError):
        return None
    return Parsed(data, rebuilt, kept_marks)


class _NextPack:
    """A pack being written: a temporary file beside the pack, parses appended as they come,
    the index and the footer last, then renamed over the pack.

    It writes with ``os.write`` through a buffer of its own: a worker process forked while it
    is open holds a copy, and a file object's copy would write its buffer again when freed.
    """

    def __init__(self, file: Path, salt: bytes) -> None:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_abandoned(file.parent)
        self._descriptor, name = tempfile.mkstemp(prefix=_NEXT_PREFIX, dir=file.parent)
        self._temporary = Path(name)
        self._target = file
        self._buffer = bytearray()
        self._offset = 0
        self._checksum = 0
        self.index: dict[bytes, tuple[int, int]] = {}
        self._append(_MAGIC + salt)

    def add(self, key: bytes, blob: bytes | memoryview) -> None:
        if key not in self.index:
            self.index[key] = (self._offset, len(blob))
            self._append(blob)

    def finish(self) -> None:
        index = marshal.dumps(
            [(key, offset, length) for key, (offset, length) in self.index.items()],
            _MARSHAL_VERSION,
        )
        at = self._offset
        self._append(index)
        self._buffer += _FOOTER.pack(at, len(index), self._checksum)
        self._flush()
        os.close(self._descriptor)
        os.replace(self._temporary, self._target)

    def abandon(self) -> None:
        with suppress(OSError):
            os.close(self._descriptor)
        self._temporary.unlink(missing_ok=True)

    def _append(self, data: bytes | memoryview) -> None:
        self._buffer += data
        self._checksum = zlib.crc32(data, self._checksum)
        self._offset += len(data)
        if len(self._buffer) >= _BUFFER_SIZE:
            self._flush()

    def _flush(self) -> None:
        view = memoryview(self._buffer)
        while view:
            written = os.write(self._descriptor, view)
            view = view[written:]
        view.release()
        self._buffer.clear()


def _remove_abandoned(folder: Path) -> None:
    """Remove the next packs of runs killed before they could (an hour old: no run takes as
    long between its first parse and its end)."""
    stale = time.time() - 3600
    for leftover in folder.glob(f"{_NEXT_PREFIX}*"):
        with suppress(OSError):
            if leftover.stat().st_mtime < stale:
                leftover.unlink()


def _read(file: Path, salt: bytes) -> dict[bytes, memoryview]:
    """The parses of the pack ``file`` by key, as views into its content; none when it is
    missing, damaged or made with another salt."""
    content = read_regular(file, sys.maxsize)  # a pipe or a device left there is not read
    if isinstance(content, ReadProblem):
        return {}
    header = len(_MAGIC) + _SALT_SIZE
    end = len(content) - _FOOTER.size
    if end < header or content[: len(_MAGIC)] != _MAGIC or content[len(_MAGIC) : header] != salt:
        return {}
    view = memoryview(content)
    at, length, checksum = _FOOTER.unpack(view[end:])
    if not header <= at <= at + length == end or zlib.crc32(view[:end]) != checksum:
        return {}
    try:
        index = marshal.loads(view[at:end])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(index, list):
        return {}
    kept: dict[bytes, memoryview] = {}
    for entry in index:
        if not (isinstance(entry, tuple) and len(entry) == 3):
            return {}
        key, offset, size = entry
        if type(key) is not bytes or not header <= offset <= offset + size <= at:
            return {}
        kept[key] = view[offset : offset + size]
    return kept


@cache
def _salt() -> bytes | None:
    """What the pack's parses were made with; None when the parsing code cannot be read."""
    sources = [getattr(sys.modules.get(name), "__file__", None) for name in _PARSING_MODULES]
    code = None if None in sources else files_digest(Path(str(source)) for source in sources)
    if code is None:
        return None
    digest = hashlib.blake2b(code, digest_size=_SALT_SIZE)
    for part in (sys.version, yaml.__version__, str(hasattr(yaml, "CBaseLoader"))):
        digest.update(part.encode() + b"\0")
    return digest.digest()
