"""The catalog in and out of spreadsheets (DESIGN §16): export, import, the round trip."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.workbook.workbook import Workbook
from tests.conftest import BUNDLED_TODAY, CatalogDir

import servicecatalog as sc
from servicecatalog.findings import Finding
from servicecatalog.model import DeadlineLimit, LegalDuration, StagedLimit
from servicecatalog.rules import spreadsheet
from servicecatalog.spreadsheets._yaml import dump
from servicecatalog.spreadsheets.export import UnknownListError, export_workbook, workbook_bytes
from servicecatalog.spreadsheets.layout import SHEETS
from servicecatalog.spreadsheets.phrases import PhraseError, limit_phrase, parse_limit
from servicecatalog.spreadsheets.reading import (
    ImportResult,
    TargetExistsError,
    WorkbookError,
    import_workbook,
    load_mapping,
    read_workbook,
)

LIST_SIZES = {
    "群众和企业到政府办事事项清单": 49,
    "权力事项清单": 100,
    "向国家级开发区放权清单": 44,
    "人才权力清单": 12,
}


@pytest.fixture(scope="module")
def bundled_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    catalog = sc.load_catalog("catalog", today=BUNDLED_TODAY)
    return export_workbook(catalog, tmp_path_factory.mktemp("export") / "lists.xlsx")


@pytest.fixture(scope="module")
def roundtrip(bundled_workbook: Path) -> ImportResult:
    """The bundled catalog's workbook imported into a new folder."""
    return import_workbook(bundled_workbook, bundled_workbook.parent / "roundtrip")


@pytest.fixture(scope="module")
def bundled_sheets(bundled_workbook: Path) -> Workbook:
    return openpyxl.load_workbook(bundled_workbook)


@pytest.fixture
def small_workbook(catalog_copy: Callable[..., CatalogDir], tmp_path: Path) -> Path:
    """The two-item test catalog (a service item with a form, a penalty item) as a workbook."""
    catalog = sc.load_catalog(catalog_copy("small").path, today=BUNDLED_TODAY)
    return export_workbook(catalog, tmp_path / "small.xlsx")


def _edited(path: Path, change: Callable[[Workbook], None]) -> Path:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    edited = path.with_name("edited.xlsx")
    workbook.save(edited)
    return edited


def _at(findings: list[Finding] | tuple[Finding, ...]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.path) for f in findings}


# ---- export ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_bundled_catalog_gives_every_sheet_and_the_four_lists(bundled_sheets: Workbook) -> None:
    workbook = bundled_sheets
    assert workbook.sheetnames == [sheet.name for sheet in SHEETS] + list(LIST_SIZES)
    for title, size in LIST_SIZES.items():
        notice = workbook[title]
        assert notice["A1"].value == f"吉林省人力资源和社会保障厅{title}"
        assert str(notice["A2"].value).startswith("更新日期：2026-")
        assert [c.value for c in notice[3]] == [
            "序号", "事项名称", "子项", "事项类型", "基本编码", "实施主体", "设定依据"
        ]  # fmt: skip
        assert notice.max_row - 3 == size
        assert notice.freeze_panes == "A4"
    assert workbook["事项"].max_row == 150
    bodies = {
        row[4]: row[5]
        for row in workbook["群众和企业到政府办事事项清单"].iter_rows(min_row=4, values_only=True)
    }
    assert bodies["220114001001"] == "吉林省社会保险事业管理局"  # the province's implementation
    assert bodies["220114001003"] == "吉林省人力资源和社会保障厅（养老保险处）"  # no provincial one


@pytest.mark.slow
def test_codes_and_dates_are_text_and_vocabularies_are_lists(
    bundled_sheets: Workbook,
) -> None:
    items = bundled_sheets["事项"]
    headers = [cell.value for cell in items[1]]
    code = items.cell(2, headers.index("基本编码") + 1)
    changed = items.cell(2, headers.index("变更日期") + 1)
    assert (code.data_type, code.number_format) == ("s", "@")
    # DESIGN §16: codes and dates are text cells.
    assert (changed.data_type, changed.number_format) == ("s", "@")
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(changed.value))
    assert items.freeze_panes == "A2"
    assert items.column_dimensions["A"].width == 15
    lists = {v.formula1 for v in items.data_validations.dataValidation}
    assert (
        '"行政许可,行政处罚,行政强制,行政征收,行政给付,行政检查,行政确认,行政奖励,行政裁决,其他行政权力,公共服务"'
        in lists
    )  # the whole vocabulary
    assert '"是,否"' in lists


