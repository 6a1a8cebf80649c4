"""Parses kept between runs: a catalog file whose bytes were parsed before is not parsed again.

What the strict loader makes of a file depends on nothing but its bytes and the depth limit: its
data, the marks of its positions and its findings (the file's name aside). Within
``with parse_cache(folder):`` each catalog loaded keeps a *pack* in ``folder``: one file per
catalog (a folder on disk, or a catalog path of a git repository, whatever the revision) holding
the parse of each of its files by the digest of the file's bytes
(:mod:`servicecatalog.cache` says where the cache folder is). Loading the catalog again reads
the pack at once and parses only the files whose bytes are new; the pack is written again,
atomically, when a file was parsed anew (see :meth:`ParsePack.save` for what it keeps).

A pack that cannot be read (missing, truncated, damaged: its checksum; written by another version
of servicecatalog, PyYAML or Python) is taken as empty, and one that cannot be written is not
written: the cache changes how long a load takes, never what it finds.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from array import array
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ._yaml_events import Parsed
from .cache import cache_folder
from .findings import Finding, Severity

__all__ = ["PackUpdate", "ParsePack", "open_pack"]

_MAGIC = b"servicecatalog parse pack 1\n"
_SALT_SIZE = 16
_CHECKSUM_SIZE = 4
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
    """The kept parses of one catalog, and those of the files this load parsed anew."""

    def __init__(self, file: Path, salt: bytes) -> None:
        self.file = file
        self._salt = salt
        self._kept = _read(file, salt)
        self._used: dict[bytes, bytes] = {}
        self._new = False
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
            self._taken.append(key)
        else:
            blob = self._used.get(key)
        if blob is None:
            return None
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
        self._used[key] = blob
        return Parsed(data, rebuilt, kept_marks)

    def keep(self, key: bytes, parsed: Parsed) -> None:
        """Keep a parse just made (the data as it is now: before anything reads it)."""
        findings = tuple(
            (f.rule, f.severity.value, f.message, f.message_en, f.line, f.column)
            for f in parsed.findings
        )
        marks = parsed.marks
        entry: _Entry = (parsed.data, marks.typecode, marks.tobytes(), findings)
        self._used[key] = self._made[key] = marshal.dumps(entry, _MARSHAL_VERSION)
        self._new = True

    def hand_over(self) -> PackUpdate:
        """What was taken from this pack and added to it since the last hand-over: a worker
        process sends it to the pack it was forked from (:meth:`take_over`)."""
        update = PackUpdate(tuple(self._taken), dict(self._made))
        self._taken.clear()
        self._made.clear()
        return update

    def take_over(self, update: PackUpdate) -> None:
        """Count what a worker took from its copy of this pack, and keep what it added."""
        for key in update.taken:
            blob = self._kept.pop(key, None)
            if blob is not None:
                self._used[key] = blob
        if update.made:
            self._used.update(update.made)
            self._new = True

    def close(self) -> None:
        """Write the pack again if this load parsed a file anew, or left too many kept parses
        unused; then let go of the parses (a later lookup parses again).

        The parses this load did not use are kept too, as long as they are no more than those
        it used (and a few): the other revision of a diff, or a branch one returns to, finds its
        parses there; past that bound they are dropped, so a pack grows no larger than about
        twice its catalog.
        """
        used, unused, new = self._used, self._kept, self._new
        self._used, self._kept, self._new = {}, {}, False
        within = len(unused) <= len(used) + _SPARE_ENTRIES
        if not new and within:
            return
        entries = {**unused, **used} if within else used
        payload = marshal.dumps(entries, _MARSHAL_VERSION)
        checksum = zlib.crc32(payload).to_bytes(_CHECKSUM_SIZE, "big")
        with suppress(OSError):
            _write(self.file, (_MAGIC, self._salt, checksum, payload))


def _read(file: Path, salt: bytes) -> dict[bytes, bytes]:
    try:
        content = file.read_bytes()
    except OSError:
        return {}
    header = len(_MAGIC) + _SALT_SIZE + _CHECKSUM_SIZE
    if (
        len(content) < header
        or not content.startswith(_MAGIC)
        or content[len(_MAGIC) : len(_MAGIC) + _SALT_SIZE] != salt
    ):
        return {}
    payload = memoryview(content)[header:]
    if (
        zlib.crc32(payload).to_bytes(_CHECKSUM_SIZE, "big")
        != content[header - _CHECKSUM_SIZE : header]
    ):
        return {}
    try:
        kept = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(
        type(key) is bytes and type(blob) is bytes for key, blob in kept.items()
    ):
        return {}
    return kept


def _write(file: Path, parts: tuple[bytes, ...]) -> None:
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".pack-", dir=file.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            for part in parts:
                stream.write(part)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def _salt() -> bytes | None:
    """What the pack's parses were made with; None when the parsing code cannot be read."""
    digest = hashlib.blake2b(digest_size=_SALT_SIZE)
    for part in (sys.version, yaml.__version__, str(hasattr(yaml, "CBaseLoader"))):
        digest.update(part.encode() + b"\0")
    for name in _PARSING_MODULES:
        source = getattr(sys.modules.get(name), "__file__", None)
        if source is None:
            return None
        try:
            digest.update(Path(source).read_bytes())
        except OSError:
            return None
    return digest.digest()
