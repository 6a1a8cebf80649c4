"""The guide view: :func:`guide_view` turns an :class:`~servicecatalog.model.Item` and its
catalog into the :class:`~.blocks.GuideView` every renderer draws — law ids resolved to full names,
enums as their official Chinese terms, days with their units. The HTML, Markdown and DOCX
renderers only lay its blocks out, so the portal and the hall cannot show different facts
(同源管理).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..model import (
    DeadlineLimit,
    Form,
    FormField,
    Item,
    ItemType,
    Law,
    LegalDuration,
    Manifest,
    Material,
    MaterialForm,
    StagedLimit,
)
from ..remedies import Remedy, party_rights
from ..remedies import remedies as remedies_of
from .blocks import (
    QA,
    Block,
    Facts,
    FormLink,
    GuideView,
    ItemLink,
    ListRef,
    LocalView,
    Numbered,
    Paragraph,
    Regions,
    Section,
    Summary,
    Table,
)
from .display import (
    FIELD_TYPE_NAMES,
    NOT_SET,
    area_served,
    authority,
    chinese_number,
    citations,
    duration_text,
    law_name,
    list_title,
    organizer,
    visits_label,
)
from .local import chosen_region, fact, local_view

__all__ = ["FORM_HEADERS", "MATERIAL_HEADERS", "guide_view"]

MATERIAL_HEADERS = (
    "序号",
    "材料名称",
    "材料形式",
    "份数",
    "来源渠道",
    "必要性",
    "免提交方式",
    "依据",
)
"""The columns of the materials table; the material name is column 2 in every format."""


def guide_view(
    item: Item, catalog: Catalog, region: str | None = None, *, all_regions: bool = False
) -> GuideView:
    """The guide of ``item``, its law ids and list ids resolved in ``catalog``.

    ``region`` (a region code) makes the guide that region's: its agency, address, hours,
    phones and 实施编码, and its people's government as the body of reconsideration. Without a
    region the province's implementation is used where the province implements the item;
    otherwise the guide lists every region that does. A region that is unknown or does not
    implement the item is a :class:`~servicecatalog.errors.RegionError` naming those that do.
    ``all_regions`` (the site's pages) shows every implementing region, one selected.

    A citation of a law the registry lacks (a ``law-unknown`` finding) is shown as
    ``未登记的法规（id）`` rather than refused, so a guide can still be previewed while the
    catalog is being fixed.
    """
    manifest = catalog.manifest
    lists = tuple(ListRef(list_id, list_title(manifest, list_id)) for list_id in item.lists)
    implementers = catalog.implementers(item.code)
    locals_ = tuple(local_view(item, r, i) for r, i in implementers)
    chosen = chosen_region(item, catalog, region, implementers)
    local = next((view for view in locals_ if view.region == chosen), None)
    context = _Context(item, catalog, manifest, lists, local, locals_, all_regions)
    built = _authority_sections(context) if _initiated(item) else _application_sections(context)
    sections = tuple(
        Section(key, f"{chinese_number(number)}、{title}", blocks, folded=key in _FOLDED)
        for number, (key, title, blocks) in enumerate(built, start=1)
    )
    return GuideView(
        code=item.code,
        name=item.name,
        item_type=item.item_type.value,
        department=item.department,
        authority=authority(manifest),
        area=area_served(manifest),
        catalog_name=manifest.name if manifest else NOT_SET,
        lists=lists,
        visits=visits_label(item.visits),
        changed_on=item.revision.changed_on.isoformat(),
        version=str(item.revision.version),
        sections=sections,
        template="authority" if _initiated(item) else "application",
        audience=tuple(entry.value for entry in item.audience or ()),
        result=item.result.name if item.result else None,
        local=local,
        regions=locals_,
        organizer=organizer(manifest),
        description=_description(item),
        main_item=item.main_item_name if item.sub_item_name is not None else None,
        siblings=_siblings(item, catalog),
        one_thing=_one_thing(item, catalog),
        forms=_form_links(item),
        summary=_summary(context),
        citizen_sections=tuple(key for key, _, _ in built if key in _CITIZEN_SECTIONS),
    )


def _form_links(item: Item) -> tuple[FormLink, ...]:
    return tuple(
        FormLink(
            form_id=form.id,
            name=form.name,
            material=next((m.name for m in item.materials if m.form_id == form.id), None),
            blank=f"{item.code}.{form.id}.html",
            sample=(
                f"{item.code}.{form.id}.sample.html"
                if any(field.example is not None for field in form.fields)
                else None
            ),
        )
        for form in item.forms
    )


# What citizens rarely need, folded on an HTML page: the back office's steps, the forms' fields.
_FOLDED = frozenset({"handling-process", "forms"})
_CITIZEN_SECTIONS = frozenset(
    {
        "conditions",
        "materials",
        "service-process",
        "procedure",
        "time-limit",
        "fee",
        "result",
        "remedies",
    }
)


def _summary(context: _Context) -> Summary:
    item = context.item
    handed_in = tuple(m.name for m in item.materials if m.exempt_by is None)
    committed = item.time_limit.committed
    limit = f"承诺{duration_text(committed)}办结" if committed.days else "即办件，当场办结"
    fee = "不收费" if not item.fee.charged else f"收费：{item.fee.standard or '见“收费”'}"
    return Summary(
        materials=handed_in,
        exempt=len(item.materials) - len(handed_in),
        time_limit=limit,
        fee=fee,
        visits=None if _initiated(item) else visits_label(item.visits),
        refused=_refused(item, context.local or (context.regions[0] if context.regions else None)),
    )


def _refused(item: Item, local: LocalView | None) -> str:
    complaint = fact(local.facts, "监督投诉电话") if local else NOT_SET
    call = f"可拨打监督投诉电话 {complaint} 反映。" if complaint != NOT_SET else ""
    if _initiated(item):
        return f"对决定不服的，可以依法申请行政复议或者提起行政诉讼（见“救济途径”）；{call}"
    if item.item_type is ItemType.PUBLIC_SERVICE:
        return (
            "不予受理或者不予办理的，窗口应当一次性告知理由和需要补正的内容；对结果不服的，见"
            f"“救济途径”。{call}"
        )
    return (
        "不予受理或者不予批准的，实施机关应当书面说明理由；对决定不服的，可以依法申请行政复议"
        f"或者提起行政诉讼（见“救济途径”）。{call}"
    )


def _description(item: Item) -> str:
    if _initiated(item):
        return (
            f"{item.name}（{item.item_type.value}）：实施依据、实施程序、当事人的权利和救济途径。"
        )
    return f"{item.name}办事指南：受理条件、申请材料、办理流程、办理时限、办理地点和咨询电话。"


def _siblings(item: Item, catalog: Catalog) -> tuple[ItemLink, ...]:
    if item.sub_item_name is None:
        return ()
    return tuple(
        ItemLink(other.code, other.sub_item_name or other.name)
        for other in catalog.sub_items(item.code)
        if other.code != item.code
    )


def _one_thing(item: Item, catalog: Catalog) -> tuple[ItemLink, ...]:
    if item.one_thing is None:
        return ()
    return tuple(
        ItemLink(other.code, other.name)
        for other in catalog.one_thing(item.one_thing)
        if other.code != item.code and not _initiated(other)
    )


def _initiated(item: Item) -> bool:
    return item.item_type.authority_initiated


@dataclass(frozen=True)
class _Context:
    item: Item
    catalog: Catalog
    manifest: Manifest | None
    lists: tuple[ListRef, ...]
    local: LocalView | None
    regions: tuple[LocalView, ...]
    all_regions: bool


Built = list[tuple[str, str, tuple[Block, ...]]]


def _application_sections(context: _Context) -> Built:
    item, catalog = context.item, context.catalog
    built: Built = [
        ("basic", "基本信息", _basic(context)),
        ("conditions", "受理条件", _conditions(item)),
        ("materials", "申请材料", _materials(item, catalog)),
        ("forms", "表单内容", _forms(item.forms)),
        ("service-process", "办理流程", _service_process(item)),
        ("time-limit", "办理时限", _time_limit(item, catalog)),
        ("fee", "收费", _fee(item, catalog)),
        ("result", "办理结果", _result(item, context.local)),
        ("location", "办理地点、时间和咨询", _location(context)),
        ("legal-basis", "设定依据", _legal_basis(item, catalog)),
    ]
    built += _accountability_sections(context)
    built += _closing_sections(context)
    return built


def _authority_sections(context: _Context) -> Built:
    item, catalog = context.item, context.catalog
    built: Built = [("basic", "基本信息", _basic(context))]
    if item.penalty is not None:
        built.append(("penalty", "违法行为、处罚种类和幅度", _penalty(item)))
    if item.discretion is not None:
        built.append(("discretion", "裁量基准", _discretion(item)))
    if item.conditions:
        built.append(("conditions", "实施条件", (Numbered(item.conditions),)))
    if item.materials:
        built.append(("materials", "当事人需提供的材料", _materials(item, catalog)))
    if item.forms:
        built.append(("forms", "表单内容", _forms(item.forms)))
    built += [
        ("procedure", "实施程序和当事人的权利", _procedure(item, catalog)),
        ("time-limit", "办理时限", _time_limit(item, catalog)),
    ]
    if item.fee.charged:
        built.append(("fee", "收费", _fee(item, catalog)))
    if item.result is not None:
        built.append(("result", "办理结果", _result(item, context.local)))
    built += [
        ("location", "实施机关和咨询", _location(context)),
        ("legal-basis", "设定依据", _legal_basis(item, catalog)),
    ]
    built += _accountability_sections(context)
    built += _closing_sections(context)
    return built


def _accountability_sections(context: _Context) -> Built:
    item, catalog = context.item, context.catalog
    region = catalog.regions.get(context.local.region) if context.local else None
    built: Built = []
    if item.responsibilities and item.item_type is not ItemType.PUBLIC_SERVICE:
        built.append(("responsibilities", "责任事项", _responsibilities(item)))
    remedies = remedies_of(item, None if context.all_regions else region)
    built.append(("remedies", "救济途径", (_remedy_facts(remedies, catalog),)))
    return built


def _closing_sections(context: _Context) -> Built:
    item, catalog = context.item, context.catalog
    built: Built = []
    if item.faq:
        built.append(("faq", "常见问题", (_faq(item, catalog),)))
    built += [
        ("revision", "版本信息", _revision(item)),
        ("handling-process", "业务经办流程（内部办理环节）", _handling_process(item)),
    ]
    return built


def _basic(context: _Context) -> tuple[Block, ...]:
    item, local = context.item, context.local
    rows = [
        ("事项名称", item.name),
        ("基本编码", item.code),
        ("事项类型", item.item_type.value),
    ]
    if item.sub_item_name is not None:
        rows += [("主项名称", item.main_item_name), ("子项名称", item.sub_item_name)]
    audience = "、".join(entry.value for entry in item.audience or ()) or NOT_SET
    if _initiated(item):
        rows.append(("当事人类型", audience))
    else:
        rows += [("服务对象", audience), ("办件类型", item.handling_type.value)]
    rows.append(("实施主体", local.agency if local else _implementers_summary(context)))
    if local is not None and _implementation_code(context) is not None:
        rows.append(("实施编码", _implementation_code(context) or NOT_SET))
    rows += [
        ("承办处室", item.department),
        ("行使层级", "、".join(level.value for level in item.levels)),
    ]
    if not _initiated(item):
        rows += [
            ("通办范围", item.scope.value if item.scope else NOT_SET),
            (
                "网上办理深度",
                "、".join(d.value for d in item.online_depth or ()) or "不支持网上办理",
            ),
            ("到办事现场次数", visits_label(item.visits)),
        ]
    rows.append(("所属清单", "、".join(entry.title for entry in context.lists)))
    if item.one_thing is not None:
        rows.append(("所属“一件事”", item.one_thing))
    if item.quantity_limit is not None:
        rows.append(("数量限制", item.quantity_limit))
    if item.intermediary_services:
        names = "、".join(service.name for service in item.intermediary_services)
        rows.append(("中介服务", names))
    return (Facts(tuple(rows)),)


def _implementers_summary(context: _Context) -> str:
    if not context.regions:
        return named if (named := authority(context.manifest)) else NOT_SET
    return f"各实施地区的人力资源和社会保障部门（共{len(context.regions)}个地区，见“办理地点”）"


def _implementation_code(context: _Context) -> str | None:
    local = context.local
    if local is None:
        return None
    for found, implementation in context.catalog.implementers(context.item.code):
        if found.code == local.region:
            return implementation.implementation_code
    return None


def _location(context: _Context) -> tuple[Block, ...]:
    if context.all_regions and context.regions:
        selected = context.local.region if context.local else context.regions[0].region
        return (Regions(context.regions, selected),)
    if context.local is not None:
        return (context.local.facts,)
    if not context.regions:
        return (Paragraph("目录尚未登记实施本事项的地区；请咨询承办处室。"),)
    rows = tuple(
        (
            view.region_name,
            view.agency,
            view.address or NOT_SET,
            view.phone or NOT_SET,
            fact(view.facts, "监督投诉电话"),
        )
        for view in context.regions
    )
    return (
        Paragraph("本事项由以下地区实施，请到所在地区的实施机关办理："),
        Table(("地区", "实施主体", "办理地点", "咨询电话", "监督投诉电话"), rows),
    )


def _result(item: Item, local: LocalView | None) -> tuple[Block, ...]:
    result = item.result
    if result is None:
        return (Paragraph("本事项没有书面办理结果。"),)
    rows = [("结果类型", result.type.value), ("结果名称", result.name or "无")]
    if result.sample is not None:
        rows.append(("结果样本", result.sample))
    if local is not None:
        rows.append(("送达方式", fact(local.facts, "结果送达")))
    return (Facts(tuple(rows)),)


def _penalty(item: Item) -> tuple[Block, ...]:
    assert item.penalty is not None  # only called for penalty items
    penalty = item.penalty
    kinds = "、".join(kind.value for kind in penalty.kinds)
    return (
        Facts((("违法行为", penalty.conduct), ("处罚种类", kinds), ("处罚幅度", penalty.range))),
    )


def _discretion(item: Item) -> tuple[Block, ...]:
    if isinstance(item.discretion, str):
        return (Paragraph(item.discretion),)
    rows = tuple((entry.circumstance, entry.penalty) for entry in item.discretion or ())
    return (Table(("情形", "处罚"), rows),)


def _procedure(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    blocks: list[Block] = [*_service_process(item)]
    rights = party_rights(item)
    if rights:
        blocks.append(_remedy_facts(rights, catalog))
    return tuple(blocks)


def _responsibilities(item: Item) -> tuple[Block, ...]:
    rows = tuple(
        (str(number), entry.stage.value, entry.duty)
        for number, entry in enumerate(item.responsibilities or (), start=1)
    )
    return (Table(("序号", "环节", "责任事项"), rows),)


def _remedy_facts(remedies: tuple[Remedy, ...], catalog: Catalog) -> Facts:
    return Facts(
        tuple(
            (remedy.title, f"{remedy.text}（依据：{citations(remedy.basis, catalog)}）")
            for remedy in remedies
        )
    )


def _faq(item: Item, catalog: Catalog) -> QA:
    return QA(
        tuple(
            (entry.question, entry.answer, citations(entry.legal_basis, catalog))
            for entry in item.faq or ()
        )
    )


def _legal_basis(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    if not item.legal_basis:
        return (Paragraph("未列明设定依据。"),)
    rows = []
    for number, reference in enumerate(item.legal_basis, start=1):
        law = catalog.laws.get(reference.law)
        rows.append(
            (
                str(number),
                law_name(reference, catalog),
                law.kind.value if law else NOT_SET,
                _law_version(law) if law else NOT_SET,
                "、".join(reference.articles),
            )
        )
    return (Table(("序号", "法律法规名称", "效力级别", "现行版本", "条款"), tuple(rows)),)


def _law_version(law: Law) -> str:
    """The version of the text cited: ``国务院令第586号，2011-01-01起施行``, or the day the
    law first came into force where no later version is recorded."""
    since = law.current_since or law.effective
    parts = [law.current_document] if law.current_document else []
    parts.append(f"{since.isoformat()}起施行")
    return "，".join(parts)


def _conditions(item: Item) -> tuple[Block, ...]:
    if item.conditions:
        return (Numbered(item.conditions),)
    # Only an item the authority initiates may have none (the model refuses the others).
    return (Paragraph("本事项由行政机关依职权实施，没有受理条件。"),)


def _materials(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    if not item.materials:
        if item.item_type.authority_initiated:
            return (Paragraph("本事项由行政机关依职权实施，不需要当事人提交申请材料。"),)
        return (Paragraph("本事项不需要提交申请材料。"),)
    rows = tuple(
        _material_row(number, material, catalog)
        for number, material in enumerate(item.materials, 1)
    )
    return (Table(MATERIAL_HEADERS, rows),)


def _material_row(number: int, material: Material, catalog: Catalog) -> tuple[str, ...]:
    return (
        str(number),
        material.name,
        material.form.value,
        _copies(material),
        material.source.value,
        material.requirement.value,
        material.exempt_by.value if material.exempt_by else "无（需提交）",
        citations(material.legal_basis, catalog),
    )


def _copies(material: Material) -> str:
    """``2份``; an original that is only verified is "核验原件，不收取", never "0份"."""
    if material.copies:
        return f"{material.copies}份"
    if material.form is MaterialForm.ELECTRONIC:
        return "电子文件，无需纸质"
    if material.form in (MaterialForm.ORIGINAL, MaterialForm.ORIGINAL_OR_COPY):
        return "核验原件，不收取"
    return "无需纸质"


def _service_process(item: Item) -> tuple[Block, ...]:
    rows = tuple(
        (str(number), step.name, step.channel.value, "是" if step.on_site else "否")
        for number, step in enumerate(item.service_process, start=1)
    )
    return (Table(("序号", "环节", "办理渠道", "是否需到现场"), rows),)


def _handling_process(item: Item) -> tuple[Block, ...]:
    rows = tuple(
        (
            str(number),
            step.name,
            step.role.value,
            f"{step.working_days}个工作日" if step.working_days else "即时办理",
        )
        for number, step in enumerate(item.handling_process, start=1)
    )
    return (Table(("序号", "环节", "环节类型", "时限"), rows),)


def _time_limit(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    legal = item.time_limit.legal
    committed = item.time_limit.committed
    rows = [("法定办结时限", _legal_limit(legal))]
    basis = _legal_limit_basis(legal, catalog)
    if basis is not None:
        rows.append(("法定时限依据", basis))
    rows.append(
        ("承诺办结时限", duration_text(committed) if committed.days else "即办件（当场办结）")
    )
    return (Facts(tuple(rows)),)


def _legal_limit(legal: LegalDuration | StagedLimit | DeadlineLimit | None) -> str:
    """``20个工作日（经批准可延长10个工作日）``; stages one by one; or the event it precedes."""
    return "法律法规未规定" if legal is None else legal.text()


def _legal_limit_basis(
    legal: LegalDuration | StagedLimit | DeadlineLimit | None, catalog: Catalog
) -> str | None:
    """The articles that set the legal limit, or None where none is named."""
    if isinstance(legal, StagedLimit):
        named = [(stage.name, stage.basis) for stage in legal.stages if stage.basis is not None]
        if not named:
            return None
        return "；".join(f"{name}：{citations((basis,), catalog)}" for name, basis in named)
    if legal is None or legal.basis is None:
        return None
    return citations((legal.basis,), catalog)


def _fee(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    fee = item.fee
    if not fee.charged:
        return (Facts((("是否收费", "不收费"),)),)
    return (
        Facts(
            (
                ("是否收费", "收费"),
                ("收费标准", fee.standard or NOT_SET),
                ("收费依据", citations(fee.legal_basis, catalog)),
            )
        ),
    )


FORM_HEADERS = ("字段", "类型", "是否必填", "选项", "填写说明")
"""The columns of a form's table in the guide's 表单内容."""


def _forms(forms: tuple[Form, ...]) -> tuple[Block, ...]:
    if not forms:
        return (Paragraph("本事项没有需要填写的表单。"),)
    blocks: list[Block] = []
    for form in forms:
        blocks.append(
            Table(FORM_HEADERS, tuple(_form_row(field) for field in form.fields), caption=form.name)
        )
        if form.description is not None:
            blocks.append(Paragraph(f"填表说明：{form.description}"))
    return tuple(blocks)


def _form_row(field: FormField) -> tuple[str, ...]:
    kind = FIELD_TYPE_NAMES[field.type]
    if field.unit is not None:
        kind = f"{kind}（{field.unit}）"
    if field.max_length is not None:
        kind = f"{kind}，不超过{field.max_length}字"
    options = "；".join(field.options) if field.options else NOT_SET
    if field.options and field.multiple:
        options = f"{options}（可多选）"
    return (
        field.name,
        kind,
        "必填" if field.required else "选填",
        options,
        field.help or NOT_SET,
    )


def _revision(item: Item) -> tuple[Block, ...]:
    revision = item.revision
    published = revision.published_on.isoformat() if revision.published_on else "待公开"
    return (
        Facts(
            (
                ("版本", f"第{revision.version}版"),
                ("最近变更日期", revision.changed_on.isoformat()),
                ("公开日期", published),
            )
        ),
    )
