"""The one-working-day rule: when must a change be published, and was it?
(docs/architecture.md#publication)

When any of an item's eight elements or its conditions change, ``revision.version`` must increase
and ``revision.changed_on`` must be set. The deadline is the N-th official working day strictly
after ``changed_on`` (N = ``publication.working_days`` in catalog.yaml, 1 here): a change on Friday
2026-11-27 must be out by Monday 2026-11-30; one on 2026-09-30 by 2026-10-08.

This module tells deadlines and statuses; which rule a status breaks, and its finding, is the
rules layer's (``rules/deadlines.py``), for the diff and for ``validate`` alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial
from typing import Protocol

from .diff import PUBLISHED_ELEMENTS, Changes
from .errors import UnknownYearError
from .loader import LoadedDocument
from .model import ImplementationList, Item, Manifest, Revision
from .workdays import WorkdayCalendar

__all__ = [
    "ItemDeadline",
    "PublicationDeadlines",
    "PublicationStatus",
    "PublishedChange",
    "PublishedVersion",
    "item_deadline",
    "publication_deadline",
    "publication_deadlines",
]


class PublicationStatus(StrEnum):
    """Where a changed item's (or implementation list's) last change stands against its
    deadline."""

    PENDING = "pending"
    """Not published, deadline not passed."""
    ON_TIME = "on-time"
    """Published by the deadline."""
    LATE = "late"
    """Published after the deadline."""
    OVERDUE = "overdue"
    """Not published, deadline passed."""
    UNREVISED = "unrevised"
    """The content changed but the revision did not move: no deadline can be told."""
    UNKNOWN = "unknown"
    """The calendar does not cover the dates needed."""

    def label(self, lang: str = "zh") -> str:
        """The status as a staff member reads it."""
        zh, en = _STATUS_LABELS[self]
        return en if lang == "en" else zh


_STATUS_LABELS = {
    PublicationStatus.PENDING: ("待公开", "pending"),
    PublicationStatus.ON_TIME: ("按期公开", "published on time"),
    PublicationStatus.LATE: ("逾期公开", "published late"),
    PublicationStatus.OVERDUE: ("逾期未公开", "overdue"),
    PublicationStatus.UNREVISED: ("未更新修订信息", "revision not updated"),
    PublicationStatus.UNKNOWN: ("公开期限未知", "deadline unknown"),
}


@dataclass(frozen=True, slots=True)
class ItemDeadline:
    """An item's (or an implementation list's) last change, its deadline and whether it was
    met."""

    item: str
    """The item's code (for an implementation list, the region's)."""
    changed_on: date | None
    """The revision's ``changed_on``; None for a list without a revision."""
    deadline: date | None
    """None when there is none to give: unrevised, or a year the calendar lacks."""
    published_on: date | None
    status: PublicationStatus
    problem: str | None = None
    """Why the deadline is unknown (the year the calendar lacks), if it is."""

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "item": self.item,
            "changed_on": self.changed_on.isoformat() if self.changed_on else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "status": self.status.value,
        }


def publication_deadline(
    changed_on: date, calendar: WorkdayCalendar, working_days: int = 1
) -> date:
    """The day by which a change made on ``changed_on`` must be published."""
    return calendar.next_working_day(changed_on, working_days)


def item_deadline(
    code: str, revision: Revision, calendar: WorkdayCalendar, working_days: int, today: date
) -> ItemDeadline:
    """The deadline of an item's last change and its status on ``today``."""
    published = revision.published_on
    try:
        deadline = publication_deadline(revision.changed_on, calendar, working_days)
    except UnknownYearError as error:
        return ItemDeadline(
            code, revision.changed_on, None, published, PublicationStatus.UNKNOWN, error.message
        )
    if published is not None:
        status = PublicationStatus.ON_TIME if published <= deadline else PublicationStatus.LATE
    else:
        status = PublicationStatus.OVERDUE if today > deadline else PublicationStatus.PENDING
    return ItemDeadline(code, revision.changed_on, deadline, published, status)


