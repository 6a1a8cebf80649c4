"""Tests of schema findings (servicecatalog._validation): pydantic errors mapped to positions.

Expected positions are computed from the test text with :func:`locate` (characters, 1-based),
never from the parser.
"""

from __future__ import annotations

import re

import pytest

from servicecatalog._validation import SCHEMA_RULES, validate_document
from servicecatalog.findings import Finding, Severity
from servicecatalog.loader import load_bytes
from servicecatalog.model import Item, Manifest
from servicecatalog.rules.registry import REGISTRY

FILE = "catalog/items/220114001000.yaml"
CODE = "220114001000"

ITEM = """\
code: "220114001000"
lists: [service]
item_type: 公共服务
department: 失业保险处
levels: [省级, 市级]
main_item_name: 失业保险金申领
sub_item_name: null
legal_basis:
  - {law: social-insurance-law, articles: [第四十五条]}
materials:
  - id: M1
    name: 居民身份证
    form: 原件
    copies: 0
    source: 政府部门核发
    requirement: 必要
    exempt_by: 电子证照
    legal_basis: [{law: social-insurance-law, articles: [第五十条]}]
  - id: M2
    name: 失业保险金申领登记表
    form: 电子文件
    copies: 0
    source: 申请人填写
    requirement: 必要
    exempt_by: null
    form_id: F1
    legal_basis: [{law: social-insurance-law, articles: [第五十条]}]
service_process:
  - {id: S1, name: 网上申请, channel: 网上办理, on_site: false}
handling_process:
  - {id: H1, name: 受理, role: 受理, working_days: 0}
time_limit:
  legal: null
  committed: {days: 3, unit: 工作日}
forms:
  - id: F1
    name: 失业保险金申领登记表
    fields:
      - {name: 姓名, type: text, required: true}
conditions:
  - 非因本人意愿中断就业
visits: 0
fee: {charged: false}
penalty: null
revision:
  version: 1
  changed_on: "2026-03-10"
  published_on: "2026-03-11"
"""


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (characters, 1-based) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def validate(text: str, model: type = Item) -> tuple[object, list[Finding]]:
    document = load_bytes(text.encode("utf-8"), FILE)
    assert document.findings == ()
    return validate_document(model, document, CODE)


def findings_of(text: str) -> list[Finding]:
    value, findings = validate(text)
    assert value is None
    return findings


def only(text: str) -> Finding:
    findings = findings_of(text)
    assert len(findings) == 1, findings
    return findings[0]


def at(finding: Finding) -> tuple[int | None, int | None]:
    return finding.line, finding.column


def test_the_test_item_is_valid() -> None:
    value, findings = validate(ITEM)
    assert findings == []
    assert isinstance(value, Item)
    assert value.code == CODE


def test_schema_rules_are_registered() -> None:
    assert set(SCHEMA_RULES) == {"schema-missing-key", "schema-unknown-key", "schema-invalid-value"}
    for rule in SCHEMA_RULES:
        assert rule in REGISTRY


# ---- missing keys -----------------------------------------------------------------------------


def test_missing_top_level_key() -> None:
    finding = only(ITEM.replace("department: 失业保险处\n", ""))
    assert finding.rule == "schema-missing-key"
    assert finding.severity is Severity.ERROR
    assert finding.message == "缺少必填字段 “department”"
    assert finding.message_en == "missing required key 'department'"
    assert at(finding) == (1, 1)
    assert finding.file == FILE
    assert finding.item == CODE
    assert finding.path is None


def test_missing_key_of_a_nested_mapping_points_at_its_key() -> None:
    text = ITEM.replace("  committed: {days: 3, unit: 工作日}\n", "")
    finding = only(text)
    assert finding.rule == "schema-missing-key"
    assert finding.message == "缺少必填字段 “committed”"
    assert finding.message_en == "missing required key 'committed'"
    assert at(finding) == locate(text, "time_limit:")
    assert finding.path == "time_limit"


def test_missing_key_of_a_list_element_points_at_the_element() -> None:
    text = ITEM.replace("    copies: 0\n    source: 申请人填写\n", "    source: 申请人填写\n")
    finding = only(text)
    assert finding.rule == "schema-missing-key"
    assert finding.message == "缺少必填字段 “copies”"
    assert finding.message_en == "missing required key 'copies'"
    assert at(finding) == locate(text, "id: M2")
    assert finding.path == "materials[M2]"


def relevant(text: str, path: str) -> Finding:
    """The one finding at ``path`` (a one-step list also draws a spurious "empty" finding, tested
    separately)."""
    findings = [f for f in findings_of(text) if f.path == path]
    assert len(findings) == 1, findings
    return findings[0]


