"""Forms: element 8, 表单内容 — each field defines its entry, and each form is a material's."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..forms import entry_problem
from ..model import Exemption, FieldType, FormField, Item, MaterialForm, MaterialSource
from ._base import Context, Rule, Violation, item_rule

SUBMISSION_FREE = (Exemption.DATA_SHARING, Exemption.ELECTRONIC_LICENSE)
"""Exemptions under which the applicant hands in nothing for the material."""

FORM_NAME_ENDINGS = ("表", "表格", "表单")
"""A material the applicant fills in whose name ends so is a form: 登记表, 申请表, 审批表."""


@item_rule(
    "form-choice-without-options",
    Severity.WARNING,
    "选择项字段未列出选项",
    "a choice field without options",
)
def form_choice_without_options(item: Item, context: Context) -> Iterator[Violation]:
    """A ``choice`` field lists its ``options``.

    Without them each portal and each hall invents its own choices, and the same field (中断就业原因)
    means different things in two counties — the drift that 表单内容 is unified against. The rule is
    a warning so that catalogs written before fields had options keep validating; a catalog whose
    choice fields all have options makes it an error in ``.servicecatalog.yaml``
    (``rules: {form-choice-without-options: error}``) so that none is added without them.

    中文
    ----
    ``choice``（选择项）字段应列出 ``options``（选项）。

    不列选项，各个网上平台和办事大厅就会各自编选项，同一字段（如中断就业原因）在两个县含义不同——这正是
    统一表单内容要防止的。为使增加选项之前编写的目录仍能通过校验，本规则为警告；选择项已全部列出选项的
    目录，可在 ``.servicecatalog.yaml`` 中将其改为错误（``rules: {form-choice-without-options:
    error}``），以免再增加没有选项的字段。
    """
    for form_index, form in enumerate(item.forms):
        for field_index, field in enumerate(form.fields):
            if field.type is FieldType.CHOICE and field.options is None:
                yield Violation(
                    ("forms", form_index, "fields", field_index, "type"),
                    f"表单 {form.id} 的选择项字段 “{field.name}” 未列出选项（options）",
                    f"choice field '{field.name}' of form {form.id} lists no options",
                )


@item_rule(
    "form-field-key-misplaced",
    Severity.ERROR,
    "字段的键与字段类型不符",
    "a field key that its type does not take",
)
def form_field_key_misplaced(item: Item, context: Context) -> Iterator[Violation]:
    """``options`` and ``multiple`` belong to ``choice`` fields, ``unit`` to ``number`` fields.

    On another type they would be printed and published but check nothing: a ``text`` field with
    options accepts any text all the same.

    中文
    ----
    ``options`` 和 ``multiple`` 只用于 ``choice`` 字段，``unit`` 只用于 ``number`` 字段。

    用在其他类型的字段上，它们会被印出和公开，却什么也不检查：带选项的 ``text`` 字段照样接受任何文字。
    """
    for form_index, form in enumerate(item.forms):
        for field_index, field in enumerate(form.fields):
            for key in _misplaced_keys(field):
                yield Violation(
                    ("forms", form_index, "fields", field_index, key),
                    f"表单 {form.id} 的字段 “{field.name}” 类型为 {field.type.value}，不应有 {key}",
                    f"field '{field.name}' of form {form.id} is of type {field.type.value} "
                    f"and takes no {key}",
                    key=True,
                )


def _misplaced_keys(field: FormField) -> Iterator[str]:
    if field.type is not FieldType.CHOICE:
        if field.options is not None:
            yield "options"
        if field.multiple:
            yield "multiple"
    if field.type is not FieldType.NUMBER and field.unit is not None:
        yield "unit"


@item_rule(
    "form-example-invalid",
    Severity.ERROR,
    "样表示例不符合字段类型",
    "an example its field's type rejects",
)
def form_example_invalid(item: Item, context: Context) -> Iterator[Violation]:
    """A field's ``example`` is an entry its own type accepts.

    The example is what the 示例样表 shows the applicant, and what a portal shows as the field's
    placeholder; an example that the form's own check rejects teaches the wrong entry. Checked: a
    ``date`` exists (no 2026-02-30); an ``id_number`` is 18 characters with an existing birth date
    and the GB 11643-1999 check character; a ``phone`` is a mainland mobile (11 digits from 13–19)
    or fixed number (area code, optional ``-``, 7 or 8 digits); a ``number`` is written in digits;
    a ``choice`` example is one of the options (of a ``multiple`` field: several, joined by
    ``、``); and no example is longer than ``max_length``.

    中文
    ----
    字段的 ``example``（示例）应是该字段类型接受的填写内容。

    示例就是示例样表给申请人看的内容，也是网上平台在输入框里给出的提示；本表单自己的校验都不接受的示例，
    教给申请人的是错误的填法。检查：``date`` 是存在的日期（不能是 2026-02-30）；``id_number`` 为 18
    位，出生日期存在，校验码符合 GB 11643-1999；``phone`` 是内地手机号码（13–19 开头的 11 位数字）或
    固定电话（区号、可选的 ``-``、7 或 8 位号码）；``number`` 用数字书写；``choice`` 的示例是所列选项之一
    （``multiple`` 字段可以是用 ``、`` 连接的几个选项）；示例都不超过 ``max_length``。
    """
    for form_index, form in enumerate(item.forms):
        for field_index, field in enumerate(form.fields):
            if field.example is None:
                continue
            problem = entry_problem(field, field.example)
            if problem is not None:
                zh, en = problem
                yield Violation(
                    ("forms", form_index, "fields", field_index, "example"),
                    f"表单 {form.id} 的字段 “{field.name}” 的示例不符合其类型：{zh}",
                    f"the example of field '{field.name}' of form {form.id} does not fit "
                    f"its type: {en}",
                )


@item_rule(
    "form-required-on-exempt-material",
    Severity.ERROR,
    "免于提交的材料的表单有必填字段",
    "a required field on a material exempted from submission",
)
def form_required_on_exempt_material(item: Item, context: Context) -> Iterator[Violation]:
    """A form filed as a material that data sharing or an electronic licence replaces has no
    required field.

    A material with ``exempt_by`` 数据共享 or 电子证照 is had without the applicant submitting it
    (三个不提交); a form for it that still marks fields ``required`` demands from the applicant
    what the item says it does not demand. Make the fields optional (the department fills them
    from shared data), or drop the exemption. A material replaced by 告知承诺 is not checked: the
    commitment is itself something the applicant fills in and signs.

    中文
    ----
    以数据共享或电子证照免于提交的材料（``exempt_by``），其表单不应有必填字段。

    这类材料不经申请人提交即可取得（三个不提交）；若其表单仍把字段标为 ``required``，就是向申请人索要事项
    自己声明不索要的内容。请把这些字段改为选填（由部门根据共享数据填写），或者取消免提交。以告知承诺代替
    的材料不在检查之列：承诺书本身就要由申请人填写并签字。
    """
    for material in item.materials:
        if material.exempt_by not in SUBMISSION_FREE or material.form_id is None:
            continue
        form_index = next(
            (index for index, form in enumerate(item.forms) if form.id == material.form_id), None
        )
        if form_index is None:
            continue
        form = item.forms[form_index]
        for field_index, field in enumerate(form.fields):
            if field.required:
                yield Violation(
                    ("forms", form_index, "fields", field_index, "required"),
                    f"材料 {material.id}（{material.name}）以{material.exempt_by.value}免于提交，"
                    f"其表单 {form.id} 的字段 “{field.name}” 却为必填",
                    f"material {material.id} ('{material.name}') is exempted from submission "
                    f"({material.exempt_by.value}), yet field '{field.name}' of its form "
                    f"{form.id} is required",
                )


@item_rule("form-unreferenced", Severity.WARNING, "没有材料引用的表单", "a form no material is")
def form_unreferenced(item: Item, context: Context) -> Iterator[Violation]:
    """Every form is the form of a material (a material's ``form_id`` names it).

    The guide lists what the applicant hands in by material; a form that no material is filled on
    is never asked for, and its 空白表格 and 示例样表 are linked from nowhere.

    中文
    ----
    每张表单都应是某项材料的表单（有材料的 ``form_id`` 指向它）。

    办事指南按材料列出申请人要交的东西；没有材料引用的表单不会被要求填写，它的空白表格和示例样表也无处链接。
    """
    referred = {material.form_id for material in item.materials}
    for form_index, form in enumerate(item.forms):
        if form.id not in referred:
            yield Violation(
                ("forms", form_index, "id"),
                f"表单 {form.id}（{form.name}）没有材料引用（form_id）",
                f"no material names form {form.id} ('{form.name}') as its form_id",
            )


@item_rule(
    "material-form-missing",
    Severity.WARNING,
    "申请人填写的表格没有表单",
    "a form the applicant fills in is not defined",
)
def material_form_missing(item: Item, context: Context) -> Iterator[Violation]:
    """A material the applicant fills in that is a form names its form (``form_id``).

    Where it is knowable: the material's ``source`` is ``申请人填写``, its ``form`` is ``电子文件``
    or ``原件``, and its name ends with 表 (登记表, 申请表, 审批表). Such a material is a form, and
    without its fields a portal cannot render it nor a hall print it. Documents the applicant
    writes freely (a commitment, a list, a report) are not forms and are not checked.

    中文
    ----
    申请人填写的表格类材料应写明其表单（``form_id``）。

    仅在可以判断时检查：材料 ``source`` 为 ``申请人填写``、``form`` 为 ``电子文件`` 或 ``原件``，且名称以
    “表” 结尾（登记表、申请表、审批表）。这样的材料就是一张表单，不列出字段，网上平台无法呈现，大厅也无法
    打印。申请人自行撰写的文书（承诺书、清单、报告）不是表单，不在检查之列。
    """
    for index, material in enumerate(item.materials):
        if (
            material.form_id is None
            and material.source is MaterialSource.FILLED_BY_APPLICANT
            and material.form in (MaterialForm.ELECTRONIC, MaterialForm.ORIGINAL)
            and material.name.endswith(FORM_NAME_ENDINGS)
        ):
            yield Violation(
                ("materials", index),
                f"材料 “{material.name}” 是申请人填写的表格，应以 form_id 指明其表单",
                f"material '{material.name}' is a form the applicant fills in: name it with "
                "form_id",
            )


RULES: tuple[Rule, ...] = (
    form_choice_without_options,
    form_field_key_misplaced,
    form_example_invalid,
    form_required_on_exempt_material,
    form_unreferenced,
    material_form_missing,
)
