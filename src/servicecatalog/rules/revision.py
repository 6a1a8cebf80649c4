"""Revision: the version and dates that the one-working-day publication rule depends on, of items
and of implementation lists alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..findings import Severity
from ..loader import LoadedDocument
from ..model import Revision
from ._base import Context, Rule, Violation, catalog_rule


@dataclass(frozen=True)
class Revised:
    """A revision of the catalog: an item's or an implementation list's, and where it is."""

    revision: Revision
    document: Callable[[], LoadedDocument]
    """The file it is in (an implementation list is read again, only when a finding needs it)."""
    item: str | None


def revised(context: Context) -> Iterator[Revised]:
    """Every revision of the catalog: the valid items', then the implementation lists' that have
    one."""
    for entry in context.items:
        yield Revised(entry.item.revision, _given(entry.document), entry.item.code)
    for listed in context.implementation_lists:
        revision = listed.implementations.revision
        if revision is not None:
            yield Revised(revision, listed.load_document, None)


def _given(document: LoadedDocument) -> Callable[[], LoadedDocument]:
    """An item's document, kept with it: nothing to read again."""
    return lambda: document


def violation(revised: Revised, key: str, zh: str, en: str) -> Violation:
    """A finding at ``revision.<key>`` of ``revised``."""
    return Violation(("revision", key), zh, en, document=revised.document(), item=revised.item)


@catalog_rule(
    "revision-in-future", Severity.ERROR, "修订日期晚于今天", "revision date in the future"
)
def revision_in_future(context: Context) -> Iterator[Violation]:
    """``changed_on`` and ``published_on`` of an item's or an implementation list's revision are
    not later than today (``--today``; otherwise the date in China Standard Time, or in the zone
    ``catalog.yaml`` names).

    A date in the future is a typo, and would hide a publication deadline.

    中文
    ----
    事项或实施清单修订信息中的 ``changed_on`` 和 ``published_on`` 不晚于今天（``--today``；未指定时
    为北京时间的当天，或 ``catalog.yaml`` 指定时区的当天）。

    未来的日期是笔误，还会掩盖发布期限。
    """
    for entry in revised(context):
        revision = entry.revision
        for key, day in (
            ("changed_on", revision.changed_on),
            ("published_on", revision.published_on),
        ):
            if day is not None and day > context.today:
                yield violation(
                    entry,
                    key,
                    f"{key} {day} 晚于今天 {context.today}",
                    f"{key} {day} is later than today ({context.today})",
                )


@catalog_rule(
    "revision-published-before-change", Severity.ERROR, "发布早于变更", "published before changed"
)
def revision_published_before_change(context: Context) -> Iterator[Violation]:
    """``published_on`` of an item's or an implementation list's revision is not earlier than
    ``changed_on``: a change cannot be out before it happened.

    中文
    ----
    事项或实施清单修订信息中的 ``published_on`` 不早于 ``changed_on``：变更不可能在发生之前就公开。
    """
    for entry in revised(context):
        revision = entry.revision
        if revision.published_on is not None and revision.published_on < revision.changed_on:
            yield violation(
                entry,
                "published_on",
                f"发布日期 {revision.published_on} 早于变更日期 {revision.changed_on}",
                f"published_on {revision.published_on} is earlier than changed_on "
                f"{revision.changed_on}",
            )


RULES: tuple[Rule, ...] = (revision_in_future, revision_published_before_change)
