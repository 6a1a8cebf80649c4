"""Time limits: element 7, 办理时限, and element 6's day counts that must fit in it."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Item
from ._base import Context, Rule, Violation, item_rule


@item_rule("committed-exceeds-legal", Severity.ERROR, "承诺时限超过法定时限", "committed > legal")
def committed_exceeds_legal(item: Item, context: Context) -> Iterator[Violation]:
    """The committed limit (承诺办结时限) is within the legal limit (法定办结时限).

    Where the units differ the comparison is conservative: the day counts are compared as
    numbers, so committed working days may not exceed legal natural days (a working day is never
    shorter than a natural day).
    """
    legal = item.time_limit.legal
    committed = item.time_limit.committed
    if legal is not None and committed.days > legal.days:
        yield Violation(
            ("time_limit", "committed", "days"),
            f"承诺时限 {committed.days} 个{committed.unit.value} 超过法定时限 "
            f"{legal.days} 个{legal.unit.value}",
            f"the committed limit of {committed.days} {committed.unit.value} exceeds the legal "
            f"limit of {legal.days} {legal.unit.value}",
        )


@item_rule(
    "handling-exceeds-committed", Severity.ERROR, "经办环节用时超过承诺时限", "steps > committed"
)
def handling_exceeds_committed(item: Item, context: Context) -> Iterator[Violation]:
    """The working days of the back-office steps add up to no more than the committed limit.

    A process whose own steps take longer than the promise breaks the promise by design.
    """
    total = sum(step.working_days for step in item.handling_process)
    committed = item.time_limit.committed
    if total > committed.days:
        yield Violation(
            ("handling_process",),
            f"经办环节合计 {total} 个工作日，超过承诺时限 {committed.days} 个{committed.unit.value}",
            f"the handling steps take {total} working days, more than the committed "
            f"{committed.days} {committed.unit.value}",
        )


RULES: tuple[Rule, ...] = (committed_exceeds_legal, handling_exceeds_committed)