def test_the_same_catalog_gives_the_same_bytes(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = sc.load_catalog(catalog_copy("small").path, today=BUNDLED_TODAY)
    first = workbook_bytes(catalog)
    assert workbook_bytes(catalog) == first
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # The time stamp is the catalog's latest revision day, not the clock.
    assert "<dcterms:modified" in core
    assert "2026-03-11T00:00:00Z" in core


def test_one_list_gives_its_notice_table_alone(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = sc.load_catalog(catalog_copy("small").path, today=BUNDLED_TODAY)
    import io

    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(catalog, list_name="service")))
    assert workbook.sheetnames == ["群众和企业到政府办事事项清单"]
    row = [cell.value for cell in workbook.active[4]]  # type: ignore[index]
    assert row[:5] == [1, "失业保险金申领", None, "公共服务", "220114043000"]
    assert row[6] is not None
    assert row[6].startswith("《中华人民共和国社会保险法》第")
    with pytest.raises(UnknownListError, match=r"no list 'nope'.*service"):
        workbook_bytes(catalog, list_name="nope")


# ---- the round trip ---------------------------------------------------------------------------


def _relative(findings: tuple[Finding, ...], root: str) -> set[tuple[str, str, str | None, str]]:
    """Findings as compared across the round trip: the YAML is laid out anew, so lines move."""
    return {(f.rule, (f.file or "").removeprefix(root), f.item, f.message) for f in findings}


@pytest.mark.slow
def test_export_then_import_gives_the_same_catalog(roundtrip: ImportResult) -> None:
    assert roundtrip.report.findings == ()
    assert roundtrip.written is not None
    old = sc.load_catalog("catalog", today=BUNDLED_TODAY)
    new = sc.load_catalog(roundtrip.written, today=BUNDLED_TODAY)
    assert list(sc.diff_catalogs(old, new)) == []
    assert [item.code for item in new] == [item.code for item in old]
    for item in old:
        assert new.item(item.code) == item
        # Which keys the file writes decides warnings (element-missing); a null 一件事 and none
        # at all are the same blank cell.
        written = new.item(item.code).model_fields_set ^ item.model_fields_set
        assert written <= {"one_thing"}, item.code
    assert new.implementation_lists == old.implementation_lists
    assert (new.laws, new.regions, new.manifest) == (old.laws, old.regions, old.manifest)
    assert _relative(new.report.findings, str(roundtrip.written)) == _relative(
        old.report.findings, "catalog"
    )


@pytest.mark.slow
def test_the_written_files_are_in_the_project_format(roundtrip: ImportResult) -> None:
    assert roundtrip.written is not None
    text = (roundtrip.written / "items" / "220114043000.yaml").read_text(encoding="utf-8")
    assert text.startswith('code: "220114043000"\nlists: [')
    assert ' changed_on: "20' in text
    implementation = (roundtrip.written / "implementations" / "220102.yaml").read_text("utf-8")
    assert implementation.startswith('region: "220102"\nrevision: {version: ')
    assert '\nimplementations:\n  - item: "2201140' in implementation
    assert 'phone: "12333"' in implementation


# ---- what clerks do -------------------------------------------------------------------------


def test_a_damaged_workbook_gives_findings_at_its_cells(small_workbook: Path) -> None:
    def damage(workbook: Workbook) -> None:
        items = workbook["事项"]
        items["A2"].value = 220114043000  # a code typed as a number, all digits there
        items.cell(1, items.max_column + 1, "备注")  # an unknown header
        materials = workbook["申请材料"]
        materials.merge_cells("A2:A3")  # the code merged over the item's materials
        materials["E3"].value = "原件和复印件"  # outside the vocabulary
        forms = workbook["表单"]
        forms["A2"].value = 2201140430  # a code that lost its leading digits

    result = read_workbook(_edited(small_workbook, damage))
    assert _at(result.report.findings) == {
        ("sheet-code-as-number", "事项!A2"),
        ("sheet-unknown-column", "事项!AJ1"),
        ("sheet-merged-cell", "申请材料!A2"),
        ("sheet-invalid-value", "申请材料!E3"),
        ("sheet-code-lost-zeros", "表单!A2"),
    }
    lost = result.report.for_rule("sheet-code-lost-zeros")[0]
    assert (lost.line, lost.column, lost.file) == (
        2,
        1,
        str(small_workbook.with_name("edited.xlsx")),
    )
    assert lost.message.startswith(
        "表单!A2：基本编码 2201140430 存成了数字，只有 10 位（应为 12 位）"
    )
    assert not result.report.ok
    assert result.files == {}


