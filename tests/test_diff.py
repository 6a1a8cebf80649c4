"""Changes between two catalog versions, classified (servicecatalog.diff, DESIGN §8).

Every kind of change is produced here by a real edit of a real item file: the service item
220114043000 (失业保险金申领) and the penalty item 220114200000 are copied from the bundled catalog
into two small catalogs, one side is edited as data, and the two are loaded and compared. The
expected direction of every kind is written out below from the design (减条件、减环节、减时限、
减证明 are burden decreases, their opposites increases, everything else neutral), independently
of ``KINDS``, so a kind whose direction drifts fails here.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import servicecatalog
from conftest import BUNDLED_TODAY, PENALTY_ITEM, SERVICE_ITEM, CatalogDir, dump_yaml
from servicecatalog import load_catalog
from servicecatalog.diff import (
    ELEMENTS,
    KINDS,
    Change,
    Changes,
    Direction,
    diff_catalogs,
    diff_items,
)
from servicecatalog.model import credit_code_check

TODAY = date(2026, 11, 27)
A, P = SERVICE_ITEM, PENALTY_ITEM

DEC, INC, NEU = Direction.DECREASE, Direction.INCREASE, Direction.NEUTRAL

# The documented direction of every kind (DESIGN §8, the module's docstring, `diff --kinds`).
EXPECTED_DIRECTION: dict[str, Direction] = {
    "item-added": NEU,
    "item-removed": NEU,
    "main-item-name-changed": NEU,
    "sub-item-name-changed": NEU,
    "legal-basis-added": NEU,
    "legal-basis-removed": NEU,
    "legal-basis-articles-changed": NEU,
    "material-added": INC,
    "material-removed": DEC,
    "material-exempted": DEC,
    "material-exemption-removed": INC,
    "material-exemption-changed": NEU,
    "material-made-optional": DEC,
    "material-made-deferrable": DEC,
    "material-made-required": INC,
    "material-optional-made-deferrable": INC,
    "material-copies-increased": INC,
    "material-copies-decreased": DEC,
    "material-renamed": NEU,
    "material-form-changed": NEU,
    "material-source-changed": NEU,
    "material-legal-basis-changed": NEU,
    "material-form-reference-changed": NEU,
    "service-step-added": INC,
    "service-step-removed": DEC,
    "service-step-now-on-site": INC,
    "service-step-now-remote": DEC,
    "service-step-changed": NEU,
    "handling-step-added": INC,
    "handling-step-removed": DEC,
    "handling-days-increased": INC,
    "handling-days-decreased": DEC,
    "handling-step-changed": NEU,
    "committed-days-increased": INC,
    "committed-days-decreased": DEC,
    "committed-unit-changed": NEU,
    "legal-limit-set": NEU,
    "legal-limit-removed": NEU,
    "legal-limit-changed": NEU,
    "legal-limit-basis-changed": NEU,
    "form-added": INC,
    "form-removed": DEC,
    "form-renamed": NEU,
    "form-field-added": INC,
    "form-field-removed": DEC,
    "form-field-made-required": INC,
    "form-field-made-optional": DEC,
    "form-field-type-changed": NEU,
    "condition-added": INC,
    "condition-removed": DEC,
    "visits-increased": INC,
    "visits-decreased": DEC,
    "fee-introduced": INC,
    "fee-abolished": DEC,
    "fee-changed": NEU,
    "metadata-changed": NEU,
    "penalty-changed": NEU,
    "law-added": NEU,
    "law-removed": NEU,
    "law-changed": NEU,
    "material-added-not-submitted": NEU,
    "material-removed-not-submitted": NEU,
    "audience-added": DEC,
    "audience-removed": INC,
    "audience-changed": NEU,
    "result-changed": NEU,
    "online-depth-increased": DEC,
    "online-depth-reduced": INC,
    "online-depth-changed": NEU,
    "scope-widened": DEC,
    "scope-narrowed": INC,
    "scope-changed": NEU,
    "faq-added": NEU,
    "faq-removed": NEU,
    "faq-changed": NEU,
    "intermediary-service-added": INC,
    "intermediary-service-removed": DEC,
    "intermediary-service-changed": NEU,
    "quantity-limit-introduced": INC,
    "quantity-limit-abolished": DEC,
    "quantity-limit-changed": NEU,
    "responsibilities-changed": NEU,
    "discretion-changed": NEU,
    "remedies-changed": NEU,
    "form-field-options-added": DEC,
    "form-field-options-removed": INC,
    "form-field-options-stated": NEU,
    "form-field-made-multiple": DEC,
    "form-field-made-single": INC,
    "form-field-max-length-decreased": INC,
    "form-field-max-length-increased": DEC,
    "form-field-help-changed": NEU,
    "form-field-example-changed": NEU,
    "form-field-unit-changed": NEU,
    "form-description-changed": NEU,
    "region-added": NEU,
    "region-removed": NEU,
    "region-changed": NEU,
    "implementation-added": DEC,
    "implementation-removed": INC,
    "implementation-online-url-added": DEC,
    "implementation-online-url-removed": INC,
    "implementation-online-url-changed": NEU,
    "implementation-mail-delivery-offered": DEC,
    "implementation-mail-delivery-withdrawn": INC,
    "implementation-mail-delivery-changed": NEU,
    **{
        f"implementation-{name}-changed": NEU
        for name in (
            "agency",
            "address",
            "hours",
            "phone",
            "window",
            "complaint-phone",
            "power-source",
            "credit-code",
            "appointment",
        )
    },
}

# Kinds that come in opposite pairs: the first lightens, the second burdens.
OPPOSITE_PAIRS = [
    ("material-removed", "material-added"),
    ("material-exempted", "material-exemption-removed"),
    ("material-made-optional", "material-made-required"),
    ("material-copies-decreased", "material-copies-increased"),
    ("service-step-removed", "service-step-added"),
    ("service-step-now-remote", "service-step-now-on-site"),
    ("handling-step-removed", "handling-step-added"),
    ("handling-days-decreased", "handling-days-increased"),
    ("committed-days-decreased", "committed-days-increased"),
    ("form-removed", "form-added"),
    ("form-field-removed", "form-field-added"),
    ("form-field-made-optional", "form-field-made-required"),
    ("condition-removed", "condition-added"),
    ("visits-decreased", "visits-increased"),
    ("fee-abolished", "fee-introduced"),
    ("audience-added", "audience-removed"),
    ("online-depth-increased", "online-depth-reduced"),
    ("scope-widened", "scope-narrowed"),
    ("intermediary-service-removed", "intermediary-service-added"),
    ("quantity-limit-abolished", "quantity-limit-introduced"),
    ("implementation-added", "implementation-removed"),
    ("implementation-online-url-added", "implementation-online-url-removed"),
    ("implementation-mail-delivery-offered", "implementation-mail-delivery-withdrawn"),
    ("form-field-options-added", "form-field-options-removed"),
    ("form-field-made-multiple", "form-field-made-single"),
    ("form-field-max-length-increased", "form-field-max-length-decreased"),
]

# The element each kind belongs to, where the design names it.
EXPECTED_ELEMENT_PREFIX = {
    "material-": "materials",
    "service-step-": "service_process",
    "handling-": "handling_process",
    "committed-": "time_limit",
    "legal-limit-": "time_limit",
    "form-": "forms",
    "condition-": "conditions",
    "visits-": "visits",
    "fee-": "meta",
    "law-": "meta",
    "item-": "meta",
    "legal-basis-": "legal_basis",
    "audience-": "audience",
    "online-depth-": "online_depth",
    "scope-": "scope",
    "faq-": "faq",
    "intermediary-service-": "intermediary_services",
    "quantity-limit-": "quantity_limit",
    "region-": "implementation",
    "implementation-added": "implementation",
    "implementation-removed": "implementation",
    "implementation-online-url-": "online_url",
    "implementation-mail-delivery-": "mail_delivery",
    "implementation-address-": "address",
}


# ---- building the two sides -------------------------------------------------------------------

Data = dict[str, Any]
Edit = Callable[[CatalogDir, CatalogDir], None]


def by_id(entries: list[Data], wanted: str, key: str = "id") -> Data:
    return next(entry for entry in entries if entry[key] == wanted)


def material(data: Data, material_id: str) -> Data:
    return by_id(data["materials"], material_id)


def field_of(data: Data, name: str, form_id: str = "F1") -> Data:
    return by_id(by_id(data["forms"], form_id)["fields"], name, key="name")


def new_side(code: str, change: Callable[[Data], None]) -> Edit:
    """Edit ``code`` in the new catalog only."""

    def edit(old: CatalogDir, new: CatalogDir) -> None:
        new.edit(code, change)

    return edit


def both_sides(code: str, before: Callable[[Data], None], after: Callable[[Data], None]) -> Edit:
    """Edit ``code`` in the old catalog with ``before`` and in the new one with ``after``."""

    def edit(old: CatalogDir, new: CatalogDir) -> None:
        old.edit(code, before)
        new.edit(code, after)

    return edit


def setter(*steps: Any) -> Callable[[Data], None]:
    """``setter(getter, key, value)``: set ``getter(data)[key] = value``."""
    getter, key, value = steps

    def change(data: Data) -> None:
        getter(data)[key] = value

    return change


def top(data: Data) -> Data:
    return data


def m(material_id: str) -> Callable[[Data], Data]:
    return lambda data: material(data, material_id)


def step(list_name: str, step_id: str) -> Callable[[Data], Data]:
    return lambda data: by_id(data[list_name], step_id)


def form_field(name: str) -> Callable[[Data], Data]:
    return lambda data: field_of(data, name)


def drop(
    list_getter: Callable[[Data], list[Any]], predicate: Callable[[Any], bool]
) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        entries = list_getter(data)
        entries[:] = [entry for entry in entries if not predicate(entry)]

    return change


def append(list_getter: Callable[[Data], list[Any]], entry: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        list_getter(data).append(entry)

    return change


FEE_CHARGED = {
    "charged": True,
    "standard": "按照省物价部门核定的标准收取工本费",
    "legal_basis": [{"law": "labor-law", "articles": ["第十五条"]}],
}

NEW_LAW = {
    "id": "test-employment-service-rules",
    "name": "吉林省就业服务测试规定",
    "kind": "规范性文件",
    "issuer": "吉林省人力资源和社会保障厅",
    "effective": "2026-01-01",
}


def _add_law(data: Data) -> None:
    data["laws"].append(dict(NEW_LAW))


def _remove_law(data: Data) -> None:
    data["laws"] = [law for law in data["laws"] if law["id"] != "labor-contract-law"]


def _rename_law(data: Data) -> None:
    by_id(data["laws"], "labor-contract-law")["name"] = "中华人民共和国劳动合同法（2012年修正）"


def _laws(change: Callable[[Data], None], side: str = "new") -> Edit:
    def edit(old: CatalogDir, new: CatalogDir) -> None:
        (new if side == "new" else old).edit_laws(change)

    return edit


def _remove_item(side: str) -> Edit:
    def edit(old: CatalogDir, new: CatalogDir) -> None:
        (new if side == "new" else old).remove(P)

    return edit


LEGAL_A = {
    "days": 10,
    "unit": "工作日",
    "basis": {"law": "social-insurance-handling-regulations", "articles": ["第二十四条第一款"]},
}
"""The legal limit of the service item: 社会保险经办条例 第二十四条第一款."""


SHARED_MATERIAL = {
    "id": "M9",
    "name": "失业登记信息",
    "form": "电子文件",
    "copies": 0,
    "source": "政府部门核发",
    "requirement": "必要",
    "exempt_by": "数据共享",
    "legal_basis": [{"law": "unemployment-insurance-regulations", "articles": ["第十六条"]}],
}
"""A material the office obtains by data sharing: the applicant submits nothing more."""

NEW_FAQ = {
    "question": "领取失业保险金需要每月到现场签到吗？",
    "answer": "不需要。",
    "legal_basis": [{"law": "social-insurance-law", "articles": ["第四十五条"]}],
}
FIRST_FAQ = "自己辞职的，能领取失业保险金吗？"
REASON = "中断就业原因"
WAGE = {"name": "月工资", "type": "number", "required": False, "unit": "元"}


def _wage_in(unit: str) -> Callable[[Data], None]:
    return append(lambda d: d["forms"][0]["fields"], {**WAGE, "unit": unit})


INTERMEDIARY = {
    "name": "体检",
    "legal_basis": [{"law": "social-insurance-law", "articles": ["第四十五条"]}],
}

R = "220102"
REGIONS = {
    "regions": [
        {"code": "220000", "name": "吉林省", "level": "省级", "parent": None},
        {"code": "220100", "name": "长春市", "level": "市级", "parent": "220000"},
        {"code": R, "name": "南关区", "level": "县级", "parent": "220100"},
    ]
}
CHAOYANG = {"code": "220104", "name": "朝阳区", "level": "县级", "parent": "220100"}
LIST: dict[str, Any] = {
    "region": R,
    "revision": {"version": 1, "changed_on": "2026-03-10", "published_on": "2026-03-11"},
    "defaults": {
        "agency": "长春市南关区人力资源和社会保障局",
        "address": "长春市南关区政务服务中心人力资源和社会保障窗口",
        "hours": "周一至周五 8:30-11:30 13:00-17:00（法定节假日除外）",
        "phone": "12333",
        "online_url": "https://zwfw.jl.gov.cn/jlszwfw/",
        "complaint_phone": "12345",
        "mail_delivery": True,
    },
    "implementations": [{"item": A}],
}
_CREDIT_BASE = "11220000MB0123456"
CREDIT_CODE = _CREDIT_BASE + credit_code_check(_CREDIT_BASE)
"""A code with a valid GB 32100 check character, made up for the test (not a real agency's)."""


def with_regions(change: Callable[[Data], None]) -> Edit:
    """Both sides get :data:`REGIONS`; the new one changed by ``change``."""

    def edit(old: CatalogDir, new: CatalogDir) -> None:
        for side in (old, new):
            side.write_regions(copy.deepcopy(REGIONS))
        data = copy.deepcopy(REGIONS)
        change(data)
        new.write_regions(data)

    return edit


def with_list(change: Callable[[Data], None], before: Callable[[Data], None] | None = None) -> Edit:
    """Both sides get :data:`REGIONS` and :data:`LIST` (``before`` applied to the old one); the
    new list is changed by ``change``, its revision moved."""

    def edit(old: CatalogDir, new: CatalogDir) -> None:
        for side in (old, new):
            side.write_regions(copy.deepcopy(REGIONS))
            side.write_list(copy.deepcopy(LIST))
        if before is not None:
            old.edit_list(R, before)
        new.edit_list(R, change)
        new.edit_list(R, lambda d: d.update(revision=dict(MOVED_LIST_REVISION)))

    return edit


MOVED_LIST_REVISION = {"version": 2, "changed_on": "2026-11-27", "published_on": "2026-11-30"}


def entry_setter(name: str, value: Any) -> Callable[[Data], None]:
    """Set ``name`` in the list's entry of the service item itself."""

    def change(data: Data) -> None:
        data["implementations"][0][name] = value

    return change


@dataclass(frozen=True)
class Scenario:
    kind: str
    edit: Edit
    path: str | None = None
    old: Any = "<any>"
    new: Any = "<any>"
    also: frozenset[str] = field(default_factory=frozenset)
    item: str | None = A
    label: str = ""
    region: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}{'-' + self.label if self.label else ''}"


