"""Revision: the version and dates that the one-working-day publication rule depends on."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Item
from ._base import Context, Rule, Violation, item_rule


@item_rule("revision-in-future", Severity.ERROR, "修订日期晚于今天", "revision date in the future")
def revision_in_future(item: Item, context: Context) -> Iterator[Violation]:
    """``changed_on`` and ``published_on`` are not later than today (``--today``).

    A date in the future is a typo, and would hide a publication deadline.

    中文
    ----
    ``changed_on`` 和 ``published_on`` 不晚于今天（``--today``）。

    未来的日期是笔误，还会掩盖发布期限。
    """
    revision = item.revision
    for key, day in (("changed_on", revision.changed_on), ("published_on", revision.published_on)):
        if day is not None and day > context.today:
            yield Violation(
                ("revision", key),
                f"{key} {day} 晚于今天 {context.today}",
                f"{key} {day} is later than today ({context.today})",
            )


@item_rule(
    "revision-published-before-change", Severity.ERROR, "发布早于变更", "published before changed"
)
def revision_published_before_change(item: Item, context: Context) -> Iterator[Violation]:
    """``published_on`` is not earlier than ``changed_on``: a change cannot be out before it
    happened.

    中文
    ----
    ``published_on`` 不早于 ``changed_on``：变更不可能在发生之前就公开。
    """
    revision = item.revision
    if revision.published_on is not None and revision.published_on < revision.changed_on:
        yield Violation(
            ("revision", "published_on"),
            f"发布日期 {revision.published_on} 早于变更日期 {revision.changed_on}",
            f"published_on {revision.published_on} is earlier than changed_on "
            f"{revision.changed_on}",
        )


RULES: tuple[Rule, ...] = (revision_in_future, revision_published_before_change)
