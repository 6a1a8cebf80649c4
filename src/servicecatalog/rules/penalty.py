"""Penalties: 行政处罚 items state the conduct, the kinds and the range of the penalty."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Item, ItemType
from ._base import Context, Rule, Violation, item_rule


@item_rule("penalty-missing", Severity.ERROR, "行政处罚事项缺少处罚内容", "penalty not stated")
def penalty_missing(item: Item, context: Context) -> Iterator[Violation]:
    """A 行政处罚 item states ``penalty``: the conduct, the kinds and the range (处罚的行为、种类、幅度).

    The national element list requires them, and the party is entitled to know them in advance.

    中文
    ----
    行政处罚事项写明 ``penalty``：违法行为、处罚种类和处罚幅度（处罚的行为、种类、幅度）。

    全国事项要素清单要求写明这些内容，当事人也有权事先知道。
    """
    if item.item_type is ItemType.ADMINISTRATIVE_PENALTY and item.penalty is None:
        yield Violation(
            ("penalty",),
            "行政处罚事项应写明处罚的行为、种类、幅度（penalty）",
            "an administrative penalty item must state penalty: conduct, kinds and range",
        )


@item_rule("penalty-unexpected", Severity.WARNING, "非处罚事项含处罚内容", "penalty on non-penalty")
def penalty_unexpected(item: Item, context: Context) -> Iterator[Violation]:
    """Only 行政处罚 items carry ``penalty``; elsewhere it is a sign of a wrong ``item_type``.

    中文
    ----
    只有行政处罚事项才有 ``penalty``；出现在其他事项中，通常说明 ``item_type`` 写错了。
    """
    if item.item_type is not ItemType.ADMINISTRATIVE_PENALTY and item.penalty is not None:
        yield Violation(
            ("penalty",),
            f"{item.item_type.value}事项不应有处罚内容；事项类型是否有误？",
            f"an item of type {item.item_type.value} carries a penalty; is item_type wrong?",
        )


RULES: tuple[Rule, ...] = (penalty_missing, penalty_unexpected)
