"""``servicecatalog export`` and ``servicecatalog import`` on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from tests.conftest import CatalogDir

from servicecatalog.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def exported(catalog_copy: Callable[..., CatalogDir], tmp_path: Path) -> tuple[CatalogDir, Path]:
    catalog = catalog_copy("small")
    result = run("export", catalog, "--format", "xlsx", "-o", tmp_path / "lists.xlsx")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'lists.xlsx'}\n"
    return catalog, tmp_path / "lists.xlsx"


def test_import_then_diff_finds_no_change(
    exported: tuple[CatalogDir, Path], tmp_path: Path
) -> None:
    catalog, workbook = exported
    imported = run("import", workbook, "-o", tmp_path / "new")
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == ""
    assert "2 个事项：0 个错误，0 个警告，0 个提示" in imported.stderr
    diff = run("diff", catalog, tmp_path / "new", "--format", "json")
    assert diff.exit_code == 0, diff.output
    assert json.loads(diff.stdout)["changes"] == []


def test_a_damaged_workbook_exits_1_with_located_findings(
    exported: tuple[CatalogDir, Path], tmp_path: Path
) -> None:
    _, workbook = exported
    edited = openpyxl.load_workbook(workbook)
    edited["事项"]["A2"].value = 220114043000
    edited["事项"].cell(1, 40, "备注")
    edited["申请材料"].merge_cells("A2:A3")
    edited["申请材料"]["E3"].value = "原件和复印件"
    edited.save(tmp_path / "bad.xlsx")
    result = run("import", tmp_path / "bad.xlsx", "-o", tmp_path / "new", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert {(f["rule"], f["path"], f["line"], f["column"]) for f in findings} == {
        ("sheet-code-as-number", "事项!A2", 2, 1),
        ("sheet-unknown-column", "事项!AN1", 1, 40),
        ("sheet-merged-cell", "申请材料!A2", 2, 1),
        ("sheet-invalid-value", "申请材料!E3", 3, 5),
    }
    assert not (tmp_path / "new").exists()
    assert "nothing written" in result.stderr
    text = run("import", tmp_path / "bad.xlsx", "-o", tmp_path / "new", "--lang", "en")
    assert (
        f"{tmp_path / 'bad.xlsx'}:3:5: error [sheet-invalid-value] 申请材料!E3: 材料形式: invalid "
        "value 原件和复印件, expected one of 原件, 复印件, 原件或复印件, 电子文件\n"
    ) in text.stdout
    github = run("import", tmp_path / "bad.xlsx", "-o", tmp_path / "new", "--format", "github")
    assert f"::error file={tmp_path / 'bad.xlsx'},line=3,col=5,title=sheet-invalid-value::" in (
        github.stdout.replace("%3A", ":")
    )
    sarif = json.loads(
        run("import", tmp_path / "bad.xlsx", "-o", tmp_path / "new", "--format", "sarif").stdout
    )
    results = sarif["runs"][0]["results"]
    assert {r["properties"]["path"] for r in results} >= {"申请材料!E3", "事项!A2"}


def test_an_existing_folder_exits_3(exported: tuple[CatalogDir, Path], tmp_path: Path) -> None:
    _, workbook = exported
    (tmp_path / "there").mkdir()
    result = run("import", workbook, "-o", tmp_path / "there", "--format", "json")
    assert result.exit_code == 3
    assert (
        "already exists; import writes a new catalog folder" in json.loads(result.stdout)["error"]
    )


def test_a_file_that_is_no_workbook_exits_3(tmp_path: Path) -> None:
    (tmp_path / "lists.xlsx").write_text("code,name\n", encoding="utf-8")
    result = run("import", tmp_path / "lists.xlsx", "-o", tmp_path / "new")
    assert result.exit_code == 3
    assert result.stderr == (
        f"servicecatalog: error: {tmp_path / 'lists.xlsx'}: not an .xlsx workbook (save it as "
        "Excel 工作簿 .xlsx; .xls and .csv are not read)\n"
    )


def test_an_unknown_list_is_a_usage_error(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    result = run("export", catalog_copy("small"), "-o", tmp_path / "x.xlsx", "--list", "nope")
    assert result.exit_code == 2
    assert "no list 'nope' in the catalog" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_one_list_is_exported_by_its_title(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    result = run(
        "export", catalog_copy("small"), "-o", tmp_path / "x.xlsx", "--list", "权力事项清单"
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").sheetnames == ["权力事项清单"]