def test_clerks_habits_are_read_as_meant(small_workbook: Path, tmp_path: Path) -> None:
    def habits(workbook: Workbook) -> None:
        items = workbook["事项"]
        headers = [cell.value for cell in items[1]]
        items.cell(1, headers.index("主项名称") + 1).value = "事项名称"  # an alias
        items.cell(1, headers.index("承诺办结时限") + 1).value = "承诺时限"
        items.cell(2, headers.index("到办事现场次数") + 1).value = "０"  # full-width digit
        items.cell(2, headers.index("变更日期") + 1).value = "2026/3/10"
        published = items.cell(2, headers.index("公开日期") + 1)
        published.value, published.number_format = 46092, "General"  # a date that lost its format
        for _ in range(20):
            items.append([None, "", "  "])  # trailing blank rows

    result = import_workbook(_edited(small_workbook, habits), tmp_path / "out")
    assert result.report.findings == ()
    original = sc.load_catalog(small_workbook.parent / "small", today=BUNDLED_TODAY)
    read_back = sc.load_catalog(tmp_path / "out", today=BUNDLED_TODAY)
    assert list(sc.diff_catalogs(original, read_back)) == []
    assert read_back.item("220114043000").revision.published_on == date(2026, 3, 11)


def test_a_mapping_names_a_departments_headers(small_workbook: Path, tmp_path: Path) -> None:
    mapping_file = tmp_path / "mapping.yaml"
    mapping_file.write_text(
        "sheets:\n  申请材料: [材料目录]\ncolumns:\n  申请材料:\n    材料名称: [所需材料]\n",
        encoding="utf-8",
    )

    def rename(workbook: Workbook) -> None:
        workbook["申请材料"].title = "材料目录"
        workbook["材料目录"]["D1"].value = "所需材料"

    edited = _edited(small_workbook, rename)
    unmapped = read_workbook(edited).report
    assert "sheet-unknown-reference" in {f.rule for f in unmapped}
    result = read_workbook(edited, load_mapping(mapping_file))
    assert result.report.findings == ()


def test_a_bad_mapping_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "mapping.yaml"
    bad.write_text("columns:\n  申请材料:\n    材料名: [所需材料]\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="'材料名' is not known"):
        load_mapping(bad)


def test_import_never_writes_into_an_existing_folder(small_workbook: Path, tmp_path: Path) -> None:
    (tmp_path / "there").mkdir()
    with pytest.raises(TargetExistsError, match="already exists"):
        import_workbook(small_workbook, tmp_path / "there")
    assert list((tmp_path / "there").iterdir()) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"code,name\n", "not an .xlsx workbook"),
        (None, "no such file"),
    ],
)
def test_a_file_that_is_no_workbook_is_unusable(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "lists.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookError, match=reason):
        read_workbook(path)


def test_a_workbook_without_the_item_sheet_is_unusable(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Sheet1"  # type: ignore[union-attr]
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(WorkbookError, match="no sheet 事项: not a catalog workbook"):
        read_workbook(tmp_path / "other.xlsx")


def test_a_missing_sheet_and_an_unknown_law_are_findings(small_workbook: Path) -> None:
    def damage(workbook: Workbook) -> None:
        del workbook["目录"]
        workbook["设定依据"]["D2"].value = "中华人民共和国不存在法"

    result = read_workbook(_edited(small_workbook, damage))
    assert _at(result.report.findings) >= {
        ("sheet-missing", "目录!A1"),
        ("sheet-unknown-reference", "设定依据!D2"),
    }


def test_a_missing_column_and_a_repeated_row_are_findings(small_workbook: Path) -> None:
    def damage(workbook: Workbook) -> None:
        workbook["办理流程"]["D1"].value = None  # 环节名称 gone
        items = workbook["事项"]
        items.append([cell.value for cell in items[2]])  # the first item again

    result = read_workbook(_edited(small_workbook, damage))
    assert _at(result.report.findings) == {
        ("sheet-missing-column", "办理流程!A1"),
        ("sheet-duplicate-row", "事项!A4"),
    }
    repeated = result.report.for_rule("sheet-duplicate-row")[0]
    assert repeated.message == "事项!A4：基本编码 220114043000 与第 2 行重复，此行未读取"


def test_every_rule_of_the_importer_is_shown_here() -> None:
    shown = set(re.findall(r'"(sheet-[a-z-]+)"', Path(__file__).read_text(encoding="utf-8")))
    assert {rule.id for rule in spreadsheet.RULES} <= shown


def test_a_model_error_is_located_at_its_cell(small_workbook: Path) -> None:
    def damage(workbook: Workbook) -> None:
        workbook["申请材料"]["D2"].value = None  # 材料名称 left empty

    result = read_workbook(_edited(small_workbook, damage))
    assert _at(result.report.findings) == {("schema-missing-key", "申请材料!D2")}


# ---- phrases and YAML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "15 自然日",
        "60 工作日，可延长 30 工作日",
        "分别：筹设 30 自然日；正式设立 3 月",
        "依次：转出地审核 15 工作日；转入地审核 15 工作日，可延长 10 工作日",
        "行政许可有效期届满前",
    ],
)
def test_a_legal_limit_reads_back_as_written(phrase: str) -> None:
    data = parse_limit(phrase)
    model: Any = (
        StagedLimit if "stages" in data else DeadlineLimit if "before" in data else LegalDuration
    )
    assert limit_phrase(model.model_validate(data)) == phrase


