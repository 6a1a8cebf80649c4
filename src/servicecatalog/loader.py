"""Strict YAML loading: plain data with the position of every value.

The loader reads a catalog file as docs/format.md#how-every-file-is-read describes it:

* UTF-8 only (a leading BOM is accepted); another encoding is a finding that names it;
* every scalar is a string (``CBaseLoader`` semantics) except a plain ``null``/``~``/empty value,
  which is ``None``; the models turn strings into numbers, dates and booleans per field, which
  removes YAML 1.1's traps (``0114`` as octal, implicit dates, ``no`` as false);
* duplicate keys, anchors, aliases, merge keys and tags are findings, never silently resolved;
* file size and nesting depth are limited, and the document is built from the parser's events
  without recursion, so a 20,000-deep document is a finding rather than a ``RecursionError``;
* every value keeps its 1-based line and column, so every later finding can point at it;
* a code, region code or phone number written without quotes is a warning: this loader reads it
  as the string it is, but other YAML tools (editors, check-jsonschema) read it as a number.

The loader never raises for bad input: what it cannot use becomes findings and ``data is None``.
Telling the encoding is :mod:`._yaml_encoding`'s job, building data and positions from the
parser's events :mod:`._yaml_events`'s; this module reads the bytes and keeps the result.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._files import ReadProblem, display_path, read_regular, too_large
from ._parse_cache import ParsePack
from ._yaml_encoding import decode
from ._yaml_events import CODE_KEYS, Parsed, located, parse
from ._yaml_positions import START, Loc, Position, index, marked, seek
from .findings import Finding, Severity
from .rules.yaml_safety import UNREAD_RULES

__all__ = [
    "CODE_KEYS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "LoadedDocument",
    "Loc",
    "Parsed",
    "Position",
    "document",
    "load_bytes",
    "load_content",
    "load_file",
    "parse_and_keep",
    "parse_bytes",
]

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One parsed file: its data, the positions of its values and the loader's findings.

    ``positions`` maps the location of every value (a tuple of keys and indexes, as pydantic
    reports them) to where it starts; ``key_positions`` maps the location of a mapping value to
    where its key stands. ``data`` is ``None`` when the file could not be used at all.

    Parsing keeps every position, compactly (see :mod:`._yaml_positions`). A document loaded
    with ``positions=False`` keeps only those marks: its :meth:`position` and :meth:`key_position`
    find the marks of a value by counting the values before it (most files have no finding, and
    are never asked), and ``positions`` and ``key_positions`` are made when first read. The file
    is never parsed again, and every answer is the same either way.
    """

    file: str
    data: Any
    _positions: Mapping[Loc, Position] | None = field(default_factory=dict, repr=False)
    _key_positions: Mapping[Loc, Position] | None = field(default_factory=dict, repr=False)
    findings: tuple[Finding, ...] = ()
    _marks: array[int] | None = field(default=None, repr=False, compare=False)

    @property
    def usable(self) -> bool:
        """True when the loader found no error and produced data."""
        return self.data is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    @property
    def positions(self) -> Mapping[Loc, Position]:
        """Where each value starts, by location."""
        if self._positions is None:
            self._locate()
        assert self._positions is not None  # set by _locate
        return self._positions

    @property
    def key_positions(self) -> Mapping[Loc, Position]:
        """Where the key of each mapping value stands, by the value's location."""
        if self._key_positions is None:
            self._locate()
        assert self._key_positions is not None  # set by _locate
        return self._key_positions

    def _locate(self) -> None:
        positions, key_positions = index(self.data, self._marks)
        # Frozen for users; filled in once, here, from the marks kept while parsing.
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_key_positions", key_positions)
        object.__setattr__(self, "_marks", None)

    def position(self, loc: Loc) -> Position:
        """Where the value at ``loc`` starts, or its nearest ancestor that has a position."""
        if self._positions is None:
            # A few questions about a file with findings: answered from the marks, without
            # the mappings of every position, which would outweigh the file's data.
            return marked(self._marks, seek(self.data, loc).value)
        positions = self._positions
        for end in range(len(loc), -1, -1):
            found = positions.get(loc[:end])
            if found is not None:
                return found
        return START

    def key_position(self, loc: Loc) -> Position:
        """Where the key of the value at ``loc`` stands, falling back to the value itself."""
        if self._key_positions is None:
            found = seek(self.data, loc)
            if found.depth == len(loc) and found.key is not None:
                return marked(self._marks, found.key)
            return marked(self._marks, found.value)
        return self._key_positions.get(loc) or self.position(loc)

    def container_position(self, loc: Loc) -> Position:
        """Where a missing entry of the mapping at ``loc`` belongs: at that mapping's key."""
        if not loc:
            return self.position(()) if self.data is not None else START
        return self.key_position(loc)


