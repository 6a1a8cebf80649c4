"""Changes between two versions of a catalog, classified by what they do to the applicant's burden.

Items are matched by code; materials, steps and forms by id; form fields by name; conditions by
text; FAQs by question; laws by id; regions by code; implementations by region and item. Positions
never matter, so reordering a list is no change and renaming a material keeps its identity.

Every field of every model is compared (:data:`~servicecatalog.fields.FIELD_ELEMENTS` lists them):
a field with a specific differ gets the kinds written for it below; any other field that changed
is reported as a generic ``<field>-changed``, neutral. A change to an implementation list carries
the list's ``region``; the implementations are compared with their list's defaults merged in, so a
changed default is a change of every entry that inherits it.

Every change has a stable ``kind`` with a fixed ``direction`` and the reason for it. The burden
decreases are the reform's 减条件、减环节、减时限、减证明, fewer visits and more online: a condition,
step, material or day removed; a material newly exempted (三个不提交), optional or deferrable; more
people who may apply, a wider 通办范围, a deeper 网上办理深度, a region that newly handles an item.
Their opposites are burden increases; what neither adds nor removes work for the applicant (names,
citations, addresses, phones) is neutral. ``servicecatalog diff --kinds`` lists them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from .fields import FIELD_ELEMENTS, Element, ElementGroup
from .model import (
    Faq,
    Form,
    FormField,
    HandlingStep,
    Implementation,
    ImplementationList,
    IntermediaryService,
    Item,
    Law,
    LegalReference,
    Material,
    Region,
    Requirement,
    Scope,
    ServiceStep,
)

__all__ = [
    "ELEMENTS",
    "KINDS",
    "PUBLISHED_ELEMENTS",
    "CatalogVersion",
    "Change",
    "Changes",
    "Direction",
    "KindSpec",
    "diff_catalogs",
    "diff_implementation_lists",
    "diff_items",
]


T = TypeVar("T")


class Direction(StrEnum):
    """What a change does to the burden on the applicant."""

    INCREASE = "burden-increase"
    DECREASE = "burden-decrease"
    NEUTRAL = "neutral"


ELEMENTS: tuple[str, ...] = tuple(element.key for element in Element)
"""Every element a change can belong to: the eight, conditions, visits, the national guide
elements, the local elements of implementation lists, ``meta`` and ``internal``."""

PUBLISHED_ELEMENTS = frozenset(element.key for element in Element if element.published)
"""A change to one of these must be published within the working-day limit (DESIGN §9, §14)."""


@dataclass(frozen=True, slots=True)
class KindSpec:
    """A kind of change: its element, its direction, what it means and why it goes that way."""

    element: str
    direction: Direction
    description: str
    description_en: str
    reason: str = ""
    reason_en: str = ""

    def label(self, lang: str = "zh") -> str:
        """What the change is, in ``lang``."""
        return self.description_en if lang == "en" else self.description

    def why(self, lang: str = "zh") -> str:
        """Why it has its direction, in ``lang``."""
        return self.reason_en if lang == "en" else self.reason


_I, _D, _N = Direction.INCREASE, Direction.DECREASE, Direction.NEUTRAL
_NEUTRAL_WHY = (
    "不改变申请人须提交的材料、须经的环节、等待的时间和到现场的次数",
    "changes neither what the applicant submits, the steps, the time nor the visits",
)


def _kind(
    element: Element, direction: Direction, zh: str, en: str, why: tuple[str, str] = _NEUTRAL_WHY
) -> KindSpec:
    return KindSpec(element.key, direction, zh, en, *why)


_E = Element
_EXPLICIT: dict[str, KindSpec] = {
    "item-added": _kind(
        _E.META,
        _N,
        "新增事项",
        "item added",
        (
            "新事项本身无所谓减负增负；须按其修订日期公开",
            "a new item is neither lighter nor "
            "heavier by itself; it is published by its revision's deadline",
        ),
    ),
    "item-removed": _kind(_E.META, _N, "删除事项", "item removed"),
    "main-item-name-changed": _kind(
        _E.MAIN_ITEM_NAME, _N, "主项名称变更", "main-item name changed"
    ),
    "sub-item-name-changed": _kind(_E.SUB_ITEM_NAME, _N, "子项名称变更", "sub-item name changed"),
    "legal-basis-added": _kind(_E.LEGAL_BASIS, _N, "新增适用依据", "legal basis added"),
    "legal-basis-removed": _kind(_E.LEGAL_BASIS, _N, "删除适用依据", "legal basis removed"),
    "legal-basis-articles-changed": _kind(
        _E.LEGAL_BASIS, _N, "适用依据条款变更", "articles of a legal basis changed"
    ),
    "material-added": _kind(
        _E.MATERIALS,
        _I,
        "新增申请材料",
        "material added",
        ("申请人须多提交一份材料", "the applicant has one more document to submit"),
    ),
    "material-added-not-submitted": _kind(
        _E.MATERIALS,
        _N,
        "新增无须申请人提交的材料",
        "material added that the applicant does not submit",
        (
            "材料由部门通过数据共享、电子证照或告知承诺获取，申请人无须提交",
            "the office obtains it by data sharing, an electronic licence or a written "
            "commitment: the applicant submits nothing more",
        ),
    ),
    "material-removed": _kind(
        _E.MATERIALS,
        _D,
        "减少申请材料（减证明）",
        "material removed",
        ("申请人少提交一份材料", "the applicant has one document less to submit"),
    ),
    "material-removed-not-submitted": _kind(
        _E.MATERIALS,
        _N,
        "删除本就无须申请人提交的材料",
        "material removed that the applicant did not submit",
        (
            "该材料原本由部门获取，申请人须提交的材料不变",
            "the office obtained it before: what the applicant submits is unchanged",
        ),
    ),
    "material-exempted": _kind(
        _E.MATERIALS,
        _D,
        "材料改为免提交（三个不提交）",
        "material no longer to be submitted",
        (
            "材料改由部门获取，申请人不再提交",
            "the office now obtains it: the applicant no longer submits it",
        ),
    ),
    "material-exemption-removed": _kind(
        _E.MATERIALS,
        _I,
        "材料取消免提交，须申请人提交",
        "material must be submitted again",
        ("申请人须重新自行提交该材料", "the applicant has to submit it again"),
    ),
    "material-exemption-changed": _kind(
        _E.MATERIALS,
        _N,
        "材料免提交方式变更",
        "how a material is had changed",
        (
            "申请人仍无须提交，只是部门获取的方式变了",
            "the applicant still submits nothing; only how the office obtains it changed",
        ),
    ),
    "material-made-optional": _kind(
        _E.MATERIALS,
        _D,
        "材料改为非必要",
        "material made optional",
        ("不再是每个申请人都必须提交", "not every applicant has to submit it any more"),
    ),
    "material-made-deferrable": _kind(
        _E.MATERIALS,
        _D,
        "必要材料改为容缺后补",
        "required material made deferrable",
        (
            "缺少该材料也可先受理（容缺受理）",
            "the application is accepted without it, to be handed in later",
        ),
    ),
    "material-made-required": _kind(
        _E.MATERIALS,
        _I,
        "材料改为必要",
        "material made required",
        ("每个申请人都必须提交", "every applicant must now submit it"),
    ),
    "material-optional-made-deferrable": _kind(
        _E.MATERIALS,
        _I,
        "非必要材料改为容缺后补",
        "optional material made deferrable",
        ("原可不交的材料变成须后补", "a document one could leave out must now be handed in later"),
    ),
    "material-copies-increased": _kind(
        _E.MATERIALS,
        _I,
        "材料份数增加",
        "more copies",
        ("须提交更多份", "more copies to hand in"),
    ),
    "material-copies-decreased": _kind(
        _E.MATERIALS,
        _D,
        "材料份数减少",
        "fewer copies",
        ("须提交的份数减少", "fewer copies to hand in"),
    ),
    "material-renamed": _kind(_E.MATERIALS, _N, "材料名称变更", "material renamed"),
    "material-form-changed": _kind(_E.MATERIALS, _N, "材料形式变更", "material form changed"),
    "material-source-changed": _kind(_E.MATERIALS, _N, "材料来源变更", "material source changed"),
    "material-legal-basis-changed": _kind(
        _E.MATERIALS, _N, "材料依据变更", "legal basis of a material changed"
    ),
    "material-form-reference-changed": _kind(
        _E.MATERIALS, _N, "材料对应表单变更", "form of a material changed"
    ),
    "service-step-added": _kind(
        _E.SERVICE_PROCESS,
        _I,
        "办事流程增加环节",
        "service step added",
        ("申请人多经一个环节", "one more step for the applicant"),
    ),
    "service-step-removed": _kind(
        _E.SERVICE_PROCESS,
        _D,
        "办事流程减少环节（减环节）",
        "service step removed",
        ("申请人少经一个环节", "one step less for the applicant"),
    ),
    "service-step-now-on-site": _kind(
        _E.SERVICE_PROCESS,
        _I,
        "环节改为须到现场",
        "step now on site",
        ("申请人须到现场办理该环节", "the applicant must come in for this step"),
    ),
    "service-step-now-remote": _kind(
        _E.SERVICE_PROCESS,
        _D,
        "环节改为无需到现场",
        "step no longer on site",
        ("申请人不必为该环节到现场", "the applicant no longer comes in for this step"),
    ),
    "service-step-changed": _kind(
        _E.SERVICE_PROCESS, _N, "办事环节名称或渠道变更", "service step renamed or channel changed"
    ),
    "handling-step-added": _kind(
        _E.HANDLING_PROCESS,
        _I,
        "经办流程增加环节",
        "handling step added",
        ("审批多一道环节，办理更慢", "one more back-office step: slower handling"),
    ),
    "handling-step-removed": _kind(
        _E.HANDLING_PROCESS,
        _D,
        "经办流程减少环节（减环节）",
        "handling step removed",
        ("审批少一道环节，办理更快", "one back-office step less: faster handling"),
    ),
    "handling-days-increased": _kind(
        _E.HANDLING_PROCESS,
        _I,
        "经办环节用时增加",
        "handling step takes longer",
        ("申请人等待更久", "the applicant waits longer"),
    ),
    "handling-days-decreased": _kind(
        _E.HANDLING_PROCESS,
        _D,
        "经办环节用时减少",
        "handling step takes less time",
        ("申请人等待更短", "the applicant waits less"),
    ),
    "handling-step-changed": _kind(
        _E.HANDLING_PROCESS, _N, "经办环节名称或角色变更", "handling step renamed or role changed"
    ),
    "committed-days-increased": _kind(
        _E.TIME_LIMIT,
        _I,
        "承诺时限延长",
        "committed time longer",
        ("申请人等待结果的时间变长", "the applicant waits longer for the result"),
    ),
    "committed-days-decreased": _kind(
        _E.TIME_LIMIT,
        _D,
        "承诺时限缩短（减时限）",
        "committed time shorter",
        ("申请人更快拿到结果（减时限）", "the applicant gets the result sooner"),
    ),
    "committed-unit-changed": _kind(
        _E.TIME_LIMIT,
        _N,
        "承诺时限计算单位变更",
        "unit of the committed time changed",
        (
            "工作日与自然日之间无法直接比较长短，两个时限都完整列出",
            "working and natural days do not compare by themselves: both limits are shown whole",
        ),
    ),
    "legal-limit-set": _kind(_E.TIME_LIMIT, _N, "写明法定时限", "legal time limit stated"),
    "legal-limit-removed": _kind(
        _E.TIME_LIMIT, _N, "删除法定时限（法律法规未规定）", "legal time limit removed"
    ),
    "legal-limit-changed": _kind(
        _E.TIME_LIMIT,
        _N,
        "法定时限变更",
        "legal time limit changed",
        (
            "承诺时限才是申请人等待的时间；法定时限只是其上限",
            "the committed limit is what the applicant waits; the legal one only bounds it",
        ),
    ),
    "legal-limit-basis-changed": _kind(
        _E.TIME_LIMIT, _N, "法定时限依据条款变更", "article setting the legal limit changed"
    ),
    "form-added": _kind(
        _E.FORMS,
        _I,
        "新增表单",
        "form added",
        ("申请人须多填一张表", "one more form to fill in"),
    ),
    "form-removed": _kind(
        _E.FORMS, _D, "删除表单", "form removed", ("申请人少填一张表", "one form less to fill in")
    ),
    "form-renamed": _kind(_E.FORMS, _N, "表单名称变更", "form renamed"),
    "form-field-added": _kind(
        _E.FORMS,
        _I,
        "表单增加填写项",
        "form field added",
        ("申请人须多填一项", "one more field to fill in"),
    ),
    "form-field-removed": _kind(
        _E.FORMS,
        _D,
        "表单减少填写项",
        "form field removed",
        ("申请人少填一项", "one field less to fill in"),
    ),
    "form-field-made-required": _kind(
        _E.FORMS,
        _I,
        "填写项改为必填",
        "form field made required",
        ("该项不能再留空", "the field may no longer be left empty"),
    ),
    "form-field-made-optional": _kind(
        _E.FORMS,
        _D,
        "填写项改为选填",
        "form field made optional",
        ("该项可以留空", "the field may be left empty"),
    ),
    "form-field-type-changed": _kind(_E.FORMS, _N, "填写项类型变更", "form field type changed"),
    "form-field-options-added": _kind(
        _E.FORMS,
        _D,
        "选择项增加选项",
        "choice options added",
        ("申请人的情形更容易找到对应选项", "more applicants find their case among the options"),
    ),
    "form-field-options-removed": _kind(
        _E.FORMS,
        _I,
        "选择项删除选项",
        "choice options removed",
        ("原来可选的情形不能再选", "a case one could choose is no longer offered"),
    ),
    "form-field-options-stated": _kind(
        _E.FORMS, _N, "写明或删去选择项的选项", "options of a choice stated or dropped"
    ),
    "form-field-made-multiple": _kind(
        _E.FORMS,
        _D,
        "选择项改为可多选",
        "choice now takes several options",
        ("可以如实选择多种情形", "several cases can be ticked as they are"),
    ),
    "form-field-made-single": _kind(
        _E.FORMS,
        _I,
        "选择项改为只能单选",
        "choice now takes one option",
        ("只能选择一种情形", "only one case may be ticked"),
    ),
    "form-field-max-length-decreased": _kind(
        _E.FORMS,
        _I,
        "填写项长度限制收紧",
        "form field allows fewer characters",
        ("能填写的内容更少", "less room to write the entry"),
    ),
    "form-field-max-length-increased": _kind(
        _E.FORMS,
        _D,
        "填写项长度限制放宽",
        "form field allows more characters",
        ("能填写的内容更多", "more room to write the entry"),
    ),
    "form-field-help-changed": _kind(_E.FORMS, _N, "填写说明变更", "filling-in help changed"),
    "form-field-example-changed": _kind(_E.FORMS, _N, "示例样表内容变更", "sample entry changed"),
    "form-field-unit-changed": _kind(_E.FORMS, _N, "填写项单位变更", "unit of a number changed"),
    "form-description-changed": _kind(_E.FORMS, _N, "表单说明变更", "form description changed"),
    "condition-added": _kind(
        _E.CONDITIONS,
        _I,
        "增加受理条件",
        "condition added",
        ("申请人须多满足一项条件", "one more condition the applicant must meet"),
    ),
    "condition-removed": _kind(
        _E.CONDITIONS,
        _D,
        "减少受理条件（减条件）",
        "condition removed",
        ("申请人少满足一项条件（减条件）", "one condition less to meet"),
    ),
    "visits-increased": _kind(
        _E.VISITS,
        _I,
        "到现场次数增加",
        "more on-site visits",
        ("申请人须多跑", "the applicant comes in more often"),
    ),
    "visits-decreased": _kind(
        _E.VISITS,
        _D,
        "到现场次数减少",
        "fewer on-site visits",
        ("申请人少跑（只跑一次、零跑动）", "the applicant comes in less often"),
    ),
    "fee-introduced": _kind(
        _E.META, _I, "开始收费", "fee introduced", ("申请人须付费", "the applicant has to pay")
    ),
    "fee-abolished": _kind(
        _E.META, _D, "取消收费", "fee abolished", ("申请人不再付费", "the applicant no longer pays")
    ),
    "fee-changed": _kind(_E.META, _N, "收费标准或依据变更", "fee standard or basis changed"),
    "metadata-changed": _kind(
        _E.META, _N, "事项类型、处室、清单、层级等变更", "type, department, lists or levels changed"
    ),
    "penalty-changed": _kind(_E.META, _N, "处罚内容变更", "penalty changed"),
    "audience-added": _kind(
        _E.AUDIENCE,
        _D,
        "服务对象增加",
        "audience widened",
        ("更多的人可以申请办理", "more people may apply"),
    ),
    "audience-removed": _kind(
        _E.AUDIENCE,
        _I,
        "服务对象减少",
        "audience narrowed",
        ("一部分人不能再申请办理", "some who could apply no longer can"),
    ),
    "audience-changed": _kind(_E.AUDIENCE, _N, "写明或删去服务对象", "audience stated or dropped"),
    "result-changed": _kind(_E.RESULT, _N, "办理结果变更", "result changed"),
    "online-depth-increased": _kind(
        _E.ONLINE_DEPTH,
        _D,
        "网上办理深度提高",
        "more can be done online",
        ("更多环节可以在网上完成（网上办）", "more of it can be done online"),
    ),
    "online-depth-reduced": _kind(
        _E.ONLINE_DEPTH,
        _I,
        "网上办理深度降低",
        "less can be done online",
        ("原来网上能办的环节须线下办理", "what could be done online must be done offline"),
    ),
    "online-depth-changed": _kind(
        _E.ONLINE_DEPTH, _N, "写明或删去网上办理深度", "online depth stated or dropped"
    ),
    "scope-widened": _kind(
        _E.SCOPE,
        _D,
        "通办范围扩大",
        "applicable in more places",
        ("可以在更多地方申请办理（通办）", "the application can be made in more places"),
    ),
    "scope-narrowed": _kind(
        _E.SCOPE,
        _I,
        "通办范围缩小",
        "applicable in fewer places",
        ("能申请办理的地方变少", "the application can be made in fewer places"),
    ),
    "scope-changed": _kind(_E.SCOPE, _N, "写明或删去通办范围", "scope stated or dropped"),
    "faq-added": _kind(_E.FAQ, _N, "新增常见问题", "common question added"),
    "faq-removed": _kind(_E.FAQ, _N, "删除常见问题", "common question removed"),
    "faq-changed": _kind(_E.FAQ, _N, "常见问题解答变更", "answer to a common question changed"),
    "intermediary-service-added": _kind(
        _E.INTERMEDIARY_SERVICES,
        _I,
        "新增中介服务",
        "intermediary service added",
        ("申请人须另找中介机构办理，费时费钱", "the applicant must also go to an intermediary"),
    ),
    "intermediary-service-removed": _kind(
        _E.INTERMEDIARY_SERVICES,
        _D,
        "取消中介服务",
        "intermediary service removed",
        ("申请人不必再找中介机构", "the applicant no longer needs an intermediary"),
    ),
    "intermediary-service-changed": _kind(
        _E.INTERMEDIARY_SERVICES, _N, "中介服务依据变更", "intermediary service's basis changed"
    ),
    "quantity-limit-introduced": _kind(
        _E.QUANTITY_LIMIT,
        _I,
        "设定数量限制",
        "quantity limit introduced",
        ("不是每个符合条件的申请人都能获准", "not every eligible applicant can be granted it"),
    ),
    "quantity-limit-abolished": _kind(
        _E.QUANTITY_LIMIT,
        _D,
        "取消数量限制",
        "quantity limit abolished",
        ("符合条件即可获准", "every eligible applicant can be granted it"),
    ),
    "quantity-limit-changed": _kind(
        _E.QUANTITY_LIMIT, _N, "数量限制变更", "quantity limit changed"
    ),
    "responsibilities-changed": _kind(
        _E.RESPONSIBILITIES, _N, "责任事项变更", "responsibilities changed"
    ),
    "discretion-changed": _kind(_E.DISCRETION, _N, "裁量基准变更", "discretion standard changed"),
    "remedies-changed": _kind(
        _E.REMEDIES,
        _N,
        "救济途径变更",
        "remedies changed",
        (
            "告知的是申请人可以采取的救济途径，不改变办事本身",
            "tells the applicant where to turn if refused; the application itself is unchanged",
        ),
    ),
    "law-added": _kind(_E.META, _N, "法规登记表新增法规", "law registered"),
    "law-removed": _kind(_E.META, _N, "法规登记表删除法规", "law removed from the registry"),
    "law-changed": _kind(_E.META, _N, "法规信息变更", "law's name, kind, issuer or date changed"),
    "region-added": _kind(_E.IMPLEMENTATION, _N, "新增区划", "region added"),
    "region-removed": _kind(_E.IMPLEMENTATION, _N, "删除区划", "region removed"),
    "region-changed": _kind(
        _E.IMPLEMENTATION, _N, "区划名称、层级或上级变更", "region's name, level or parent changed"
    ),
    "implementation-added": _kind(
        _E.IMPLEMENTATION,
        _D,
        "本地区开始办理该事项",
        "region now handles the item",
        ("申请人可以在本地办理，不必跑外地", "applicants can apply here, without travelling"),
    ),
    "implementation-removed": _kind(
        _E.IMPLEMENTATION,
        _I,
        "本地区不再办理该事项",
        "region no longer handles the item",
        ("申请人须到别处办理", "applicants have to go elsewhere"),
    ),
    "implementation-online-url-added": _kind(
        _E.ONLINE_URL,
        _D,
        "新增网上办理地址",
        "online address added",
        ("可以在网上申请，不必到现场", "one can apply online instead of coming in"),
    ),
    "implementation-online-url-removed": _kind(
        _E.ONLINE_URL,
        _I,
        "删除网上办理地址",
        "online address removed",
        ("不能再在网上申请", "one can no longer apply online"),
    ),
    "implementation-mail-delivery-offered": _kind(
        _E.MAIL_DELIVERY,
        _D,
        "办理结果可以邮寄送达",
        "result can now be sent by post",
        ("不必为领取结果再跑一趟", "no visit to collect the result"),
    ),
    "implementation-mail-delivery-withdrawn": _kind(
        _E.MAIL_DELIVERY,
        _I,
        "办理结果不再邮寄送达",
        "result no longer sent by post",
        ("须到现场领取结果", "the result must be collected in person"),
    ),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One change: which item (and which region's list), which element, what kind, which way,
    where, from what to what."""

    item: str | None
    element: str
    kind: str
    direction: Direction
    path: str
    old: Any
    new: Any
    region: str | None = None
    """The region whose implementation list changed; None for a change of the item itself."""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a change."""
        return {
            "item": self.item,
            "region": self.region,
            "element": self.element,
            "kind": self.kind,
            "direction": self.direction.value,
            "path": self.path,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Changes:
    """All changes between two catalogs: items by code, then laws, regions and implementation
    lists by region."""

    changes: tuple[Change, ...]

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def counts(self) -> dict[str, int]:
        """Number of changes per direction, every direction present."""
        counted = Counter(change.direction.value for change in self.changes)
        return {direction.value: counted[direction.value] for direction in Direction}

    def items(self) -> list[str]:
        """Codes of the items whose own files changed, in order."""
        return list(
            dict.fromkeys(c.item for c in self.changes if c.item is not None and c.region is None)
        )

    def for_item(self, code: str) -> list[Change]:
        """The changes of one item's own file (not of the lists that implement it)."""
        return [c for c in self.changes if c.item == code and c.region is None]

    def regions(self) -> list[str]:
        """Codes of the regions whose implementation lists changed, in order."""
        return list(dict.fromkeys(c.region for c in self.changes if c.region is not None))

    def for_region(self, region: str) -> list[Change]:
        """The changes of one region's implementation list."""
        return [c for c in self.changes if c.region == region]

    def catalog_wide(self) -> list[Change]:
        """The changes of the law registry and the regions."""
        return [c for c in self.changes if c.item is None and c.region is None]


