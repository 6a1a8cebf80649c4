"""Changes between two versions of a catalog, classified by what they do to the applicant's burden.

Items are matched by code; materials, steps and forms by id; form fields by name; conditions by
text; FAQs by question; laws by id; regions by code; implementations by region and item. Positions
never matter, so reordering a list is no change and renaming a material keeps its identity.

Every field of every model is compared (:data:`~servicecatalog.fields.FIELD_ELEMENTS` lists them):
a field with a specific differ gets the kinds written for it below; any other field that changed
is reported as a generic ``<field>-changed``, neutral. A change to an implementation list carries
the list's ``region``; the implementations are compared with their list's defaults merged in, so a
changed default is a change of every entry that inherits it.

Every change has a stable ``kind`` with a fixed ``direction`` and the reason for it. The burden
decreases are the reform's 减条件、减环节、减时限、减证明, fewer visits and more online: a condition,
step, material or day removed; a material newly exempted (三个不提交), optional or deferrable; more
people who may apply, a wider 通办范围, a deeper 网上办理深度, a region that newly handles an item.
Their opposites are burden increases; what neither adds nor removes work for the applicant (names,
citations, addresses, phones) is neutral. ``servicecatalog diff --kinds`` lists them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel

from ..fields import Element
from ..kinds import Direction, KindSpec
from ..model import ImplementationList, Item, Law, Region
from ._comparison import At, Found, change
from ._differs import IMPLEMENTATION, ITEM, KINDS

__all__ = [
    "ELEMENTS",
    "KINDS",
    "PUBLISHED_ELEMENTS",
    "CatalogVersion",
    "Change",
    "Changes",
    "Direction",
    "KindSpec",
    "diff_catalogs",
    "diff_implementation_lists",
    "diff_items",
]


ELEMENTS: tuple[str, ...] = tuple(element.key for element in Element)
"""Every element a change can belong to: the eight, conditions, visits, the national guide
elements, the local elements of implementation lists, ``meta`` and ``internal``."""

PUBLISHED_ELEMENTS = frozenset(element.key for element in Element if element.published)
"""A change to one of these must be published within the working-day limit
(docs/architecture.md#publication)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change: which item (and which region's list), which element, what kind, which way,
    where, from what to what."""

    item: str | None
    """The code of the item changed; None for a change of the law registry or the regions."""
    element: str
    """The element it belongs to (one of the eight, ``conditions``, ``meta``, ``internal``, …)."""
    kind: str
    """Its stable kind (``servicecatalog diff --kinds`` lists them with their directions)."""
    direction: Direction
    """Which way it moves the applicant's burden."""
    path: str
    """Where the value sits (``materials[M5]``, ``legal_basis[labor-law].articles``)."""
    old: Any
    """The value before; None for something added."""
    new: Any
    """The value after; None for something removed."""
    region: str | None = None
    """The region whose implementation list changed; None for a change of the item itself."""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a change."""
        return {
            "item": self.item,
            "region": self.region,
            "element": self.element,
            "kind": self.kind,
            "direction": self.direction.value,
            "path": self.path,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Changes:
    """All changes between two catalogs: items by code, then laws, regions and implementation
    lists by region."""

    changes: tuple[Change, ...]
    """Every change, in that order."""

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def counts(self) -> dict[str, int]:
        """Number of changes per direction, every direction present."""
        counted = Counter(change.direction.value for change in self.changes)
        return {direction.value: counted[direction.value] for direction in Direction}

    def items(self) -> list[str]:
        """Codes of the items whose own files changed, in order."""
        return list(
            dict.fromkeys(c.item for c in self.changes if c.item is not None and c.region is None)
        )

    def for_item(self, code: str) -> list[Change]:
        """The changes of one item's own file (not of the lists that implement it)."""
        return [c for c in self.changes if c.item == code and c.region is None]

    def regions(self) -> list[str]:
        """Codes of the regions whose implementation lists changed, in order."""
        return list(dict.fromkeys(c.region for c in self.changes if c.region is not None))

    def for_region(self, region: str) -> list[Change]:
        """The changes of one region's implementation list."""
        return [c for c in self.changes if c.region == region]

    def catalog_wide(self) -> list[Change]:
        """The changes of the law registry and the regions."""
        return [c for c in self.changes if c.item is None and c.region is None]


class CatalogVersion(Protocol):
    """What the diff reads of a catalog version (a :class:`~servicecatalog.Catalog` is one)."""

    @property
    def laws(self) -> Mapping[str, Law]:
        """The registered laws by id."""

    @property
    def regions(self) -> Mapping[str, Region]:
        """The regions by code."""

    @property
    def implementation_lists(self) -> Mapping[str, ImplementationList]:
        """The valid implementation lists by region, defaults merged."""

    @property
    def invalid_codes(self) -> frozenset[str]:
        """Codes of the item files that did not validate."""

    @property
    def invalid_regions(self) -> frozenset[str]:
        """Regions whose implementation list did not validate."""

    def items(self) -> list[Item]:
        """The valid items."""


def diff_catalogs(old: CatalogVersion, new: CatalogVersion) -> Changes:
    """The changes that turn catalog ``old`` into catalog ``new``.

    An item or implementation list whose file does not validate on either side is left out: its
    file is there, so it was neither added nor removed, and what changed in it cannot be told.
    """
    changes: list[Change] = []
    old_items = {item.code: item for item in old.items()}
    new_items = {item.code: item for item in new.items()}
    unknown = old.invalid_codes | new.invalid_codes
    for code in sorted((old_items.keys() | new_items.keys()) - unknown):
        before, after = old_items.get(code), new_items.get(code)
        at = At(code, None, "")
        if before is None and after is not None:
            changes.append(_resolved(change(at.to(code), "item-added", None, after.name)))
        elif after is None and before is not None:
            changes.append(_resolved(change(at.to(code), "item-removed", before.name, None)))
        elif before is not None and after is not None:
            changes.extend(diff_items(before, after))
    changes.extend(_diff_keyed(old.laws, new.laws, "laws", "law"))
    changes.extend(_diff_keyed(old.regions, new.regions, "regions", "region"))
    skipped = old.invalid_regions | new.invalid_regions
    old_lists, new_lists = old.implementation_lists, new.implementation_lists
    for region in sorted((old_lists.keys() | new_lists.keys()) - skipped):
        changes.extend(
            diff_implementation_lists(region, old_lists.get(region), new_lists.get(region))
        )
    return Changes(tuple(changes))


def diff_items(old: Item, new: Item) -> list[Change]:
    """The changes from one version of an item to the next (same code)."""
    return [_resolved(found) for found in ITEM.changes(At(new.code, None, ""), old, new)]


def diff_implementation_lists(
    region: str, old: ImplementationList | None, new: ImplementationList | None
) -> list[Change]:
    """The changes of region ``region``'s implementation list (either side may be absent):
    implementations added, removed, and each merged field changed."""
    before = {i.item: i for i in old.implementations} if old else {}
    after = {i.item: i for i in new.implementations} if new else {}
    found: list[Change] = []
    for code in [*after, *(code for code in before if code not in after)]:
        at = At(code, region, f"implementations[{code}]")
        earlier, later = before.get(code), after.get(code)
        if earlier is None:
            found.append(_resolved(change(at, "implementation-added", None, later)))
        elif later is None:
            found.append(_resolved(change(at, "implementation-removed", earlier, None)))
        else:
            found.extend(_resolved(each) for each in IMPLEMENTATION.changes(at, earlier, later))
    return found


def _diff_keyed(
    old: Mapping[str, BaseModel], new: Mapping[str, BaseModel], path: str, kind: str
) -> Iterator[Change]:
    """Laws or regions matched by id: ``<kind>-added``, ``-removed``, ``-changed``."""
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        at = At(None, None, f"{path}[{key}]")
        if before is None:
            yield _resolved(change(at, f"{kind}-added", None, after))
        elif after is None:
            yield _resolved(change(at, f"{kind}-removed", before, None))
        elif before != after:
            yield _resolved(change(at, f"{kind}-changed", before, after))


def _resolved(found: Found) -> Change:
    """The change a differ found, with the element and direction of its kind."""
    spec, at = KINDS[found.kind], found.at
    return Change(
        at.item, spec.element, found.kind, spec.direction, at.path, found.old, found.new, at.region
    )