SCENARIOS: list[Scenario] = [
    # ---- items and laws
    Scenario("item-added", _remove_item("old"), path=P, old=None, item=P),
    Scenario("item-removed", _remove_item("new"), path=P, new=None, item=P),
    Scenario(
        "law-added",
        _laws(_add_law),
        path=f"laws[{NEW_LAW['id']}]",
        old=None,
        item=None,
    ),
    Scenario(
        "law-removed", _laws(_remove_law), path="laws[labor-contract-law]", new=None, item=None
    ),
    Scenario("law-changed", _laws(_rename_law), path="laws[labor-contract-law]", item=None),
    # ---- names
    Scenario(
        "main-item-name-changed",
        new_side(A, setter(top, "main_item_name", "失业保险金申请")),
        path="main_item_name",
        old="失业保险金申领",
        new="失业保险金申请",
    ),
    Scenario(
        "sub-item-name-changed",
        new_side(A, setter(top, "sub_item_name", "按月领取")),
        path="sub_item_name",
        old=None,
        new="按月领取",
    ),
    # ---- legal basis
    Scenario(
        "legal-basis-added",
        new_side(
            A, append(lambda d: d["legal_basis"], {"law": "labor-law", "articles": ["第七十三条"]})
        ),
        path="legal_basis[labor-law]",
        old=None,
    ),
    Scenario(
        "legal-basis-removed",
        new_side(
            A,
            drop(
                lambda d: d["legal_basis"],
                lambda e: e["law"] == "unemployment-insurance-regulations",
            ),
        ),
        path="legal_basis[unemployment-insurance-regulations]",
        new=None,
    ),
    Scenario(
        "legal-basis-articles-changed",
        new_side(
            A, lambda d: by_id(d["legal_basis"], "social-insurance-law", "law")["articles"].pop()
        ),
        path="legal_basis[social-insurance-law].articles",
        old=["第四十五条", "第四十六条", "第五十条"],
        new=["第四十五条", "第四十六条"],
    ),
    # ---- materials
    Scenario(
        "material-added",
        new_side(
            A,
            append(
                lambda d: d["materials"],
                {
                    "id": "M5",
                    "name": "近期免冠照片",
                    "form": "原件",
                    "copies": 1,
                    "source": "申请人自备",
                    "requirement": "必要",
                    "exempt_by": None,
                    "legal_basis": [
                        {"law": "unemployment-insurance-regulations", "articles": ["第十六条"]}
                    ],
                },
            ),
        ),
        path="materials[M5]",
        old=None,
    ),
    Scenario(
        "material-removed",
        new_side(A, drop(lambda d: d["materials"], lambda e: e["id"] == "M4")),
        path="materials[M4]",
        new=None,
    ),
    Scenario(
        "material-exempted",
        new_side(A, setter(m("M4"), "exempt_by", "数据共享")),
        path="materials[M4].exempt_by",
        old=None,
        new="数据共享",
    ),
    Scenario(
        "material-exemption-removed",
        new_side(A, setter(m("M1"), "exempt_by", None)),
        path="materials[M1].exempt_by",
        old="电子证照",
        new=None,
    ),
    Scenario(
        "material-exemption-changed",
        new_side(A, setter(m("M1"), "exempt_by", "数据共享")),
        path="materials[M1].exempt_by",
        old="电子证照",
        new="数据共享",
    ),
    Scenario(
        "material-made-optional",
        new_side(A, setter(m("M3"), "requirement", "非必要")),
        path="materials[M3].requirement",
        old="必要",
        new="非必要",
        label="from-required",
    ),
    Scenario(
        "material-made-optional",
        both_sides(
            A, setter(m("M3"), "requirement", "容缺后补"), setter(m("M3"), "requirement", "非必要")
        ),
        path="materials[M3].requirement",
        old="容缺后补",
        new="非必要",
        label="from-deferrable",
    ),
    Scenario(
        "material-made-deferrable",
        new_side(A, setter(m("M3"), "requirement", "容缺后补")),
        path="materials[M3].requirement",
        old="必要",
        new="容缺后补",
    ),
    Scenario(
        "material-made-required",
        new_side(A, setter(m("M4"), "requirement", "必要")),
        path="materials[M4].requirement",
        old="非必要",
        new="必要",
        label="from-optional",
    ),
    Scenario(
        "material-made-required",
        both_sides(
            A, setter(m("M3"), "requirement", "容缺后补"), setter(m("M3"), "requirement", "必要")
        ),
        path="materials[M3].requirement",
        old="容缺后补",
        new="必要",
        label="from-deferrable",
    ),
    Scenario(
        "material-optional-made-deferrable",
        new_side(A, setter(m("M4"), "requirement", "容缺后补")),
        path="materials[M4].requirement",
        old="非必要",
        new="容缺后补",
    ),
    Scenario(
        "material-copies-increased",
        new_side(A, setter(m("M2"), "copies", 2)),
        path="materials[M2].copies",
        old=1,
        new=2,
    ),
    Scenario(
        "material-copies-decreased",
        new_side(A, setter(m("M2"), "copies", 0)),
        path="materials[M2].copies",
        old=1,
        new=0,
    ),
    Scenario(
        "material-renamed",
        new_side(A, setter(m("M2"), "name", "原用人单位出具的解除或者终止劳动关系证明")),
        path="materials[M2].name",
        old="原用人单位出具的终止或者解除劳动关系的证明",
        new="原用人单位出具的解除或者终止劳动关系证明",
    ),
    Scenario(
        "material-form-changed",
        new_side(A, setter(m("M2"), "form", "复印件")),
        path="materials[M2].form",
        old="原件或复印件",
        new="复印件",
    ),
    Scenario(
        "material-source-changed",
        new_side(A, setter(m("M2"), "source", "申请人自备")),
        path="materials[M2].source",
        old="其他机构出具",
        new="申请人自备",
    ),
    Scenario(
        "material-legal-basis-changed",
        new_side(
            A,
            setter(
                m("M3"),
                "legal_basis",
                [{"law": "unemployment-insurance-regulations", "articles": ["第十七条"]}],
            ),
        ),
        path="materials[M3].legal_basis",
        old=[{"law": "unemployment-insurance-regulations", "articles": ["第十六条"]}],
        new=[{"law": "unemployment-insurance-regulations", "articles": ["第十七条"]}],
    ),
    Scenario(
        "material-form-reference-changed",
        new_side(A, setter(m("M3"), "form_id", None)),
        path="materials[M3].form_id",
        old="F1",
        new=None,
    ),
    # ---- service process
    Scenario(
        "service-step-added",
        new_side(
            A,
            append(
                lambda d: d["service_process"],
                {"id": "S4", "name": "评价办理结果", "channel": "移动端", "on_site": False},
            ),
        ),
        path="service_process[S4]",
        old=None,
    ),
    Scenario(
        "service-step-removed",
        new_side(A, drop(lambda d: d["service_process"], lambda e: e["id"] == "S2")),
        path="service_process[S2]",
        new=None,
    ),
    Scenario(
        "service-step-now-on-site",
        new_side(A, setter(step("service_process", "S1"), "on_site", True)),
        path="service_process[S1].on_site",
        old=False,
        new=True,
    ),
    Scenario(
        "service-step-now-remote",
        both_sides(
            A,
            setter(step("service_process", "S1"), "on_site", True),
            setter(step("service_process", "S1"), "on_site", False),
        ),
        path="service_process[S1].on_site",
        old=True,
        new=False,
    ),
    Scenario(
        "service-step-changed",
        new_side(A, setter(step("service_process", "S2"), "channel", "网上办理")),
        path="service_process[S2]",
        old={"name": "在线查询审核结果", "channel": "移动端"},
        new={"name": "在线查询审核结果", "channel": "网上办理"},
    ),
    # ---- handling process
    Scenario(
        "handling-step-added",
        new_side(
            A,
            append(
                lambda d: d["handling_process"],
                {"id": "H5", "name": "归档", "role": "办结", "working_days": 0},
            ),
        ),
        path="handling_process[H5]",
        old=None,
    ),
    Scenario(
        "handling-step-removed",
        new_side(A, drop(lambda d: d["handling_process"], lambda e: e["id"] == "H4")),
        path="handling_process[H4]",
        new=None,
    ),
    Scenario(
        "handling-days-increased",
        new_side(A, setter(step("handling_process", "H2"), "working_days", 3)),
        path="handling_process[H2].working_days",
        old=2,
        new=3,
    ),
    Scenario(
        "handling-days-decreased",
        new_side(A, setter(step("handling_process", "H2"), "working_days", 1)),
        path="handling_process[H2].working_days",
        old=2,
        new=1,
    ),
    Scenario(
        "handling-step-changed",
        new_side(A, setter(step("handling_process", "H3"), "role", "审查")),
        path="handling_process[H3]",
        old={"name": "核定领取期限和标准", "role": "决定"},
        new={"name": "核定领取期限和标准", "role": "审查"},
    ),
    # ---- time limit
    Scenario(
        "committed-days-increased",
        new_side(A, lambda d: d["time_limit"]["committed"].update(days=5)),
        path="time_limit.committed.days",
        old=3,
        new=5,
    ),
    Scenario(
        "committed-days-decreased",
        new_side(A, lambda d: d["time_limit"]["committed"].update(days=1)),
        path="time_limit.committed.days",
        old=3,
        new=1,
    ),
    Scenario(
        "committed-unit-changed",
        new_side(A, lambda d: d["time_limit"]["committed"].update(unit="自然日")),
        path="time_limit.committed",
        old={"days": 3, "unit": "工作日"},
        new={"days": 3, "unit": "自然日"},
    ),
    Scenario(
        "legal-limit-set",
        both_sides(
            A,
            lambda d: d["time_limit"].update(legal=None),
            lambda d: d["time_limit"].update(legal={"days": 15, "unit": "工作日"}),
        ),
        path="time_limit.legal",
        old=None,
        new={"days": 15, "unit": "工作日"},
    ),
    Scenario(
        "legal-limit-removed",
        new_side(A, lambda d: d["time_limit"].update(legal=None)),
        path="time_limit.legal",
        old=LEGAL_A,
        new=None,
    ),
    Scenario(
        "legal-limit-changed",
        new_side(A, lambda d: d["time_limit"]["legal"].update(days=15)),
        path="time_limit.legal",
        old=LEGAL_A,
        new={**LEGAL_A, "days": 15},
    ),
    Scenario(
        "legal-limit-changed",
        new_side(
            A,
            lambda d: d["time_limit"].update(
                legal={
                    "stages": [
                        {"name": "初审", "days": 5, "unit": "工作日"},
                        {"name": "复核", "days": 1, "unit": "月"},
                    ],
                    "sequence": "依次",
                }
            ),
        ),
        path="time_limit.legal",
        old=LEGAL_A,
        new={
            "stages": [
                {"name": "初审", "days": 5, "unit": "工作日"},
                {"name": "复核", "days": 1, "unit": "月"},
            ],
            "sequence": "依次",
        },
        label="to-stages",
    ),
    Scenario(
        "legal-limit-basis-changed",
        new_side(
            A,
            lambda d: d["time_limit"]["legal"].update(
                basis={"law": "social-insurance-handling-regulations", "articles": ["第二十四条"]}
            ),
        ),
        path="time_limit.legal",
        old=LEGAL_A,
        new={
            **LEGAL_A,
            "basis": {"law": "social-insurance-handling-regulations", "articles": ["第二十四条"]},
        },
    ),
    # ---- forms
    Scenario(
        "form-added",
        new_side(
            A,
            append(
                lambda d: d["forms"],
                {
                    "id": "F2",
                    "name": "补充信息表",
                    "fields": [{"name": "备注", "type": "text", "required": False}],
                },
            ),
        ),
        path="forms[F2]",
        old=None,
    ),
    Scenario(
        "form-removed",
        new_side(A, lambda d: d.update(forms=[])),
        path="forms[F1]",
        new=None,
    ),
    Scenario(
        "form-renamed",
        new_side(A, setter(lambda d: by_id(d["forms"], "F1"), "name", "失业保险金申领表")),
        path="forms[F1].name",
        old="失业保险金申领登记表",
        new="失业保险金申领表",
    ),
    Scenario(
        "form-field-added",
        new_side(
            A,
            append(
                lambda d: by_id(d["forms"], "F1")["fields"],
                {"name": "电子邮箱", "type": "text", "required": False},
            ),
        ),
        path="forms[F1].fields[电子邮箱]",
        old=None,
    ),
    Scenario(
        "form-field-removed",
        new_side(
            A,
            drop(
                lambda d: by_id(d["forms"], "F1")["fields"],
                lambda e: e["name"] == "社会保障卡金融账号",
            ),
        ),
        path="forms[F1].fields[社会保障卡金融账号]",
        new=None,
    ),
    Scenario(
        "form-field-made-required",
        new_side(A, setter(form_field("社会保障卡金融账号"), "required", True)),
        path="forms[F1].fields[社会保障卡金融账号].required",
        old=False,
        new=True,
    ),
    Scenario(
        "form-field-made-optional",
        new_side(A, setter(form_field("联系电话"), "required", False)),
        path="forms[F1].fields[联系电话].required",
        old=True,
        new=False,
    ),
    Scenario(
        "form-field-type-changed",
        new_side(A, setter(form_field("联系电话"), "type", "text")),
        path="forms[F1].fields[联系电话].type",
        old="phone",
        new="text",
    ),
    # ---- conditions and visits
    Scenario(
        "condition-added",
        new_side(A, append(lambda d: d["conditions"], "申请人未被列入严重失信主体名单")),
        path="conditions[申请人未被列入严重失信主体名单]",
        old=None,
        new="申请人未被列入严重失信主体名单",
    ),
    Scenario(
        "condition-removed",
        new_side(A, drop(lambda d: d["conditions"], lambda e: e == "非因本人意愿中断就业")),
        path="conditions[非因本人意愿中断就业]",
        old="非因本人意愿中断就业",
        new=None,
    ),
    Scenario(
        "visits-increased",
        new_side(A, setter(top, "visits", 1)),
        path="visits",
        old=0,
        new=1,
    ),
    Scenario(
        "visits-decreased",
        both_sides(A, setter(top, "visits", 1), setter(top, "visits", 0)),
        path="visits",
        old=1,
        new=0,
    ),
    # ---- fee, metadata, penalty
    Scenario(
        "fee-introduced",
        new_side(A, setter(top, "fee", dict(FEE_CHARGED))),
        path="fee",
        old={"charged": False, "standard": None, "legal_basis": []},
    ),
    Scenario(
        "fee-abolished",
        both_sides(
            A, setter(top, "fee", dict(FEE_CHARGED)), setter(top, "fee", {"charged": False})
        ),
        path="fee",
        new={"charged": False, "standard": None, "legal_basis": []},
    ),
    Scenario(
        "fee-changed",
        both_sides(
            A,
            setter(top, "fee", dict(FEE_CHARGED)),
            setter(top, "fee", {**FEE_CHARGED, "standard": "免收工本费以外的费用"}),
        ),
        path="fee",
    ),
    Scenario(
        "metadata-changed",
        new_side(A, setter(top, "department", "就业促进处")),
        path="department",
        old="失业保险处",
        new="就业促进处",
    ),
    Scenario(
        "penalty-changed",
        new_side(P, lambda d: d["penalty"].update(kinds=["罚款", "吊销许可证件"])),
        path="penalty",
        item=P,
    ),
    # ---- national guide elements (DESIGN §13)
    Scenario(
        "material-added-not-submitted",
        new_side(A, append(lambda d: d["materials"], dict(SHARED_MATERIAL))),
        path="materials[M9]",
        old=None,
    ),
    Scenario(
        "material-removed-not-submitted",
        both_sides(A, append(lambda d: d["materials"], dict(SHARED_MATERIAL)), lambda d: None),
        path="materials[M9]",
        new=None,
    ),
    Scenario(
        "audience-added",
        new_side(A, setter(top, "audience", ["自然人", "企业法人"])),
        path="audience",
        old=None,
        new=["企业法人"],
    ),
    Scenario(
        "audience-removed",
        both_sides(A, setter(top, "audience", ["自然人", "企业法人"]), lambda d: None),
        path="audience",
        old=["企业法人"],
        new=None,
    ),
    Scenario(
        "audience-changed",
        new_side(A, lambda d: d.pop("audience")),
        path="audience",
        old=["自然人"],
        new=None,
        also=frozenset(),
    ),
    Scenario(
        "result-changed",
        new_side(A, lambda d: d["result"].update(name="失业保险待遇核定结果")),
        path="result",
    ),
    Scenario(
        "online-depth-reduced",
        new_side(A, lambda d: d["online_depth"].remove("互联网办理")),
        path="online_depth",
        old=["互联网办理"],
        new=None,
    ),
    Scenario(
        "online-depth-increased",
        both_sides(A, lambda d: d["online_depth"].remove("互联网办理"), lambda d: None),
        path="online_depth",
        old=None,
        new=["互联网办理"],
    ),
    Scenario(
        "online-depth-changed", new_side(A, lambda d: d.pop("online_depth")), path="online_depth"
    ),
    Scenario(
        "scope-narrowed",
        new_side(A, setter(top, "scope", "全市通办")),
        path="scope",
        old="全省通办",
        new="全市通办",
    ),
    Scenario(
        "scope-widened",
        new_side(A, setter(top, "scope", "跨省通办")),
        path="scope",
        old="全省通办",
        new="跨省通办",
    ),
    Scenario("scope-changed", new_side(A, lambda d: d.pop("scope")), path="scope", new=None),
    Scenario(
        "faq-added",
        new_side(A, append(lambda d: d["faq"], dict(NEW_FAQ))),
        path=f"faq[{NEW_FAQ['question']}]",
        old=None,
    ),
    Scenario(
        "faq-removed",
        new_side(A, lambda d: d["faq"].pop(0)),
        path=f"faq[{FIRST_FAQ}]",
        new=None,
    ),
    Scenario(
        "faq-changed",
        new_side(A, lambda d: d["faq"][0].update(answer="不能。")),
        path=f"faq[{FIRST_FAQ}]",
    ),
    Scenario(
        "intermediary-service-added",
        new_side(A, setter(top, "intermediary_services", [dict(INTERMEDIARY)])),
        path="intermediary_services[体检]",
        old=None,
    ),
    Scenario(
        "intermediary-service-removed",
        both_sides(A, setter(top, "intermediary_services", [dict(INTERMEDIARY)]), lambda d: None),
        path="intermediary_services[体检]",
        new=None,
    ),
    Scenario(
        "intermediary-service-changed",
        both_sides(
            A,
            setter(top, "intermediary_services", [dict(INTERMEDIARY)]),
            setter(
                top,
                "intermediary_services",
                [
                    {
                        **INTERMEDIARY,
                        "legal_basis": [{"law": "labor-law", "articles": ["第七十三条"]}],
                    }
                ],
            ),
        ),
        path="intermediary_services[体检]",
    ),
    Scenario(
        "quantity-limit-introduced",
        new_side(A, setter(top, "quantity_limit", "每年限 100 名")),
        path="quantity_limit",
        old=None,
        new="每年限 100 名",
    ),
    Scenario(
        "quantity-limit-abolished",
        both_sides(A, setter(top, "quantity_limit", "每年限 100 名"), lambda d: None),
        path="quantity_limit",
        new=None,
    ),
    Scenario(
        "quantity-limit-changed",
        both_sides(
            A,
            setter(top, "quantity_limit", "每年限 100 名"),
            setter(top, "quantity_limit", "每年限 200 名"),
        ),
        path="quantity_limit",
    ),
    Scenario(
        "responsibilities-changed",
        new_side(P, lambda d: d["responsibilities"][0].update(duty="及时立案")),
        path="responsibilities",
        item=P,
    ),
    Scenario(
        "discretion-changed",
        new_side(P, lambda d: d["discretion"].pop()),
        path="discretion",
        item=P,
    ),
    Scenario("remedies-changed", new_side(A, lambda d: d.pop("remedies")), path="remedies"),
    # ---- form fields (DESIGN §17)
    Scenario(
        "form-field-options-added",
        new_side(A, lambda d: field_of(d, REASON)["options"].append("劳动合同期满终止")),
        path=f"forms[F1].fields[{REASON}].options",
        old=None,
        new=["劳动合同期满终止"],
    ),
    Scenario(
        "form-field-options-removed",
        new_side(A, lambda d: field_of(d, REASON)["options"].pop()),
        path=f"forms[F1].fields[{REASON}].options",
        new=None,
    ),
    Scenario(
        "form-field-options-stated",
        both_sides(A, lambda d: field_of(d, REASON).pop("options"), lambda d: None),
        path=f"forms[F1].fields[{REASON}].options",
        old=None,
    ),
    Scenario(
        "form-field-made-multiple",
        new_side(A, lambda d: field_of(d, REASON).update(multiple=True)),
        path=f"forms[F1].fields[{REASON}].multiple",
        old=False,
        new=True,
    ),
    Scenario(
        "form-field-made-single",
        both_sides(A, lambda d: field_of(d, REASON).update(multiple=True), lambda d: None),
        path=f"forms[F1].fields[{REASON}].multiple",
        old=True,
        new=False,
    ),
    Scenario(
        "form-field-max-length-decreased",
        new_side(A, lambda d: field_of(d, "姓名").update(max_length=20)),
        path="forms[F1].fields[姓名].max_length",
        old=30,
        new=20,
    ),
    Scenario(
        "form-field-max-length-decreased",
        new_side(A, lambda d: field_of(d, "原用人单位名称").update(max_length=50)),
        path="forms[F1].fields[原用人单位名称].max_length",
        old=None,
        new=50,
        label="limit-set",
    ),
    Scenario(
        "form-field-max-length-increased",
        new_side(A, lambda d: field_of(d, "姓名").pop("max_length")),
        path="forms[F1].fields[姓名].max_length",
        old=30,
        new=None,
    ),
    Scenario(
        "form-field-help-changed",
        new_side(A, lambda d: field_of(d, "公民身份号码").update(help="18位")),
        path="forms[F1].fields[公民身份号码].help",
    ),
    Scenario(
        "form-field-example-changed",
        new_side(A, lambda d: field_of(d, "姓名").update(example="李四")),
        path="forms[F1].fields[姓名].example",
    ),
    Scenario(
        "form-field-unit-changed",
        both_sides(A, append(lambda d: d["forms"][0]["fields"], WAGE), _wage_in("千元")),
        path="forms[F1].fields[月工资].unit",
        old="元",
        new="千元",
    ),
    Scenario(
        "form-description-changed",
        new_side(A, lambda d: d["forms"][0].update(description="申请人本人填写。")),
        path="forms[F1].description",
    ),
    # ---- regions and implementation lists (DESIGN §14)
    Scenario(
        "region-added",
        with_regions(lambda d: d["regions"].append(dict(CHAOYANG))),
        path="regions[220104]",
        old=None,
        item=None,
    ),
    Scenario(
        "region-removed",
        with_regions(lambda d: d["regions"].pop()),
        path="regions[220102]",
        new=None,
        item=None,
    ),
    Scenario(
        "region-changed",
        with_regions(lambda d: d["regions"][2].update(name="南关")),
        path="regions[220102]",
        item=None,
    ),
    Scenario(
        "implementation-added",
        with_list(lambda d: d["implementations"].append({"item": P})),
        path=f"implementations[{P}]",
        old=None,
        item=P,
        region=R,
    ),
    Scenario(
        "implementation-removed",
        with_list(lambda d: d.update(implementations=[])),
        path=f"implementations[{A}]",
        new=None,
        region=R,
    ),
    Scenario(
        "implementation-address-changed",
        with_list(lambda d: d["defaults"].update(address="长春市南关区新址")),
        path=f"implementations[{A}].address",
        old=LIST["defaults"]["address"],
        new="长春市南关区新址",
        region=R,
        label="default",
    ),
    *(
        Scenario(
            f"implementation-{name.replace('_', '-')}-changed",
            with_list(entry_setter(name, value)),
            path=f"implementations[{A}].{name}",
            new=value,
            region=R,
        )
        for name, value in (
            ("agency", "长春市人力资源和社会保障局"),
            ("address", "长春市南关区人民大街 1 号"),
            ("hours", "周一至周五 9:00-17:00"),
            ("phone", "0431-88888888"),
            ("window", "3号窗口"),
            ("complaint_phone", "0431-12345678"),
            ("power_source", "上级下放"),
            ("credit_code", CREDIT_CODE),
            ("appointment", "吉事办预约"),
        )
    ),
    Scenario(
        "implementation-online-url-added",
        with_list(lambda d: None, before=lambda d: d["defaults"].pop("online_url")),
        path=f"implementations[{A}].online_url",
        old=None,
        region=R,
    ),
    Scenario(
        "implementation-online-url-removed",
        with_list(lambda d: d["defaults"].pop("online_url")),
        path=f"implementations[{A}].online_url",
        new=None,
        region=R,
    ),
    Scenario(
        "implementation-online-url-changed",
        with_list(lambda d: d["defaults"].update(online_url="https://zwfw.jl.gov.cn/")),
        path=f"implementations[{A}].online_url",
        region=R,
    ),
    Scenario(
        "implementation-mail-delivery-offered",
        with_list(lambda d: None, before=lambda d: d["defaults"].update(mail_delivery=False)),
        path=f"implementations[{A}].mail_delivery",
        old=False,
        new=True,
        region=R,
    ),
    Scenario(
        "implementation-mail-delivery-withdrawn",
        with_list(lambda d: d["defaults"].update(mail_delivery=False)),
        path=f"implementations[{A}].mail_delivery",
        old=True,
        new=False,
        region=R,
    ),
    Scenario(
        "implementation-mail-delivery-changed",
        with_list(lambda d: d["defaults"].pop("mail_delivery")),
        path=f"implementations[{A}].mail_delivery",
        old=True,
        new=None,
        region=R,
    ),
]


