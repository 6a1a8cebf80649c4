"""What every field of the model is for: one table, beside the models, that the rest derives from.

Each field of each model says which element it belongs to: one of the eight unified elements
(八统一), conditions or visits, a national guide element
(docs/format.md#national-guide-elements), the item's basic facts (``meta``), or ``internal``
(identities and the revision, which no guide publishes as content).
The diff takes each change's element from here and compares every field it lists; the five-level
rule takes the keys an implementation may not carry; the guide rules take the elements' names.

A model that gains a field must gain a row here: ``tests/test_fields.py`` fails until it does, and
from then on the diff compares the field (with a generic change where no specific one is written).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from pydantic import BaseModel

from .model import (
    DeadlineLimit,
    DiscretionEntry,
    Duration,
    Faq,
    Fee,
    Form,
    FormField,
    HandlingStep,
    Implementation,
    ImplementationDefaults,
    ImplementationList,
    IntermediaryService,
    Item,
    ItemRemedies,
    Law,
    LegalDuration,
    LegalReference,
    LegalStage,
    Material,
    Penalty,
    Region,
    Responsibility,
    Result,
    Revision,
    ServiceStep,
    StagedLimit,
    StatutoryRoute,
    TimeLimit,
)

__all__ = [
    "FIELD_ELEMENTS",
    "LOCAL_FIELDS",
    "UNIFIED_FIELDS",
    "Element",
    "ElementGroup",
    "element_of",
]


class ElementGroup(Enum):
    """The kinds of element."""

    UNIFIED = "unified"
    """The eight elements, conditions and visits: the province defines them for every level."""
    NATIONAL = "national"
    """A national guide element of the item (docs/format.md#national-guide-elements)."""
    LOCAL = "local"
    """What an implementation list sets for its region
    (docs/format.md#implementationsregionyaml)."""
    META = "meta"
    """The item's basic facts: type, division, lists, levels, fee, penalty."""
    INTERNAL = "internal"
    """Identities and revisions: not content a guide publishes."""


@dataclass(frozen=True, slots=True)
class _Spec:
    key: str
    zh: str
    en: str
    group: ElementGroup


class Element(Enum):
    """An element of a guide, as the diff reports it (``Change.element``)."""

    MAIN_ITEM_NAME = _Spec("main_item_name", "主项名称", "main-item name", ElementGroup.UNIFIED)
    SUB_ITEM_NAME = _Spec("sub_item_name", "子项名称", "sub-item name", ElementGroup.UNIFIED)
    LEGAL_BASIS = _Spec("legal_basis", "适用依据", "legal basis", ElementGroup.UNIFIED)
    MATERIALS = _Spec("materials", "申请材料", "application materials", ElementGroup.UNIFIED)
    SERVICE_PROCESS = _Spec("service_process", "办事流程", "service process", ElementGroup.UNIFIED)
    HANDLING_PROCESS = _Spec(
        "handling_process", "业务经办流程", "back-office process", ElementGroup.UNIFIED
    )
    TIME_LIMIT = _Spec("time_limit", "办理时限", "time limit", ElementGroup.UNIFIED)
    FORMS = _Spec("forms", "表单内容", "forms", ElementGroup.UNIFIED)
    CONDITIONS = _Spec("conditions", "受理条件", "conditions", ElementGroup.UNIFIED)
    VISITS = _Spec("visits", "到办事现场次数", "on-site visits", ElementGroup.UNIFIED)

    AUDIENCE = _Spec("audience", "服务对象", "audience", ElementGroup.NATIONAL)
    RESULT = _Spec("result", "办理结果", "result", ElementGroup.NATIONAL)
    ONLINE_DEPTH = _Spec("online_depth", "网上办理深度", "online depth", ElementGroup.NATIONAL)
    SCOPE = _Spec("scope", "通办范围", "where it may be applied for", ElementGroup.NATIONAL)
    FAQ = _Spec("faq", "常见问题", "common questions", ElementGroup.NATIONAL)
    INTERMEDIARY_SERVICES = _Spec(
        "intermediary_services", "中介服务", "intermediary services", ElementGroup.NATIONAL
    )
    QUANTITY_LIMIT = _Spec("quantity_limit", "数量限制", "quantity limit", ElementGroup.NATIONAL)
    RESPONSIBILITIES = _Spec(
        "responsibilities", "责任事项", "responsibilities", ElementGroup.NATIONAL
    )
    DISCRETION = _Spec("discretion", "裁量基准", "discretion standard", ElementGroup.NATIONAL)
    REMEDIES = _Spec("remedies", "救济途径", "remedies", ElementGroup.NATIONAL)

    IMPLEMENTATION = _Spec("implementation", "实施清单", "implementation", ElementGroup.LOCAL)
    AGENCY = _Spec("agency", "实施主体", "implementing agency", ElementGroup.LOCAL)
    ADDRESS = _Spec("address", "办理地点", "address", ElementGroup.LOCAL)
    HOURS = _Spec("hours", "办理时间", "hours", ElementGroup.LOCAL)
    PHONE = _Spec("phone", "咨询电话", "phone", ElementGroup.LOCAL)
    WINDOW = _Spec("window", "办理窗口", "window", ElementGroup.LOCAL)
    ONLINE_URL = _Spec("online_url", "网上办理地址", "online address", ElementGroup.LOCAL)
    COMPLAINT_PHONE = _Spec(
        "complaint_phone", "监督投诉电话", "complaint phone", ElementGroup.LOCAL
    )
    POWER_SOURCE = _Spec("power_source", "权力来源", "power source", ElementGroup.LOCAL)
    CREDIT_CODE = _Spec(
        "credit_code", "实施主体统一社会信用代码", "agency's credit code", ElementGroup.LOCAL
    )
    MAIL_DELIVERY = _Spec("mail_delivery", "结果邮寄送达", "result by post", ElementGroup.LOCAL)
    APPOINTMENT = _Spec("appointment", "预约方式", "appointment", ElementGroup.LOCAL)

    META = _Spec("meta", "基本信息", "basic facts", ElementGroup.META)
    INTERNAL = _Spec("internal", "内部信息", "internal", ElementGroup.INTERNAL)

    @property
    def key(self) -> str:
        """The element's id in change records (``Change.element``)."""
        return self.value.key

    @property
    def group(self) -> ElementGroup:
        """Which kind of element this is."""
        return self.value.group

    @property
    def published(self) -> bool:
        """True when a change to it changes what a guide tells citizens: it must be published
        within the working-day limit (docs/architecture.md#publication)."""
        return self.value.group is not ElementGroup.INTERNAL

    def label(self, lang: str = "zh") -> str:
        """The element's name in ``lang``."""
        return self.value.en if lang == "en" else self.value.zh


_E = Element

_LOCAL = {
    "agency": _E.AGENCY,
    "address": _E.ADDRESS,
    "hours": _E.HOURS,
    "phone": _E.PHONE,
    "window": _E.WINDOW,
    "online_url": _E.ONLINE_URL,
    "complaint_phone": _E.COMPLAINT_PHONE,
    "power_source": _E.POWER_SOURCE,
    "credit_code": _E.CREDIT_CODE,
    "mail_delivery": _E.MAIL_DELIVERY,
    "appointment": _E.APPOINTMENT,
}


def _all(model: type[BaseModel], element: Element, **others: Element) -> dict[str, Element]:
    """Every field of ``model`` in ``element``, but for the ones named in ``others``."""
    return {name: others.get(name, element) for name in model.model_fields}


FIELD_ELEMENTS: Mapping[type[BaseModel], Mapping[str, Element]] = MappingProxyType(
    {
        Item: {
            "code": _E.INTERNAL,
            "lists": _E.META,
            "item_type": _E.META,
            "department": _E.META,
            "one_thing": _E.META,
            "levels": _E.META,
            "main_item_name": _E.MAIN_ITEM_NAME,
            "sub_item_name": _E.SUB_ITEM_NAME,
            "legal_basis": _E.LEGAL_BASIS,
            "materials": _E.MATERIALS,
            "service_process": _E.SERVICE_PROCESS,
            "handling_process": _E.HANDLING_PROCESS,
            "time_limit": _E.TIME_LIMIT,
            "forms": _E.FORMS,
            "conditions": _E.CONDITIONS,
            "visits": _E.VISITS,
            "fee": _E.META,
            "penalty": _E.META,
            "revision": _E.INTERNAL,
            "audience": _E.AUDIENCE,
            "result": _E.RESULT,
            "online_depth": _E.ONLINE_DEPTH,
            "scope": _E.SCOPE,
            "faq": _E.FAQ,
            "intermediary_services": _E.INTERMEDIARY_SERVICES,
            "quantity_limit": _E.QUANTITY_LIMIT,
            "responsibilities": _E.RESPONSIBILITIES,
            "discretion": _E.DISCRETION,
            "remedies": _E.REMEDIES,
        },
        LegalReference: _all(LegalReference, _E.LEGAL_BASIS),
        Material: _all(Material, _E.MATERIALS, id=_E.INTERNAL),
        ServiceStep: _all(ServiceStep, _E.SERVICE_PROCESS, id=_E.INTERNAL),
        HandlingStep: _all(HandlingStep, _E.HANDLING_PROCESS, id=_E.INTERNAL),
        TimeLimit: _all(TimeLimit, _E.TIME_LIMIT),
        Duration: _all(Duration, _E.TIME_LIMIT),
        LegalDuration: _all(LegalDuration, _E.TIME_LIMIT),
        LegalStage: _all(LegalStage, _E.TIME_LIMIT),
        StagedLimit: _all(StagedLimit, _E.TIME_LIMIT),
        DeadlineLimit: _all(DeadlineLimit, _E.TIME_LIMIT),
        Form: _all(Form, _E.FORMS, id=_E.INTERNAL),
        FormField: _all(FormField, _E.FORMS),
        Fee: _all(Fee, _E.META),
        Penalty: _all(Penalty, _E.META),
        Result: _all(Result, _E.RESULT),
        Faq: _all(Faq, _E.FAQ),
        IntermediaryService: _all(IntermediaryService, _E.INTERMEDIARY_SERVICES),
        Responsibility: _all(Responsibility, _E.RESPONSIBILITIES),
        DiscretionEntry: _all(DiscretionEntry, _E.DISCRETION),
        ItemRemedies: _all(ItemRemedies, _E.REMEDIES),
        StatutoryRoute: _all(StatutoryRoute, _E.REMEDIES),
        Revision: _all(Revision, _E.INTERNAL),
        Law: _all(Law, _E.LEGAL_BASIS, id=_E.INTERNAL),
        Region: _all(Region, _E.IMPLEMENTATION, code=_E.INTERNAL, synthetic=_E.INTERNAL),
        ImplementationDefaults: dict(_LOCAL),
        Implementation: {"item": _E.INTERNAL, **_LOCAL},
        ImplementationList: {
            "region": _E.INTERNAL,
            "revision": _E.INTERNAL,
            "implementations": _E.IMPLEMENTATION,
        },
    }
)
"""Model -> field -> the element the field belongs to, for every field of every model a catalog's
items, laws, regions and implementation lists are made of."""


def element_of(model: type[BaseModel], field: str) -> Element:
    """The element the field ``field`` of ``model`` belongs to."""
    return FIELD_ELEMENTS[model][field]


UNIFIED_FIELDS: tuple[str, ...] = tuple(
    name for name, element in FIELD_ELEMENTS[Item].items() if element.group is ElementGroup.UNIFIED
)
"""The item's keys that the province defines for every level, which an implementation may not
carry: the eight elements, conditions and visits."""

LOCAL_FIELDS: tuple[str, ...] = tuple(FIELD_ELEMENTS[ImplementationDefaults])
"""What an implementation list sets for its region, and what its ``defaults`` may give."""