def test_missing_key_in_a_flow_mapping() -> None:
    text = ITEM.replace(
        "{id: S1, name: 网上申请, channel: 网上办理, on_site: false}",
        "{id: S1, name: 网上申请, on_site: false}",
    )
    finding = relevant(text, "service_process[S1]")
    assert finding.message_en == "missing required key 'channel'"
    assert at(finding) == locate(text, "{id: S1")
    assert finding.path == "service_process[S1]"


# ---- unknown keys -----------------------------------------------------------------------------


def test_unknown_key_with_a_suggestion() -> None:
    text = ITEM.replace(
        "    requirement: 必要\n    exempt_by: null", "    requirment: 必要\n    exempt_by: null"
    )
    findings = findings_of(text)
    unknown = [f for f in findings if f.rule == "schema-unknown-key"]
    assert len(unknown) == 1
    finding = unknown[0]
    assert finding.message == "未知字段 “requirment”（是否应为 “requirement”？）"
    assert finding.message_en == "unknown key 'requirment' (did you mean 'requirement'?)"
    assert at(finding) == locate(text, "requirment")
    assert finding.path == "materials[M2].requirment"
    missing = [f for f in findings if f.rule == "schema-missing-key"]
    assert [f.message_en for f in missing] == ["missing required key 'requirement'"]


def test_unknown_top_level_key_with_a_suggestion() -> None:
    text = ITEM.replace("visits: 0\n", "visit: 0\n")
    finding = next(f for f in findings_of(text) if f.rule == "schema-unknown-key")
    assert finding.message == "未知字段 “visit”（是否应为 “visits”？）"
    assert finding.message_en == "unknown key 'visit' (did you mean 'visits'?)"
    assert at(finding) == locate(text, "visit: 0")
    assert finding.path == "visit"


def test_unknown_key_inside_a_form_field() -> None:
    text = ITEM.replace(
        "{name: 姓名, type: text, required: true}", "{name: 姓名, type: text, requird: true}"
    )
    finding = next(f for f in findings_of(text) if f.rule == "schema-unknown-key")
    assert finding.message_en == "unknown key 'requird' (did you mean 'required'?)"
    assert at(finding) == locate(text, "requird")
    assert finding.path == "forms[F1].fields[姓名].requird"


def test_unknown_key_without_a_suggestion() -> None:
    text = ITEM + "zzzqqq: 1\n"
    finding = only(text)
    assert finding.rule == "schema-unknown-key"
    assert finding.message == "未知字段 “zzzqqq”"
    assert finding.message_en == "unknown key 'zzzqqq'"
    assert at(finding) == locate(text, "zzzqqq")


# ---- invalid values ---------------------------------------------------------------------------


def test_invalid_enum_value() -> None:
    text = ITEM.replace("    form: 原件\n", "    form: 原本\n")
    finding = only(text)
    assert finding.rule == "schema-invalid-value"
    assert finding.message_en == (
        "invalid value '原本': expected one of '原件', '复印件', '原件或复印件' or '电子文件'"
    )
    assert finding.message.startswith("取值 '原本' 无效，应为以下之一：")
    for allowed in ("'原件'", "'复印件'", "'原件或复印件'", "'电子文件'"):
        assert allowed in finding.message
    assert at(finding) == locate(text, "原本")
    assert finding.path == "materials[M1].form"


def test_invalid_enum_value_in_a_flow_mapping() -> None:
    text = ITEM.replace("channel: 网上办理", "channel: 线上")
    finding = relevant(text, "service_process[S1].channel")
    assert finding.rule == "schema-invalid-value"
    assert at(finding) == locate(text, "线上")
    assert finding.path == "service_process[S1].channel"


def test_wrong_type_scalar_for_a_list() -> None:
    text = ITEM.replace(
        "conditions:\n  - 非因本人意愿中断就业\n", "conditions: 非因本人意愿中断就业\n"
    )
    finding = only(text)
    assert finding.rule == "schema-invalid-value"
    assert finding.message == "应为列表，实际是 '非因本人意愿中断就业'"
    assert finding.message_en == "expected a list, got '非因本人意愿中断就业'"
    assert at(finding) == locate(text, "非因本人意愿中断就业")
    assert finding.path == "conditions"


def test_wrong_type_of_a_material_legal_basis_has_the_identity_path() -> None:
    text = ITEM.replace(
        "    legal_basis: [{law: social-insurance-law, articles: [第五十条]}]\nservice_process",
        "    legal_basis: 社会保险法\nservice_process",
    )
    finding = only(text)
    assert finding.rule == "schema-invalid-value"
    assert finding.message == "应为列表，实际是 '社会保险法'"
    assert finding.message_en == "expected a list, got '社会保险法'"
    assert at(finding) == locate(text, "社会保险法")
    assert finding.path == "materials[M2].legal_basis"