def _kinds(changes: Changes) -> list[str]:
    return [change.kind for change in changes]


@pytest.fixture
def sides(catalog_copy: Callable[..., CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    """Two identical small catalogs: the service item and the penalty item."""
    return catalog_copy("old"), catalog_copy("new")


def compare(old: CatalogDir, new: CatalogDir) -> Changes:
    before = load_catalog(old.path, today=TODAY)
    after = load_catalog(new.path, today=TODAY)
    # an edit that broke the item's schema would hide the change behind item-removed
    for catalog in (before, after):
        schema = [f for f in catalog.report if f.rule.startswith(("schema", "yaml"))]
        assert not schema, [f.text("en") for f in schema]
    return diff_catalogs(before, after)


# ---- every kind, its direction, its element --------------------------------------------------


def test_expected_directions_cover_exactly_the_documented_kinds() -> None:
    assert set(EXPECTED_DIRECTION) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_has_the_documented_direction_and_element(kind: str) -> None:
    spec = KINDS[kind]
    assert spec.direction is EXPECTED_DIRECTION[kind]
    assert spec.element in ELEMENTS
    assert spec.description.strip()
    assert spec.description_en.strip()
    for prefix, element in EXPECTED_ELEMENT_PREFIX.items():
        if kind.startswith(prefix) and not kind.startswith("legal-basis-"):
            assert spec.element == element, kind
            break
    if kind.startswith("legal-basis-"):
        assert spec.element == "legal_basis"


@pytest.mark.parametrize(("decrease", "increase"), OPPOSITE_PAIRS)
def test_paired_kinds_go_opposite_ways(decrease: str, increase: str) -> None:
    assert KINDS[decrease].direction is Direction.DECREASE
    assert KINDS[increase].direction is Direction.INCREASE
    assert KINDS[decrease].element == KINDS[increase].element


def test_every_kind_is_produced_by_some_scenario() -> None:
    assert {scenario.kind for scenario in SCENARIOS} == set(KINDS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_edit_produces_its_kind(scenario: Scenario, sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    scenario.edit(old, new)
    changes = compare(old, new)

    assert sorted(_kinds(changes)) == sorted({scenario.kind, *scenario.also})
    change = next(c for c in changes if c.kind == scenario.kind)
    assert change.direction is EXPECTED_DIRECTION[scenario.kind]
    assert change.element == KINDS[scenario.kind].element
    assert change.item == scenario.item
    assert change.region == scenario.region
    if scenario.path is not None:
        assert change.path == scenario.path
    if scenario.old != "<any>":
        assert change.old == scenario.old
    if scenario.new != "<any>":
        assert change.new == scenario.new
    json.dumps(change.to_dict(), ensure_ascii=False)  # plain data all the way down


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("item_type", "行政给付"),
        ("department", "就业促进处"),
        ("one_thing", None),
        ("lists", ["service", "power"]),
        ("levels", ["省级", "市级"]),
    ],
)
def test_each_metadata_field_is_a_neutral_meta_change(
    attribute: str, value: Any, sides: tuple[CatalogDir, CatalogDir]
) -> None:
    old, new = sides
    new.edit(A, setter(top, attribute, value))
    changes = compare(old, new)
    assert [(c.kind, c.path, c.element, c.direction) for c in changes] == [
        ("metadata-changed", attribute, "meta", Direction.NEUTRAL)
    ]


def test_added_and_removed_values_carry_the_whole_element(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit(A, drop(lambda d: d["materials"], lambda e: e["id"] == "M4"))
    changes = compare(old, new)
    (removed,) = changes
    assert removed.old["id"] == "M4"
    assert removed.old["name"] == "本人银行结算账户信息"
    assert removed.old["requirement"] == "非必要"


def test_item_added_and_removed_name_the_item(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    old.remove(P)
    new.remove(A)
    changes = compare(old, new)
    assert [(c.item, c.kind, c.old, c.new) for c in changes] == [
        (A, "item-removed", "失业保险金申领", None),
        (P, "item-added", None, "对用人单位使用童工的行政处罚"),
    ]


def test_law_changes_have_no_item_and_come_after_the_items(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit_laws(_add_law)
    new.edit_laws(_remove_law)
    new.edit(A, lambda d: d["time_limit"]["committed"].update(days=2))
    changes = compare(old, new)
    # items by code, then the laws by id (labor-contract-law < test-employment-service-rules)
    assert [(c.item, c.kind) for c in changes] == [
        (A, "committed-days-decreased"),
        (None, "law-removed"),
        (None, "law-added"),
    ]
    law_added = next(c for c in changes if c.kind == "law-added")
    assert law_added.new["name"] == NEW_LAW["name"]
    assert law_added.new["effective"] == "2026-01-01"
    assert changes.items() == [A]


# ---- identity, not position -----------------------------------------------------------------


def _reverse_everything(data: Data) -> None:
    for key in ("legal_basis", "materials", "service_process", "handling_process", "conditions"):
        data[key].reverse()
    for form in data["forms"]:
        form["fields"].reverse()
    data["forms"].reverse()


def test_reordering_lists_is_no_change(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, _reverse_everything)
    new.edit(P, _reverse_everything)
    assert new.item(A)["materials"][0]["id"] == "M4"  # the edit did reorder
    assert list(compare(old, new)) == []


def test_reordering_forms_is_no_change(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    second = {
        "id": "F2",
        "name": "补充信息表",
        "fields": [{"name": "备注", "type": "text", "required": False}],
    }
    old.edit(A, append(lambda d: d["forms"], second))
    new.edit(A, lambda d: d["forms"].insert(0, dict(second)))
    assert [f["id"] for f in new.item(A)["forms"]] == ["F2", "F1"]
    assert list(compare(old, new)) == []


def _reverse_material_citations(data: Data) -> None:
    material(data, "M2")["legal_basis"].reverse()


def _reverse_articles(data: Data) -> None:
    by_id(data["legal_basis"], "social-insurance-law", "law")["articles"].reverse()


def _reverse_levels(data: Data) -> None:
    data["levels"].reverse()


@pytest.mark.parametrize(
    "reorder",
    [_reverse_material_citations, _reverse_articles, _reverse_levels],
    ids=["material-legal-basis", "articles", "levels"],
)
def test_reordering_nested_lists_is_no_change(
    reorder: Callable[[Data], None], sides: tuple[CatalogDir, CatalogDir]
) -> None:
    """diff.py's docstring: 'Positions never matter, so reordering a list is no change'.

    The citations of a material, the articles of a citation and the levels of an item are lists
    too; swapping two of them changes nothing a citizen or a reviewer sees.
    """
    old, new = sides
    new.edit(A, reorder)
    assert [(c.kind, c.path) for c in compare(old, new)] == []


def test_renaming_a_material_keeps_its_identity(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides

    def rename_and_move(data: Data) -> None:
        material(data, "M2")["name"] = "解除劳动关系证明"
        data["materials"].insert(0, data["materials"].pop(1))  # and move it to the top

    new.edit(A, rename_and_move)
    changes = compare(old, new)
    assert [(c.kind, c.path, c.direction) for c in changes] == [
        ("material-renamed", "materials[M2].name", Direction.NEUTRAL)
    ]


def test_a_new_id_is_a_material_added_and_one_removed(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, setter(m("M4"), "id", "M9"))
    changes = compare(old, new)
    assert sorted((c.kind, c.path) for c in changes) == [
        ("material-added", "materials[M9]"),
        ("material-removed", "materials[M4]"),
    ]
    assert changes.counts == {"burden-increase": 1, "burden-decrease": 1, "neutral": 0}


def test_a_material_the_applicant_does_not_submit_is_neutral_either_way(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    """M2 is had by data sharing (三个不提交): adding or removing it asks nothing more or less of
    the applicant."""
    old, new = sides
    new.edit(A, setter(m("M2"), "id", "M9"))
    changes = compare(old, new)
    assert sorted((c.kind, c.direction) for c in changes) == [
        ("material-added-not-submitted", Direction.NEUTRAL),
        ("material-removed-not-submitted", Direction.NEUTRAL),
    ]


def test_a_new_step_id_is_a_step_added_and_one_removed(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit(A, setter(step("service_process", "S3"), "id", "S7"))
    assert sorted((c.kind, c.path) for c in compare(old, new)) == [
        ("service-step-added", "service_process[S7]"),
        ("service-step-removed", "service_process[S3]"),
    ]


def test_renaming_a_step_keeps_its_identity(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, setter(step("handling_process", "H2"), "name", "核查缴费年限"))
    new.edit(A, lambda d: d["handling_process"].reverse())
    assert [(c.kind, c.path) for c in compare(old, new)] == [
        ("handling-step-changed", "handling_process[H2]")
    ]


def test_form_fields_match_by_name(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, setter(form_field("联系电话"), "name", "手机号码"))
    assert sorted((c.kind, c.path) for c in compare(old, new)) == [
        ("form-field-added", "forms[F1].fields[手机号码]"),
        ("form-field-removed", "forms[F1].fields[联系电话]"),
    ]


# ---- the API -----------------------------------------------------------------------------------


def test_identical_catalogs_have_no_changes(catalog_copy: Callable[..., CatalogDir]) -> None:
    full = load_catalog(catalog_copy("full", codes=None).path, today=BUNDLED_TODAY)
    changes = diff_catalogs(full, full)
    assert len(full) == 149
    assert not changes
    assert len(changes) == 0
    assert changes.counts == {"burden-increase": 0, "burden-decrease": 0, "neutral": 0}
    assert changes.items() == []


def test_rewriting_every_item_file_as_data_is_no_change(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    """A round trip through safe_load/dump keeps every value: the fixtures of this file are sound."""
    old = catalog_copy("old", codes=None)
    new = catalog_copy("new", codes=None)
    for path in sorted((new.path / "items").glob("*.yaml")):
        new.edit(path.stem, lambda data: None)
    assert "code: '220114043000'" in new.item_file(A).read_text("utf-8")
    before = load_catalog(old.path, today=BUNDLED_TODAY)
    after = load_catalog(new.path, today=BUNDLED_TODAY)
    assert len(after) == len(before) == 149
    assert after.report.counts["error"] == before.report.counts["error"] == 0
    assert list(diff_catalogs(before, after)) == []


def test_a_new_committed_unit_is_no_rise_or_fall(sides: tuple[CatalogDir, CatalogDir]) -> None:
    """3 工作日 → 5 自然日 is reported as a new unit with both limits, not as two more days."""
    old, new = sides
    new.edit(A, lambda d: d["time_limit"].update(committed={"days": 5, "unit": "自然日"}))
    assert [(c.kind, c.path, c.old, c.new) for c in compare(old, new)] == [
        (
            "committed-unit-changed",
            "time_limit.committed",
            {"days": 3, "unit": "工作日"},
            {"days": 5, "unit": "自然日"},
        )
    ]


def test_a_legal_limit_in_months_is_a_changed_limit(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(P, lambda d: d["time_limit"].update(legal={"days": 3, "unit": "月"}))
    [change] = compare(old, new)
    assert (change.item, change.kind, change.direction) == (P, "legal-limit-changed", NEU)
    assert change.new == {"days": 3, "unit": "月"}


def test_changes_api(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides

    def lighten(data: Data) -> None:
        data["time_limit"]["committed"]["days"] = 1
        data["conditions"].pop()
        data["department"] = "就业促进处"
        material(data, "M3")["copies"] = 1

    new.edit(A, lighten)
    new.edit(P, setter(top, "main_item_name", "对使用童工的行政处罚"))
    changes = compare(old, new)

    assert len(changes) == 5
    assert bool(changes)
    assert [c.kind for c in changes] == _kinds(changes)
    assert changes.counts == {"burden-increase": 1, "burden-decrease": 2, "neutral": 2}
    assert list(changes.counts) == [d.value for d in Direction]
    assert changes.items() == [A, P]
    assert {c.kind for c in changes.for_item(A)} == {
        "committed-days-decreased",
        "condition-removed",
        "metadata-changed",
        "material-copies-increased",
    }
    assert [c.kind for c in changes.for_item(P)] == ["main-item-name-changed"]
    assert changes.for_item("220114999000") == []

    # within an item, changes follow the order of the elements
    order = [ELEMENTS.index(c.element) for c in changes.for_item(A)]
    assert order == sorted(order)


def test_change_to_dict_has_the_documented_shape(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, lambda d: d["time_limit"]["committed"].update(days=2))
    (change,) = compare(old, new)
    assert isinstance(change, Change)
    assert change.to_dict() == {
        "item": A,
        "region": None,
        "element": "time_limit",
        "kind": "committed-days-decreased",
        "direction": "burden-decrease",
        "path": "time_limit.committed.days",
        "old": 3,
        "new": 2,
    }


def test_diff_items_compares_two_versions_of_one_item(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, setter(step("service_process", "S1"), "on_site", True))
    new.edit(A, setter(top, "visits", 1))
    before = load_catalog(old.path, today=TODAY).item(A)
    after = load_catalog(new.path, today=TODAY).item(A)
    found = diff_items(before, after)
    assert [(c.kind, c.direction) for c in found] == [
        ("service-step-now-on-site", Direction.INCREASE),
        ("visits-increased", Direction.INCREASE),
    ]
    assert diff_items(after, before)[0].kind == "service-step-now-remote"
    assert diff_items(before, before) == []


def test_diff_catalogs_is_part_of_the_public_api() -> None:
    """DESIGN §11 (contract): ``sc.diff_catalogs(old, new)`` returns Changes."""
    assert getattr(servicecatalog, "diff_catalogs", None) is diff_catalogs
    assert "diff_catalogs" in servicecatalog.__all__


def test_dump_helper_keeps_codes_quoted(tmp_path: Path) -> None:
    text = dump_yaml({"code": "220114043000", "changed_on": date(2026, 3, 10)})
    assert text.startswith("code: '220114043000'")
    assert "changed_on: 2026-03-10" in text
