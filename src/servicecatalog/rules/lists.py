"""Lists: the four lists (四张清单) of catalog.yaml, their sizes and their subset relations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .._text import counted
from ..findings import Severity
from ..model import Item, ItemType
from ._base import Context, Rule, Violation, catalog_rule, item_rule

POWER_LIST = "power"


@item_rule("list-unknown", Severity.ERROR, "清单未声明", "an undeclared list")
def list_unknown(item: Item, context: Context) -> Iterator[Violation]:
    """Every list an item names is declared under ``lists`` in catalog.yaml.

    中文
    ----
    事项所列的每个清单都已在 catalog.yaml 的 ``lists`` 中声明。
    """
    if context.manifest is None:
        return
    for index, list_id in enumerate(item.lists):
        if list_id not in context.manifest.lists:
            declared = "、".join(context.manifest.lists)
            yield Violation(
                ("lists", index),
                f"清单 “{list_id}” 未在 catalog.yaml 中声明（已声明：{declared}）",
                f"list '{list_id}' is not declared in catalog.yaml (declared: "
                f"{', '.join(context.manifest.lists)})",
            )


@item_rule("list-not-subset", Severity.ERROR, "子清单事项不在上级清单", "subset_of violated")
def list_not_subset(item: Item, context: Context) -> Iterator[Violation]:
    """An item on a list declared ``subset_of: P`` is also on list ``P``.

    The delegation and talent lists are drawn from the power list: an item cannot be delegated
    or counted as a talent power unless it is a power item.

    中文
    ----
    列入声明了 ``subset_of: P`` 的清单的事项，也必须列入清单 ``P``。

    向开发区放权清单和人才权力清单都取自权力事项清单：不是权力事项，就不能下放，也不能计入人才权力。
    """
    if context.manifest is None:
        return
    for index, list_id in enumerate(item.lists):
        spec = context.manifest.lists.get(list_id)
        if spec and spec.subset_of and spec.subset_of not in item.lists:
            yield Violation(
                ("lists", index),
                f"清单 “{list_id}” 是 “{spec.subset_of}” 的子集，事项也应列入 “{spec.subset_of}”",
                f"list '{list_id}' is a subset of '{spec.subset_of}': the item must be on "
                f"'{spec.subset_of}' too",
            )


@item_rule(
    "list-item-type-mismatch", Severity.WARNING, "公共服务事项列入权力清单", "service on power list"
)
def list_item_type_mismatch(item: Item, context: Context) -> Iterator[Violation]:
    """The power list (``power``) holds powers: an item of type 公共服务 does not belong on it.

    中文
    ----
    权力事项清单（``power``）只收录行政权力：公共服务事项不应列入其中。
    """
    if item.item_type is ItemType.PUBLIC_SERVICE and POWER_LIST in item.lists:
        yield Violation(
            ("lists", item.lists.index(POWER_LIST)),
            "公共服务事项不应列入权力事项清单",
            "a public-service item (公共服务) does not belong on the power list",
        )


@catalog_rule("list-size-mismatch", Severity.ERROR, "清单事项数与声明不符", "list size differs")
def list_size_mismatch(context: Context) -> Iterator[Violation]:
    """Each list holds exactly the ``expected`` number of items declared in catalog.yaml.

    The four lists are published with their sizes (49, 100, 44, 12); an item added or dropped by
    mistake shows here. An item file that exists but does not validate (an emptied file among
    them) does not count: its lists are unknown, and the message names it, so a list of 49 with
    one broken item says that only 48 validate.

    中文
    ----
    每个清单中的事项数，恰好等于 catalog.yaml 中声明的 ``expected``。

    四张清单连同事项数一起公布（49、100、44、12）；误增或误删的事项会在这里暴露。存在但未通过校验的
    事项文件（包括被清空的文件）不计入：它属于哪些清单无从知道，问题中会点名这些文件，所以 49 项的清
    单中有一个坏文件时，会说明只有 48 项通过了校验。
    """
    manifest, document = context.manifest, context.manifest_document
    if manifest is None or document is None:
        return
    counts = Counter(list_id for entry in context.items for list_id in set(entry.item.lists))
    broken = sorted(context.broken_items)
    for list_id, spec in manifest.lists.items():
        if spec.expected is not None and counts[list_id] != spec.expected:
            zh, en = _broken_note(broken)
            yield Violation(
                ("lists", list_id, "expected"),
                f"清单 “{list_id}”（{spec.title}）应有 {spec.expected} 项，"
                f"{'通过校验的' if broken else '实'}有 {counts[list_id]} 项{zh}",
                f"list '{list_id}' ({spec.title}) should hold {spec.expected} items but "
                + (f"{counts[list_id]} validate" if broken else f"holds {counts[list_id]}")
                + en,
                document=document,
                related=(
                    *(e.document.file for e in context.items if list_id in e.item.lists),
                    *context.broken_items.values(),
                ),
            )


def _broken_note(broken: list[str]) -> tuple[str, str]:
    if not broken:
        return "", ""
    shown = "、".join(broken[:10]) + ("等" if len(broken) > 10 else "")
    shown_en = ", ".join(broken[:10]) + (", …" if len(broken) > 10 else "")
    return (
        f"；另有 {len(broken)} 个事项文件未通过校验，其所属清单未知：{shown}",
        f"; {counted(len(broken), 'item file')} did not validate and "
        f"{'its lists are' if len(broken) == 1 else 'their lists are'} unknown: {shown_en}",
    )


@catalog_rule("list-subset-unknown", Severity.ERROR, "subset_of 指向未声明的清单", "bad subset_of")
def list_subset_unknown(context: Context) -> Iterator[Violation]:
    """A list's ``subset_of`` names another declared list.

    中文
    ----
    清单的 ``subset_of`` 指向另一个已声明的清单。
    """
    manifest, document = context.manifest, context.manifest_document
    if manifest is None or document is None:
        return
    for list_id, spec in manifest.lists.items():
        if spec.subset_of is not None and spec.subset_of not in manifest.lists:
            yield Violation(
                ("lists", list_id, "subset_of"),
                f"清单 “{list_id}” 的 subset_of “{spec.subset_of}” 未声明",
                f"list '{list_id}' is subset_of '{spec.subset_of}', which is not declared",
                document=document,
            )


RULES: tuple[Rule, ...] = (
    list_unknown,
    list_not_subset,
    list_item_type_mismatch,
    list_size_mismatch,
    list_subset_unknown,
)