class CatalogVersion(Protocol):
    """What the diff reads of a catalog version (a :class:`~servicecatalog.Catalog` is one)."""

    @property
    def laws(self) -> Mapping[str, Law]:
        """The registered laws by id."""

    @property
    def regions(self) -> Mapping[str, Region]:
        """The regions by code."""

    @property
    def implementation_lists(self) -> Mapping[str, ImplementationList]:
        """The valid implementation lists by region, defaults merged."""

    @property
    def invalid_codes(self) -> frozenset[str]:
        """Codes of the item files that did not validate."""

    @property
    def invalid_regions(self) -> frozenset[str]:
        """Regions whose implementation list did not validate."""

    def items(self) -> list[Item]:
        """The valid items."""


def diff_catalogs(old: CatalogVersion, new: CatalogVersion) -> Changes:
    """The changes that turn catalog ``old`` into catalog ``new``.

    An item or implementation list whose file does not validate on either side is left out: its
    file is there, so it was neither added nor removed, and what changed in it cannot be told.
    """
    changes: list[Change] = []
    old_items = {item.code: item for item in old.items()}
    new_items = {item.code: item for item in new.items()}
    unknown = old.invalid_codes | new.invalid_codes
    for code in sorted((old_items.keys() | new_items.keys()) - unknown):
        before, after = old_items.get(code), new_items.get(code)
        at = _At(code, None, "")
        if before is None and after is not None:
            changes.append(_change(at.to(code), "item-added", None, after.name))
        elif after is None and before is not None:
            changes.append(_change(at.to(code), "item-removed", before.name, None))
        elif before is not None and after is not None:
            changes.extend(diff_items(before, after))
    changes.extend(_diff_keyed(old.laws, new.laws, "laws", "law"))
    changes.extend(_diff_keyed(old.regions, new.regions, "regions", "region"))
    skipped = old.invalid_regions | new.invalid_regions
    old_lists, new_lists = old.implementation_lists, new.implementation_lists
    for region in sorted((old_lists.keys() | new_lists.keys()) - skipped):
        changes.extend(
            diff_implementation_lists(region, old_lists.get(region), new_lists.get(region))
        )
    return Changes(tuple(changes))


