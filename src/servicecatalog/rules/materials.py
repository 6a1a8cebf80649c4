"""Materials: element 4, 申请材料 — what may and may not be demanded from the applicant."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..findings import Severity
from ..model import Item, MaterialSource
from ._base import Context, Rule, Violation, item_rule

CATCH_ALL_PHRASES = (
    "其他材料",
    "其它材料",
    "相关材料",
    "有关材料",
    "等材料",
    "其他证明",
    "相关证明",
    "有关证明",
    "其他资料",
    "相关资料",
    "有关资料",
    "要求的其他",
)


@item_rule("material-catch-all", Severity.ERROR, "兜底性材料", "a catch-all material")
def material_catch_all(item: Item, context: Context) -> Iterator[Violation]:
    """No catch-all materials: ``其他材料``, ``相关材料``, ``有关材料``, ``…等材料``, ``其他证明``,
    ``相关证明``, ``有关资料`` and the like.

    办事指南之外不再增加其他要求: the guide lists every material by name, so a window cannot
    demand more than it says.

    中文
    ----
    不得使用兜底性材料：``其他材料``、``相关材料``、``有关材料``、``…等材料``、``其他证明``、
    ``相关证明``、``有关资料`` 之类。

    办事指南之外不再增加其他要求：指南逐项列明每一项材料，窗口就不能索要指南之外的东西。
    """
    for index, material in enumerate(item.materials):
        phrase = next((p for p in CATCH_ALL_PHRASES if p in material.name), None)
        if phrase is not None:
            yield Violation(
                ("materials", index, "name"),
                f"材料 “{material.name}” 含兜底表述 “{phrase}”；请逐项列明",
                f"material '{material.name}' is a catch-all ('{phrase}'); name each material",
            )


@item_rule(
    "material-must-not-be-submitted",
    Severity.ERROR,
    "政府部门核发的材料不应由申请人提交",
    "government-issued material demanded",
)
def material_must_not_be_submitted(item: Item, context: Context) -> Iterator[Violation]:
    """三个不提交: what a government department issued is not demanded from the applicant.

    As this catalog reads the rule, a material whose ``source`` is ``政府部门核发`` must say how it
    is had without submission: ``exempt_by`` is ``数据共享`` (fetched by data sharing),
    ``电子证照`` (an electronic licence) or ``告知承诺`` (replaced by a written commitment).

    中文
    ----
    三个不提交：政府部门核发的材料，不向申请人索要。

    本目录对这条要求的理解是：``source`` 为 ``政府部门核发`` 的材料，必须写明不经申请人提交如何取得：
    ``exempt_by`` 为 ``数据共享``（通过数据共享获取）、``电子证照``（调用电子证照）或 ``告知承诺``
    （以书面承诺代替）。
    """
    for index, material in enumerate(item.materials):
        if material.source is MaterialSource.GOVERNMENT and material.exempt_by is None:
            yield Violation(
                ("materials", index, "exempt_by"),
                f"材料 “{material.name}” 由政府部门核发，应通过数据共享、电子证照或告知承诺获取，"
                "不应要求申请人提交（exempt_by）",
                f"material '{material.name}' is issued by a government department: set exempt_by "
                "(数据共享, 电子证照 or 告知承诺) instead of demanding it",
            )


@item_rule("material-form-unknown", Severity.ERROR, "材料引用的表单不存在", "unknown form_id")
def material_form_unknown(item: Item, context: Context) -> Iterator[Violation]:
    """A material's ``form_id`` names a form of the same item (element 8).

    中文
    ----
    材料的 ``form_id`` 指向本事项的一张表单（八统一的第 8 项）。
    """
    form_ids = {form.id for form in item.forms}
    for index, material in enumerate(item.materials):
        if material.form_id is not None and material.form_id not in form_ids:
            yield Violation(
                ("materials", index, "form_id"),
                f"材料 “{material.name}” 引用的表单 “{material.form_id}” 不存在",
                f"material '{material.name}' names form '{material.form_id}', "
                "which the item does not have",
            )


@item_rule("element-id-duplicate", Severity.ERROR, "编号重复", "an id appears twice")
def element_id_duplicate(item: Item, context: Context) -> Iterator[Violation]:
    """Ids of materials, steps and forms (``M*``, ``S*``, ``H*``, ``F*``) are unique in the item,
    and so are the names of a form's fields.

    The diff matches elements by id across versions; a repeated id would make it pair the wrong
    elements.

    中文
    ----
    材料、环节和表单的编号（``M*``、``S*``、``H*``、``F*``）在事项内唯一，同一表单中的字段名称也唯一。


    变更比较按编号在各版本之间匹配要素；编号重复会使它匹配错要素。
    """
    groups: tuple[tuple[str, Sequence[str]], ...] = (
        ("materials", [m.id for m in item.materials]),
        ("service_process", [s.id for s in item.service_process]),
        ("handling_process", [h.id for h in item.handling_process]),
        ("forms", [f.id for f in item.forms]),
    )
    for key, ids in groups:
        yield from _repeated((key,), ids)
    for index, form in enumerate(item.forms):
        yield from _repeated(("forms", index, "fields"), [f.name for f in form.fields])


def _repeated(loc: tuple[str | int, ...], names: Sequence[str]) -> Iterator[Violation]:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            yield Violation(
                (*loc, index),
                f"“{name}” 重复",
                f"'{name}' appears twice",
            )
        seen.add(name)


@item_rule("materials-missing", Severity.WARNING, "依申请事项没有申请材料", "no materials")
def materials_missing(item: Item, context: Context) -> Iterator[Violation]:
    """An item the applicant starts lists its materials.

    Only items the authority starts itself (行政处罚, 行政强制, 行政检查, 行政征收) may have none;
    for an application an empty list usually means the element was forgotten.

    中文
    ----
    依申请办理的事项应列出申请材料。

    只有行政机关主动实施的事项（行政处罚、行政强制、行政检查、行政征收）可以没有材料；依申请事项的材
    料为空，通常是漏写了这一要素。
    """
    if not item.materials and not item.item_type.authority_initiated:
        yield Violation(
            ("materials",),
            f"{item.item_type.value}事项应列明申请材料",
            f"an item of type {item.item_type.value} should list its materials",
        )


RULES: tuple[Rule, ...] = (
    material_catch_all,
    material_must_not_be_submitted,
    material_form_unknown,
    element_id_duplicate,
    materials_missing,
)