def test_wrong_type_scalar_for_a_mapping() -> None:
    text = ITEM.replace("fee: {charged: false}", "fee: 免费")
    finding = only(text)
    assert finding.message == "应为映射（键: 值），实际是 '免费'"
    assert finding.message_en == "expected a mapping (key: value), got '免费'"
    assert at(finding) == locate(text, "免费")
    assert finding.path == "fee"


def test_full_width_digit_count() -> None:
    text = ITEM.replace("visits: 0", "visits: ３")
    finding = only(text)
    assert finding.rule == "schema-invalid-value"
    assert at(finding) == locate(text, "３")
    assert finding.path == "visits"
    assert "'３'" in finding.message
    assert "'３'" in finding.message_en


def test_yes_is_not_a_boolean() -> None:
    text = ITEM.replace("on_site: false", "on_site: yes")
    finding = relevant(text, "service_process[S1].on_site")
    assert at(finding) == locate(text, "yes")
    assert finding.path == "service_process[S1].on_site"
    assert "'yes'" in finding.message_en


def test_bad_date() -> None:
    text = ITEM.replace('changed_on: "2026-03-10"', "changed_on: 2026-3-10")
    finding = only(text)
    assert at(finding) == locate(text, "2026-3-10")
    assert finding.path == "revision.changed_on"


def test_empty_text() -> None:
    text = ITEM.replace("department: 失业保险处", "department: ''")
    finding = only(text)
    assert finding.message == "department 不能为空"
    assert finding.message_en == "department must not be empty"
    assert at(finding) == locate(text, "''")


def test_an_invalid_element_does_not_make_its_list_empty() -> None:
    """A one-step service process with a bad channel has one problem, not also "must not be
    empty" (pydantic checks a tuple's length after dropping the elements that failed)."""
    text = ITEM.replace("channel: 网上办理", "channel: 线上")
    findings = findings_of(text)
    assert [f.path for f in findings] == ["service_process[S1].channel"], [
        (f.path, f.message_en) for f in findings
    ]


def test_several_problems_are_all_reported() -> None:
    text = ITEM.replace("form: 原件", "form: 原本").replace("visits: 0", "visits: x")
    findings = findings_of(text)
    assert sorted(f.path or "" for f in findings) == ["materials[M1].form", "visits"]


def test_empty_document() -> None:
    document = load_bytes(b"# nothing\n", FILE)
    value, findings = validate_document(Item, document, CODE)
    assert value is None
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "schema-invalid-value"
    assert finding.message == "文件为空，或不包含任何内容"
    assert finding.message_en == "the file is empty"
    assert finding.file == FILE
    assert finding.line is not None


def test_root_that_is_not_a_mapping_points_at_the_root() -> None:
    text = "# an item\n- code: x\n"
    finding = only(text)
    assert finding.rule == "schema-invalid-value"
    assert at(finding) == (2, 1)


def test_manifest_findings_have_no_item() -> None:
    text = 'name: 目录\nprovince: "022"\ndepartment: "0114"\nlists: {}\n'
    document = load_bytes(text.encode(), "catalog/catalog.yaml")
    value, findings = validate_document(Manifest, document)
    assert value is None
    assert [(f.rule, f.item, f.path, at(f)) for f in findings] == [
        ("schema-invalid-value", None, "province", locate(text, '"022"'))
    ]


# ---- one language per message -----------------------------------------------------------------

_QUOTED = re.compile(r"'[^']*'|“[^”]*”|\"[^\"]*\"")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_LANGUAGE_CASES = {
    "enum": ("    form: 原件\n", "    form: 原本\n"),
    "full-width-count": ("visits: 0", "visits: ３"),
    "mapping-for-a-list": ("conditions:\n  - 非因本人意愿中断就业\n", "conditions: {a: b}\n"),
}


@pytest.mark.parametrize(("old", "new"), _LANGUAGE_CASES.values(), ids=_LANGUAGE_CASES.keys())
def test_messages_are_in_one_language(old: str, new: str) -> None:
    """Chinese messages are Chinese and English ones English (DESIGN §7), quoted values aside."""
    finding = only(ITEM.replace(old, new))
    zh = _QUOTED.sub("", finding.message).replace("YYYY-MM-DD", "")
    en = _QUOTED.sub("", finding.message_en)
    assert not _ENGLISH_WORD.search(zh), finding.message
    assert not _CJK.search(en), finding.message_en
