"""Coverage of the five levels: expected, implemented and missing items per region and level."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from servicecatalog import Level, load_catalog
from servicecatalog.cli import main
from servicecatalog.coverage import catalog_coverage, coverage_json

CATALOG = Path(__file__).resolve().parents[1] / "catalog"


def test_the_bundled_catalog_is_fully_implemented_at_every_real_level() -> None:
    coverage = catalog_coverage(load_catalog(CATALOG))
    levels = {entry.level: entry for entry in coverage.levels}
    assert levels[Level.PROVINCE].regions == 1
    assert levels[Level.CITY].regions == 9
    assert levels[Level.COUNTY].regions == 60
    assert coverage.totals.missing == 0
    assert coverage.totals.expected == sum(region.expected for region in coverage.regions) > 0


@pytest.fixture
def gap(tmp_path: Path) -> Path:
    """The bundled catalog with 长春市 no longer implementing 失业保险金申领."""
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "implementations" / "220100.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index('  - item: "220114043000"\n')
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - item:"))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return folder


def test_a_missing_implementation_is_reported_for_its_region_and_level(gap: Path) -> None:
    catalog = load_catalog(gap)
    assert catalog.report.ok
    coverage = catalog_coverage(catalog)
    changchun = next(region for region in coverage.regions if region.code == "220100")
    assert changchun.missing == ("220114043000",)
    assert changchun.implemented == changchun.expected - 1
    city = next(entry for entry in coverage.levels if entry.level is Level.CITY)
    assert city.missing == 1
    assert coverage.totals.missing == 1
    assert coverage.gaps == (changchun,)
    assert json.loads(coverage_json(coverage))["totals"] == coverage.totals.to_dict()


def test_level_filter_keeps_one_level(gap: Path) -> None:
    coverage = catalog_coverage(load_catalog(gap), Level.COUNTY)
    assert {region.level for region in coverage.regions} == {Level.COUNTY}
    assert [entry.level for entry in coverage.levels] == [Level.COUNTY]


def test_cli_json_shape(gap: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--catalog", str(gap), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"levels", "regions", "totals"}
    assert payload["levels"]["市级"] == {
        "regions": 9,
        "expected": payload["levels"]["市级"]["expected"],
        "implemented": payload["levels"]["市级"]["expected"] - 1,
        "missing": 1,
        "percent": payload["levels"]["市级"]["percent"],
    }
    changchun = next(region for region in payload["regions"] if region["code"] == "220100")
    assert changchun["missing"] == ["220114043000"]
    assert changchun["name"] == "长春市"


def test_cli_text_names_the_gap(gap: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--catalog", str(gap), "--level", "市级"])
    assert result.exit_code == 0, result.output
    assert "220100" in result.stdout
    assert "220114043000" in result.stdout


def test_cli_bad_level_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["coverage", "--level", "省"])
    assert result.exit_code == 2


def test_cli_missing_catalog_is_unusable(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--catalog", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "no such folder" in result.stderr


def test_cli_text_cells_hold_no_character_of_ambiguous_width(tmp_path: Path) -> None:
    # Two counties without an implementation list: their rows show 8 codes of 127 and say so.
    # A character of ambiguous width ("…") takes two cells in a CJK terminal and one elsewhere,
    # which pushes the borders of its row out of line with the others.
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    for region in ("220102", "220103"):
        (folder / "implementations" / f"{region}.yaml").unlink()
    result = CliRunner().invoke(main, ["coverage", "--catalog", str(folder), "--level", "县级"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┃ region"))
    rows = [line for line in lines[start:] if line.startswith("│")]
    assert rows[0].startswith("│ 220102")
    cells = "".join(row.replace("│", "") for row in rows)
    assert [c for c in cells if unicodedata.east_asian_width(c) == "A"] == []
    assert cells.count("等") == 2
    assert len({cell_len(row) for row in rows}) == 1
