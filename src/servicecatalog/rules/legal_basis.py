"""Legal basis: every item and every material has one, and every citation resolves.

没有法律法规依据的一律取消: a material, proof or condition without a legal basis is cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..findings import Severity
from ..loader import LoadedDocument, Loc
from ..model import Item, LegalReference, StagedLimit
from ..remedies import party_rights, remedies
from ._base import Context, Rule, Violation, catalog_rule, item_rule

_NUMERAL = "〇零一二三四五六七八九十百千"
_ARTICLE = re.compile(
    rf"第[{_NUMERAL}]+条(之[{_NUMERAL}]+)?(第[{_NUMERAL}]+款)?(第[{_NUMERAL}]+项)?"
)


def _citations(item: Item) -> Iterator[tuple[Loc, LegalReference]]:
    for index, reference in enumerate(item.legal_basis):
        yield ("legal_basis", index), reference
    for m_index, material in enumerate(item.materials):
        for index, reference in enumerate(material.legal_basis):
            yield ("materials", m_index, "legal_basis", index), reference
    for index, reference in enumerate(item.fee.legal_basis):
        yield ("fee", "legal_basis", index), reference
    legal = item.time_limit.legal
    if isinstance(legal, StagedLimit):
        for index, stage in enumerate(legal.stages):
            if stage.basis is not None:
                yield ("time_limit", "legal", "stages", index, "basis"), stage.basis
    elif legal is not None and legal.basis is not None:
        yield ("time_limit", "legal", "basis"), legal.basis
    for key in ("faq", "intermediary_services"):
        for e_index, entry in enumerate(getattr(item, key) or ()):
            for index, reference in enumerate(entry.legal_basis):
                yield (key, e_index, "legal_basis", index), reference
    if item.remedies is not None:
        for r_index, route in enumerate(item.remedies.routes):
            for index, reference in enumerate(route.legal_basis):
                yield ("remedies", "routes", r_index, "legal_basis", index), reference
        for index, reference in enumerate(item.remedies.reviewable_under):
            yield ("remedies", "reviewable_under", index), reference


@item_rule("item-without-legal-basis", Severity.ERROR, "事项无适用依据", "no legal basis")
def item_without_legal_basis(item: Item, context: Context) -> Iterator[Violation]:
    """Every item cites at least one law, regulation or rule (适用依据, element 3).

    中文
    ----
    每个事项至少引用一部法律、法规或规章（适用依据，八统一的第 3 项）。
    """
    if not item.legal_basis:
        yield Violation(
            ("legal_basis",),
            "事项没有适用依据",
            "the item cites no legal basis",
        )


@item_rule(
    "material-without-legal-basis", Severity.ERROR, "材料无法律依据", "material without legal basis"
)
def material_without_legal_basis(item: Item, context: Context) -> Iterator[Violation]:
    """Every material cites the legal basis for demanding it.

    没有法律法规依据的一律取消: a material no law, regulation or rule requires is not demanded.

    中文
    ----
    每项申请材料都写明要求提交它的法律依据。

    没有法律法规依据的一律取消：没有任何法律、法规或规章要求的材料，不得向申请人索要。
    """
    for index, material in enumerate(item.materials):
        if not material.legal_basis:
            yield Violation(
                ("materials", index),
                f"材料 “{material.name}” 没有法律法规依据",
                f"material '{material.name}' cites no legal basis",
            )


@item_rule("law-unknown", Severity.ERROR, "引用的法规未登记", "citation of an unknown law")
def law_unknown(item: Item, context: Context) -> Iterator[Violation]:
    """Every ``law:`` id resolves in ``laws.yaml``, the registry of full names and kinds.

    Guides print the full name from the registry, so an unregistered id could not be printed.

    中文
    ----
    每个 ``law:`` 编号都能在法规登记表 ``laws.yaml`` 中找到，登记表记录法规的全称和类别。

    办事指南打印登记表中的全称，未登记的编号就无法打印。
    """
    if context.laws_document is None:
        return
    for loc, reference in _citations(item):
        if reference.law not in context.laws:
            yield Violation(
                (*loc, "law"),
                f"法规 “{reference.law}” 未在 laws.yaml 中登记",
                f"law '{reference.law}' is not registered in laws.yaml",
            )


@item_rule("article-malformed", Severity.ERROR, "条款写法不规范", "article not written as in law")
def article_malformed(item: Item, context: Context) -> Iterator[Violation]:
    """Articles are written as the statute numbers them, in Chinese numerals.

    ``第四十五条``, ``第四十五条第二款``, ``第十六条第一款第三项``, ``第二十条之一``; not
    ``第45条``, ``Art. 45`` or ``四十五``.

    中文
    ----
    条款按法规原文的编号方式、用中文数字书写。

    如 ``第四十五条``、``第四十五条第二款``、``第十六条第一款第三项``、``第二十条之一``；不要写成
    ``第45条``、``Art. 45`` 或 ``四十五``。
    """
    for loc, reference in _citations(item):
        for index, article in enumerate(reference.articles):
            if not _ARTICLE.fullmatch(article):
                yield Violation(
                    (*loc, "articles", index),
                    f"条款 “{article}” 应按法规原文书写，如 “第四十五条” 或 “第四十五条第二款”",
                    f"article '{article}' must be written as the statute numbers it, "
                    "e.g. 第四十五条 or 第四十五条第二款",
                )


@item_rule("fee-without-legal-basis", Severity.ERROR, "收费无依据", "a fee without basis")
def fee_without_legal_basis(item: Item, context: Context) -> Iterator[Violation]:
    """A charged item states its fee standard and the legal basis for charging it.

    中文
    ----
    收费事项写明收费标准和收费的法律依据。
    """
    if not item.fee.charged:
        return
    if item.fee.standard is None:
        yield Violation(("fee",), "收费事项须写明收费标准", "a charged item must state its fee")
    if not item.fee.legal_basis:
        yield Violation(
            ("fee",), "收费事项须写明收费依据", "a charged item must cite the basis of its fee"
        )


@catalog_rule("law-duplicate-id", Severity.ERROR, "法规编号重复", "two laws share an id")
def law_duplicate_id(context: Context) -> Iterator[Violation]:
    """Law ids in ``laws.yaml`` are unique, and so are the laws' full names.

    中文
    ----
    ``laws.yaml`` 中的法规编号唯一，法规全称也唯一。
    """
    document = context.laws_document
    if document is None or not isinstance(document.data, dict):
        return
    entries = document.data.get("laws")
    if not isinstance(entries, list):
        return
    yield from _duplicates(entries, "id", document)
    yield from _duplicates(entries, "name", document)


def _duplicates(
    entries: Iterable[object], key: str, document: LoadedDocument
) -> Iterator[Violation]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        value = entry.get(key) if isinstance(entry, dict) else None
        if not isinstance(value, str):
            continue
        if value in seen:
            yield Violation(
                ("laws", index, key),
                f"laws.yaml 中 “{value}” 重复",
                f"'{value}' appears twice in laws.yaml",
                document=document,
            )
        seen.add(value)


@catalog_rule("law-unused", Severity.INFO, "登记的法规未被引用", "a registered law nobody cites")
def law_unused(context: Context) -> Iterator[Violation]:
    """Every law in ``laws.yaml`` is cited by some item, material, fee, time limit, FAQ answer
    or intermediary service, or by the remedies the guides derive for power items.

    The registry lists what the catalog relies on; a law cited nowhere is either a citation that
    was forgotten (cite it where it governs) or an entry to remove. Items whose files did not
    validate are not read, so nothing is reported while any item is broken.

    中文
    ----
    ``laws.yaml`` 中登记的每部法规都被某个事项、材料、收费或时限引用。

    登记表列出的是目录所依赖的法规；没有任何地方引用的法规，要么是漏写了引用（请在它适用的地方引用），
    要么应从登记表中删除。只要有事项文件未通过校验，这些文件就无法读取，此时本规则不报告任何问题。
    """
    document = context.laws_document
    if document is None or context.broken_items or not isinstance(document.data, dict):
        return
    entries = document.data.get("laws")
    if not isinstance(entries, list):
        return
    cited = {reference.law for entry in context.items for _, reference in _citations(entry.item)}
    # The guides cite these in the remedies and rights they derive for power items.
    cited |= {
        reference.law
        for entry in context.items
        for remedy in (*remedies(entry.item), *party_rights(entry.item))
        for reference in remedy.basis
    }
    for index, entry in enumerate(entries):
        law_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(law_id, str) and law_id in context.laws and law_id not in cited:
            name = context.laws[law_id].name
            yield Violation(
                ("laws", index, "id"),
                f"法规 “{name}”（{law_id}）未被任何事项引用；请在其适用的事项中引用，或从 laws.yaml 删除",
                f"law '{law_id}' ({name}) is cited by no item: cite it where it governs, or remove "
                "it from laws.yaml",
                document=document,
            )


RULES: tuple[Rule, ...] = (
    item_without_legal_basis,
    material_without_legal_basis,
    law_unknown,
    article_malformed,
    fee_without_legal_basis,
    law_duplicate_id,
    law_unused,
)
