"""Visits: 只跑一次 at most, 零跑动 preferred, and honest about on-site steps."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Item
from ._base import Context, Rule, Violation, item_rule


@item_rule("visits-exceed-one", Severity.ERROR, "到现场次数超过一次", "more than one visit")
def visits_exceed_one(item: Item, context: Context) -> Iterator[Violation]:
    """Every item is handled with at most one on-site visit (只跑一次); zero (零跑动) preferred.

    中文
    ----
    每个事项最多到现场一次（只跑一次），优先零跑动。
    """
    if item.visits > 1:
        yield Violation(
            ("visits",),
            f"到办事现场 {item.visits} 次，超过 “只跑一次” 的要求",
            f"{item.visits} on-site visits; at most one is allowed (只跑一次)",
        )


@item_rule("visits-mismatch-on-site", Severity.ERROR, "到现场次数与流程不符", "visits vs process")
def visits_mismatch_on_site(item: Item, context: Context) -> Iterator[Violation]:
    """``visits`` equals the number of service-process steps with ``on_site: true``.

    The visit count is what the guide promises; the process is what the applicant lives through.

    中文
    ----
    ``visits`` 等于办事流程中 ``on_site: true`` 的环节数。

    到现场次数是办事指南的承诺，办事流程是申请人实际经历的过程，两者必须一致。
    """
    on_site = sum(1 for step in item.service_process if step.on_site)
    if item.visits != on_site:
        yield Violation(
            ("visits",),
            f"到办事现场次数为 {item.visits}，但办事流程中有 {on_site} 个现场环节",
            f"visits is {item.visits} but the service process has {on_site} on-site steps",
        )


RULES: tuple[Rule, ...] = (visits_exceed_one, visits_mismatch_on_site)
