"""Codes: the 12-digit basic code (基本编码) (docs/format.md#codes) and its consequences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePath

from ..codes import ItemCode, describe_code_problem
from ..findings import Severity
from ..model import Item
from ._base import Context, ItemEntry, Rule, Violation, catalog_rule, item_rule

_CODE_LOC = ("code",)


def _parsed(item: Item) -> ItemCode | None:
    return None if describe_code_problem(item.code) else ItemCode.parse(item.code)


@item_rule("code-format", Severity.ERROR, "编码格式错误", "the code is not 12 digits")
def code_format(item: Item, context: Context) -> Iterator[Violation]:
    """An item code is 12 ASCII digits: ``AA DDDD MMM SSS``.

    Quote it in YAML (``code: "220114001000"``) so that no tool reads it as a number. Full-width
    digits, typed by a Chinese input method, are named as such.

    中文
    ----
    事项编码为 12 位半角数字：``AA DDDD MMM SSS``。

    在 YAML 中给它加引号（``code: "220114001000"``），免得其他工具把它读成数字。用中文输入法输入的全
    角数字会被明确指出。
    """
    problem = describe_code_problem(item.code)
    if problem is not None:
        yield Violation(_CODE_LOC, *problem)


@catalog_rule("code-file-name", Severity.ERROR, "文件名与编码不一致", "file name differs from code")
def code_file_name(context: Context) -> Iterator[Violation]:
    """The file of an item is named ``<code>.yaml``.

    The name is how people and tools find an item; a file renamed without its code (or the other
    way round) would make two items look like one.

    中文
    ----
    事项文件以其编码命名：``<编码>.yaml``。

    人和工具都靠文件名找到事项；只改了文件名或只改了编码，会让两个事项看起来像一个。
    """
    for entry in context.items:
        stem = PurePath(entry.document.file).stem
        if stem != entry.item.code:
            yield Violation(
                _CODE_LOC,
                f"编码 “{entry.item.code}” 与文件名 “{stem}” 不一致",
                f"code '{entry.item.code}' differs from the file name '{stem}'",
                document=entry.document,
                item=entry.item.code,
            )


@item_rule("code-province-mismatch", Severity.ERROR, "编码省份与目录不符", "code province differs")
def code_province_mismatch(item: Item, context: Context) -> Iterator[Violation]:
    """The first two digits of the code are the catalog's ``province`` (catalog.yaml).

    中文
    ----
    编码的前两位是目录的 ``province``（见 catalog.yaml）。
    """
    code = _parsed(item)
    if code and context.manifest and code.province != context.manifest.province:
        yield Violation(
            _CODE_LOC,
            f"编码省份 “{code.province}” 应为 “{context.manifest.province}”",
            f"code province '{code.province}' should be '{context.manifest.province}'",
        )


@item_rule(
    "code-department-mismatch", Severity.ERROR, "编码部门与目录不符", "code department differs"
)
def code_department_mismatch(item: Item, context: Context) -> Iterator[Violation]:
    """Digits 3–6 of the code are the catalog's ``department`` (catalog.yaml).

    中文
    ----
    编码的第 3–6 位是目录的 ``department``（见 catalog.yaml）。
    """
    code = _parsed(item)
    if code and context.manifest and code.department != context.manifest.department:
        yield Violation(
            _CODE_LOC,
            f"编码部门 “{code.department}” 应为 “{context.manifest.department}”",
            f"code department '{code.department}' should be '{context.manifest.department}'",
        )


@item_rule(
    "code-sub-item-mismatch", Severity.ERROR, "子项编码与子项名称不符", "sub-item code and name"
)
def code_sub_item_mismatch(item: Item, context: Context) -> Iterator[Violation]:
    """The last three digits are ``000`` exactly when ``sub_item_name`` is null.

    A sub-item has its own code and its own name; a main item without sub-items has neither.

    中文
    ----
    编码的最后三位为 ``000``，当且仅当 ``sub_item_name`` 为 null。

    子项有自己的编码和名称；没有子项的主项两者都没有。
    """
    code = _parsed(item)
    if code is None:
        return
    if code.has_sub_item and item.sub_item_name is None:
        yield Violation(
            ("sub_item_name",),
            f"编码 “{item.code}” 表示子项，但 sub_item_name 为空",
            f"code '{item.code}' denotes a sub-item but sub_item_name is null",
        )
    elif not code.has_sub_item and item.sub_item_name is not None:
        yield Violation(
            ("sub_item_name",),
            f"子项 “{item.sub_item_name}” 的编码不能以 000 结尾",
            f"sub-item '{item.sub_item_name}' needs a code that does not end in 000",
        )


@catalog_rule("code-duplicate", Severity.ERROR, "编码重复", "two items share a code")
def code_duplicate(context: Context) -> Iterator[Violation]:
    """Item codes are unique across the catalog.

    中文
    ----
    事项编码在整个目录中唯一。
    """
    first: dict[str, ItemEntry] = {}
    for entry in context.items:
        earlier = first.setdefault(entry.item.code, entry)
        if earlier is not entry:
            yield Violation(
                _CODE_LOC,
                f"编码 “{entry.item.code}” 与 {earlier.document.file} 重复",
                f"code '{entry.item.code}' is also used by {earlier.document.file}",
                document=entry.document,
                item=entry.item.code,
                related=(earlier.document.file,),
            )


def _by_main_code(context: Context) -> dict[str, list[tuple[ItemCode, ItemEntry]]]:
    groups: dict[str, list[tuple[ItemCode, ItemEntry]]] = defaultdict(list)
    for entry in context.items:
        code = _parsed(entry.item)
        if code is not None:
            groups[code.main_code].append((code, entry))
    return groups


@catalog_rule(
    "code-main-name-mismatch", Severity.ERROR, "同一主项名称不一致", "sub-items disagree on name"
)
def code_main_name_mismatch(context: Context) -> Iterator[Violation]:
    """Items that share a main-item code (the first nine digits) share ``main_item_name``.

    The main-item name is the first of the eight unified elements: every sub-item of a main item
    carries it exactly.

    中文
    ----
    主项编码（前九位）相同的事项，``main_item_name`` 也必须相同。

    主项名称是八统一的第一项：同一主项下的每个子项都一字不差地使用它。
    """
    for group in _by_main_code(context).values():
        names = sorted({entry.item.main_item_name for _, entry in group})
        if len(names) < 2:
            continue
        reference = min(group, key=lambda pair: pair[0])[1].item.main_item_name
        files = tuple(entry.document.file for _, entry in group)
        for _, entry in group:
            if entry.item.main_item_name != reference:
                yield Violation(
                    ("main_item_name",),
                    f"主项名称 “{entry.item.main_item_name}” 与同一主项的 “{reference}” 不一致",
                    f"main item name '{entry.item.main_item_name}' differs from '{reference}' "
                    "used by the same main item",
                    document=entry.document,
                    item=entry.item.code,
                    related=files,
                )


@catalog_rule(
    "code-main-with-sub-items",
    Severity.ERROR,
    "拆分子项的主项不应单独成项",
    "main beside sub-items",
)
def code_main_with_sub_items(context: Context) -> Iterator[Violation]:
    """A main item split into sub-items has no ``…000`` file of its own.

    Once an item is split, each sub-item is handled on its own; a leftover main-item file would
    publish a second, conflicting version of the same service.

    中文
    ----
    已拆分为子项的主项，不再有自己的 ``…000`` 文件。

    拆分之后，每个子项单独办理；残留的主项文件会发布同一服务的第二个、相互矛盾的版本。
    """
    for group in _by_main_code(context).values():
        if not any(code.has_sub_item for code, _ in group):
            continue
        sub_items = tuple(entry.document.file for code, entry in group if code.has_sub_item)
        for code, entry in group:
            if not code.has_sub_item:
                yield Violation(
                    _CODE_LOC,
                    f"主项 “{entry.item.main_item_name}” 已拆分子项，不应再有编码 {code} 的文件",
                    f"main item '{entry.item.main_item_name}' is split into sub-items; "
                    f"remove the file of {code}",
                    document=entry.document,
                    item=entry.item.code,
                    related=sub_items,
                )


RULES: tuple[Rule, ...] = (
    code_format,
    code_file_name,
    code_province_mismatch,
    code_department_mismatch,
    code_sub_item_mismatch,
    code_duplicate,
    code_main_name_mismatch,
    code_main_with_sub_items,
)
