"""Five levels, one standard: regions and their implementation lists
(docs/format.md#implementationsregionyaml).

The province defines each item once; cities, counties, townships and villages implement it and may
set only what is local (agency, address, hours, phone, window, online address). The eight elements
stay as the province defined them — that is what 八统一 means across the five levels.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from ..findings import Severity
from ..model import Level
from ._base import (
    Context,
    ImplementationEntry,
    ImplementationScope,
    Rule,
    Violation,
    catalog_rule,
    emitted_rule,
    implementation_rule,
)

_LEVEL_ORDER = {level: index for index, level in enumerate(Level)}


IMPLEMENTATION_OVERRIDES_UNIFIED_ELEMENT = emitted_rule(
    __name__,
    "implementation-overrides-unified-element",
    Severity.ERROR,
    "实施清单改写了统一要素",
    "an implementation overrides a unified element",
    """An implementation carries one of the eight unified elements, conditions, the time limit or
    visits.

    These are defined once, by the province, for every level: a city or county that changed its
    materials or its time limit would break 八统一 and make 全省通办 impossible. Change the item
    itself instead, so the change applies everywhere and is published.

    中文
    ----
    实施清单中写了八统一要素、受理条件、办理时限或到现场次数。

    这些内容由省级统一规定、各层级一体适用：市、县自行改动材料或时限，就破坏了八统一，也使全省通办无
    从实现。请修改事项本身，使变更处处适用并依规公开。
    """,
)


@catalog_rule("region-duplicate", Severity.ERROR, "区划代码重复", "two regions share a code")
def region_duplicate(context: Context) -> Iterator[Violation]:
    """Region codes in ``regions.yaml`` are unique.

    中文
    ----
    ``regions.yaml`` 中的区划代码唯一。
    """
    document = context.regions_document
    if document is None or not isinstance(document.data, dict):
        return
    seen: set[str] = set()
    for index, entry in enumerate(document.data.get("regions") or []):
        code = entry.get("code") if isinstance(entry, dict) else None
        if isinstance(code, str):
            if code in seen:
                yield Violation(
                    ("regions", index, "code"),
                    f"区划代码 “{code}” 重复",
                    f"region code '{code}' appears twice",
                    document=document,
                )
            seen.add(code)


@catalog_rule("region-parent", Severity.ERROR, "上级区划有误", "a region's parent is wrong")
def region_parent(context: Context) -> Iterator[Violation]:
    """Every region but the province names its parent, which exists and is one level up
    (a county's parent is a city, a village's a township).

    中文
    ----
    除省以外，每个区划都写明上级区划，且上级区划存在、恰好高一级（县的上级是市，村的上级是乡）。
    """
    document = context.regions_document
    if document is None:
        return
    for index, region in enumerate(context.region_list):
        problem = _parent_problem(context, region.parent, region.level)
        if problem is not None:
            yield Violation(("regions", index, "parent"), *problem, document=document)


def _parent_problem(context: Context, parent: str | None, level: Level) -> tuple[str, str] | None:
    if level is Level.PROVINCE:
        if parent is None:
            return None
        return "省级区划不应有上级", "the province has no parent"
    if parent is None:
        return f"{level.value}区划须写明上级区划", f"a {level.value} region needs a parent"
    found = context.regions.get(parent)
    if found is None:
        return f"上级区划 “{parent}” 不存在", f"parent region '{parent}' does not exist"
    if _LEVEL_ORDER[found.level] != _LEVEL_ORDER[level] - 1:
        return (
            f"{level.value}区划的上级应为{list(Level)[_LEVEL_ORDER[level] - 1].value}，"
            f"而 “{parent}” 是{found.level.value}",
            f"the parent of a {level.value} region must be one level up; '{parent}' is "
            f"{found.level.value}",
        )
    return None


@implementation_rule(
    "implementation-revision-missing",
    Severity.WARNING,
    "实施清单缺少修订信息",
    "an implementation list has no revision",
)
def implementation_revision_missing(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """An implementation list has no ``revision``.

    An address, a phone or an agency that changes is what a citizen acts on, so a change to an
    implementation list must be published within the working-day limit, like a change to an
    item. Without ``revision: {version, changed_on, published_on}`` neither the change nor its
    deadline can be told. Lists written before lists had revisions still load; add one.

    中文
    ----
    实施清单缺少 ``revision``（修订信息）。

    办理地点、电话、实施主体的变化直接影响群众办事，实施清单的变更与事项变更一样，须在规定的工作日内公开。
    缺少 ``revision: {version, changed_on, published_on}`` 就无法判断变更及其公开期限。旧格式的清单仍可
    加载，请补上修订信息。
    """
    if entry.implementations.revision is None:
        yield Violation(
            ("region",),
            "实施清单缺少修订信息 revision（version、changed_on、published_on）",
            "the list has no revision (version, changed_on, published_on)",
        )


@implementation_rule(
    "implementation-file-name", Severity.ERROR, "实施清单文件名与区划不符", "file name vs region"
)
def implementation_file_name(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """An implementation list is named ``implementations/<region>.yaml`` after its ``region``.

    中文
    ----
    实施清单按其 ``region`` 命名为 ``implementations/<区划代码>.yaml``。
    """
    stem = PurePath(entry.file).stem
    region = entry.implementations.region
    if stem != region:
        yield Violation(
            ("region",),
            f"区划 “{region}” 与文件名 “{stem}” 不一致",
            f"region '{region}' differs from the file name '{stem}'",
        )


@implementation_rule(
    "implementation-unknown-region", Severity.ERROR, "实施清单的区划不存在", "unknown region"
)
def implementation_unknown_region(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """The ``region`` of an implementation list is declared in ``regions.yaml``.

    中文
    ----
    实施清单的 ``region`` 已在 ``regions.yaml`` 中声明。
    """
    region = entry.implementations.region
    if region not in scope.regions:
        yield Violation(
            ("region",),
            f"区划 “{region}” 未在 regions.yaml 中声明",
            f"region '{region}' is not declared in regions.yaml",
        )


@implementation_rule(
    "implementation-unknown-item", Severity.ERROR, "实施的事项不存在", "unknown item"
)
def implementation_unknown_item(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """Every implemented item exists in the catalog (``items/<code>.yaml``).

    中文
    ----
    实施的每个事项都在目录中（``items/<编码>.yaml``）。
    """
    for index, implementation in enumerate(entry.implementations.implementations):
        if implementation.item not in scope.known_items:
            yield Violation(
                ("implementations", index, "item"),
                f"事项 “{implementation.item}” 不在目录中",
                f"item '{implementation.item}' is not in the catalog",
                item=implementation.item,
            )


@implementation_rule(
    "implementation-level-mismatch", Severity.ERROR, "区划层级不在事项行使层级内", "wrong level"
)
def implementation_level_mismatch(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """A region implements only items whose ``levels`` include the region's level.

    A county cannot handle an item the province reserved for the provincial and city levels.

    中文
    ----
    区划只实施行使层级（``levels``）包含其层级的事项。

    省里规定由省级和市级行使的事项，县级不能办理。
    """
    region = scope.regions.get(entry.implementations.region)
    if region is None:
        return
    for index, implementation in enumerate(entry.implementations.implementations):
        item_levels = scope.item_levels.get(implementation.item)
        if item_levels is not None and region.level not in item_levels:
            allowed = "、".join(level.value for level in item_levels)
            yield Violation(
                ("implementations", index, "item"),
                f"事项 {implementation.item} 的行使层级为 {allowed}，{region.name}是"
                f"{region.level.value}",
                f"item {implementation.item} is exercised at {allowed}; {region.name} is "
                f"{region.level.value}",
                item=implementation.item,
            )


@implementation_rule(
    "implementation-duplicate", Severity.ERROR, "事项重复实施", "implemented twice"
)
def implementation_duplicate(
    entry: ImplementationEntry, scope: ImplementationScope
) -> Iterator[Violation]:
    """A region implements an item once: one entry per item in its implementation list.

    中文
    ----
    一个区划只实施同一事项一次：实施清单中每个事项只有一条。
    """
    seen: set[str] = set()
    region = entry.implementations.region
    for index, implementation in enumerate(entry.implementations.implementations):
        if implementation.item in seen:
            yield Violation(
                ("implementations", index, "item"),
                f"区划 {region} 重复实施事项 {implementation.item}",
                f"region {region} implements item {implementation.item} twice",
                item=implementation.item,
            )
        seen.add(implementation.item)


@catalog_rule(
    "implementation-region-duplicate",
    Severity.ERROR,
    "同一区划有多个实施清单",
    "region listed twice",
)
def implementation_region_duplicate(context: Context) -> Iterator[Violation]:
    """A region has one implementation list: two files naming the same ``region`` would leave it
    unclear which one the hall and the portal publish.

    中文
    ----
    一个区划只有一份实施清单：两个文件写了同一个 ``region``，就不清楚大厅和门户应当发布哪一份。
    """
    first: dict[str, str] = {}
    for entry in context.implementation_lists:
        region = entry.implementations.region
        earlier = first.setdefault(region, entry.file)
        if earlier != entry.file:
            yield Violation(
                ("region",),
                f"区划 {region} 已有实施清单 {earlier}",
                f"region {region} already has the implementation list {earlier}",
                document=entry.load_document(),
                related=(earlier,),
            )


RULES: tuple[Rule, ...] = (
    IMPLEMENTATION_OVERRIDES_UNIFIED_ELEMENT,
    region_duplicate,
    region_parent,
    implementation_revision_missing,
    implementation_file_name,
    implementation_unknown_region,
    implementation_unknown_item,
    implementation_level_mismatch,
    implementation_duplicate,
    implementation_region_duplicate,
)
