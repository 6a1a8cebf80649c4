"""The one intermediate view of a service guide (办事指南) that every renderer draws.

:func:`guide_view` turns an :class:`~servicecatalog.model.Item` and its catalog into a
:class:`GuideView`: the title facts and an ordered tuple of :class:`Section` s, each made of a few
kinds of display :data:`Block` (label–value facts, a paragraph, a numbered list, a table). Every
string in it is final display text — law ids resolved to full names, enums as their official
Chinese terms, days with their units — and *not yet escaped*: escaping belongs to each output
format. The HTML, Markdown and DOCX renderers only lay blocks out, so the portal and the hall
cannot show different facts (同源管理).

:func:`index_view` is the matching view of a whole catalog for the site's index page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ..catalog import Catalog
from ..errors import RegionError
from ..model import (
    DeadlineLimit,
    Duration,
    FieldType,
    Form,
    FormField,
    Implementation,
    Item,
    ItemType,
    Law,
    LegalDuration,
    LegalReference,
    Manifest,
    Material,
    MaterialForm,
    Region,
    StagedLimit,
)
from ..remedies import Remedy, is_reviewable, party_rights, reconsideration_body
from ..remedies import remedies as remedies_of

__all__ = [
    "QA",
    "Block",
    "Facts",
    "FormLink",
    "GuideView",
    "IndexRow",
    "IndexView",
    "ItemLink",
    "LeftOutRow",
    "ListGroup",
    "ListRef",
    "LocalView",
    "Numbered",
    "Paragraph",
    "ReferralNote",
    "Regions",
    "Section",
    "Summary",
    "Table",
    "guide_view",
    "index_view",
    "organizer",
]

NOT_SET = "—"
"""Shown in a cell or fact that has no value, so no table cell is ever empty."""

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

# GB/T 2260 province-level codes: the area a catalog's items serve (schema.org areaServed).
_PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}

_FIELD_TYPES = {
    FieldType.TEXT: "文本",
    FieldType.NUMBER: "数字",
    FieldType.DATE: "日期",
    FieldType.ID_NUMBER: "身份证件号码",
    FieldType.PHONE: "电话号码",
    FieldType.CHOICE: "选项",
    FieldType.FILE: "附件",
}

_DIGITS = "零一二三四五六七八九"


# ---- blocks and sections --------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """Label–value pairs, laid out as a two-column table."""

    rows: tuple[tuple[str, str], ...]
    kind: ClassVar[str] = "facts"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text."""

    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Numbered:
    """A numbered list (受理条件)."""

    entries: tuple[str, ...]
    kind: ClassVar[str] = "numbered"


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``caption`` (a form's name) is shown as a sub-heading."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class FormLink:
    """A form of the item and the material it is filed as: the site links its 空白表格 and
    示例样表 (``<code>.<form id>.html``, ``<code>.<form id>.sample.html``) from the material."""

    form_id: str
    name: str
    material: str | None
    """The name of the material this form is, or none when no material refers to it."""
    blank: str
    """The file name of the blank form's page."""
    sample: str | None
    """The file name of the sample's page; none when no field gives an example."""


@dataclass(frozen=True)
class QA:
    """Questions and answers (常见问题): each with the articles the answer rests on."""

    entries: tuple[tuple[str, str, str], ...]
    """(question, answer, basis) triples."""
    kind: ClassVar[str] = "qa"


@dataclass(frozen=True)
class LocalView:
    """One region's implementation of an item, as a guide shows it (办理地点、时间和咨询)."""

    region: str
    """The region's code."""
    region_name: str
    level: str
    agency: str
    online_url: str | None
    phone: str | None
    address: str | None
    facts: Facts


@dataclass(frozen=True)
class Regions:
    """Every region that implements the item, one selected: the site's item pages show them all
    (readable without JavaScript) with a selector."""

    entries: tuple[LocalView, ...]
    selected: str | None
    kind: ClassVar[str] = "regions"


Block = Facts | Paragraph | Numbered | Table | QA | Regions
"""What a section is made of; templates tell the kinds apart by ``block.kind``."""


@dataclass(frozen=True)
class Section:
    """One numbered section of the guide: ``key`` is a stable id (an HTML anchor).

    ``folded`` marks what citizens rarely need (the back-office 业务经办流程): an HTML page folds
    it; Markdown and the hall's DOCX print it in full.
    """

    key: str
    title: str
    blocks: tuple[Block, ...]
    folded: bool = False


@dataclass(frozen=True)
class Summary:
    """The citizen's answers, in one box before the administrative sections (办事指引): what to
    bring, how long, what it costs, how many visits, where and whom to call, and what to do if
    refused. Where and the phones are the local implementation's (``GuideView.local``) or, on the
    site, the region picker's."""

    materials: tuple[str, ...]
    """The names of the materials the applicant hands in (not those had otherwise)."""
    exempt: int
    """How many listed materials the applicant need not hand in (数据共享, 电子证照, 告知承诺)."""
    time_limit: str
    fee: str
    visits: str | None
    """到现场次数, for items one applies for."""
    refused: str
    """What to do if the application is refused or the decision is disputed (every guide has
    a 救济途径 section to link to)."""


@dataclass(frozen=True)
class ListRef:
    """A list (清单) an item is on: its id in catalog.yaml and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class ItemLink:
    """Another item a guide links to: its code and the name to show."""

    code: str
    name: str


@dataclass(frozen=True)
class GuideView:
    """Everything a guide shows, as display strings, in the order it shows them."""

    code: str
    name: str
    item_type: str
    department: str
    authority: str | None
    """The authority that keeps the catalog (from the manifest's name), where it can be told."""
    area: str | None
    """The province the catalog serves, from the manifest's province code."""
    catalog_name: str
    lists: tuple[ListRef, ...]
    visits: str
    changed_on: str
    version: str
    sections: tuple[Section, ...]
    template: str = "application"
    """``application`` for items one applies for, ``authority`` for items the authority
    initiates (行政处罚 行政强制 行政检查 行政征收): no application sections there."""
    audience: tuple[str, ...] = ()
    result: str | None = None
    """The name of what the applicant receives (办理结果)."""
    local: LocalView | None = None
    """The implementation the guide is for (a region's agency, address, phones)."""
    regions: tuple[LocalView, ...] = ()
    """Every region that implements the item."""
    organizer: str | None = None
    """主办单位 of the catalog, for the footer."""
    description: str = ""
    """One sentence on what the guide tells (a page's meta description)."""
    main_item: str | None = None
    """The main item's name, where this is one of its sub-items (a breadcrumb)."""
    siblings: tuple[ItemLink, ...] = ()
    """The other sub-items of the same main item."""
    one_thing: tuple[ItemLink, ...] = ()
    """The other items of the same 一件事."""
    forms: tuple[FormLink, ...] = ()
    """The item's forms, each with the material it is filed as and its pages' file names."""
    """The other items of the same 一件事 that an applicant starts (never a penalty, an
    inspection or a coercive measure)."""
    summary: Summary | None = None
    """The citizen's answers, shown first on an HTML page."""
    citizen_sections: tuple[str, ...] = ()
    """The keys of the sections a handout prints: what the applicant needs, none of the back
    office's."""

    def section(self, key: str) -> Section:
        """The section with ``key``; ``KeyError`` if the guide has none (``penalty``)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


# ---- the guide ------------------------------------------------------------------------------


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
    lists = tuple(ListRef(list_id, _list_title(manifest, list_id)) for list_id in item.lists)
    implementers = catalog.implementers(item.code)
    locals_ = tuple(_local_view(item, r, i) for r, i in implementers)
    chosen = _chosen_region(item, catalog, region, implementers)
    local = next((view for view in locals_ if view.region == chosen), None)
    context = _Context(item, catalog, manifest, lists, local, locals_, all_regions)
    built = _authority_sections(context) if _initiated(item) else _application_sections(context)
    sections = tuple(
        Section(key, f"{_chinese_number(number)}、{title}", blocks, folded=key in _FOLDED)
        for number, (key, title, blocks) in enumerate(built, start=1)
    )
    return GuideView(
        code=item.code,
        name=item.name,
        item_type=item.item_type.value,
        department=item.department,
        authority=_authority(manifest),
        area=_area(manifest),
        catalog_name=manifest.name if manifest else NOT_SET,
        lists=lists,
        visits=_visits_label(item.visits),
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
    limit = f"承诺{_duration(committed)}办结" if committed.days else "即办件，当场办结"
    fee = "不收费" if not item.fee.charged else f"收费：{item.fee.standard or '见“收费”'}"
    return Summary(
        materials=handed_in,
        exempt=len(item.materials) - len(handed_in),
        time_limit=limit,
        fee=fee,
        visits=None if _initiated(item) else _visits_label(item.visits),
        refused=_refused(item, context.local or (context.regions[0] if context.regions else None)),
    )


def _refused(item: Item, local: LocalView | None) -> str:
    complaint = _fact(local.facts, "监督投诉电话") if local else NOT_SET
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


def _chosen_region(
    item: Item,
    catalog: Catalog,
    region: str | None,
    implementers: list[tuple[Region, Implementation]],
) -> str | None:
    codes = [found.code for found, _ in implementers]
    if region is None:
        province = f"{catalog.manifest.province}0000" if catalog.manifest else None
        return province if province in codes else None
    if region in codes:
        return region
    raise RegionError(
        region,
        item.code,
        [(found.code, found.name) for found, _ in implementers],
        known=region in catalog.regions,
    )


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
            ("到办事现场次数", _visits_label(item.visits)),
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
        return authority if (authority := _authority(context.manifest)) else NOT_SET
    return f"各实施地区的人力资源和社会保障部门（共{len(context.regions)}个地区，见“办理地点”）"


def _implementation_code(context: _Context) -> str | None:
    local = context.local
    if local is None:
        return None
    for found, implementation in context.catalog.implementers(context.item.code):
        if found.code == local.region:
            return implementation.implementation_code
    return None


def _local_view(item: Item, region: Region, implementation: Implementation) -> LocalView:
    rows = [("实施地区", region.name), ("实施主体", implementation.agency)]
    if implementation.implementation_code is not None:
        rows.append(("实施编码", implementation.implementation_code))
    rows += [
        ("权力来源", implementation.power_source.value),
        ("办理地点", implementation.address or NOT_SET),
        ("办理时间", implementation.hours or NOT_SET),
        ("办理窗口", implementation.window or NOT_SET),
        ("咨询电话", implementation.phone or NOT_SET),
        ("监督投诉电话", implementation.complaint_phone or NOT_SET),
    ]
    if implementation.online_url is not None:
        rows.append(("网上办理地址", implementation.online_url))
    if implementation.appointment is not None:
        rows.append(("预约方式", implementation.appointment))
    if implementation.mail_delivery is not None:
        rows.append(("结果送达", _delivery(implementation.mail_delivery)))
    if is_reviewable(item):
        rows.append(("行政复议机关", reconsideration_body(region)))
    return LocalView(
        region=region.code,
        region_name=region.name,
        level=region.level.value,
        agency=implementation.agency,
        online_url=implementation.online_url,
        phone=implementation.phone,
        address=implementation.address,
        facts=Facts(tuple(rows)),
    )


def _delivery(mail: bool) -> str:
    return "可选择邮寄送达，或到窗口领取" if mail else "到窗口领取"


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
            _fact(view.facts, "监督投诉电话"),
        )
        for view in context.regions
    )
    return (
        Paragraph("本事项由以下地区实施，请到所在地区的实施机关办理："),
        Table(("地区", "实施主体", "办理地点", "咨询电话", "监督投诉电话"), rows),
    )


def _fact(facts: Facts, label: str) -> str:
    return next((value for name, value in facts.rows if name == label), NOT_SET)


def _result(item: Item, local: LocalView | None) -> tuple[Block, ...]:
    result = item.result
    if result is None:
        return (Paragraph("本事项没有书面办理结果。"),)
    rows = [("结果类型", result.type.value), ("结果名称", result.name or "无")]
    if result.sample is not None:
        rows.append(("结果样本", result.sample))
    if local is not None:
        rows.append(("送达方式", _fact(local.facts, "结果送达")))
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
            (remedy.title, f"{remedy.text}（依据：{_citations(remedy.basis, catalog)}）")
            for remedy in remedies
        )
    )


def _faq(item: Item, catalog: Catalog) -> QA:
    return QA(
        tuple(
            (entry.question, entry.answer, _citations(entry.legal_basis, catalog))
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
                _law_name(reference, catalog),
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
        _citations(material.legal_basis, catalog),
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
    rows.append(("承诺办结时限", _duration(committed) if committed.days else "即办件（当场办结）"))
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
        return "；".join(f"{name}：{_citations((basis,), catalog)}" for name, basis in named)
    if legal is None or legal.basis is None:
        return None
    return _citations((legal.basis,), catalog)


def _fee(item: Item, catalog: Catalog) -> tuple[Block, ...]:
    fee = item.fee
    if not fee.charged:
        return (Facts((("是否收费", "不收费"),)),)
    return (
        Facts(
            (
                ("是否收费", "收费"),
                ("收费标准", fee.standard or NOT_SET),
                ("收费依据", _citations(fee.legal_basis, catalog)),
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
    kind = _FIELD_TYPES[field.type]
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


# ---- the index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexRow:
    """One item as the index lists it: once, with every list it is on."""

    code: str
    name: str
    item_type: str
    department: str
    visits: str
    lists: tuple[ListRef, ...]


@dataclass(frozen=True)
class ListGroup:
    """One list (清单) of the index: its id, title and how many items it holds."""

    id: str
    title: str
    count: int

    @property
    def page(self) -> str:
        """The pre-rendered page of the list, beside ``index.html`` (what works without
        JavaScript)."""
        return f"list-{self.id}.html"


@dataclass(frozen=True)
class ReferralNote:
    """Another department's topic, as an empty search result names it."""

    topic: str
    department: str
    phone: str | None


@dataclass(frozen=True)
class IndexView:
    """The site's index: every item once, the lists, and the values its filters offer."""

    catalog_name: str
    organizer: str | None
    """主办单位, for the footer."""
    item_count: int
    rows: tuple[IndexRow, ...]
    lists: tuple[ListGroup, ...]
    item_types: tuple[str, ...]
    """The item types present, in the order of :class:`~servicecatalog.model.ItemType`."""
    departments: tuple[str, ...]
    """The departments present, sorted."""
    left_out: tuple[LeftOutRow, ...] = ()
    """Item files that did not validate and are not on the site (a site built anyway)."""
    popular: tuple[ItemLink, ...] = ()
    """The most used services (``site.popular``), offered when a search finds nothing."""
    referrals: tuple[ReferralNote, ...] = ()
    """The topics other departments handle (``referrals.yaml``)."""

    def list_title(self, list_id: str) -> str:
        """The title of the list ``list_id``."""
        return next((group.title for group in self.lists if group.id == list_id), list_id)


@dataclass(frozen=True)
class LeftOutRow:
    """An item left out of the site: its code and why."""

    code: str
    reason: str


def index_view(catalog: Catalog) -> IndexView:
    """The index of ``catalog``: every item once, ordered by code; the lists in manifest order,
    then any list id items use that the manifest does not declare."""
    items = catalog.items()
    manifest = catalog.manifest
    declared = list(manifest.lists) if manifest else []
    undeclared = sorted({list_id for item in items for list_id in item.lists} - set(declared))
    groups = tuple(
        ListGroup(
            list_id,
            _list_title(manifest, list_id),
            sum(1 for item in items if list_id in item.lists),
        )
        for list_id in declared + undeclared
    )
    present = {item.item_type for item in items}
    return IndexView(
        catalog_name=manifest.name if manifest else NOT_SET,
        organizer=organizer(manifest),
        item_count=len(items),
        rows=tuple(_index_row(item, manifest) for item in items),
        lists=groups,
        item_types=tuple(kind.value for kind in ItemType if kind in present),
        departments=tuple(sorted({item.department for item in items})),
        left_out=tuple(LeftOutRow(entry.code, entry.reasons()) for entry in catalog.left_out()),
        popular=_popular(catalog),
        referrals=tuple(
            ReferralNote("、".join(referral.terms[:2]), referral.department, referral.phone)
            for referral in catalog.referrals
        ),
    )


def _popular(catalog: Catalog) -> tuple[ItemLink, ...]:
    site = catalog.manifest.site if catalog.manifest else None
    codes = site.popular if site else ()
    return tuple(ItemLink(code, catalog.item(code).name) for code in codes if code in catalog)


def _index_row(item: Item, manifest: Manifest | None) -> IndexRow:
    return IndexRow(
        code=item.code,
        name=item.name,
        item_type=item.item_type.value,
        department=item.department,
        visits=_visits_label(item.visits),
        lists=tuple(ListRef(list_id, _list_title(manifest, list_id)) for list_id in item.lists),
    )


def organizer(manifest: Manifest | None) -> str | None:
    """主办单位: the manifest's ``organizer``, or the authority its name begins with."""
    return manifest.publisher if manifest is not None else None


# ---- display helpers ------------------------------------------------------------------------


def _list_title(manifest: Manifest | None, list_id: str) -> str:
    spec = manifest.lists.get(list_id) if manifest else None
    return spec.title if spec else list_id


def _authority(manifest: Manifest | None) -> str | None:
    return manifest.authority if manifest is not None else None


def _area(manifest: Manifest | None) -> str | None:
    return _PROVINCES.get(manifest.province) if manifest else None


def _law_name(reference: LegalReference, catalog: Catalog) -> str:
    law = catalog.laws.get(reference.law)
    return law.name if law else f"未登记的法规（{reference.law}）"


def _citations(references: Iterable[LegalReference], catalog: Catalog) -> str:
    """``《中华人民共和国社会保险法》第五十条；《失业保险条例》第十六条``, or a dash."""
    cited = [f"《{_law_name(ref, catalog)}》{'、'.join(ref.articles)}" for ref in references]
    return "；".join(cited) or NOT_SET


def _duration(duration: Duration) -> str:
    return duration.text()


def _visits_label(visits: int) -> str:
    if visits == 0:
        return "0次（零跑动）"
    if visits == 1:
        return "1次（只跑一次）"
    return f"{visits}次"


def _chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers, below 100)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[ones] if ones or not head else "")
