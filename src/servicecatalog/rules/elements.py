"""Elements: the national guide elements a guide needs for the item's kind
(docs/format.md#national-guide-elements).

Catalogs written before these elements existed keep validating: a missing element is a warning,
never an error, so no department's catalog breaks on upgrade. The bundled catalog writes them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..fields import FIELD_ELEMENTS
from ..findings import Severity
from ..model import Implementation, Item, ItemType
from ..remedies import REQUIRED_LAWS, party_rights, remedies
from ._base import (
    Context,
    ImplementationEntry,
    ImplementationScope,
    Rule,
    Violation,
    catalog_rule,
)


def _label(key: str) -> str:
    """The element's Chinese name, from the table of fields (服务对象 for ``audience``)."""
    model = Item if key in FIELD_ELEMENTS[Item] else Implementation
    return FIELD_ELEMENTS[model][key].label()


def needed_elements(item: Item) -> tuple[str, ...]:
    """The national guide elements a guide of ``item`` needs: for items one applies for, who may
    apply, what they get, how far it goes online, where it may be applied for and the common
    questions; for items the authority initiates, who the party is; for power items, the duties."""
    if item.item_type.authority_initiated:
        needed = ["audience"]
    else:
        needed = ["audience", "result", "online_depth", "scope", "faq"]
    if item.item_type is not ItemType.PUBLIC_SERVICE:
        needed.append("responsibilities")
    return tuple(needed)


def _element_missing(item: Item, context: Context) -> Iterator[Violation]:
    for key in needed_elements(item):
        if not item.given(key):
            yield Violation(
                (),
                f"缺少办事指南要素 “{key}”（{_label(key)}）",
                f"the guide element '{key}' ({_label(key)}) is missing",
            )
        elif key == "result" and item.result is None:
            yield Violation(
                ("result",),
                "依申请事项应写明办理结果（result）",
                "an item one applies for must state its result (办理结果)",
            )


def _laws_for_remedies(context: Context) -> Iterator[Violation]:
    document = context.laws_document
    if document is None or context.laws is None:
        return
    cited = {
        reference.law
        for entry in context.items
        for remedy in (*remedies(entry.item), *party_rights(entry.item))
        for reference in remedy.basis
    }
    for law_id, name in REQUIRED_LAWS.items():
        if law_id in cited and law_id not in context.laws:
            yield Violation(
                ("laws",),
                f"laws.yaml 缺少 “{law_id}”（{name}）：办事指南的救济途径引用它",
                f"laws.yaml lacks '{law_id}' ({name}), which the guides' remedies cite",
                document=document,
                key=True,
            )


def _implementations_missing(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    lacking = [
        index
        for index, implementation in enumerate(entry.implementations.implementations)
        if implementation.complaint_phone is None
    ]
    if lacking:
        total = len(entry.implementations.implementations)
        yield Violation(
            ("implementations", lacking[0]),
            f"{len(lacking)}/{total} 项实施缺少办事指南要素 “complaint_phone”（监督投诉电话）",
            f"{len(lacking)} of {total} implementations lack the guide element "
            "'complaint_phone' (监督投诉电话)",
        )


@catalog_rule("element-missing", Severity.WARNING, "缺少办事指南要素", "a guide element is missing")
def element_missing(context: Context) -> Iterator[Violation]:
    """A guide element the item's kind needs is not written.

    Items one applies for need ``audience`` (服务对象), ``result`` (办理结果), ``online_depth``
    (网上办理深度), ``scope`` (通办范围) and ``faq`` (常见问题); items the authority initiates
    (行政处罚 行政强制 行政检查 行政征收) need ``audience`` (the kinds of party); power items need
    ``responsibilities`` (责任事项). An item one applies for whose ``result`` is null is reported
    too: the applicant always receives something. Implementation lists need each
    implementation's ``complaint_phone`` (监督投诉电话), and ``laws.yaml`` needs the laws the
    guides' derived 救济途径 and party rights cite (行政复议法 and 行政诉讼法 for every power
    item, 行政处罚法 for penalties, 行政强制法 for coercion), by the ids the guides use:
    ``administrative-reconsideration-law``, ``administrative-litigation-law``,
    ``administrative-penalty-law``, ``administrative-coercion-law``.

    A warning, not an error: a catalog written before these elements existed keeps validating.
    Write the element, or an empty list where there is truly none (``faq: []``).

    中文
    ----
    缺少办事指南按事项类别需要的要素。依申请事项需要 ``audience``（服务对象）、``result``（办理结果）、
    ``online_depth``（网上办理深度）、``scope``（通办范围）和 ``faq``（常见问题）；依职权实施的事项（行政
    处罚、行政强制、行政检查、行政征收）需要 ``audience``（当事人类型）；权力事项需要
    ``responsibilities``（责任事项）。依申请事项的 ``result`` 写为 null 也会报告：申请人总会得到办理
    结果。实施清单的每项实施需要 ``complaint_phone``（监督投诉电话）；有权力事项时，``laws.yaml`` 需要
    登记办事指南推导的救济途径和当事人权利所引用的法律（行政复议法、行政诉讼法，处罚事项还有行政处罚
    法，强制事项还有行政强制法）。

    这是警告而不是错误：在这些要素出现之前编写的目录照常通过校验。请写出要素；确实没有时写空列表
    （``faq: []``）。
    """
    for entry in context.items:
        for violation in _element_missing(entry.item, context):
            yield Violation(
                violation.loc,
                violation.message,
                violation.message_en,
                document=entry.document,
                item=entry.item.code,
                key=violation.loc != (),
            )
    yield from _laws_for_remedies(context)


RULES: tuple[Rule, ...] = (replace(element_missing, implementation_check=_implementations_missing),)
