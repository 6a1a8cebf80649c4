"""Forms as data a portal checks: the entry checks and each form's JSON Schema (DESIGN §17).

A portal backend validates a submission with ``jsonschema`` against ``sc.form_schema`` and the
project's format checker, and must reach the verdict the catalog intends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

import servicecatalog as sc
from servicecatalog.cli import main
from servicecatalog.forms import (
    ID_NUMBER_FORMAT,
    entry_problem,
    form_schemas,
    id_number_check,
    id_number_problem,
)
from servicecatalog.model import FieldType, Form, FormField

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"


@pytest.fixture(scope="module")
def catalog() -> sc.Catalog:
    return sc.load_catalog(CATALOG)


def _errors(schema: dict[str, Any], submission: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=sc.form_format_checker())
    return sorted(error.message for error in validator.iter_errors(submission))


UNEMPLOYMENT = {
    "姓名": "张三",
    "公民身份号码": "220000198507150014",
    "联系电话": "0431-85000000",
    "原用人单位名称": "长春市示例机械制造有限公司",
    "终止或者解除劳动关系日期": "2026-10-31",
    "中断就业原因": "本人依照劳动合同法第三十八条规定解除劳动合同",
    "失业登记日期": "2026-11-05",
}


def test_the_standard_example_has_check_character_x() -> None:
    # GB 11643-1999's own example number.
    assert id_number_check("11010519491231002X") == "X"
    assert id_number_problem("11010519491231002X") is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("220000198507150017", "公民身份号码的校验码应为 4，实际是 7（GB 11643-1999）"),
        ("220000198502300013", "公民身份号码中的出生日期 19850230 不存在"),
        ("22000019850715001", "公民身份号码应为 18 位：17 位数字加 1 位校验码（数字或 X）"),
        ("22000019850715001x", "公民身份号码应为 18 位：17 位数字加 1 位校验码（数字或 X）"),
    ],
)
def test_id_number_problems_are_told_exactly(number: str, message: str) -> None:
    problem = id_number_problem(number)
    assert problem is not None
    assert problem[0] == message


@pytest.mark.parametrize(
    ("field", "entry", "fits"),
    [
        (FormField(name="电话", type=FieldType.PHONE, required=True), "13000000000", True),
        (FormField(name="电话", type=FieldType.PHONE, required=True), "0431-85000000", True),
        (FormField(name="电话", type=FieldType.PHONE, required=True), "043185000000", True),
        (FormField(name="电话", type=FieldType.PHONE, required=True), "12000000000", False),
        (FormField(name="电话", type=FieldType.PHONE, required=True), "85000000", False),
        (FormField(name="日期", type=FieldType.DATE, required=True), "2028-02-29", True),
        (FormField(name="日期", type=FieldType.DATE, required=True), "2026-02-29", False),
        (FormField(name="日期", type=FieldType.DATE, required=True), "2026-1-5", False),
        (FormField(name="金额", type=FieldType.NUMBER, required=True), "-12.50", True),
        (FormField(name="金额", type=FieldType.NUMBER, required=True), "1e3", False),
        (FormField(name="名称", type=FieldType.TEXT, required=True, max_length=2), "张三", True),
        (FormField(name="名称", type=FieldType.TEXT, required=True, max_length=2), "欧阳三", False),
        (
            FormField(name="服务", type=FieldType.CHOICE, required=True, options=("甲", "乙")),
            "甲、乙",
            False,
        ),
        (
            FormField(
                name="服务",
                type=FieldType.CHOICE,
                required=True,
                options=("甲", "乙"),
                multiple=True,
            ),
            "甲、乙",
            True,
        ),
        (
            FormField(
                name="服务",
                type=FieldType.CHOICE,
                required=True,
                options=("甲", "乙"),
                multiple=True,
            ),
            "甲、甲",
            False,
        ),
    ],
)
def test_entries_are_checked_by_type(field: FormField, entry: str, fits: bool) -> None:
    assert (entry_problem(field, entry) is None) is fits


def test_unemployment_form_accepts_a_complete_correct_submission(catalog: sc.Catalog) -> None:
    schema = sc.form_schema(catalog.item("220114043000"), "F1")
    Draft202012Validator.check_schema(schema)
    assert _errors(schema, UNEMPLOYMENT) == []
    assert _errors(schema, {**UNEMPLOYMENT, "社会保障卡金融账号": "6200000000000000000"}) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            {"公民身份号码": "220000198507150017"},
            "'220000198507150017' is not a 'gb11643-id-number'",
        ),
        (
            {"公民身份号码": "220000198502300013"},
            "'220000198502300013' is not a 'gb11643-id-number'",
        ),
        ({"中断就业原因": "本人辞职"}, "'本人辞职' is not one of"),
        ({"失业登记日期": "2026-02-30"}, "'2026-02-30' is not a 'date'"),
        ({"联系电话": "8500000"}, "'8500000' does not match"),
        ({"备注": "多余"}, "Additional properties are not allowed ('备注' was unexpected)"),
    ],
)
def test_unemployment_form_rejects_a_bad_entry(
    catalog: sc.Catalog, change: dict[str, str], error: str
) -> None:
    schema = sc.form_schema(catalog.item("220114043000"), "F1")
    errors = _errors(schema, {**UNEMPLOYMENT, **change})
    assert len(errors) == 1
    assert errors[0].startswith(error)


def test_unemployment_form_rejects_a_missing_required_field(catalog: sc.Catalog) -> None:
    schema = sc.form_schema(catalog.item("220114043000"), "F1")
    submission = {key: value for key, value in UNEMPLOYMENT.items() if key != "失业登记日期"}
    assert _errors(schema, submission) == ["'失业登记日期' is a required property"]


def test_the_id_check_is_a_format_and_a_pattern(catalog: sc.Catalog) -> None:
    field = sc.form_schema(catalog.item("220114043000"), "F1")["properties"]["公民身份号码"]
    assert field["format"] == ID_NUMBER_FORMAT
    assert field["pattern"].startswith("^")
    # Without the project's format checker, a validator still applies the pattern.
    assert list(Draft202012Validator(field).iter_errors("22000019850715001")) != []


def test_every_form_example_is_a_valid_submission_value(catalog: sc.Catalog) -> None:
    """The examples of the bundled catalog pass their form's own schema, field by field."""
    checked = 0
    for name, schema in form_schemas(catalog.items()).items():
        for field_name, field_schema in schema["properties"].items():
            for example in field_schema.get("examples", []):
                assert _errors(field_schema, example) == [], (name, field_name)
                checked += 1
    assert checked > 20


