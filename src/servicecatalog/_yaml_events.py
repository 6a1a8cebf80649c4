"""Strict YAML, from the parser's events: plain data, the position of every value, and the
loader's findings (docs/format.md#how-every-file-is-read).

Every scalar is a string except a plain ``null``/``~``/empty value; duplicate keys, anchors,
aliases, merge keys and tags are findings; the nesting depth is limited and the document is built
without recursion. :mod:`servicecatalog.loader` wraps what :func:`parse` returns in a
``LoadedDocument``.
"""

from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass, field
from typing import Any

import yaml

from ._rule import Rule
from ._yaml_positions import START, Loc, Position, compact
from .findings import Finding
from .rules.yaml_safety import (
    YAML_ALIAS,
    YAML_DUPLICATE_KEY,
    YAML_EMPTY_DOCUMENT,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_SYNTAX,
    YAML_TAG,
    YAML_TOO_DEEP,
)
from .rules.yaml_style import YAML_UNQUOTED_CODE, YAML_UNQUOTED_DATE

__all__ = ["CODE_KEYS", "START", "Loc", "Parsed", "Position", "located", "parse"]

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


def located(
    rule: Rule, file: str, position: Position | None, message: str, message_en: str
) -> Finding:
    """A finding of ``rule`` at ``position`` in ``file`` (``None``: the file as a whole)."""
    return rule.finding(
        message,
        message_en,
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
    )


@dataclass(frozen=True, slots=True)
class Parsed:
    """What parsing a text gave: the data (``None`` when unusable), the findings, and the
    positions of its values as marks (see :func:`._yaml_positions.index`)."""

    data: Any
    findings: tuple[Finding, ...]
    marks: array[int]


def parse(text: str, file: str, max_depth: int) -> Parsed:
    """Parse ``text`` of the file named ``file``, keeping every position as marks."""
    return _Builder(file, max_depth).build(text)


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

    Positions are kept as marks while parsing (see :func:`._yaml_positions.index`), a few bytes
    a value; :class:`~servicecatalog.loader.LoadedDocument` turns them into positions when asked.
    """

    def __init__(self, file: str, max_depth: int) -> None:
        self.file = file
        self.max_depth = max_depth
        self.marks: array[int] = array("I")
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_position = START
        self.documents = 0

    def build(self, text: str) -> Parsed:
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
                located(
                    YAML_SYNTAX,
                    self.file,
                    START,
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
        return Parsed(self.root, tuple(self.findings), compact(self.marks))

    def _reader_finding(self, text: str, error: yaml.reader.ReaderError) -> Finding:
        """A character YAML does not allow, named and located by character (libyaml reports
        the offset in UTF-8 bytes, which differs as soon as a Chinese character precedes)."""
        offset = _character_offset(text, error)
        if offset is None:
            return located(
                YAML_SYNTAX,
                self.file,
                START,
                f"YAML 语法错误：{error.reason}",
                f"YAML syntax error: {error.reason}",
            )
        code = ord(text[offset])
        return located(
            YAML_SYNTAX,
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
            return START
        retry = _Builder(self.file, self.max_depth).build(text[: offset + 1])
        for finding in retry.findings:
            if finding.rule == YAML_TOO_DEEP.id and finding.line is not None:
                return Position(finding.line, finding.column or 1)
        return _text_position(text, offset)

    def _empty_finding(self) -> Finding:
        """A file with no content, only comments, or only ``null``: an item (or any catalog
        file) that became empty must never pass as if it had not been there."""
        return located(
            YAML_EMPTY_DOCUMENT,
            self.file,
            self.root_position,
            "文件为空（没有内容，或只有注释、“---”、null 或 ~）",
            "the file is empty (nothing, or only comments, '---', null or ~)",
        )

    def _depth_finding(self, position: Position) -> Finding:
        return located(
            YAML_TOO_DEEP,
            self.file,
            position,
            f"嵌套层级超过上限 {self.max_depth}",
            f"the document nests deeper than the limit of {self.max_depth} levels",
        )

    def _failed(self, finding: Finding) -> Parsed:
        return Parsed(None, (*self.findings, finding), array("H"))

    def _syntax_finding(self, error: yaml.MarkedYAMLError) -> Finding:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else START
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        return located(
            YAML_SYNTAX,
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
                YAML_MULTIPLE_DOCUMENTS,
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
            if not event.style and value[0] in _NUMBERSTART:
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
                YAML_ALIAS,
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
            located(
                YAML_UNQUOTED_CODE,
                self.file,
                _position(event.start_mark),
                f"{key}: {value} 未加引号，其他 YAML 工具会把它读成数字"
                f"{'（丢掉前导零）' if zeros else ''}，按 JSON Schema 校验也不通过；"
                f'请写成 {key}: "{value}"',
                f"{key}: {value} is not quoted: other YAML tools read it as a number"
                f"{' (dropping its leading zeros)' if zeros else ''} and the JSON Schema refuses "
                f'it; write {key}: "{value}"',
            )
        )

    def _check_unquoted_date(self, value: str, event: Any) -> None:
        if not _reads_as_timestamp(value):
            return
        self.findings.append(
            located(
                YAML_UNQUOTED_DATE,
                self.file,
                _position(event.start_mark),
                f"日期 {value} 未加引号，YAML 1.1 工具（如 js-yaml、PyYAML）会把它读成时间戳而不是文本，"
                f'按 JSON Schema 校验也不通过；请写成 "{value}"',
                f"the date {value} is not quoted: YAML 1.1 tools (js-yaml, PyYAML) read it as a "
                f'timestamp, not as text, and the JSON Schema refuses it; write "{value}"',
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
            YAML_ALIAS,
            event.start_mark,
            f"不允许使用别名 “*{event.anchor}”；请写出全部内容",
            f"aliases (*{event.anchor}) are not allowed: write the content out",
        )
        self._deliver(None, event.start_mark, is_scalar=True)

    def _check_node_properties(self, event: Any) -> None:
        if event.anchor is not None:
            self._report(
                YAML_ALIAS,
                event.start_mark,
                f"不允许使用锚点 “&{event.anchor}”",
                f"anchors (&{event.anchor}) are not allowed",
            )
        # A tag the document did not write is reported as None; anything else, the bare
        # non-specific "!" included, was written and is refused.
        if event.tag is not None:
            self._report(
                YAML_TAG,
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
            self._report(YAML_SYNTAX, mark, "键必须是字符串", "mapping keys must be strings")
            return
        frame.key = key
        first = frame.seen.get(key)
        if first is not None:
            self._report(
                YAML_DUPLICATE_KEY,
                mark,
                f"键 “{key}” 重复（第一次出现在第 {first} 行）",
                f"duplicate key '{key}' (first at line {first})",
            )
            return
        frame.seen[key] = mark.line + 1
        frame.key_valid = not merge

    def _report(self, rule: Rule, mark: Any, message: str, message_en: str) -> None:
        self.findings.append(located(rule, self.file, _position(mark), message, message_en))


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


# The characters YAML 1.1 allows in a stream (PyYAML's reader refuses the rest).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


_NUMBERSTART = frozenset("0123456789+-.")


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