def load_file(
    path: Path,
    display: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
    pack: ParsePack | None = None,
) -> LoadedDocument:
    """Read and parse ``path``; ``display`` is the file name findings use (default: ``path``).

    Only a regular file is read, and at most ``max_bytes`` of it (see :mod:`._files`).
    ``positions=False`` defers indexing the positions until one is asked for; ``pack`` is as
    for :func:`load_bytes`.
    """
    name = display if display is not None else display_path(str(path))
    content = read_regular(path, max_bytes)
    return load_content(
        content, name, max_bytes=max_bytes, max_depth=max_depth, positions=positions, pack=pack
    )


def load_content(
    content: bytes | ReadProblem,
    file: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
    pack: ParsePack | None = None,
) -> LoadedDocument:
    """Parse ``content``, or report why the file named ``file`` could not be read (``pack`` as
    for :func:`load_bytes`)."""
    if isinstance(content, ReadProblem):
        rule = UNREAD_RULES[content.kind]
        finding = located(rule, file, None, content.message, content.message_en)
        return LoadedDocument(file, None, findings=(finding,))
    return load_bytes(
        content, file, max_bytes=max_bytes, max_depth=max_depth, positions=positions, pack=pack
    )


def load_bytes(
    raw: bytes,
    file: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
    pack: ParsePack | None = None,
) -> LoadedDocument:
    """Parse the bytes of a file named ``file`` (``positions`` as for :func:`load_file`).

    With a ``pack`` (see :mod:`._parse_cache`), bytes parsed before are not parsed again, and a
    parse made here is kept in it.
    """
    if len(raw) > max_bytes:
        return _too_large(file, len(raw), max_bytes)
    parsed = (
        parse_bytes(raw, file, max_depth) if pack is None else _kept(pack, raw, file, max_depth)
    )
    return document(file, parsed, positions=positions)


def parse_bytes(raw: bytes, file: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Parsed | Finding:
    """The parse of ``raw``, the bytes of the file named ``file``, or why it is not UTF-8 (what
    :func:`document` makes a document of; the size is checked before)."""
    text = decode(raw, file)
    return text if isinstance(text, Finding) else parse(text, file, max_depth)


def document(file: str, parsed: Parsed | Finding, *, positions: bool = True) -> LoadedDocument:
    """The document of the file named ``file`` that ``parsed`` (:func:`parse_bytes`) gives."""
    if isinstance(parsed, Finding):
        return LoadedDocument(file, None, findings=(parsed,))
    if parsed.data is None:
        return LoadedDocument(file, None, findings=parsed.findings)
    if not positions:
        return LoadedDocument(file, parsed.data, None, None, parsed.findings, parsed.marks)
    indexed, key_indexed = index(parsed.data, parsed.marks)
    return LoadedDocument(file, parsed.data, indexed, key_indexed, parsed.findings)


def parse_and_keep(
    raw: bytes,
    file: str,
    pack: ParsePack | None,
    key: bytes | None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Parsed | Finding:
    """:func:`parse_bytes`, the parse kept in ``pack`` under ``key`` (``pack.key(raw, ...)``)."""
    parsed = parse_bytes(raw, file, max_depth)
    if pack is not None and key is not None and isinstance(parsed, Parsed):
        pack.keep(key, parsed)
    return parsed


def _kept(pack: ParsePack, raw: bytes, file: str, max_depth: int) -> Parsed | Finding:
    """The parse of ``raw`` kept in ``pack``, else made and kept there."""
    key = pack.key(raw, max_depth)
    kept = pack.parsed(key, file)
    return kept if kept is not None else parse_and_keep(raw, file, pack, key, max_depth)


def _too_large(file: str, size: int, limit: int) -> LoadedDocument:
    return load_content(too_large(limit, size), file)