def diff_items(old: Item, new: Item) -> list[Change]:
    """The changes from one version of an item to the next (same code)."""
    return list(_ITEM.changes(_At(new.code, None, ""), old, new))


def diff_implementation_lists(
    region: str, old: ImplementationList | None, new: ImplementationList | None
) -> list[Change]:
    """The changes of region ``region``'s implementation list (either side may be absent):
    implementations added, removed, and each merged field changed."""
    before = {i.item: i for i in old.implementations} if old else {}
    after = {i.item: i for i in new.implementations} if new else {}
    found: list[Change] = []
    for code in [*after, *(code for code in before if code not in after)]:
        at = _At(code, region, f"implementations[{code}]")
        earlier, later = before.get(code), after.get(code)
        if earlier is None:
            found.append(_change(at, "implementation-added", None, later))
        elif later is None:
            found.append(_change(at, "implementation-removed", earlier, None))
        else:
            found.extend(_IMPLEMENTATION.changes(at, earlier, later))
    return found


# ---- the machinery --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _At:
    """Where a change is: the item, the region (for implementation lists), the path."""

    item: str | None
    region: str | None
    path: str

    def to(self, name: str) -> _At:
        """The field ``name`` here."""
        return _At(self.item, self.region, f"{self.path}.{name}" if self.path else name)

    def keyed(self, name: str) -> _At:
        """The element ``name`` of the list here."""
        return _At(self.item, self.region, f"{self.path}[{name}]")


