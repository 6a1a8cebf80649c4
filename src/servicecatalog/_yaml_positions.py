"""Where the values of a parsed file stand, kept compactly.

A parse keeps the positions as marks, in the order the values were placed into the data, which
is the order a walk of the data meets them (parents before their children, a mapping's entries
in their order): for each value, the 0-based line and column of its key (mapping entries only),
then of the value itself. Two or four bytes a number: a fraction of what position objects by
location would hold for the many files never asked for one. :func:`index` turns the marks into
positions by location; :func:`seek` and :func:`marked` answer one question without doing so.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["START", "Found", "Loc", "Position", "compact", "index", "marked", "seek"]

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


START = Position(1, 1)

_TWO_BYTES = 0xFFFF


def compact(marks: array[int]) -> array[int]:
    """``marks`` in two bytes a number where every line and column fits (nearly every file), at
    their exact size: what a document keeps until a position is asked for, or for ever."""
    if not marks or max(marks) <= _TWO_BYTES:
        return array("H", marks)
    return array("I", marks)


def index(data: Any, marks: array[int] | None) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
    """The positions by location (of values, of keys) that ``marks`` keeps for ``data``."""
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
class Found:
    """Where in the marks the deepest value along a location stands (and its key, if a
    mapping holds it), and how many steps of the location lead to it."""

    depth: int
    value: int
    key: int | None


def seek(data: Any, loc: Loc) -> Found:
    """The value at ``loc`` in ``data``, or its deepest ancestor there: where its marks are.

    Each value's marks follow those of every value before it in the walk :func:`index`
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
    return Found(depth, value, key)


def marked(marks: array[int] | None, at: int) -> Position:
    """The position whose marks start at ``at`` (the file's start when there are none)."""
    if marks is None or len(marks) < at + 2:
        return START
    return Position(marks[at] + 1, marks[at + 1] + 1)


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


def _entries(container: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    if isinstance(container, dict):
        return iter(container.items())
    return enumerate(container)