class PublishedVersion(Protocol):
    """What the publication check reads of a catalog version (a
    :class:`~servicecatalog.Catalog` is one): its items and implementation lists, their files,
    its publication rule."""

    @property
    def manifest(self) -> Manifest | None:
        """The manifest, whose ``publication`` sets the number of working days."""

    @property
    def implementation_lists(self) -> Mapping[str, ImplementationList]:
        """The valid implementation lists by region."""

    def __contains__(self, code: object) -> bool:
        """True when a valid item has ``code``."""

    def item(self, code: str) -> Item:
        """The valid item ``code``."""

    def document(self, code: str) -> LoadedDocument:
        """The parsed file of the item ``code``, for the positions of findings."""

    def implementation_file(self, region: str) -> str:
        """The file of region ``region``'s implementation list."""

    def implementation_document(self, region: str) -> LoadedDocument | None:
        """The parsed implementation list of ``region``, if it can be had."""


@dataclass(frozen=True, slots=True)
class PublishedChange:
    """A change of what a guide publishes, of an item or of an implementation list: its deadline,
    and the revisions before and after, which tell why it is ``unrevised`` when it is."""

    deadline: ItemDeadline
    region: str | None
    """The region of a changed implementation list; None for an item."""
    before: Revision | None
    """The revision before the change (None for a list that had none)."""
    after: Revision | None
    """The revision after the change (None for a list that has none)."""


@dataclass(frozen=True)
class PublicationDeadlines:
    """The deadlines of what changed between two versions."""

    items: dict[str, ItemDeadline]
    """Changed and added items by code."""
    lists: dict[str, ItemDeadline]
    """Changed implementation lists by region (``ItemDeadline.item`` holds the region)."""
    changes: tuple[PublishedChange, ...]
    """The changes of items on both sides and of lists, in order: what the rules of publication
    judge (``rules.deadlines.check_publication``)."""


def publication_deadlines(
    old: PublishedVersion,
    new: PublishedVersion,
    changes: Changes,
    calendar: WorkdayCalendar,
    today: date,
) -> PublicationDeadlines:
    """Deadlines of the items and implementation lists whose published content changed.

    A change whose revision did not move (the version did not increase, or ``changed_on`` is not
    later than before; for a list, also a list without a revision) is ``unrevised`` and has no
    deadline; an added item has the deadline of its revision.
    """
    working_days = new.manifest.publication.working_days if new.manifest else 1
    deadline_of = partial(item_deadline, calendar=calendar, working_days=working_days, today=today)
    items: dict[str, ItemDeadline] = {}
    published: list[PublishedChange] = []
    for code in _published_changes(changes, old, new):
        before, after = old.item(code).revision, new.item(code).revision
        moved = _moved(before, after)
        items[code] = deadline_of(code, after) if moved else _unrevised(code, after)
        published.append(PublishedChange(items[code], None, before, after))
    for code in (c.item for c in changes if c.kind == "item-added" and c.item is not None):
        if code in new:
            items[code] = deadline_of(code, new.item(code).revision)
    lists: dict[str, ItemDeadline] = {}
    for region in changes.regions():
        after_list = new.implementation_lists.get(region)
        if after_list is None:
            continue  # the list was removed: there is no revision to count from
        before_list = old.implementation_lists.get(region)
        earlier = before_list.revision if before_list else None
        revision = after_list.revision
        if revision is not None and (earlier is None or _moved(earlier, revision)):
            lists[region] = deadline_of(region, revision)
        else:
            lists[region] = _unrevised(region, revision)
        published.append(PublishedChange(lists[region], region, earlier, revision))
    return PublicationDeadlines(items, lists, tuple(published))


def _published_changes(changes: Changes, old: PublishedVersion, new: PublishedVersion) -> list[str]:
    """Items on both sides whose published content changed, in order."""
    return list(
        dict.fromkeys(
            change.item
            for change in changes
            if change.item is not None
            and change.region is None
            and change.element in PUBLISHED_ELEMENTS
            and change.item in old
            and change.item in new
        )
    )


def _unrevised(subject: str, revision: Revision | None) -> ItemDeadline:
    changed_on = revision.changed_on if revision else None
    published_on = revision.published_on if revision else None
    return ItemDeadline(subject, changed_on, None, published_on, PublicationStatus.UNREVISED)


def _moved(old: Revision, new: Revision) -> bool:
    return new.version > old.version and new.changed_on > old.changed_on
