"""The one-working-day rule (DESIGN §9): when must a change be published, and was it?

When any of an item's eight elements or its conditions change, ``revision.version`` must increase
and ``revision.changed_on`` must be set. The deadline is the N-th official working day strictly
after ``changed_on`` (N = ``publication.working_days`` in catalog.yaml, 1 here): a change on Friday
2026-11-27 must be out by Monday 2026-11-30; one on 2026-09-30 by 2026-10-08.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from .diff import PUBLISHED_ELEMENTS, Change
from .errors import UnknownYearError
from .findings import Finding, Severity
from .loader import LoadedDocument, Loc
from .model import Item, Manifest, Revision
from .workdays import WorkdayCalendar

__all__ = [
    "ItemDeadline",
    "PublicationStatus",
    "PublishedVersion",
    "check_publication",
    "item_deadline",
    "publication_deadline",
    "status_message",
]


class PublicationStatus(StrEnum):
    """Where an item's last change stands against its deadline."""

    ON_TIME = "on-time"
    LATE = "late"
    PENDING = "pending"
    OVERDUE = "overdue"
    UNKNOWN = "unknown"
    """The calendar does not cover the dates needed."""


@dataclass(frozen=True, slots=True)
class ItemDeadline:
    """An item's last change, its deadline and whether it was met."""

    item: str
    changed_on: date
    deadline: date | None
    published_on: date | None
    status: PublicationStatus
    problem: str | None = None
    """Why the deadline is unknown (the year the calendar lacks), if it is."""

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "item": self.item,
            "changed_on": self.changed_on.isoformat(),
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
    :class:`~servicecatalog.Catalog` is one): its items, their files, its publication rule."""

    @property
    def manifest(self) -> Manifest | None:
        """The manifest, whose ``publication`` sets the number of working days."""

    def __contains__(self, code: object) -> bool:
        """True when a valid item has ``code``."""

    def item(self, code: str) -> Item:
        """The valid item ``code``."""

    def document(self, code: str) -> LoadedDocument:
        """The parsed file of the item ``code``, for the positions of findings."""


def check_publication(
    old: PublishedVersion,
    new: PublishedVersion,
    changes: Iterable[Change],
    calendar: WorkdayCalendar,
    today: date,
) -> tuple[dict[str, ItemDeadline], list[Finding]]:
    """Deadlines of the items whose published elements changed, and the rule's findings.

    ``change-without-revision``: an element changed but the revision did not move (the version
    did not increase, or ``changed_on`` is not later than before). ``publication-late`` and
    ``publication-overdue`` for the changed items, as ``validate`` reports them for every item.
    """
    working_days = new.manifest.publication.working_days if new.manifest else 1
    changed_codes = list(
        dict.fromkeys(
            change.item
            for change in changes
            if change.item is not None
            and change.element in PUBLISHED_ELEMENTS
            and change.item in old
            and change.item in new
        )
    )
    deadlines: dict[str, ItemDeadline] = {}
    findings: list[Finding] = []
    for code in changed_codes:
        before, after = old.item(code), new.item(code)
        if not _revision_moved(before, after):
            findings.append(_without_revision(new, before, after))
        deadline = item_deadline(code, after.revision, calendar, working_days, today)
        deadlines[code] = deadline
        finding = _status_finding(new, deadline)
        if finding is not None:
            findings.append(finding)
    for code in (c.item for c in changes if c.kind == "item-added" and c.item is not None):
        if code in new:
            revision = new.item(code).revision
            deadlines[code] = item_deadline(code, revision, calendar, working_days, today)
    return deadlines, findings


def status_message(deadline: ItemDeadline) -> tuple[str, Loc, str, str] | None:
    """The finding an item's deadline status calls for: (rule, location, zh, en), if any."""
    if deadline.status is PublicationStatus.LATE:
        return (
            "publication-late",
            ("revision", "published_on"),
            f"{deadline.changed_on} 的变更应于 {deadline.deadline} 前公开，实际公开于 "
            f"{deadline.published_on}",
            f"the change of {deadline.changed_on} was due by {deadline.deadline} but was "
            f"published on {deadline.published_on}",
        )
    if deadline.status is PublicationStatus.OVERDUE:
        return (
            "publication-overdue",
            ("revision", "changed_on"),
            f"{deadline.changed_on} 的变更应于 {deadline.deadline} 前公开，至今未公开",
            f"the change of {deadline.changed_on} was due by {deadline.deadline} and is not "
            "published yet",
        )
    if deadline.status is PublicationStatus.UNKNOWN:
        return (
            "calendar-year-unknown",
            ("revision", "changed_on"),
            f"无法计算公开期限：{deadline.problem}",
            f"cannot compute the publication deadline: {deadline.problem}",
        )
    return None


def _revision_moved(old: Item, new: Item) -> bool:
    return (
        new.revision.version > old.revision.version
        and new.revision.changed_on > old.revision.changed_on
    )


def _without_revision(catalog: PublishedVersion, old: Item, new: Item) -> Finding:
    position = catalog.document(new.code).position(("revision", "version"))
    return Finding(
        rule="change-without-revision",
        severity=Severity.ERROR,
        message=(
            f"事项内容已变更，但修订信息未更新：version 应大于 {old.revision.version}，"
            f"changed_on 应晚于 {old.revision.changed_on}"
        ),
        message_en=(
            f"the item changed but its revision did not: version must exceed "
            f"{old.revision.version} and changed_on must be later than {old.revision.changed_on}"
        ),
        file=catalog.document(new.code).file,
        line=position.line,
        column=position.column,
        item=new.code,
        path="revision",
    )


def _status_finding(catalog: PublishedVersion, deadline: ItemDeadline) -> Finding | None:
    message = status_message(deadline)
    if message is None:
        return None
    rule, loc, zh, en = message
    document = catalog.document(deadline.item)
    position = document.position(loc)
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=zh,
        message_en=en,
        file=document.file,
        line=position.line,
        column=position.column,
        item=deadline.item,
        path=".".join(str(step) for step in loc),
    )
