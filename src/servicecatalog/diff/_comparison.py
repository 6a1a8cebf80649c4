"""The comparison machinery: where a change stands, how two versions of one model are compared
(a differ per field that has its own kinds, a generic change for every other published field),
and the differs that are the same for every model: a count, a yes/no, an optional value, a list
matched by identity, a set, a scale."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from ..fields import FIELD_ELEMENTS, ElementGroup


@dataclass(frozen=True, slots=True)
class At:
    """Where a change is: the item, the region (for implementation lists), the path."""

    item: str | None
    region: str | None
    path: str

    def to(self, name: str) -> At:
        """The field ``name`` here."""
        return At(self.item, self.region, f"{self.path}.{name}" if self.path else name)

    def keyed(self, name: str) -> At:
        """The element ``name`` of the list here."""
        return At(self.item, self.region, f"{self.path}[{name}]")


@dataclass(frozen=True, slots=True)
class Found:
    """A change as a differ finds it: where, its kind, and the values before and after as plain
    data. The diff gives it the element and direction of its kind (``KINDS``)."""

    at: At
    kind: str
    old: Any
    new: Any


def change(at: At, kind: str, old: Any, new: Any) -> Found:
    """A change of ``kind`` at ``at``, its values made plain data."""
    return Found(at, kind, plain(old), plain(new))


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: models dumped, lists of them too, enums as their terms."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [plain(element) for element in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


Differ = Callable[[At, Any, Any], Iterator[Found]]
"""Compares two versions of one model instance at a place; yields the changes found."""


@dataclass(frozen=True)
class Comparison:
    """How two versions of one model are compared: the differs written for some of its fields
    (each claims the fields it reads), and a generic change for every other published field."""

    model: type[BaseModel]
    prefix: str
    """What generic kinds of this model start with (``material-``)."""
    differs: tuple[tuple[tuple[str, ...], Differ], ...]
    key: str | None = None
    """The field instances are matched by, which two matched versions share."""

    @cached_property
    def unclaimed(self) -> tuple[str, ...]:
        """Fields no differ reads (identities and revisions are never compared)."""
        claimed = {name for names, _ in self.differs for name in names} | {self.key}
        return tuple(
            name
            for name, element in FIELD_ELEMENTS[self.model].items()
            if name not in claimed and element.group is not ElementGroup.INTERNAL
        )

    def generic_kind(self, name: str) -> str:
        """The kind of a change of field ``name`` that no differ reads."""
        return f"{self.prefix}{name.replace('_', '-')}-changed"

    def changes(self, at: At, old: Any, new: Any) -> Iterator[Found]:
        for names, differ in self.differs:
            if any(getattr(old, name) != getattr(new, name) for name in names):
                yield from differ(at, old, new)
        for name in self.unclaimed:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                yield change(at.to(name), self.generic_kind(name), before, after)


def field_kind(kind: str, name: str) -> tuple[tuple[str, ...], Differ]:
    """A differ that reports any change of field ``name`` as ``kind``."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        yield change(at.to(name), kind, getattr(old, name), getattr(new, name))

    return (name,), differ


def amount(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A count that fell (``kinds[0]``) or rose (``kinds[1]``)."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        before, after = getattr(old, name), getattr(new, name)
        yield change(at.to(name), kinds[0] if after < before else kinds[1], before, after)

    return (name,), differ


def flag(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A yes/no that became yes (``kinds[0]``) or no (``kinds[1]``)."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        before, after = getattr(old, name), getattr(new, name)
        yield change(at.to(name), kinds[0] if after else kinds[1], before, after)

    return (name,), differ


def presence(kinds: tuple[str, str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """An optional value that was set (``kinds[0]``), dropped (``kinds[1]``) or changed
    (``kinds[2]``)."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        before, after = getattr(old, name), getattr(new, name)
        kind = kinds[0] if before is None else kinds[1] if after is None else kinds[2]
        yield change(at.to(name), kind, before, after)

    return (name,), differ


def matched(
    name: str,
    key: Callable[[Any], str],
    kinds: tuple[str, str],
    modified: Callable[[At, Any, Any], Iterator[Found]],
    added_kind: Callable[[Any], str] | None = None,
    removed_kind: Callable[[Any], str] | None = None,
) -> tuple[tuple[str, ...], Differ]:
    """The elements of list field ``name`` matched by ``key`` (in new order, then the removed
    ones): the added and removed ones as ``kinds`` (or as ``added_kind(element)`` and
    ``removed_kind(element)`` say), the ones in both through ``modified``. A list left out of the
    file (None) compares as empty."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        before = {key(e): e for e in getattr(old, name) or ()}
        after = {key(e): e for e in getattr(new, name) or ()}
        for identity, element in after.items():
            where = at.to(name).keyed(identity)
            earlier = before.get(identity)
            if earlier is None:
                kind = added_kind(element) if added_kind else kinds[0]
                yield change(where, kind, None, element)
            elif earlier != element:
                yield from modified(where, earlier, element)
        for identity, element in before.items():
            if identity not in after:
                kind = removed_kind(element) if removed_kind else kinds[1]
                yield change(at.to(name).keyed(identity), kind, element, None)

    return (name,), differ


def stated(
    name: str, changed: str, compare: Callable[[At, Any, Any], Iterator[Found]]
) -> tuple[tuple[str, ...], Differ]:
    """An optional element: stated or dropped (None on one side) is ``changed``; between two
    stated values, ``compare`` tells."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        before, after = getattr(old, name), getattr(new, name)
        if before is None or after is None:
            yield change(at.to(name), changed, before, after)
        else:
            yield from compare(at.to(name), before, after)

    return (name,), differ


def sets(increase: str, decrease: str) -> Callable[[At, Any, Any], Iterator[Found]]:
    """Members gained (``decrease``: more people, more stages online) or lost (``increase``)."""

    def compare(at: At, before: Any, after: Any) -> Iterator[Found]:
        gained = [value for value in after if value not in before]
        lost = [value for value in before if value not in after]
        if gained:
            yield change(at, decrease, None, gained)
        if lost:
            yield change(at, increase, lost, None)

    return compare


def ranked(
    order: Sequence[Any], wider: str, narrower: str
) -> Callable[[At, Any, Any], Iterator[Found]]:
    """A value on a scale (``order``, widest first)."""

    def compare(at: At, before: Any, after: Any) -> Iterator[Found]:
        kind = wider if order.index(after) < order.index(before) else narrower
        yield change(at, kind, before, after)

    return compare