def test_a_limit_in_full_width_digits_is_read() -> None:
    assert parse_limit("１５个工作日") == {"days": "15", "unit": "工作日"}


def test_a_limit_of_another_form_is_refused() -> None:
    with pytest.raises(PhraseError) as refused:
        parse_limit("十五日")
    assert refused.value.zh.startswith("法定办结时限应写成“15 工作日”")


def test_yaml_quotes_what_other_tools_would_misread() -> None:
    data = {
        "code": "0114",
        "day": "2026-01-02",
        "hours": "8:30-11:30",
        "answer": "no",
        "text": "第一行\n第二行\u2028",
        "plain": "失业保险金申领",
        "count": 3,
        "flag": False,
        "nothing": None,
        "list": [{"law": "a-law", "articles": ["第一条", "第二条"]}],
    }
    text = dump(data)
    assert 'code: "0114"' in text
    assert 'day: "2026-01-02"' in text
    assert 'answer: "no"' in text
    assert "plain: 失业保险金申领\n" in text
    assert "list:\n  - {law: a-law, articles: [第一条, 第二条]}\n" in text
    assert yaml.safe_load(text) == data


def test_the_format_document_names_every_sheet_and_column() -> None:
    text = Path("docs/format.md").read_text(encoding="utf-8").split("## Workbooks")[1]
    for sheet in SHEETS:
        assert f"| `{sheet.name}`" in text, sheet.name
        for column in sheet.columns:
            assert f"`{column.header}`" in text, (sheet.name, column.header)
            for alias in column.aliases:
                assert alias in text, (sheet.name, alias)


def test_a_phone_stored_as_a_number_is_read_as_text_and_reported() -> None:
    from servicecatalog.spreadsheets.cells import Cell, SheetReader
    from servicecatalog.spreadsheets.layout import IMPLEMENTATIONS

    phone = next(column for column in IMPLEMENTATIONS.columns if column.key == "phone")
    reader = SheetReader("lists.xlsx")
    assert reader.value(12333, phone, Cell("实施清单", 5, 11)) == "12333"
    assert reader.value("0431-88886666", phone, Cell("实施清单", 6, 11)) == "0431-88886666"
    assert _at(reader.findings) == {("sheet-code-as-number", "实施清单!K5")}


def test_a_refused_limit_is_one_finding_not_two(small_workbook: Path) -> None:
    def damage(workbook: Workbook) -> None:
        workbook["事项"]["L2"].value = "十五日"  # 法定办结时限, whose article is on 设定依据

    result = read_workbook(_edited(small_workbook, damage))
    assert _at(result.report.findings) == {("sheet-invalid-value", "事项!L2")}
