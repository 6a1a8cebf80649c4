"""Writing catalog data as YAML in the project's style: keys in the models' order, short
mappings of a list on one line (``- {id: S1, name: 网上申请, …}``), and every scalar another YAML
tool could misread — codes, dates, phone numbers, ``no`` — in double quotes."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

__all__ = ["dump"]

_FLOW_WIDTH = 100
_TYPED = re.compile(
    r"^(?:[-+]?[0-9.][0-9_.:eE+-]*|[-+]?\.(?:inf|nan)|null|~|true|false|yes|no|on|off|y|n)$",
    re.IGNORECASE,
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL = frozenset(":#,[]{}\"'\\")


def dump(data: dict[str, Any]) -> str:
    """``data`` (a mapping of plain values) as a YAML document."""
    return "".join(line + "\n" for line in _mapping_lines(data, 0))


def _mapping_lines(data: dict[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        # A file's top-level lists of mappings (materials, steps, citations) are blocks, one
        # entry a line, as the project writes them.
        top_list = (
            indent == 0 and isinstance(value, list) and any(isinstance(v, dict) for v in value)
        )
        flow = None if top_list else _flow(value)
        if flow is not None and len(pad) + len(key) + len(flow) + 2 <= _FLOW_WIDTH:
            lines.append(f"{pad}{key}: {flow}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(_mapping_lines(value, indent + 2))
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines.extend(_sequence_lines(value, indent + 2))
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


def _sequence_lines(values: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for value in values:
        flow = _flow(value)
        if flow is not None and len(pad) + len(flow) + 2 <= _FLOW_WIDTH:
            lines.append(f"{pad}- {flow}")
        elif isinstance(value, dict):
            inner = _mapping_lines(value, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        elif isinstance(value, list):
            inner = _sequence_lines(value, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        else:
            lines.append(f"{pad}- {_scalar(value)}")
    return lines


def _flow(value: Any) -> str | None:
    """``value`` on one line, or None for a long text or a mapping of lists of mappings."""
    if isinstance(value, dict):
        parts = [_flow(item) for item in value.values()]
        if any(part is None for part in parts) or _deep(value):
            return None
        return "{" + ", ".join(f"{k}: {p}" for k, p in zip(value, parts, strict=True)) + "}"
    if isinstance(value, list):
        parts = [_flow(item) for item in value]
        if any(part is None for part in parts):
            return None
        return "[" + ", ".join(part for part in parts if part is not None) + "]"
    return _scalar(value)


def _deep(value: dict[str, Any]) -> bool:
    """A mapping holding a list of mappings is written as a block (a form and its fields)."""
    return any(
        isinstance(item, list) and any(isinstance(inner, dict) for inner in item)
        for item in value.values()
    )


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _text(str(value))


@lru_cache(maxsize=1 << 16)
def _text(text: str) -> str:
    # Names, agencies and hours repeat across thousands of entries: each is judged once.
    return text if _plain(text) else _quoted(text)


def _plain(text: str) -> bool:
    return bool(
        text
        and text == text.strip()
        and text[0] not in _INDICATORS
        and not _TYPED.match(text)
        and not any(char in _SPECIAL for char in text)
        and all(char.isprintable() for char in text)
    )


def _quoted(text: str) -> str:
    # JSON's string syntax is YAML's double-quoted style; characters YAML would take as line
    # breaks or refuse (NEL, the line and paragraph separators, other unprintables) are escaped.
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