def _change(at: _At, kind: str, old: Any, new: Any) -> Change:
    spec = KINDS[kind]
    return Change(
        at.item, spec.element, kind, spec.direction, at.path, _plain(old), _plain(new), at.region
    )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list | frozenset | set):
        return [_plain(element) for element in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


Differ = Callable[[_At, Any, Any], Iterator[Change]]
"""Compares two versions of one model instance at a place; yields the changes found."""


@dataclass(frozen=True)
class _Comparison:
    """How two versions of one model are compared: the differs written for some of its fields
    (each claims the fields it reads), and a generic change for every other published field."""

    model: type[BaseModel]
    prefix: str
    """What generic kinds of this model start with (``material-``)."""
    differs: tuple[tuple[tuple[str, ...], Differ], ...]
    key: str | None = None
    """The field instances are matched by, which two matched versions share."""

    @property
    def unclaimed(self) -> tuple[str, ...]:
        """Fields no differ reads (identities and revisions are never compared)."""
        claimed = {name for names, _ in self.differs for name in names} | {self.key}
        return tuple(
            name
            for name, element in FIELD_ELEMENTS[self.model].items()
            if name not in claimed and element.group is not ElementGroup.INTERNAL
        )

    def generic_kind(self, name: str) -> str:
        """The kind of a change of field ``name`` that no differ reads."""
        return f"{self.prefix}{name.replace('_', '-')}-changed"

    def changes(self, at: _At, old: Any, new: Any) -> Iterator[Change]:
        for names, differ in self.differs:
            if any(getattr(old, name) != getattr(new, name) for name in names):
                yield from differ(at, old, new)
        for name in self.unclaimed:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                yield _change(at.to(name), self.generic_kind(name), before, after)


def _field_kind(kind: str, name: str) -> tuple[tuple[str, ...], Differ]:
    """A differ that reports any change of field ``name`` as ``kind``."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        yield _change(at.to(name), kind, getattr(old, name), getattr(new, name))

    return (name,), differ


def _amount(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A count that fell (``kinds[0]``) or rose (``kinds[1]``)."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        yield _change(at.to(name), kinds[0] if after < before else kinds[1], before, after)

    return (name,), differ


def _flag(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A yes/no that became yes (``kinds[0]``) or no (``kinds[1]``)."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        yield _change(at.to(name), kinds[0] if after else kinds[1], before, after)

    return (name,), differ


def _matched(
    name: str,
    key: Callable[[Any], str],
    kinds: tuple[str, str],
    modified: Callable[[_At, Any, Any], Iterator[Change]],
    added_kind: Callable[[Any], str] | None = None,
    removed_kind: Callable[[Any], str] | None = None,
) -> tuple[tuple[str, ...], Differ]:
    """The elements of list field ``name`` matched by ``key`` (in new order, then the removed
    ones): the added and removed ones as ``kinds`` (or as ``added_kind(element)`` and
    ``removed_kind(element)`` say), the ones in both through ``modified``. A list left out of the
    file (None) compares as empty."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before = {key(e): e for e in getattr(old, name) or ()}
        after = {key(e): e for e in getattr(new, name) or ()}
        for identity, element in after.items():
            where = at.to(name).keyed(identity)
            earlier = before.get(identity)
            if earlier is None:
                kind = added_kind(element) if added_kind else kinds[0]
                yield _change(where, kind, None, element)
            elif earlier != element:
                yield from modified(where, earlier, element)
        for identity, element in before.items():
            if identity not in after:
                kind = removed_kind(element) if removed_kind else kinds[1]
                yield _change(at.to(name).keyed(identity), kind, element, None)

    return (name,), differ


def _stated(
    name: str, changed: str, compare: Callable[[_At, Any, Any], Iterator[Change]]
) -> tuple[tuple[str, ...], Differ]:
    """An optional element: stated or dropped (None on one side) is ``changed``; between two
    stated values, ``compare`` tells."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        if before is None or after is None:
            yield _change(at.to(name), changed, before, after)
        else:
            yield from compare(at.to(name), before, after)

    return (name,), differ


def _sets(increase: str, decrease: str) -> Callable[[_At, Any, Any], Iterator[Change]]:
    """Members gained (``decrease``: more people, more stages online) or lost (``increase``)."""

    def compare(at: _At, before: Any, after: Any) -> Iterator[Change]:
        gained = [value for value in after if value not in before]
        lost = [value for value in before if value not in after]
        if gained:
            yield _change(at, decrease, None, gained)
        if lost:
            yield _change(at, increase, lost, None)

    return compare


def _ranked(
    order: Sequence[Any], wider: str, narrower: str
) -> Callable[[_At, Any, Any], Iterator[Change]]:
    """A value on a scale (``order``, widest first)."""

    def compare(at: _At, before: Any, after: Any) -> Iterator[Change]:
        kind = wider if order.index(after) < order.index(before) else narrower
        yield _change(at, kind, before, after)

    return compare


# ---- items ----------------------------------------------------------------------------------


def _citations(references: Sequence[LegalReference]) -> dict[str, frozenset[str]]:
    """Citations as law -> articles: their order in the file carries no meaning."""
    cited: dict[str, set[str]] = {}
    for reference in references:
        cited.setdefault(reference.law, set()).update(reference.articles)
    return {law: frozenset(articles) for law, articles in cited.items()}


def _legal_basis(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before_cited, after_cited = _citations(old.legal_basis), _citations(new.legal_basis)

    def articles(where: _At, before: LegalReference, after: LegalReference) -> Iterator[Change]:
        if before_cited[before.law] != after_cited[after.law]:
            yield _change(
                where.to("articles"),
                "legal-basis-articles-changed",
                before.articles,
                after.articles,
            )

    kinds = ("legal-basis-added", "legal-basis-removed")
    _, differ = _matched("legal_basis", lambda r: r.law, kinds, articles)
    yield from differ(at, old, new)


_REQUIREMENT_KINDS = {
    (Requirement.REQUIRED, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.DEFERRABLE, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.REQUIRED, Requirement.DEFERRABLE): "material-made-deferrable",
    (Requirement.OPTIONAL, Requirement.REQUIRED): "material-made-required",
    (Requirement.DEFERRABLE, Requirement.REQUIRED): "material-made-required",
    (Requirement.OPTIONAL, Requirement.DEFERRABLE): "material-optional-made-deferrable",
}


def _exemption(at: _At, old: Material, new: Material) -> Iterator[Change]:
    if old.exempt_by is None:
        kind = "material-exempted"
    elif new.exempt_by is None:
        kind = "material-exemption-removed"
    else:
        kind = "material-exemption-changed"
    yield _change(at.to("exempt_by"), kind, old.exempt_by, new.exempt_by)


def _requirement(at: _At, old: Material, new: Material) -> Iterator[Change]:
    kind = _REQUIREMENT_KINDS[(old.requirement, new.requirement)]
    yield _change(at.to("requirement"), kind, old.requirement, new.requirement)


def _material_basis(at: _At, old: Material, new: Material) -> Iterator[Change]:
    if _citations(old.legal_basis) != _citations(new.legal_basis):
        yield _change(
            at.to("legal_basis"), "material-legal-basis-changed", old.legal_basis, new.legal_basis
        )


_MATERIAL = _Comparison(
    Material,
    "material-",
    (
        _field_kind("material-renamed", "name"),
        (("exempt_by",), _exemption),
        (("requirement",), _requirement),
        _amount(("material-copies-decreased", "material-copies-increased"), "copies"),
        _field_kind("material-form-changed", "form"),
        _field_kind("material-source-changed", "source"),
        _field_kind("material-form-reference-changed", "form_id"),
        (("legal_basis",), _material_basis),
    ),
)


def _added_material(material: Material) -> str:
    return "material-added" if material.exempt_by is None else "material-added-not-submitted"


def _removed_material(material: Material) -> str:
    return "material-removed" if material.exempt_by is None else "material-removed-not-submitted"


def _step_changed(kind: str, *names: str) -> tuple[tuple[str, ...], Differ]:
    """A step renamed, or given another channel or role: reported with both whole."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        yield _change(
            at,
            kind,
            {name: _plain(getattr(old, name)) for name in names},
            {name: _plain(getattr(new, name)) for name in names},
        )

    return names, differ


