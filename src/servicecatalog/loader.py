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
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._files import ReadProblem, display_path, read_regular, too_large
from .findings import Finding, Severity

__all__ = [
    "CODE_KEYS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "LoadedDocument",
    "Loc",
    "Position",
    "load_bytes",
    "load_content",
    "load_file",
]

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_DEPTH = 32

Loc = tuple[str | int, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

CODE_KEYS = frozenset(
    {"code", "province", "department", "region", "parent", "item", "phone", "complaint_phone"}
)
"""Keys whose values are digit strings — item codes, province and department codes, region codes,
phone numbers — in any catalog file: written without quotes, other YAML tools read them as numbers
(``0114`` as 76 in YAML 1.1, as 114 in YAML 1.2) and our own JSON Schemas refuse them."""

# What YAML 1.2's core schema reads as a number; YAML 1.1's readings come from PyYAML's resolver.
_CORE_NUMBER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_RESOLVER: Any = yaml.resolver.Resolver()
_SHARED_LENGTH = 32
_MERGE_KEY = "<<"
# libyaml when PyYAML was built with it (the usual wheels are); the pure-Python parser otherwise.
_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


_START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One parsed file: its data, the positions of its values and the loader's findings.

    ``positions`` maps the location of every value (a tuple of keys and indexes, as pydantic
    reports them) to where it starts; ``key_positions`` maps the location of a mapping value to
    where its key stands. ``data`` is ``None`` when the file could not be used at all.

    Parsing keeps every position, compactly: the lines and columns of the values in document
    order (see :func:`_index`). A document loaded with ``positions=False`` keeps only those: its
    :meth:`position` and :meth:`key_position` find the marks of a value by counting the values
    before it (most files have no finding, and are never asked), and ``positions`` and
    ``key_positions`` are made when first read. The file is never parsed again, and every answer
    is the same either way.
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
        positions, key_positions = _index(self.data, self._marks)
        # Frozen for users; filled in once, here, from the marks kept while parsing.
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_key_positions", key_positions)
        object.__setattr__(self, "_marks", None)

    def position(self, loc: Loc) -> Position:
        """Where the value at ``loc`` starts, or its nearest ancestor that has a position."""
        if self._positions is None:
            # A few questions about a file with findings: answered from the marks, without
            # the mappings of every position, which would outweigh the file's data.
            return _marked(self._marks, _seek(self.data, loc).value)
        positions = self._positions
        for end in range(len(loc), -1, -1):
            found = positions.get(loc[:end])
            if found is not None:
                return found
        return _START

    def key_position(self, loc: Loc) -> Position:
        """Where the key of the value at ``loc`` stands, falling back to the value itself."""
        if self._key_positions is None:
            found = _seek(self.data, loc)
            if found.depth == len(loc) and found.key is not None:
                return _marked(self._marks, found.key)
            return _marked(self._marks, found.value)
        return self._key_positions.get(loc) or self.position(loc)

    def container_position(self, loc: Loc) -> Position:
        """Where a missing entry of the mapping at ``loc`` belongs: at that mapping's key."""
        if not loc:
            return self.position(()) if self.data is not None else _START
        return self.key_position(loc)


def load_file(
    path: Path,
    display: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
) -> LoadedDocument:
    """Read and parse ``path``; ``display`` is the file name findings use (default: ``path``).

    Only a regular file is read, and at most ``max_bytes`` of it (see :mod:`._files`).
    ``positions=False`` defers indexing the positions until one is asked for.
    """
    name = display if display is not None else display_path(str(path))
    content = read_regular(path, max_bytes)
    return load_content(
        content, name, max_bytes=max_bytes, max_depth=max_depth, positions=positions
    )


def load_content(
    content: bytes | ReadProblem,
    file: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
) -> LoadedDocument:
    """Parse ``content``, or report why the file named ``file`` could not be read."""
    if isinstance(content, ReadProblem):
        finding = _finding(content.rule, file, None, content.message, content.message_en)
        return LoadedDocument(file, None, findings=(finding,))
    return load_bytes(content, file, max_bytes=max_bytes, max_depth=max_depth, positions=positions)


def load_bytes(
    raw: bytes,
    file: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    positions: bool = True,
) -> LoadedDocument:
    """Parse the bytes of a file named ``file`` (``positions`` as for :func:`load_file`)."""
    if len(raw) > max_bytes:
        return _too_large(file, len(raw), max_bytes)
    text_or_finding = _decode(raw, file)
    if isinstance(text_or_finding, Finding):
        return LoadedDocument(file, None, findings=(text_or_finding,))
    return _Builder(file, max_depth, index=positions).build(text_or_finding)


def _too_large(file: str, size: int, limit: int) -> LoadedDocument:
    return load_content(too_large(limit, size), file)


def _finding(
    rule: str,
    file: str,
    position: Position | None,
    message: str,
    message_en: str,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        message_en=message_en,
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
    )


# ---- encoding -------------------------------------------------------------------------------

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
# Without a mark, a file in a wide encoding is told by decoding it; UTF-32 first, since UTF-32
# text also decodes as UTF-16 (with NUL characters in it).
_WIDE = (
    ("utf-32-le", "UTF-32"),
    ("utf-32-be", "UTF-32"),
    ("utf-16-le", "UTF-16"),
    ("utf-16-be", "UTF-16"),
)


def _decode(raw: bytes, file: str) -> str | Finding:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    encoding = _wide_encoding(raw)
    if encoding is not None:
        return _finding(
            "yaml-encoding",
            file,
            _START,
            f"文件是 {encoding} 编码；请另存为 UTF-8",
            f"the file is {encoding} encoded; save it as UTF-8",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        position = _byte_position(raw, error.start)
        if _looks_like_gbk(raw):
            return _finding(
                "yaml-encoding",
                file,
                position,
                "文件不是 UTF-8 编码，看起来是 GBK（Windows 中文编辑器的默认编码）；请另存为 UTF-8",
                "the file is not UTF-8; it looks like GBK (the default of Chinese Windows "
                "editors): save it as UTF-8",
            )
        return _finding(
            "yaml-encoding",
            file,
            position,
            f"文件不是 UTF-8 编码：第 {error.start + 1} 字节 0x{raw[error.start]:02x} 无法解码",
            f"the file is not UTF-8: byte {error.start + 1} (0x{raw[error.start]:02x}) "
            "cannot be decoded",
        )


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when ``raw`` is in one of them, with or without a byte-order mark.

    Without a mark, the pattern of NUL bytes in the first four tells (a YAML file starts with an
    ASCII character), as YAML's own encoding detection does; failing that, a file that is not
    UTF-8, holds NUL bytes and decodes cleanly as one of them to text.
    """
    for mark, name in _BOMS:
        if raw.startswith(mark):
            return name
    head = raw[:4]
    if len(head) == 4 and (head[:3] == b"\0\0\0" or head[1:] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16"
    if 0 not in raw or _is_utf8(raw):
        return None
    for codec, name in _WIDE:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return name
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_text(text: str) -> bool:
    printable = sum(char.isprintable() or char in "\t\r\n" for char in text)
    return "\x00" not in text and printable >= 0.95 * len(text)


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(before.count(b"\n") + 1, column)


# ---- parsing --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence under construction."""

    placed: bool  # False: a discarded container (a key, a duplicate's value), none of it kept
    container: dict[str, Any] | list[Any]
    is_list: bool
    key: str | None = None
    key_mark: Any = None
    key_valid: bool = False
    expecting_key: bool = True
    seen: dict[str, int] = field(default_factory=dict)
    """Keys seen so far and the (1-based) line of each, for duplicate-key messages."""


class _DepthExceededError(Exception):
    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position


class _Builder:
    """Turns parser events into plain data, positions and findings, without recursion.

    Positions are kept as marks while parsing (see :func:`_index`); with ``index=True`` they are turned into
    the mappings by location at once, otherwise :class:`LoadedDocument` does so when asked.
    """

    def __init__(self, file: str, max_depth: int, *, index: bool = True) -> None:
        self.file = file
        self.max_depth = max_depth
        self.index = index
        self.marks: array[int] = array("I")
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_position = _START
        self.documents = 0

    def build(self, text: str) -> LoadedDocument:
        parser = _Parser(text)
        next_event = parser.get_event
        try:
            event = next_event()
            while event is not None:
                # The commonest events first, tested by identity: this loop is most of a load.
                kind = type(event)
                if kind is _ScalarEvent:
                    self._scalar(event)
                elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                    self.stack.pop()
                elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                    self._start(event, kind is _SequenceStartEvent)
                elif kind is _AliasEvent:
                    self._alias(event)
                elif kind is _DocumentStartEvent:
                    self._document_start(event)
                event = next_event()
        except yaml.MarkedYAMLError as error:
            if "nesting depth" in str(error.problem):
                return self._failed(self._depth_finding(self._depth_position(text)))
            return self._failed(self._syntax_finding(error))
        except yaml.reader.ReaderError as error:
            return self._failed(self._reader_finding(text, error))
        except yaml.YAMLError as error:
            return self._failed(
                _finding(
                    "yaml-syntax",
                    self.file,
                    _START,
                    f"YAML 语法错误：{error}",
                    f"YAML syntax error: {error}",
                )
            )
        except _DepthExceededError as error:
            return self._failed(self._depth_finding(error.position))
        finally:
            parser.dispose()
        if self.root is None:
            return self._failed(self._empty_finding())
        if not self.index:
            return LoadedDocument(
                self.file, self.root, None, None, tuple(self.findings), _compact(self.marks)
            )
        positions, key_positions = _index(self.root, self.marks)
        return LoadedDocument(self.file, self.root, positions, key_positions, tuple(self.findings))

    def _reader_finding(self, text: str, error: yaml.reader.ReaderError) -> Finding:
        """A character YAML does not allow, named and located by character (libyaml reports
        the offset in UTF-8 bytes, which differs as soon as a Chinese character precedes)."""
        offset = _character_offset(text, error)
        if offset is None:
            return _finding(
                "yaml-syntax",
                self.file,
                _START,
                f"YAML 语法错误：{error.reason}",
                f"YAML syntax error: {error.reason}",
            )
        code = ord(text[offset])
        return _finding(
            "yaml-syntax",
            self.file,
            _text_position(text, offset),
            f"文件含有不允许的控制字符 U+{code:04X}",
            f"the file contains a control character (U+{code:04X}), which YAML does not allow",
        )

    def _depth_position(self, text: str) -> Position:
        """Where the document first nests too deep, when libyaml gave up on flow nesting first.

        libyaml refuses flow nesting past its own limit while scanning ahead, before the events
        reach our depth check. Parsing the text cut just past where the flow brackets alone
        exceed our limit lets the check see the events and name the exact place.
        """
        offset = _flow_depth_offset(text, self.max_depth)
        if offset is None:
            return _START
        retry = _Builder(self.file, self.max_depth).build(text[: offset + 1])
        for finding in retry.findings:
            if finding.rule == "yaml-too-deep" and finding.line is not None:
                return Position(finding.line, finding.column or 1)
        return _text_position(text, offset)

    def _empty_finding(self) -> Finding:
        """A file with no content, only comments, or only ``null``: an item (or any catalog
        file) that became empty must never pass as if it had not been there."""
        return _finding(
            "yaml-empty-document",
            self.file,
            self.root_position,
            "文件为空（没有内容，或只有注释、“---”、null 或 ~）",
            "the file is empty (nothing, or only comments, '---', null or ~)",
        )

    def _depth_finding(self, position: Position) -> Finding:
        return _finding(
            "yaml-too-deep",
            self.file,
            position,
            f"嵌套层级超过上限 {self.max_depth}",
            f"the document nests deeper than the limit of {self.max_depth} levels",
        )

    def _failed(self, finding: Finding) -> LoadedDocument:
        return LoadedDocument(self.file, None, findings=(*self.findings, finding))

    def _syntax_finding(self, error: yaml.MarkedYAMLError) -> Finding:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else _START
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        return _finding(
            "yaml-syntax",
            self.file,
            position,
            f"YAML 语法错误：{problem}{context}",
            f"YAML syntax error: {problem}{context}",
        )

    # -- events

    def _document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents == 2:
            self._report(
                "yaml-multiple-documents",
                event.start_mark,
                "文件包含多个 YAML 文档；只读取第一个",
                "the file holds more than one YAML document; only the first is read",
            )

    def _scalar(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_node_properties(event)
        value = event.value
        if not event.style and value in _NULLS:
            value = None
        else:
            if not event.style and value[0] in _NUMBER_START:
                self._check_unquoted_code(value, event)
                self._check_unquoted_date(value, event)
            if len(value) <= _SHARED_LENGTH:
                # Keys and short values (ids, enum words, dates) recur in every file: one string
                # object each, rather than one per occurrence, is a quarter of an item's memory.
                value = sys.intern(value)
        if self.stack and self._placed_in_mapping(self.stack[-1], value, event.start_mark):
            return
        merge = value == _MERGE_KEY and self._is_merge_key(event)
        if merge:
            self._report(
                "yaml-alias",
                event.start_mark,
                "不允许使用合并键 “<<”；请写出全部内容",
                "merge keys (<<) are not allowed: write the content out",
            )
        self._deliver(value, event.start_mark, is_scalar=True, merge=merge)

    def _placed_in_mapping(self, frame: _Frame, value: str | None, mark: Any) -> bool:
        """The common cases of a scalar in a mapping, done at once: a new string key, or the
        value of a valid key. False for anything else (a list's entry, a key to refuse), which
        :meth:`_deliver` places, reporting what it must."""
        if frame.is_list:
            return False
        if not frame.expecting_key:
            if not frame.key_valid:
                return False
            frame.expecting_key = True
            frame.container[frame.key] = value  # type: ignore[call-overload,index]  # a mapping
            if frame.placed:
                key_mark = frame.key_mark
                self.marks.extend((key_mark.line, key_mark.column, mark.line, mark.column))
            return True
        if value is None or value == _MERGE_KEY or value in frame.seen:
            return False
        frame.expecting_key = False
        frame.key_mark = mark
        frame.key = value
        frame.seen[value] = mark.line + 1
        frame.key_valid = True
        return True

    def _check_unquoted_code(self, value: str, event: Any) -> None:
        frame = self.stack[-1] if self.stack else None
        if (
            frame is None
            or frame.is_list
            or frame.expecting_key
            or not frame.key_valid
            or frame.key not in CODE_KEYS
            or not _reads_as_number(value)
        ):
            return
        key = frame.key
        zeros = value.startswith("0") and len(value) > 1
        self.findings.append(
            _finding(
                "yaml-unquoted-code",
                self.file,
                _position(event.start_mark),
                f"{key}: {value} 未加引号，其他 YAML 工具会把它读成数字"
                f"{'（丢掉前导零）' if zeros else ''}，按 JSON Schema 校验也不通过；"
                f'请写成 {key}: "{value}"',
                f"{key}: {value} is not quoted: other YAML tools read it as a number"
                f"{' (dropping its leading zeros)' if zeros else ''} and the JSON Schema refuses "
                f'it; write {key}: "{value}"',
                Severity.WARNING,
            )
        )

    def _check_unquoted_date(self, value: str, event: Any) -> None:
        if not _reads_as_timestamp(value):
            return
        self.findings.append(
            _finding(
                "yaml-unquoted-date",
                self.file,
                _position(event.start_mark),
                f"日期 {value} 未加引号，YAML 1.1 工具（如 js-yaml、PyYAML）会把它读成时间戳而不是文本，"
                f'按 JSON Schema 校验也不通过；请写成 "{value}"',
                f"the date {value} is not quoted: YAML 1.1 tools (js-yaml, PyYAML) read it as a "
                f'timestamp, not as text, and the JSON Schema refuses it; write "{value}"',
                Severity.WARNING,
            )
        )

    def _is_merge_key(self, event: Any) -> bool:
        frame = self.stack[-1] if self.stack else None
        return (
            frame is not None
            and not frame.is_list
            and frame.expecting_key
            and not event.style  # plain: libyaml says "", the Python parser None
            and event.value == _MERGE_KEY
        )

    def _start(self, event: Any, is_list: bool) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_node_properties(event)
        if len(self.stack) >= self.max_depth:
            raise _DepthExceededError(_position(event.start_mark))
        container: dict[str, Any] | list[Any] = [] if is_list else {}
        placed = self._deliver(container, event.start_mark, is_scalar=False)
        self.stack.append(_Frame(placed, container, is_list))

    def _alias(self, event: Any) -> None:
        self._report(
            "yaml-alias",
            event.start_mark,
            f"不允许使用别名 “*{event.anchor}”；请写出全部内容",
            f"aliases (*{event.anchor}) are not allowed: write the content out",
        )
        self._deliver(None, event.start_mark, is_scalar=True)

    def _check_node_properties(self, event: Any) -> None:
        if event.anchor is not None:
            self._report(
                "yaml-alias",
                event.start_mark,
                f"不允许使用锚点 “&{event.anchor}”",
                f"anchors (&{event.anchor}) are not allowed",
            )
        # A tag the document did not write is reported as None; anything else, the bare
        # non-specific "!" included, was written and is refused.
        if event.tag is not None:
            self._report(
                "yaml-tag",
                event.start_mark,
                f"不允许使用标签 “{event.tag}”",
                f"tags ({event.tag}) are not allowed",
            )

    # -- assembling

    def _deliver(self, value: Any, mark: Any, *, is_scalar: bool, merge: bool = False) -> bool:
        """Place a finished scalar or a new container into its parent and keep its position;
        return whether it was placed (a key, or the value of a refused key, is not)."""
        stack = self.stack
        if not stack:
            if self.documents > 1:
                return False
            self.root = value
            self.root_position = _position(mark)
            self.marks.extend((mark.line, mark.column))
            return True
        frame = stack[-1]
        if frame.is_list:
            frame.container.append(value)  # type: ignore[union-attr]  # a sequence frame
            if frame.placed:
                self.marks.extend((mark.line, mark.column))
            return frame.placed
        if frame.expecting_key:
            self._accept_key(frame, value, mark, is_scalar=is_scalar, merge=merge)
            return False
        frame.expecting_key = True
        key = frame.key
        if not frame.key_valid or key is None:
            return False
        frame.container[key] = value  # type: ignore[call-overload]  # a mapping frame
        if frame.placed:
            key_mark = frame.key_mark
            self.marks.extend((key_mark.line, key_mark.column, mark.line, mark.column))
        return frame.placed

    def _accept_key(
        self, frame: _Frame, key: Any, mark: Any, *, is_scalar: bool, merge: bool
    ) -> None:
        frame.expecting_key = False
        frame.key_mark = mark
        frame.key_valid = False
        if not is_scalar or key is None:
            self._report("yaml-syntax", mark, "键必须是字符串", "mapping keys must be strings")
            return
        frame.key = key
        first = frame.seen.get(key)
        if first is not None:
            self._report(
                "yaml-duplicate-key",
                mark,
                f"键 “{key}” 重复（第一次出现在第 {first} 行）",
                f"duplicate key '{key}' (first at line {first})",
            )
            return
        frame.seen[key] = mark.line + 1
        frame.key_valid = not merge

    def _report(self, rule: str, mark: Any, message: str, message_en: str) -> None:
        self.findings.append(_finding(rule, self.file, _position(mark), message, message_en))


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


# ---- positions ------------------------------------------------------------------------------


def _compact(marks: array[int]) -> array[int]:
    """``marks`` in two bytes a number where every line and column fits (nearly every file), at
    their exact size: what a document keeps until a position is asked for, or for ever."""
    if not marks or max(marks) <= _TWO_BYTES:
        return array("H", marks)
    return array("I", marks)


_TWO_BYTES = 0xFFFF


def _index(data: Any, marks: array[int] | None) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
    """The positions by location (of values, of keys) that ``marks`` keeps for ``data``.

    A parse keeps the positions as marks, in the order the values were placed into the data,
    which is the order a walk of the data meets them (parents before their children, a
    mapping's entries in their order): for each value, the 0-based line and column of its key
    (mapping entries only), then of the value itself. Four bytes a number: a fraction of what
    position objects by location would hold for the many files never asked for one.
    """
    positions: dict[Loc, Position] = {}
    key_positions: dict[Loc, Position] = {}
    if marks is None or not marks:
        return positions, key_positions
    numbers = iter(marks)
    positions[()] = Position(next(numbers) + 1, next(numbers) + 1)
    # Depth-first, parents first, with an explicit stack: documents nest at most max_depth.
    pending: list[tuple[Loc, Iterator[tuple[str | int, Any]]]] = []
    if isinstance(data, (dict, list)):
        pending.append(((), _entries(data)))
    while pending:
        loc, entries = pending[-1]
        entry = next(entries, None)
        if entry is None:
            pending.pop()
            continue
        step, value = entry
        child = (*loc, step)
        if isinstance(step, str):
            key_positions[child] = Position(next(numbers) + 1, next(numbers) + 1)
        positions[child] = Position(next(numbers) + 1, next(numbers) + 1)
        if isinstance(value, (dict, list)):
            pending.append((child, _entries(value)))
    return positions, key_positions


@dataclass(frozen=True, slots=True)
class _Found:
    """Where in the marks the deepest value along a location stands (and its key, if a
    mapping holds it), and how many steps of the location lead to it."""

    depth: int
    value: int
    key: int | None


def _seek(data: Any, loc: Loc) -> _Found:
    """The value at ``loc`` in ``data``, or its deepest ancestor there: where its marks are.

    Each value's marks follow those of every value before it in the walk :func:`_index`
    describes, so the values before it are counted (and only counted) to find them.
    """
    node, offset, value, key, depth = data, 2, 0, None, 0
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            for name, child in node.items():
                if name == step:
                    break
                offset += 4 + _marks_within(child)
            key, value, offset, node = offset, offset + 2, offset + 4, node[step]
        elif isinstance(node, list) and type(step) is int and 0 <= step < len(node):
            for child in node[:step]:
                offset += 2 + _marks_within(child)
            key, value, offset, node = None, offset, offset + 2, node[step]
        else:
            break
        depth += 1
    return _Found(depth, value, key)


def _marks_within(value: Any) -> int:
    """How many numbers the values inside ``value`` (not ``value`` itself) take in the marks."""
    total, pending = 0, [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            total += 4 * len(node)
            pending.extend(node.values())
        elif isinstance(node, list):
            total += 2 * len(node)
            pending.extend(node)
    return total


def _marked(marks: array[int] | None, at: int) -> Position:
    if marks is None or len(marks) < at + 2:
        return _START
    return Position(marks[at] + 1, marks[at + 1] + 1)


def _entries(container: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    if isinstance(container, dict):
        return iter(container.items())
    return enumerate(container)


# The characters YAML 1.1 allows in a stream (PyYAML's reader refuses the rest).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


_NUMBER_START = frozenset("0123456789+-.")


def _reads_as_number(value: str) -> bool:
    """True when YAML 1.1 (PyYAML, most editors) or YAML 1.2 (ruamel, check-jsonschema) reads the
    plain scalar ``value`` as a number."""
    if _CORE_NUMBER.fullmatch(value):
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) in _NUMBER_TAGS


def _reads_as_timestamp(value: str) -> bool:
    """True when YAML 1.1 (PyYAML, js-yaml, most editors) reads the plain scalar ``value`` as a
    timestamp (``2026-12-01``, ``2026-12-01 08:30:00``); YAML 1.2's core schema reads it as text."""
    if len(value) < 8 or value[4] != "-":
        return False  # every YAML 1.1 timestamp starts with four digits and a dash: asked at once
    return bool(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _TIMESTAMP_TAG)


def _character_offset(text: str, error: yaml.reader.ReaderError) -> int | None:
    """The index in ``text`` of the character the reader refused."""
    if isinstance(error.position, int) and error.position >= 0:
        offset = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
        if offset < len(text) and ord(text[offset]) == error.character:
            return offset
    found = _NOT_PRINTABLE.search(text)
    return found.start() if found else None


def _text_position(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _flow_depth_offset(text: str, max_depth: int) -> int | None:
    """The offset where flow brackets (``[`` ``{``) alone first nest deeper than ``max_depth``."""
    depth, quote = 0, ""
    for offset, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return offset
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)