def test_several_forms_accept_their_sample_and_reject_a_change(catalog: sc.Catalog) -> None:
    for code in ("220114043000", "220114040002", "220114105000"):
        item = catalog.item(code)
        form = item.form("F1")
        sample = {
            field.name: field_schema["examples"][0]
            for field in form.fields
            if "examples" in (field_schema := sc.form_schema(item, "F1")["properties"][field.name])
        }
        schema = sc.form_schema(item, "F1")
        assert _errors(schema, sample) == [], code
        choice = next(f for f in form.fields if f.type is FieldType.CHOICE)
        assert _errors(schema, {**sample, choice.name: "不在选项中"}) != [], code


def test_a_multiple_choice_is_a_list_of_options(catalog: sc.Catalog) -> None:
    services = FormField(
        name="服务",
        type=FieldType.CHOICE,
        required=True,
        options=("职业介绍", "职业培训"),
        multiple=True,
    )
    form = Form(id="F1", name="就业服务需求登记表", fields=(services,))
    item = catalog.item("220114043000").model_copy(update={"forms": (form,)})
    schema = sc.form_schema(item, "F1")
    assert _errors(schema, {"服务": ["职业介绍", "职业培训"]}) == []
    assert _errors(schema, {"服务": ["职业介绍", "职业介绍"]}) != []
    assert _errors(schema, {"服务": []}) != []
    assert _errors(schema, {"服务": "职业介绍"}) != []


def test_unknown_form_is_a_key_error(catalog: sc.Catalog) -> None:
    with pytest.raises(KeyError):
        sc.form_schema(catalog.item("220114043000"), "F9")


def test_schema_forms_writes_one_file_per_form(tmp_path: Path, catalog: sc.Catalog) -> None:
    result = CliRunner().invoke(
        main, ["schema", "--forms", str(tmp_path / "forms"), "--catalog", str(CATALOG)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "forms").iterdir())
    assert len(written) == sum(len(item.forms) for item in catalog.items())
    assert "220114043000.F1.schema.json" in written
    text = (tmp_path / "forms" / "220114043000.F1.schema.json").read_text(encoding="utf-8")
    assert json.loads(text) == sc.form_schema(catalog.item("220114043000"), "F1")


def test_schema_forms_into_a_file_is_unusable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["schema", "--forms", str(blocker / "forms"), "--catalog", str(CATALOG)]
    )
    assert result.exit_code == 3
    assert "cannot write" in result.stderr
