"""The view of a whole catalog for the site's index page: every item once, the lists (清单),
the values the filters offer, the services offered when a search finds nothing, and the items
left out of a site built anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Item, ItemType, Manifest
from .blocks import ItemLink, ListRef
from .display import NOT_SET, list_title, organizer, visits_label

__all__ = ["IndexRow", "IndexView", "LeftOutRow", "ListGroup", "ReferralNote", "index_view"]


@dataclass(frozen=True)
class IndexRow:
    """One item as the index lists it: once, with every list it is on."""

    code: str
    name: str
    item_type: str
    department: str
    visits: str
    lists: tuple[ListRef, ...]


@dataclass(frozen=True)
class ListGroup:
    """One list (清单) of the index: its id, title and how many items it holds."""

    id: str
    title: str
    count: int

    @property
    def page(self) -> str:
        """The pre-rendered page of the list, beside ``index.html`` (what works without
        JavaScript)."""
        return f"list-{self.id}.html"


@dataclass(frozen=True)
class ReferralNote:
    """Another department's topic, as an empty search result names it."""

    topic: str
    department: str
    phone: str | None


@dataclass(frozen=True)
class IndexView:
    """The site's index: every item once, the lists, and the values its filters offer."""

    catalog_name: str
    organizer: str | None
    """主办单位, for the footer."""
    item_count: int
    rows: tuple[IndexRow, ...]
    lists: tuple[ListGroup, ...]
    item_types: tuple[str, ...]
    """The item types present, in the order of :class:`~servicecatalog.model.ItemType`."""
    departments: tuple[str, ...]
    """The departments present, sorted."""
    left_out: tuple[LeftOutRow, ...] = ()
    """Item files that did not validate and are not on the site (a site built anyway)."""
    popular: tuple[ItemLink, ...] = ()
    """The most used services (``site.popular``), offered when a search finds nothing."""
    referrals: tuple[ReferralNote, ...] = ()
    """The topics other departments handle (``referrals.yaml``)."""

    def list_title(self, list_id: str) -> str:
        """The title of the list ``list_id``."""
        return next((group.title for group in self.lists if group.id == list_id), list_id)


@dataclass(frozen=True)
class LeftOutRow:
    """An item left out of the site: its code and why."""

    code: str
    reason: str


def index_view(catalog: Catalog) -> IndexView:
    """The index of ``catalog``: every item once, ordered by code; the lists in manifest order,
    then any list id items use that the manifest does not declare."""
    items = catalog.items()
    manifest = catalog.manifest
    declared = list(manifest.lists) if manifest else []
    undeclared = sorted({list_id for item in items for list_id in item.lists} - set(declared))
    groups = tuple(
        ListGroup(
            list_id,
            list_title(manifest, list_id),
            sum(1 for item in items if list_id in item.lists),
        )
        for list_id in declared + undeclared
    )
    present = {item.item_type for item in items}
    return IndexView(
        catalog_name=manifest.name if manifest else NOT_SET,
        organizer=organizer(manifest),
        item_count=len(items),
        rows=tuple(_index_row(item, manifest) for item in items),
        lists=groups,
        item_types=tuple(kind.value for kind in ItemType if kind in present),
        departments=tuple(sorted({item.department for item in items})),
        left_out=tuple(LeftOutRow(entry.code, entry.reasons()) for entry in catalog.left_out()),
        popular=_popular(catalog),
        referrals=tuple(
            ReferralNote("、".join(referral.terms[:2]), referral.department, referral.phone)
            for referral in catalog.referrals
        ),
    )


def _popular(catalog: Catalog) -> tuple[ItemLink, ...]:
    site = catalog.manifest.site if catalog.manifest else None
    codes = site.popular if site else ()
    return tuple(ItemLink(code, catalog.item(code).name) for code in codes if code in catalog)


def _index_row(item: Item, manifest: Manifest | None) -> IndexRow:
    return IndexRow(
        code=item.code,
        name=item.name,
        item_type=item.item_type.value,
        department=item.department,
        visits=visits_label(item.visits),
        lists=tuple(ListRef(list_id, list_title(manifest, list_id)) for list_id in item.lists),
    )
