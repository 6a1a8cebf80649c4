"""The kinds of change the diff reports: each with its element, its direction and its reason.

A kind is a stable id (``material-added``), never reused. Its direction is what the change does to
the applicant's burden, as the reform defines it: 减条件、减环节、减时限、减证明, fewer visits and
more online are burden decreases; their opposites increases; what neither adds nor removes work
for the applicant is neutral. The reason says why, in Chinese and English (``servicecatalog diff
--kinds``). The diff adds a generic ``<field>-changed`` kind for every field no differ reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from .fields import Element

__all__ = ["EXPLICIT_KINDS", "NEUTRAL_REASON", "Direction", "KindSpec"]


class Direction(StrEnum):
    """What a change does to the burden on the applicant."""

    INCREASE = "burden-increase"
    DECREASE = "burden-decrease"
    NEUTRAL = "neutral"


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
NEUTRAL_REASON = (
    "不改变申请人须提交的材料、须经的环节、等待的时间和到现场的次数",
    "changes neither what the applicant submits, the steps, the time nor the visits",
)


def _kind(
    element: Element, direction: Direction, zh: str, en: str, why: tuple[str, str] = NEUTRAL_REASON
) -> KindSpec:
    return KindSpec(element.key, direction, zh, en, *why)


_E = Element
EXPLICIT_KINDS: Mapping[str, KindSpec] = MappingProxyType(
    {
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
        "sub-item-name-changed": _kind(
            _E.SUB_ITEM_NAME, _N, "子项名称变更", "sub-item name changed"
        ),
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
            (
                "原可不交的材料变成须后补",
                "a document one could leave out must now be handed in later",
            ),
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
        "material-source-changed": _kind(
            _E.MATERIALS, _N, "材料来源变更", "material source changed"
        ),
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
            _E.SERVICE_PROCESS,
            _N,
            "办事环节名称或渠道变更",
            "service step renamed or channel changed",
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
            _E.HANDLING_PROCESS,
            _N,
            "经办环节名称或角色变更",
            "handling step renamed or role changed",
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
            _E.FORMS,
            _D,
            "删除表单",
            "form removed",
            ("申请人少填一张表", "one form less to fill in"),
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
        "form-field-example-changed": _kind(
            _E.FORMS, _N, "示例样表内容变更", "sample entry changed"
        ),
        "form-field-unit-changed": _kind(
            _E.FORMS, _N, "填写项单位变更", "unit of a number changed"
        ),
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
            _E.META,
            _D,
            "取消收费",
            "fee abolished",
            ("申请人不再付费", "the applicant no longer pays"),
        ),
        "fee-changed": _kind(_E.META, _N, "收费标准或依据变更", "fee standard or basis changed"),
        "metadata-changed": _kind(
            _E.META,
            _N,
            "事项类型、处室、清单、层级等变更",
            "type, department, lists or levels changed",
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
        "audience-changed": _kind(
            _E.AUDIENCE, _N, "写明或删去服务对象", "audience stated or dropped"
        ),
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
        "discretion-changed": _kind(
            _E.DISCRETION, _N, "裁量基准变更", "discretion standard changed"
        ),
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
        "law-changed": _kind(
            _E.META, _N, "法规信息变更", "law's name, kind, issuer or date changed"
        ),
        "region-added": _kind(_E.IMPLEMENTATION, _N, "新增区划", "region added"),
        "region-removed": _kind(_E.IMPLEMENTATION, _N, "删除区划", "region removed"),
        "region-changed": _kind(
            _E.IMPLEMENTATION,
            _N,
            "区划名称、层级或上级变更",
            "region's name, level or parent changed",
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
)