def _on_site(at: _At, old: ServiceStep, new: ServiceStep) -> Iterator[Change]:
    kind = "service-step-now-on-site" if new.on_site else "service-step-now-remote"
    yield _change(at.to("on_site"), kind, old.on_site, new.on_site)


_SERVICE_STEP = _Comparison(
    ServiceStep,
    "service-step-",
    ((("on_site",), _on_site), _step_changed("service-step-changed", "name", "channel")),
)
_HANDLING_STEP = _Comparison(
    HandlingStep,
    "handling-step-",
    (
        _amount(("handling-days-decreased", "handling-days-increased"), "working_days"),
        _step_changed("handling-step-changed", "name", "role"),
    ),
)


def _required(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    kind = "form-field-made-required" if new.required else "form-field-made-optional"
    yield _change(at.to("required"), kind, old.required, new.required)


def _options(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    where = at.to("options")
    if old.options is None or new.options is None:
        yield _change(where, "form-field-options-stated", old.options, new.options)
        return
    added = [option for option in new.options if option not in old.options]
    removed = [option for option in old.options if option not in new.options]
    if added:
        yield _change(where, "form-field-options-added", None, added)
    if removed:
        yield _change(where, "form-field-options-removed", removed, None)


def _max_length(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    # No limit is the most room: a limit set is a decrease of room, a limit lifted an increase.
    before = old.max_length if old.max_length is not None else float("inf")
    after = new.max_length if new.max_length is not None else float("inf")
    kind = (
        "form-field-max-length-decreased" if after < before else "form-field-max-length-increased"
    )
    yield _change(at.to("max_length"), kind, old.max_length, new.max_length)


_FORM_FIELD = _Comparison(
    FormField,
    "form-field-",
    (
        (("required",), _required),
        _field_kind("form-field-type-changed", "type"),
        (("options",), _options),
        _flag(("form-field-made-multiple", "form-field-made-single"), "multiple"),
        (("max_length",), _max_length),
    ),
    key="name",
)
_FORM = _Comparison(
    Form,
    "form-",
    (
        _field_kind("form-renamed", "name"),
        _matched(
            "fields",
            lambda f: f.name,
            ("form-field-added", "form-field-removed"),
            _FORM_FIELD.changes,
        ),
    ),
)


def _time_limit(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before, after = old.time_limit.committed, new.time_limit.committed
    if before.unit == after.unit and before.days != after.days:
        kind = (
            "committed-days-decreased" if after.days < before.days else "committed-days-increased"
        )
        yield _change(at.to("time_limit.committed.days"), kind, before.days, after.days)
    elif before.unit != after.unit:
        # 10 工作日 → 15 自然日 is no more and no less by itself: a new unit is reported with
        # both limits whole, never as a rise or fall of the number.
        yield _change(
            at.to("time_limit.committed"), "committed-unit-changed", _limit(before), _limit(after)
        )
    legal_before, legal_after = old.time_limit.legal, new.time_limit.legal
    if legal_before == legal_after:
        return
    if legal_before is None:
        kind = "legal-limit-set"
    elif legal_after is None:
        kind = "legal-limit-removed"
    elif _without_bases(legal_before) == _without_bases(legal_after):
        kind = "legal-limit-basis-changed"
    else:
        kind = "legal-limit-changed"
    yield _change(at.to("time_limit.legal"), kind, _limit(legal_before), _limit(legal_after))


def _limit(limit: BaseModel | None) -> Any:
    """A time limit as plain data, without the keys it leaves unset (no extension, no basis)."""
    return None if limit is None else limit.model_dump(mode="json", exclude_none=True)


def _without_bases(limit: BaseModel) -> Any:
    data = limit.model_dump(mode="json")
    data.pop("basis", None)
    for stage in data.get("stages", ()):
        stage.pop("basis", None)
    return data


def _conditions(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before, after = set(old.conditions), set(new.conditions)
    for condition in new.conditions:
        if condition not in before:
            yield _change(at.to("conditions").keyed(condition), "condition-added", None, condition)
    for condition in old.conditions:
        if condition not in after:
            yield _change(
                at.to("conditions").keyed(condition), "condition-removed", condition, None
            )


_META_FIELDS = ("item_type", "department", "one_thing", "lists", "levels")
_UNORDERED = frozenset({"lists", "levels"})


def _meta(at: _At, old: Item, new: Item) -> Iterator[Change]:
    for name in _META_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        same = set(before) == set(after) if name in _UNORDERED else before == after
        if not same:
            yield _change(at.to(name), "metadata-changed", before, after)


def _fee(at: _At, old: Item, new: Item) -> Iterator[Change]:
    if old.fee.charged != new.fee.charged:
        kind = "fee-introduced" if new.fee.charged else "fee-abolished"
    else:
        kind = "fee-changed"
    yield _change(at.to("fee"), kind, old.fee, new.fee)


def _quantity_limit(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before, after = old.quantity_limit, new.quantity_limit
    if before is None:
        kind = "quantity-limit-introduced"
    elif after is None:
        kind = "quantity-limit-abolished"
    else:
        kind = "quantity-limit-changed"
    yield _change(at.to("quantity_limit"), kind, before, after)


def _faq_changed(at: _At, old: Faq, new: Faq) -> Iterator[Change]:
    yield _change(at, "faq-changed", old, new)


def _intermediary_changed(
    at: _At, old: IntermediaryService, new: IntermediaryService
) -> Iterator[Change]:
    yield _change(at, "intermediary-service-changed", old, new)


_SCOPES = tuple(Scope)
"""通办范围, widest first (全国通办 … 不通办)."""

_ITEM = _Comparison(
    Item,
    "",
    (
        _field_kind("main-item-name-changed", "main_item_name"),
        _field_kind("sub-item-name-changed", "sub_item_name"),
        (("legal_basis",), _legal_basis),
        _matched(
            "materials",
            lambda m: m.id,
            ("material-added", "material-removed"),
            _MATERIAL.changes,
            _added_material,
            _removed_material,
        ),
        _matched(
            "service_process",
            lambda s: s.id,
            ("service-step-added", "service-step-removed"),
            _SERVICE_STEP.changes,
        ),
        _matched(
            "handling_process",
            lambda s: s.id,
            ("handling-step-added", "handling-step-removed"),
            _HANDLING_STEP.changes,
        ),
        (("time_limit",), _time_limit),
        _matched("forms", lambda f: f.id, ("form-added", "form-removed"), _FORM.changes),
        (("conditions",), _conditions),
        _amount(("visits-decreased", "visits-increased"), "visits"),
        (_META_FIELDS, _meta),
        (("fee",), _fee),
        _field_kind("penalty-changed", "penalty"),
        _stated("audience", "audience-changed", _sets("audience-removed", "audience-added")),
        _stated(
            "online_depth",
            "online-depth-changed",
            _sets("online-depth-reduced", "online-depth-increased"),
        ),
        _stated("scope", "scope-changed", _ranked(_SCOPES, "scope-widened", "scope-narrowed")),
        _matched("faq", lambda q: q.question, ("faq-added", "faq-removed"), _faq_changed),
        _matched(
            "intermediary_services",
            lambda s: s.name,
            ("intermediary-service-added", "intermediary-service-removed"),
            _intermediary_changed,
        ),
        (("quantity_limit",), _quantity_limit),
    ),
)


# ---- laws, regions, implementation lists -----------------------------------------------------


def _diff_keyed(
    old: Mapping[str, BaseModel], new: Mapping[str, BaseModel], path: str, kind: str
) -> Iterator[Change]:
    """Laws or regions matched by id: ``<kind>-added``, ``-removed``, ``-changed``."""
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        at = _At(None, None, f"{path}[{key}]")
        if before is None:
            yield _change(at, f"{kind}-added", None, after)
        elif after is None:
            yield _change(at, f"{kind}-removed", before, None)
        elif before != after:
            yield _change(at, f"{kind}-changed", before, after)


def _online_url(at: _At, old: Implementation, new: Implementation) -> Iterator[Change]:
    if old.online_url is None:
        kind = "implementation-online-url-added"
    elif new.online_url is None:
        kind = "implementation-online-url-removed"
    else:
        kind = "implementation-online-url-changed"
    yield _change(at.to("online_url"), kind, old.online_url, new.online_url)


def _mail_delivery(at: _At, old: Implementation, new: Implementation) -> Iterator[Change]:
    if old.mail_delivery is None or new.mail_delivery is None:
        kind = "implementation-mail-delivery-changed"
    elif new.mail_delivery:
        kind = "implementation-mail-delivery-offered"
    else:
        kind = "implementation-mail-delivery-withdrawn"
    yield _change(at.to("mail_delivery"), kind, old.mail_delivery, new.mail_delivery)


_IMPLEMENTATION = _Comparison(
    Implementation,
    "implementation-",
    ((("online_url",), _online_url), (("mail_delivery",), _mail_delivery)),
)

_COMPARISONS = (
    _ITEM,
    _MATERIAL,
    _SERVICE_STEP,
    _HANDLING_STEP,
    _FORM,
    _FORM_FIELD,
    _IMPLEMENTATION,
)


def _generic_kinds() -> dict[str, KindSpec]:
    """A kind for every field no differ reads, and the two of the implementation fields whose
    generic change is written beside their specific ones."""
    found: dict[str, KindSpec] = {}
    for comparison in _COMPARISONS:
        for name in comparison.unclaimed:
            kind = comparison.generic_kind(name)
            if kind not in _EXPLICIT:
                element = FIELD_ELEMENTS[comparison.model][name]
                found[kind] = _generic(comparison, name, element)
    for name in ("online_url", "mail_delivery"):
        element = FIELD_ELEMENTS[Implementation][name]
        found[_IMPLEMENTATION.generic_kind(name)] = _generic(_IMPLEMENTATION, name, element)
    return found


def _generic(comparison: _Comparison, name: str, element: Element) -> KindSpec:
    # A local field is its own element (办理地点); any other names the field within its element.
    own = comparison is _IMPLEMENTATION
    field = "" if own else f"（{comparison.model.__name__}.{name}）"
    field_en = "" if own else f" ({comparison.model.__name__}.{name})"
    return KindSpec(
        element.key,
        _N,
        f"{element.label('zh')}变更{field}",
        f"{element.label('en')} changed{field_en}",
        *_NEUTRAL_WHY,
    )


KINDS: dict[str, KindSpec] = {**_EXPLICIT, **_generic_kinds()}
"""Every kind of change by id, with its element, direction, meaning and reason."""
