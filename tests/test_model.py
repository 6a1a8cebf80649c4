"""Tests of the typed, immutable model (servicecatalog.model, DESIGN §4).

Items are built here from plain data as the loader hands it over (every scalar a string), and from
native Python values as a caller building items in code would.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from servicecatalog import model
from servicecatalog.model import (
    Audience,
    Channel,
    DayUnit,
    DeadlineLimit,
    Duration,
    Exemption,
    FieldType,
    Form,
    HandlingStep,
    Item,
    ItemRemedies,
    ItemType,
    Law,
    LawKind,
    Laws,
    LegalDuration,
    LegalEvent,
    LegalReference,
    LegalStage,
    Level,
    ListSpec,
    Manifest,
    Material,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
    PenaltyKind,
    PowerSource,
    Referrals,
    RemedyRelation,
    Requirement,
    ResponsibilityStage,
    ResultType,
    Revision,
    Role,
    Scope,
    ServiceStep,
    StagedLimit,
    StageSequence,
    StatutoryRoute,
    TimeLimit,
)

RAW_ITEM: dict[str, Any] = {
    "code": "220114001000",
    "lists": ["service"],
    "item_type": "公共服务",
    "department": "失业保险处",
    "one_thing": "失业一件事",
    "levels": ["省级", "市级", "县级"],
    "main_item_name": "失业保险金申领",
    "sub_item_name": None,
    "legal_basis": [{"law": "social-insurance-law", "articles": ["第四十五条"]}],
    "materials": [
        {
            "id": "M1",
            "name": "居民身份证或社会保障卡",
            "form": "原件",
            "copies": "1",
            "source": "申请人自备",
            "requirement": "必要",
            "exempt_by": None,
            "legal_basis": [
                {"law": "unemployment-insurance-regulations", "articles": ["第十六条"]}
            ],
        },
        {
            "id": "M2",
            "name": "失业保险金申领登记表",
            "form": "电子文件",
            "copies": "0",
            "source": "申请人填写",
            "requirement": "必要",
            "exempt_by": None,
            "form_id": "F1",
            "legal_basis": [
                {"law": "unemployment-insurance-regulations", "articles": ["第十六条"]}
            ],
        },
    ],
    "service_process": [
        {"id": "S1", "name": "网上申请", "channel": "网上办理", "on_site": "false"},
        {"id": "S2", "name": "领取待遇", "channel": "网上办理", "on_site": "false"},
    ],
    "handling_process": [
        {"id": "H1", "name": "受理", "role": "受理", "working_days": "0"},
        {"id": "H2", "name": "审核", "role": "审查", "working_days": "2"},
    ],
    "time_limit": {"legal": None, "committed": {"days": "3", "unit": "工作日"}},
    "forms": [
        {
            "id": "F1",
            "name": "失业保险金申领登记表",
            "fields": [
                {"name": "姓名", "type": "text", "required": "true"},
                {"name": "开户银行账号", "type": "text", "required": "false"},
            ],
        }
    ],
    "conditions": ["非因本人意愿中断就业"],
    "visits": "0",
    "fee": {"charged": "false"},
    "penalty": None,
    "revision": {"version": "3", "changed_on": "2026-11-02", "published_on": "2026-11-03"},
}


def raw_item(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW_ITEM)
    data.update(changes)
    return data


def with_material(**changes: Any) -> dict[str, Any]:
    data = raw_item()
    data["materials"][0].update(changes)
    return data


def with_step(**changes: Any) -> dict[str, Any]:
    data = raw_item()
    data["service_process"][0].update(changes)
    return data


def with_revision(**changes: Any) -> dict[str, Any]:
    data = raw_item()
    data["revision"].update(changes)
    return data


def error_types(data: dict[str, Any], model_class: type[BaseModel] = Item) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as raised:
        model_class.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in raised.value.errors()]


@pytest.fixture
def item() -> Item:
    return Item.model_validate(raw_item())


# ---- strict scalars ---------------------------------------------------------------------------


def test_strings_become_typed_values(item: Item) -> None:
    assert item.materials[0].copies == 1
    assert type(item.materials[0].copies) is int
    assert item.service_process[0].on_site is False
    assert item.forms[0].fields[0].required is True
    assert item.handling_process[1].working_days == 2
    assert item.time_limit.committed.days == 3
    assert item.time_limit.committed.unit is DayUnit.WORKING
    assert item.time_limit.legal is None
    assert item.visits == 0
    assert item.fee.charged is False
    assert item.revision.version == 3
    assert item.revision.changed_on == date(2026, 11, 2)
    assert item.revision.published_on == date(2026, 11, 3)
    assert item.item_type is ItemType.PUBLIC_SERVICE
    assert item.levels == (Level.PROVINCE, Level.CITY, Level.COUNTY)


def test_native_values_are_accepted() -> None:
    data = raw_item(visits=1)
    data["materials"][0]["copies"] = 2
    data["service_process"][0]["on_site"] = True
    data["revision"] = {"version": 4, "changed_on": date(2026, 1, 5), "published_on": None}
    built = Item.model_validate(data)
    assert built.visits == 1
    assert built.materials[0].copies == 2
    assert built.service_process[0].on_site is True
    assert built.revision.changed_on == date(2026, 1, 5)
    assert built.revision.published_on is None


@pytest.mark.parametrize(
    "copies", ["３", "1.5", "-1", "+1", " 1", "1 ", "", "一", "1e3", "0x1", "٣"]
)
def test_copies_must_be_ascii_digits(copies: str) -> None:
    assert error_types(with_material(copies=copies)) == [
        (("materials", 0, "copies"), "whole_number")
    ]


@pytest.mark.parametrize("copies", [True, False, 1.5, -1])
def test_copies_refuses_native_non_counts(copies: Any) -> None:
    errors = error_types(with_material(copies=copies))
    assert [loc for loc, _ in errors] == [("materials", 0, "copies")]


@pytest.mark.parametrize("on_site", ["yes", "no", "on", "off", "1", "0", "y", "是", ""])
def test_booleans_are_true_or_false_only(on_site: str) -> None:
    assert error_types(with_step(on_site=on_site)) == [
        (("service_process", 0, "on_site"), "true_or_false")
    ]


@pytest.mark.parametrize(("written", "value"), [("true", True), ("false", False), ("True", True)])
def test_true_and_false_are_accepted(written: str, value: bool) -> None:
    assert Item.model_validate(with_step(on_site=written)).service_process[0].on_site is value


@pytest.mark.parametrize(
    "changed_on",
    [
        "2026-1-2",
        "2026-01-2",
        "26-01-02",
        "20260102",
        "2026/01/02",
        "2026-02-30",
        "2026-13-01",
        "2026-01-02T00:00:00",
        "２０２６-01-02",
        "",
    ],
)
def test_dates_must_be_valid_iso_dates(changed_on: str) -> None:
    assert error_types(with_revision(changed_on=changed_on)) == [
        (("revision", "changed_on"), "iso_date")
    ]


def test_version_starts_at_one() -> None:
    assert error_types(with_revision(version="0")) == [
        (("revision", "version"), "greater_than_equal")
    ]


@pytest.mark.parametrize("name", ["", " ", "   ", "\u3000", "\t"])
def test_text_must_not_be_blank(name: str) -> None:
    errors = error_types(raw_item(main_item_name=name))
    assert [loc for loc, _ in errors] == [("main_item_name",)]


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", "M0"), ("id", "M01"), ("id", "m1"), ("id", "S1"), ("id", "M1a")],
)
def test_material_ids(field: str, value: str) -> None:
    errors = error_types(with_material(**{field: value}))
    assert errors == [(("materials", 0, field), "string_pattern_mismatch")]


@pytest.mark.parametrize("law", ["Social-Insurance-Law", "social_insurance_law", "-law", "law-"])
def test_law_ids_are_kebab_case(law: str) -> None:
    data = raw_item(legal_basis=[{"law": law, "articles": ["第一条"]}])
    assert error_types(data) == [(("legal_basis", 0, "law"), "string_pattern_mismatch")]


def test_a_citation_names_at_least_one_article() -> None:
    data = raw_item(legal_basis=[{"law": "social-insurance-law", "articles": []}])
    assert error_types(data) == [(("legal_basis", 0, "articles"), "too_short")]


@pytest.mark.parametrize("key", ["service_process", "handling_process", "levels", "lists"])
def test_required_lists_are_not_empty(key: str) -> None:
    assert error_types(raw_item(**{key: []})) == [((key,), "too_short")]


@pytest.mark.parametrize("item_type", ["行政处罚", "行政强制", "行政检查", "行政征收"])
def test_items_the_authority_initiates_may_have_no_conditions(item_type: str) -> None:
    built = Item.model_validate(raw_item(conditions=[], item_type=item_type))
    assert built.conditions == ()


@pytest.mark.parametrize(
    "item_type", ["公共服务", "行政许可", "行政确认", "行政给付", "其他行政权力"]
)
def test_items_one_applies_for_state_their_conditions(item_type: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Item.model_validate(raw_item(conditions=[], item_type=item_type))
    [error] = raised.value.errors()
    assert (error["loc"], error["type"]) == (("conditions",), "conditions_required")
    assert error["msg"] == "依申请事项应写明受理条件"
    assert error["ctx"] == {
        "zh": "依申请事项应写明受理条件",
        "en": "an item one applies for must state its conditions (受理条件)",
    }


def test_conditions_are_not_judged_when_the_item_type_is_invalid() -> None:
    assert error_types(raw_item(conditions=[], item_type="行政审批")) == [(("item_type",), "enum")]


def test_materials_and_forms_may_be_empty() -> None:
    data = raw_item(materials=[], forms=[], item_type="行政检查")
    built = Item.model_validate(data)
    assert built.materials == ()
    assert built.forms == ()


def test_missing_required_key() -> None:
    data = raw_item()
    del data["time_limit"]
    assert error_types(data) == [(("time_limit",), "missing")]


# ---- enums ------------------------------------------------------------------------------------


def test_enum_members_have_english_names_and_chinese_values() -> None:
    assert ItemType.ADMINISTRATIVE_LICENSE == "行政许可"
    assert ItemType.ADMINISTRATIVE_PENALTY == "行政处罚"
    assert ItemType.PUBLIC_SERVICE == "公共服务"
    assert Level.PROVINCE == "省级"
    assert Level.VILLAGE == "村级"
    assert MaterialForm.ORIGINAL_OR_COPY == "原件或复印件"
    assert MaterialSource.GOVERNMENT == "政府部门核发"
    assert Requirement.DEFERRABLE == "容缺后补"
    assert Exemption.ELECTRONIC_LICENSE == "电子证照"
    assert Channel.ONLINE == "网上办理"
    assert Role.DECIDE == "决定"
    assert DayUnit.NATURAL == "自然日"
    assert LawKind.ADMINISTRATIVE_REGULATION == "行政法规"
    assert PenaltyKind.FINE == "罚款"
    assert FieldType.ID_NUMBER == "id_number"


def test_design_vocabularies_are_complete() -> None:
    assert {t.value for t in ItemType} == {
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政征收",
        "行政给付",
        "行政检查",
        "行政确认",
        "行政奖励",
        "行政裁决",
        "其他行政权力",
        "公共服务",
    }
    assert {v.value for v in Level} == {"省级", "市级", "县级", "乡级", "村级"}
    assert {v.value for v in MaterialForm} == {"原件", "复印件", "原件或复印件", "电子文件"}
    assert {v.value for v in MaterialSource} == {
        "申请人自备",
        "政府部门核发",
        "其他机构出具",
        "申请人填写",
    }
    assert {v.value for v in Requirement} == {"必要", "非必要", "容缺后补"}
    assert {v.value for v in Exemption} == {"数据共享", "电子证照", "告知承诺"}
    assert {v.value for v in Role} == {"受理", "审查", "决定", "办结", "送达"}
    assert {v.value for v in Channel} == {
        "网上办理",
        "窗口办理",
        "邮寄",
        "自助终端",
        "移动端",
        "实地核查",
    }
    # DESIGN §13
    assert {v.value for v in Audience} == {
        "自然人",
        "企业法人",
        "事业法人",
        "社会组织法人",
        "非法人企业",
        "行政机关",
        "其他组织",
    }
    assert {v.value for v in ResultType} == {"证照", "批文", "其他", "无"}
    assert [v.value for v in OnlineDepth] == [
        "互联网咨询",
        "互联网收件",
        "互联网预审",
        "互联网受理",
        "互联网办理",
        "互联网办理结果信息反馈",
        "互联网电子证照反馈",
    ]
    assert {v.value for v in Scope} == {
        "全国通办",
        "跨省通办",
        "全省通办",
        "全市通办",
        "全县通办",
        "不通办",
    }
    assert {v.value for v in ResponsibilityStage} == {
        "立案",
        "调查",
        "审查",
        "告知",
        "决定",
        "送达",
        "执行",
        "其他",
    }
    assert [(v.value, v.digit) for v in PowerSource] == [
        ("法定本级行使", "1"),
        ("上级下放", "2"),
        ("上级授权", "3"),
        ("同级授权", "4"),
        ("上级委托", "5"),
        ("同级委托", "6"),
    ]
    assert {v.value for v in FieldType} == {
        "text",
        "number",
        "date",
        "id_number",
        "phone",
        "choice",
        "file",
    }
    assert {v.value for v in DayUnit} == {"工作日", "自然日", "月"}
    assert {v.value for v in StageSequence} == {"依次", "分别", "按情形"}
    assert {v.value for v in RemedyRelation} == {"替代", "前置"}
    assert {v.value for v in LegalEvent} == {"行政许可有效期届满"}
    assert {v.value for v in LawKind} == {
        "法律",
        "行政法规",
        "部门规章",
        "地方性法规",
        "地方政府规章",
        "规范性文件",
    }


def _enums() -> list[type[StrEnum]]:
    return [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]


@pytest.mark.parametrize("enum", _enums(), ids=lambda e: e.__name__)
def test_every_enum_member_name_is_english(enum: type[StrEnum]) -> None:
    for member in enum:
        assert member.name.isascii()
        assert member.name == member.name.upper()


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        (raw_item(item_type="行政审批"), ("item_type",)),
        (raw_item(item_type="ADMINISTRATIVE_LICENSE"), ("item_type",)),
        (raw_item(levels=["省"]), ("levels", 0)),
        (with_material(form="原本"), ("materials", 0, "form")),
        (with_material(exempt_by="免提交"), ("materials", 0, "exempt_by")),
        (with_step(channel="线上"), ("service_process", 0, "channel")),
    ],
)
def test_values_outside_a_vocabulary_are_refused(
    data: dict[str, Any], loc: tuple[Any, ...]
) -> None:
    assert (loc, "enum") in error_types(data)


def test_authority_initiated_item_types() -> None:
    initiated = {t for t in ItemType if t.authority_initiated}
    assert initiated == {
        ItemType.ADMINISTRATIVE_PENALTY,
        ItemType.ADMINISTRATIVE_COERCION,
        ItemType.ADMINISTRATIVE_INSPECTION,
        ItemType.ADMINISTRATIVE_LEVY,
    }


# ---- frozen, extra="forbid" -------------------------------------------------------------------


def test_item_is_frozen(item: Item) -> None:
    with pytest.raises(ValidationError):
        item.code = "220114002000"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        item.materials[0].name = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        item.time_limit.committed.days = 1  # type: ignore[misc]
    assert isinstance(item.materials, tuple)
    assert isinstance(item.forms[0].fields, tuple)
    assert item.code == "220114001000"


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        (raw_item(extra="x"), ("extra",)),
        (with_material(requirment="必要"), ("materials", 0, "requirment")),
        (
            raw_item(
                time_limit={"legal": None, "committed": {"days": "1", "unit": "工作日", "x": "1"}}
            ),
            ("time_limit", "committed", "x"),
        ),
    ],
)
def test_unknown_keys_are_forbidden(data: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert error_types(data) == [(loc, "extra_forbidden")]


def test_every_model_forbids_extra_keys_and_is_frozen() -> None:
    for value in vars(model).values():
        if (
            isinstance(value, type)
            and issubclass(value, BaseModel)
            and value.__module__.startswith(f"{model.__name__}.")
        ):
            assert value.model_config.get("extra") == "forbid", value
            assert value.model_config.get("frozen") is True, value


# ---- names and lookups ------------------------------------------------------------------------


def test_name_without_sub_item(item: Item) -> None:
    assert item.name == "失业保险金申领"


def test_name_of_a_sub_item() -> None:
    sub = Item.model_validate(
        raw_item(code="220114001001", main_item_name="失业保险金申领", sub_item_name="网上申领")
    )
    assert sub.name == "失业保险金申领（网上申领）"
    assert sub.main_item_name == "失业保险金申领"
    assert sub.sub_item_name == "网上申领"


def test_material_lookup(item: Item) -> None:
    assert item.material("M2").name == "失业保险金申领登记表"
    assert item.material("M2").form_id == "F1"
    with pytest.raises(KeyError):
        item.material("M9")


def test_form_lookup(item: Item) -> None:
    assert item.form("F1").fields[0].name == "姓名"
    assert isinstance(item.form("F1"), Form)
    with pytest.raises(KeyError):
        item.form("F2")


def test_item_built_in_code() -> None:
    built = Item(
        code="220114009000",
        lists=("service",),
        item_type=ItemType.PUBLIC_SERVICE,
        department="就业促进处",
        levels=(Level.PROVINCE,),
        main_item_name="就业登记",
        sub_item_name=None,
        legal_basis=(LegalReference(law="employment-promotion-law", articles=("第一条",)),),
        materials=(
            Material(
                id="M1",
                name="身份证",
                form=MaterialForm.ORIGINAL,
                copies=0,
                source=MaterialSource.GOVERNMENT,
                requirement=Requirement.REQUIRED,
                exempt_by=Exemption.ELECTRONIC_LICENSE,
            ),
        ),
        service_process=(ServiceStep(id="S1", name="申请", channel=Channel.ONLINE, on_site=False),),
        handling_process=(HandlingStep(id="H1", name="受理", role=Role.ACCEPT, working_days=0),),
        time_limit={"legal": None, "committed": {"days": 0, "unit": DayUnit.WORKING}},
        forms=(),
        conditions=("有劳动能力",),
        visits=0,
        fee={"charged": False},
        penalty=None,
        revision=Revision(version=1, changed_on=date(2026, 1, 5), published_on=None),
    )
    assert built.materials[0].legal_basis == ()
    assert built.sub_item_name is None
    assert built.penalty is None
    assert built.revision.published_on is None


# ---- manifest and laws ------------------------------------------------------------------------

MANIFEST: dict[str, Any] = {
    "name": "目录",
    "province": "22",
    "department": "0114",
    "lists": {
        "service": {"title": "群众和企业到政府办事事项清单", "expected": "49"},
        "delegation": {"title": "放权清单", "expected": "44", "subset_of": "power"},
        "power": {"title": "权力事项清单"},
    },
    "publication": {"working_days": "1"},
}


def test_manifest() -> None:
    manifest = Manifest.model_validate(MANIFEST)
    assert manifest.province == "22"
    assert manifest.department == "0114"
    assert manifest.lists["service"].expected == 49
    assert manifest.lists["power"].expected is None
    assert manifest.lists["delegation"].subset_of == "power"
    assert manifest.publication.working_days == 1
    assert isinstance(manifest.lists["power"], ListSpec)


def test_manifest_publication_defaults_to_one_working_day() -> None:
    data = {k: v for k, v in MANIFEST.items() if k != "publication"}
    assert Manifest.model_validate(data).publication.working_days == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("province", "022"),
        ("province", "2"),
        ("department", "114"),
        ("department", "01140"),
        ("province", "２２"),
    ],
)
def test_manifest_codes(key: str, value: str) -> None:
    errors = error_types({**MANIFEST, key: value}, Manifest)
    assert errors == [((key,), "string_pattern_mismatch")]


def test_manifest_list_ids() -> None:
    data = {**MANIFEST, "lists": {"Service": {"title": "x"}}}
    errors = error_types(data, Manifest)
    assert errors[0][0][0] == "lists"


def test_manifest_site_is_optional_and_says_where_the_site_is() -> None:
    assert Manifest.model_validate(MANIFEST).site is None
    site = {"base_url": "https://example.gov.cn/guide/", "popular": ["220114043000"]}
    manifest = Manifest.model_validate({**MANIFEST, "site": site})
    assert manifest.site is not None
    assert manifest.site.base_url == "https://example.gov.cn/guide/"
    assert manifest.site.popular == ("220114043000",)


@pytest.mark.parametrize(
    ("site", "where"),
    [
        ({"base_url": "https://example.gov.cn/guide"}, ("site", "base_url")),  # no final /
        ({"base_url": "ftp://example.gov.cn/"}, ("site", "base_url")),
        ({"base_url": "https://exa mple.gov.cn/"}, ("site", "base_url")),
        ({"popular": ["22011404300"]}, ("site", "popular", 0)),
        ({"home": "https://example.gov.cn/"}, ("site", "home")),
    ],
)
def test_manifest_site_refuses_what_is_no_address_or_code(
    site: dict[str, Any], where: tuple[str | int, ...]
) -> None:
    errors = error_types({**MANIFEST, "site": site}, Manifest)
    assert [loc for loc, _ in errors] == [where]


def test_referrals() -> None:
    referral = {
        "terms": ["医保"],
        "department": "医疗保障局",
        "phone": "12393",
        "note": "由医保办理。",
    }
    loaded = Referrals.model_validate({"referrals": [referral]})
    assert loaded.referrals[0].phone == "12393"
    assert loaded.referrals[0].url is None
    assert error_types({"referrals": [{**referral, "terms": []}]}, Referrals) == [
        (("referrals", 0, "terms"), "too_short")
    ]
    assert error_types({"referrals": [{**referral, "note": " "}]}, Referrals) == [
        (("referrals", 0, "note"), "string_pattern_mismatch")
    ]


def test_laws() -> None:
    laws = Laws.model_validate(
        {
            "laws": [
                {
                    "id": "social-insurance-law",
                    "name": "中华人民共和国社会保险法",
                    "kind": "法律",
                    "issuer": "全国人民代表大会常务委员会",
                    "effective": "2011-07-01",
                }
            ]
        }
    )
    law = laws.laws[0]
    assert isinstance(law, Law)
    assert law.kind is LawKind.LAW
    assert law.effective == date(2011, 7, 1)


# ---- legal time limits ------------------------------------------------------------------------

BASIS = {"law": "labor-inspection-regulations", "articles": ["第十七条"]}


def legal_limit(legal: Any) -> Any:
    return TimeLimit.model_validate(
        {"legal": legal, "committed": {"days": "3", "unit": "工作日"}}
    ).legal


def test_a_legal_limit_of_days_with_extension_and_basis() -> None:
    legal = legal_limit(
        {
            "days": "60",
            "unit": "工作日",
            "extension": {"days": "30", "unit": "工作日"},
            "basis": BASIS,
        }
    )
    assert isinstance(legal, LegalDuration)
    assert isinstance(legal, Duration)  # code written for a plain duration keeps working
    assert (legal.days, legal.unit) == (60, DayUnit.WORKING)
    assert legal.extension == Duration(days=30, unit=DayUnit.WORKING)
    assert legal.basis == LegalReference(law="labor-inspection-regulations", articles=("第十七条",))


def test_a_legal_limit_counted_in_months() -> None:
    legal = legal_limit({"days": "3", "unit": "月"})
    assert isinstance(legal, LegalDuration)
    assert legal.unit is DayUnit.MONTH
    assert (legal.extension, legal.basis) == (None, None)


def test_a_legal_limit_in_stages() -> None:
    legal = legal_limit(
        {
            "stages": [
                {"name": "筹设", "days": "30", "unit": "自然日"},
                {"name": "正式设立", "days": "3", "unit": "月", "basis": BASIS},
            ],
            "sequence": "分别",
        }
    )
    assert isinstance(legal, StagedLimit)
    assert legal.sequence is StageSequence.SEPARATE
    assert [(s.name, s.days, s.unit) for s in legal.stages] == [
        ("筹设", 30, DayUnit.NATURAL),
        ("正式设立", 3, DayUnit.MONTH),
    ]
    assert all(isinstance(stage, LegalStage) for stage in legal.stages)


def test_a_legal_limit_before_an_event() -> None:
    legal = legal_limit({"before": "行政许可有效期届满", "basis": BASIS})
    assert isinstance(legal, DeadlineLimit)
    assert legal.before is LegalEvent.LICENSE_EXPIRY


def test_a_plain_duration_built_in_code_is_a_legal_limit() -> None:
    legal = legal_limit(Duration(days=20, unit=DayUnit.WORKING))
    assert legal == LegalDuration(days=20, unit=DayUnit.WORKING)
    assert legal_limit(None) is None


@pytest.mark.parametrize(
    ("legal", "expected"),
    [
        (
            {"stages": [{"name": "筹设", "days": "30", "unit": "自然日"}], "sequence": "分别"},
            [(("legal", "StagedLimit", "stages"), "too_short")],
        ),
        (
            {"stages": [{"name": "a", "days": "1", "unit": "年"}] * 2, "sequence": "分别"},
            [
                (("legal", "StagedLimit", "stages", 0, "unit"), "enum"),
                (("legal", "StagedLimit", "stages", 1, "unit"), "enum"),
                # pydantic counts the valid stages; the loader drops this consequence
                (("legal", "StagedLimit", "stages"), "too_short"),
            ],
        ),
        ({"before": "许可证到期"}, [(("legal", "DeadlineLimit", "before"), "enum")]),
        (
            {"days": "20", "unit": "工作日", "stages": []},
            [
                (("legal", "StagedLimit", "days"), "extra_forbidden"),
                (("legal", "StagedLimit", "unit"), "extra_forbidden"),
                (("legal", "StagedLimit", "stages"), "too_short"),
                (("legal", "StagedLimit", "sequence"), "missing"),
            ],
        ),
        ({"days": "20"}, [(("legal", "LegalDuration", "unit"), "missing")]),
    ],
)
def test_each_form_of_legal_limit_reports_its_own_errors(
    legal: Any, expected: list[tuple[Any, ...]]
) -> None:
    """The form is told by its keys, so a mistake in one form is not reported as three."""
    data = {"legal": legal, "committed": {"days": "3", "unit": "工作日"}}
    assert sorted(error_types(data, TimeLimit)) == sorted(expected)


def test_a_law_records_its_first_and_its_current_version() -> None:
    law = Law.model_validate(
        {
            "id": "work-injury-insurance-regulations",
            "name": "工伤保险条例",
            "kind": "行政法规",
            "issuer": "国务院",
            "effective": "2004-01-01",
            "current_since": "2011-01-01",
            "current_document": "国务院令第586号",
        }
    )
    assert law.effective == date(2004, 1, 1)
    assert law.current_since == date(2011, 1, 1)
    assert law.current_document == "国务院令第586号"


def test_a_law_without_its_current_version_is_valid() -> None:
    law = Law.model_validate(
        {
            "id": "x-law",
            "name": "某法",
            "kind": "法律",
            "issuer": "某机关",
            "effective": "2000-01-01",
        }
    )
    assert (law.current_since, law.current_document) == (None, None)


# ---- DESIGN §13: the national guide elements --------------------------------------------------

SECTION_13_ITEM: dict[str, Any] = {
    "audience": ["自然人"],
    "result": {"type": "证照", "name": "劳务派遣经营许可证", "sample": None},
    "online_depth": [
        "互联网咨询",
        "互联网收件",
        "互联网预审",
        "互联网受理",
        "互联网办理",
        "互联网办理结果信息反馈",
    ],
    "scope": "全省通办",
    "faq": [
        {
            "question": "自己辞职的，能领取失业保险金吗？",
            "answer": "不能。领取失业保险金须非因本人意愿中断就业。",
            "legal_basis": [{"law": "social-insurance-law", "articles": ["第四十五条"]}],
        }
    ],
    "intermediary_services": [],
    "quantity_limit": None,
    "responsibilities": [{"stage": "审查", "duty": "审查申请材料"}],
    "discretion": None,
}


def test_the_design_example_of_section_13_validates() -> None:
    item = Item.model_validate({**RAW_ITEM, **SECTION_13_ITEM})
    assert item.audience == (Audience.NATURAL_PERSON,)
    assert item.result is not None
    assert item.result.name == "劳务派遣经营许可证"
    assert item.scope is Scope.PROVINCE
    assert item.faq is not None
    assert item.faq[0].legal_basis[0].articles == ("第四十五条",)
    assert item.given("intermediary_services")
    assert item.intermediary_services == ()


def test_an_item_without_the_section_13_keys_still_validates() -> None:
    item = Item.model_validate(RAW_ITEM)
    assert item.audience is None
    assert not item.given("audience")
    assert not item.given("result")


def test_the_handling_type_is_derived_from_the_committed_limit() -> None:
    item = Item.model_validate(RAW_ITEM)
    assert item.handling_type.value == "承诺件"
    immediate = {
        **RAW_ITEM,
        "time_limit": {"legal": None, "committed": {"days": 0, "unit": "工作日"}},
    }
    assert Item.model_validate(immediate).handling_type.value == "即办件"


def test_discretion_is_a_text_or_a_table() -> None:
    text = Item.model_validate({**RAW_ITEM, "discretion": "首次违法且及时改正的，不予处罚"})
    assert text.discretion == "首次违法且及时改正的，不予处罚"
    table = Item.model_validate(
        {**RAW_ITEM, "discretion": [{"circumstance": "初次", "penalty": "警告"}]}
    )
    assert isinstance(table.discretion, tuple)


# A synthetic credit code (not a real organization): the check character computed by GB 32100.
SYNTHETIC_CREDIT_CODE = "11220000MB0000000" + model.credit_code_check("11220000MB0000000" + "0")


def test_a_known_credit_code_passes_its_check() -> None:
    # The example of the standard's explanatory material.
    assert model.credit_code_check("91350100M000100Y43") == "3"


def test_an_implementation_code_joins_credit_code_source_and_item() -> None:
    implementation = model.Implementation.model_validate(
        {
            "item": "220114001000",
            "agency": "某局",
            "credit_code": SYNTHETIC_CREDIT_CODE,
            "power_source": "上级委托",
        }
    )
    assert implementation.implementation_code == f"{SYNTHETIC_CREDIT_CODE}5220114001000"
    assert len(implementation.implementation_code or "") == 31
    plain = model.Implementation.model_validate({"item": "220114001000", "agency": "某局"})
    assert plain.power_source is PowerSource.STATUTORY
    assert plain.implementation_code is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "91350100M000100Y44",
            "the check character of the unified social credit code should be 3, not 4 "
            "(GB 32100-2015)",
        ),
        ("91350100M000100Y4", "a unified social credit code is 18 digits or capital letters (no I, O, S, V or Z)"),
        ("91350100M0001OOY43", "a unified social credit code is 18 digits or capital letters (no I, O, S, V or Z)"),
    ],
)  # fmt: skip
def test_a_wrong_credit_code_is_refused(code: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        model.Implementation.model_validate(
            {"item": "220114001000", "agency": "某局", "credit_code": code}
        )
    [error] = raised.value.errors()
    assert error["ctx"]["en"] == message


@pytest.mark.parametrize(
    ("model_class", "data", "error"),
    [
        (model.Duration, {"days": "1251", "unit": "工作日"}, "duration_too_long"),
        (model.Duration, {"days": "1831", "unit": "自然日"}, "duration_too_long"),
        (model.Duration, {"days": "61", "unit": "月"}, "duration_too_long"),
        (model.Duration, {"days": "9" * 19, "unit": "月"}, "whole_number_too_large"),
        (
            model.Revision,
            {"version": "100000000", "changed_on": "2026-01-01", "published_on": None},
            "less_than_equal",
        ),
        (model.Publication, {"working_days": "251"}, "less_than_equal"),
        (model.ListSpec, {"title": "x", "expected": "100001"}, "less_than_equal"),
        (
            model.StagedLimit,
            {
                "sequence": "依次",
                "stages": [{"name": f"第{n}段", "days": "1", "unit": "工作日"} for n in range(21)],
            },
            "too_long",
        ),
    ],
)
def test_every_count_has_a_bound(
    model_class: type[BaseModel], data: dict[str, Any], error: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        model_class.model_validate(data)
    assert [e["type"] for e in raised.value.errors()] == [error]


ROUTE = {
    "title": "十五日内申请再次鉴定",
    "text": "对鉴定结论不服的，可以在收到之日起十五日内申请再次鉴定。",
    "legal_basis": [{"law": "work-injury-insurance-regulations", "articles": ["第二十六条"]}],
}


def test_an_item_may_state_a_statutory_route_and_its_relation() -> None:
    item = Item.model_validate({**RAW_ITEM, "remedies": {"relation": "替代", "routes": [ROUTE]}})
    assert item.remedies is not None
    assert item.remedies.relation is RemedyRelation.REPLACES
    [route] = item.remedies.routes
    assert isinstance(route, StatutoryRoute)
    assert route.legal_basis[0].articles == ("第二十六条",)


def test_a_public_service_may_name_what_makes_it_reviewable() -> None:
    reviewable = [{"law": "administrative-reconsideration-law", "articles": ["第十一条第十二项"]}]
    item = Item.model_validate({**RAW_ITEM, "remedies": {"reviewable_under": reviewable}})
    assert item.remedies == ItemRemedies(
        reviewable_under=(
            LegalReference(
                law="administrative-reconsideration-law", articles=("第十一条第十二项",)
            ),
        )
    )


def test_remedies_are_optional() -> None:
    assert Item.model_validate(RAW_ITEM).remedies is None


@pytest.mark.parametrize(
    "remedies", [{"routes": [ROUTE]}, {"relation": "前置"}, {"relation": "替代", "routes": []}]
)
def test_routes_and_their_relation_go_together(remedies: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as raised:
        Item.model_validate({**RAW_ITEM, "remedies": remedies})
    [error] = raised.value.errors()
    assert error["loc"] == ("remedies",)
    assert error["msg"] == "routes 与 relation（替代 或 前置）应当同时写明"


def test_a_route_cites_its_articles() -> None:
    with pytest.raises(ValidationError) as raised:
        Item.model_validate(
            {**RAW_ITEM, "remedies": {"relation": "替代", "routes": [{**ROUTE, "legal_basis": []}]}}
        )
    assert raised.value.errors()[0]["loc"] == ("remedies", "routes", 0, "legal_basis")


def test_a_legal_limit_by_case() -> None:
    legal = legal_limit(
        {
            "stages": [
                {"name": "一般情形", "days": "60", "unit": "自然日"},
                {"name": "事实清楚的", "days": "15", "unit": "自然日"},
            ],
            "sequence": "按情形",
        }
    )
    assert isinstance(legal, StagedLimit)
    assert legal.sequence is StageSequence.BY_CASE


# ---- time limits as the guides write them -----------------------------------------------------


def test_a_duration_reads_as_the_guides_write_it() -> None:
    duration = model.Duration(days=20, unit=model.DayUnit.WORKING)
    assert str(duration) == "20个工作日"
    assert duration.text("en") == "20 working days"
    assert model.Duration(days=1, unit=model.DayUnit.MONTH).text("en") == "1 month"
    assert str(model.Duration(days=15, unit=model.DayUnit.NATURAL)) == "15个自然日"


def test_a_legal_duration_names_its_extension_not_its_article() -> None:
    extension = model.Duration(days=10, unit=model.DayUnit.WORKING)
    legal = model.LegalDuration(days=20, unit=model.DayUnit.WORKING, extension=extension)
    assert str(legal) == "20个工作日（经批准可延长10个工作日）"
    assert legal.text("en") == "20 working days (extendable by 10 working days with approval)"
    assert str(model.LegalDuration(days=3, unit=model.DayUnit.MONTH)) == "3个月"


def _stage(name: str, days: int, unit: model.DayUnit) -> model.LegalStage:
    return model.LegalStage(name=name, days=days, unit=unit)


@pytest.mark.parametrize(
    ("sequence", "units", "zh", "en"),
    [
        (
            model.StageSequence.CONSECUTIVE,
            (model.DayUnit.WORKING, model.DayUnit.WORKING),
            "转出地15个工作日；转入地15个工作日（依次办理，合计30个工作日）",
            "转出地 15 working days; 转入地 15 working days (one after another, 30 working days "
            "in all)",
        ),
        (
            model.StageSequence.CONSECUTIVE,
            (model.DayUnit.WORKING, model.DayUnit.MONTH),
            "转出地15个工作日；转入地15个月（依次办理）",
            "转出地 15 working days; 转入地 15 months (one after another)",
        ),
        (
            model.StageSequence.SEPARATE,
            (model.DayUnit.NATURAL, model.DayUnit.MONTH),
            "转出地15个自然日；转入地15个月（各阶段分别申请、分别计算）",
            "转出地 15 calendar days; 转入地 15 months (each stage applied for and counted "
            "separately)",
        ),
        (
            model.StageSequence.BY_CASE,
            (model.DayUnit.NATURAL, model.DayUnit.NATURAL),
            "转出地15个自然日；转入地15个自然日（按情形分别适用）",
            "转出地 15 calendar days; 转入地 15 calendar days (whichever fits the case)",
        ),
    ],
)
def test_a_staged_limit_reads_stage_by_stage(
    sequence: model.StageSequence, units: tuple[model.DayUnit, model.DayUnit], zh: str, en: str
) -> None:
    limit = model.StagedLimit(
        stages=(_stage("转出地", 15, units[0]), _stage("转入地", 15, units[1])), sequence=sequence
    )
    assert str(limit) == zh
    assert limit.text("en") == en


def test_a_deadline_reads_as_the_event_it_precedes() -> None:
    limit = model.DeadlineLimit(before=model.LegalEvent.LICENSE_EXPIRY)
    assert str(limit) == "行政许可有效期届满前作出决定"
    assert limit.text("en") == "a decision before 行政许可有效期届满"


def test_a_manifest_names_its_authority_or_none() -> None:
    def manifest(name: str, organizer: str | None = None) -> model.Manifest:
        return model.Manifest(
            name=name, province="22", department="0114", lists={}, organizer=organizer
        )

    assert (
        manifest("吉林省人力资源和社会保障厅政务服务事项目录").authority
        == "吉林省人力资源和社会保障厅"
    )
    assert manifest("某某局事项目录").authority == "某某局"
    assert manifest("政务服务事项目录").authority is None
    assert manifest("测试目录").authority is None
    assert (
        manifest("政务服务事项目录", "辽宁省人力资源和社会保障厅").publisher
        == "辽宁省人力资源和社会保障厅"
    )
    assert manifest("政务服务事项目录").publisher is None


class _Scalars(BaseModel):
    """The converted scalars alone, to compare what JSON and Python values give."""

    flag: model.Flag = False
    copies: model.Copies = 0
    day: model.Day = date(2000, 1, 1)


_JSON_VALUES = {
    "flag": ["true", "false", '"TRUE"', '"false"', '"yes"', "1", "0", "2"],
    "copies": [
        "2",
        "99",
        "100",
        "-1",
        '"3"',
        '"0003"',
        '" 3"',
        "true",
        "3.0",
        "3.5",
        "1e1",
        "null",
    ],
    "day": ['"2026-01-02"', '"2026-1-2"', '"20260102"', '"2026-02-30"', '"2026-01-02T00:00:00"'],
}
_JSON_SCALARS = [
    f'{{"{name}": {value}}}' for name, values in _JSON_VALUES.items() for value in values
] + ['{"day": "2026-01-02Z"}', '{"day": 1767312000}', '{"day": true}', '{"copies": []}']


@pytest.mark.parametrize("text", _JSON_SCALARS)
def test_json_takes_what_its_python_values_take(text: str) -> None:
    """Typed JSON values skip the conversion (a snapshot reads faster); what is accepted, and
    as what, is as for the same values in Python, which the conversion sees."""
    try:
        expected: Any = _Scalars.model_validate(json.loads(text))
    except ValidationError as error:
        expected = {(tuple(e["loc"]), e["type"]) for e in error.errors()}
    try:
        found: Any = _Scalars.model_validate_json(text)
    except ValidationError as error:
        # the conversion's error (a located, strict-scalar one) is among those JSON reports
        found = {(tuple(e["loc"][:1]), e["type"]) for e in error.errors()}
        assert expected <= found
    else:
        assert found == expected


def test_typed_json_values_are_not_converted() -> None:
    item = Item.model_validate(raw_item(visits="1"))
    text = item.model_dump_json()
    conversions = {f.__code__ for f in (model._values._to_int, model._values._to_bool)}

    def conversions_called(validate: Callable[[], Item]) -> int:
        called: list[str] = []

        def note(frame: Any, event: str, _: Any) -> None:
            if event == "call" and frame.f_code in conversions:
                called.append(frame.f_code.co_name)

        sys.setprofile(note)
        try:
            assert validate() == item
        finally:
            sys.setprofile(None)
        return len(called)

    assert conversions_called(lambda: Item.model_validate(raw_item(visits="1"))) > 0
    assert conversions_called(lambda: Item.model_validate_json(text)) == 0
