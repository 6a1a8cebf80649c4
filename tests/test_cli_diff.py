"""The commands ``diff``, ``deadline`` and ``stats`` (DESIGN §7–§9), through click's CliRunner,
plus one real subprocess each for ``diff`` and ``deadline``.

Exit codes of every command: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage
error, 3 input unusable.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import (
    CALENDAR_2027_FIXTURE,
    PENALTY_ITEM,
    SERVICE_ITEM,
    SMALL_MANIFEST,
    CatalogDir,
)
from servicecatalog import load_catalog
from servicecatalog.cli import main
from servicecatalog.diff import KINDS
from servicecatalog.stats import catalog_stats

A, P = SERVICE_ITEM, PENALTY_ITEM
TODAY = "2026-11-27"
Data = dict[str, Any]


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def _revise(changed_on: str, published_on: str | None, version: int = 4) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["revision"] = {
            "version": version,
            "changed_on": date.fromisoformat(changed_on),
            "published_on": date.fromisoformat(published_on) if published_on else None,
        }

    return change


def _lighten(data: Data) -> None:
    data["conditions"].pop()  # 减条件
    data["materials"] = [m for m in data["materials"] if m["id"] != "M4"]  # 减证明
    data["service_process"][0]["on_site"] = True  # now on site: an increase
    data["visits"] = 1  # and one more visit


@pytest.fixture
def revised(catalog_copy: Callable[..., CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    """Only changes, each revised and published on time: no findings."""
    old, new = catalog_copy("old"), catalog_copy("new")
    new.edit(A, _lighten)
    new.edit(A, _revise("2026-11-20", "2026-11-23"))
    new.edit(P, lambda data: data["handling_process"][1].update(working_days=40))
    new.edit(P, _revise("2026-09-30", "2026-10-08"))
    return old, new


@pytest.fixture
def unrevised(revised: tuple[CatalogDir, CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    """As ``revised``, but P's revision is left as it was."""
    old, new = revised
    new.edit(P, _revise("2026-03-10", "2026-03-11", version=3))
    return old, new


# ---- diff --kinds ----------------------------------------------------------------------------------


def test_kinds_lists_every_kind_with_its_direction() -> None:
    result = run("diff", "--kinds")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(KINDS)
    for line, (kind, spec) in zip(lines, KINDS.items(), strict=True):
        fields = line.split()
        assert fields[:3] == [kind, spec.direction.value, spec.element]
        assert line.endswith(f"{spec.description}: {spec.reason}")


def test_kinds_in_english() -> None:
    result = run("diff", "--kinds", "--lang", "en")
    assert result.exit_code == 0
    assert "committed time shorter" in result.stdout
    assert "承诺时限缩短" not in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kinds_as_json(lang: str) -> None:
    result = run("diff", "--kinds", "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [entry["kind"] for entry in payload] == list(KINDS)
    for entry in payload:
        spec = KINDS[entry["kind"]]
        assert entry == {
            "kind": entry["kind"],
            "element": spec.element,
            "direction": spec.direction.value,
            "description": spec.description_en if lang == "en" else spec.description,
            "reason": spec.reason_en if lang == "en" else spec.reason,
        }
        assert entry["reason"]
    directions = {entry["direction"] for entry in payload}
    assert directions == {"burden-increase", "burden-decrease", "neutral"}


# ---- diff: exit codes and formats ------------------------------------------------------------------


def test_diff_without_sources_is_a_usage_error() -> None:
    result = run("diff")
    assert result.exit_code == 2
    assert "OLD and NEW" in result.output


@pytest.mark.parametrize(
    "arguments",
    [["--format", "xml"], ["--lang", "fr"], ["--today", "27.11.2026"], ["--fail-on", "fatal"]],
)
def test_diff_bad_options_are_usage_errors(
    arguments: list[str], revised: tuple[CatalogDir, CatalogDir]
) -> None:
    old, new = revised
    result = run("diff", str(old), str(new), *arguments)
    assert result.exit_code == 2, result.output


def test_only_changes_and_no_findings_exit_0(revised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = revised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    assert payload["findings"] == []
    assert payload["counts"] == {"burden-increase": 3, "burden-decrease": 2, "neutral": 0}
    assert [item["item"] for item in payload["items"]] == [A, P]
    assert payload["items"][1]["deadline"] == "2026-10-08"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_change_without_revision_exits_1(
    unrevised: tuple[CatalogDir, CatalogDir], fmt: str
) -> None:
    old, new = unrevised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", fmt)
    assert result.exit_code == 1, result.output
    assert "change-without-revision" in result.stdout
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["ok"] is False
        assert [(f["rule"], f["item"]) for f in payload["findings"]] == [
            ("change-without-revision", P)
        ]


def test_overdue_change_exits_1(revised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = revised
    new.edit(A, _revise("2026-11-20", None))
    assert run("diff", str(old), str(new), "--today", "2026-11-23").exit_code == 0  # pending
    result = run("diff", str(old), str(new), "--today", "2026-11-24")
    assert result.exit_code == 1
    assert "publication-overdue" in result.stdout


def test_markdown_counts_and_sections(revised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = revised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "markdown")
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    assert "**减负 2 项，增负 3 项，中性 0 项**" in markdown
    sections = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert sections == [
        f"### `{A}` 失业保险金申领 — 最迟于 2026-11-23（含当日）公开 · 按期公开",
        f"### `{P}` 对用人单位使用童工的行政处罚 — 最迟于 2026-10-08（含当日）公开 · 按期公开",
    ]
    assert f"| `{A}` | 失业保险金申领 | 2 | 2 | 0 | 2026-11-23 | 按期公开 |" in markdown
    assert (
        f"| `{P}` | 对用人单位使用童工的行政处罚 | 0 | 1 | 0 | 2026-10-08 | 按期公开 |" in markdown
    )


def test_markdown_in_english(revised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = revised
    result = run(
        "diff", str(old), str(new), "--today", TODAY, "--format", "markdown", "--lang", "en"
    )
    assert result.exit_code == 0
    assert "**2 burden decreases, 3 burden increases, 0 neutral**" in result.stdout
    assert (
        f"### `{A}` 失业保险金申领 — publish by 2026-11-23 (inclusive) · published on time"
        in result.stdout
    )


def test_text_is_readable(revised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = revised
    result = run("diff", str(old), str(new), "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{old} → {new}：减负 2 项，增负 3 项，中性 0 项"
    assert f"{A} 失业保险金申领 — 最迟于 2026-11-23（含当日）公开 · 按期公开" in lines
    condition = "未享受基本养老保险待遇，未重新就业"
    assert f"  − 减少受理条件（减条件）  conditions[{condition}]  {condition} → —" in lines
    assert "  − 减少申请材料（减证明）  materials[M4]  本人银行结算账户信息 → —" in lines
    assert "  + 环节改为须到现场  service_process[S1].on_site  False → True" in lines
    assert "  + 到现场次数增加  visits  0 → 1" in lines
    assert "  + 经办环节用时增加  handling_process[H2].working_days  35 → 40" in lines
    assert "Traceback" not in result.output


def test_text_in_english(unrevised: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = unrevised
    result = run("diff", str(old), str(new), "--today", TODAY, "--lang", "en")
    assert result.exit_code == 1
    assert "2 burden decreases, 3 burden increases, 0 neutral" in result.stdout
    assert "revision not updated: no deadline can be given" in result.stdout
    assert "on-time" not in result.stdout
    assert "the item changed but its revision did not" in result.stdout
    assert "减负" not in result.stdout


def test_diff_as_a_real_subprocess(revised: tuple[CatalogDir, CatalogDir], tmp_path: Path) -> None:
    old, new = revised
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "servicecatalog",
            "diff",
            str(old),
            str(new),
            "--format",
            "json",
            "--today",
            TODAY,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    payload = json.loads(completed.stdout)
    assert payload["ok"] is True
    assert {change["item"] for change in payload["changes"]} == {A, P}
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(
    ("published_on", "today", "status", "exit_code"),
    [
        ("2026-11-23", TODAY, "on-time", 0),
        ("2026-11-24", TODAY, "late", 1),
        (None, "2026-11-23", "pending", 0),
        (None, "2026-11-24", "overdue", 1),
    ],
)
def test_publication_status_with_today(
    revised: tuple[CatalogDir, CatalogDir],
    published_on: str | None,
    today: str,
    status: str,
    exit_code: int,
) -> None:
    old, new = revised
    new.edit(A, _revise("2026-11-20", published_on))
    result = run("diff", str(old), str(new), "--today", today, "--format", "json")
    assert result.exit_code == exit_code, result.output
    summary = json.loads(result.stdout)["items"][0]
    assert summary["item"] == A
    assert summary["deadline"] == "2026-11-23"
    assert summary["status"] == status


def test_diff_uses_the_new_catalogs_calendar_overrides(
    revised: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = revised
    new.add_calendar(2027, CALENDAR_2027_FIXTURE)
    new.edit(A, _revise("2026-12-31", "2027-01-04"))
    result = run("diff", str(old), str(new), "--today", "2027-01-05", "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["items"][0]
    assert (summary["deadline"], summary["status"]) == ("2027-01-04", "on-time")


def test_diff_does_not_ask_for_a_calendar_year_the_catalog_has(
    revised: tuple[CatalogDir, CatalogDir],
) -> None:
    """The warning that the calendar runs out must count the catalog's override files, as
    ``deadline`` and ``validate`` (rule calendar-runs-out) do."""
    old, new = revised
    new.add_calendar(2027, CALENDAR_2027_FIXTURE)
    result = run("diff", str(old), str(new), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "calendar/2027.yaml" not in result.stderr
    # the same catalog, validated on the same day, does not ask for 2027 either
    validated = run("validate", str(new), "--today", TODAY, "--format", "json")
    assert "calendar-runs-out" not in validated.stdout


# ---- deadline --------------------------------------------------------------------------------------


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder without a catalog: the package's calendar alone."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-09-30", "2026-10-08"),
        ("2026-11-27", "2026-11-30"),
        ("2026-10-09", "2026-10-10"),
        ("2025-09-30", "2025-10-09"),
        ("2025-12-31", "2026-01-04"),
    ],
)
def test_deadline_prints_the_date_only(elsewhere: Path, day: str, expected: str) -> None:
    result = run("deadline", day)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{expected}\n"


@pytest.mark.parametrize("option", ["--working-days", "-n"])
def test_deadline_working_days(elsewhere: Path, option: str) -> None:
    assert run("deadline", "2026-09-30", option, "2").stdout == "2026-10-09\n"
    assert run("deadline", "2026-11-27", option, "2").stdout == "2026-12-01\n"
    assert run("deadline", "2026-09-30", option, "3").stdout == "2026-10-10\n"


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_deadline_bad_working_days(elsewhere: Path, value: str) -> None:
    assert run("deadline", "2026-09-30", "--working-days", value).exit_code == 2


def test_deadline_uses_the_catalogs_working_days(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    (catalog.path / "catalog.yaml").write_text(
        SMALL_MANIFEST.replace("working_days: 1", "working_days: 2"), encoding="utf-8"
    )
    assert run("deadline", "2026-11-27", "--catalog", str(catalog)).stdout == "2026-12-01\n"
    assert (
        run("deadline", "2026-11-27", "--catalog", str(catalog), "-n", "1").stdout == "2026-11-30\n"
    )


def test_deadline_with_an_override_year(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.add_calendar(2027, CALENDAR_2027_FIXTURE)
    result = run("deadline", "2026-12-31", "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    assert result.stdout == "2027-01-04\n"


def test_deadline_in_a_year_nobody_covers(elsewhere: Path) -> None:
    result = run("deadline", "2026-12-31")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "Traceback" not in result.output
    note, message = result.stderr.strip().splitlines()
    assert note.startswith("note: no catalog.yaml here (nor in ./catalog), so N = 1 working day")
    assert message.startswith("servicecatalog: error: ")
    assert "2027" in message
    assert "catalog/calendar/2027.yaml" in message


def test_deadline_outside_any_catalog_says_which_n_it_used(elsewhere: Path) -> None:
    result = run("deadline", "2026-12-04")
    assert result.stdout == "2026-12-07\n"
    assert "N = 1 working day" in result.stderr
    assert "N = 1" not in run("deadline", "2026-12-04", "-n", "1").stderr


def test_deadline_in_a_catalog_at_the_current_folder_reads_its_n(
    catalog_copy: Callable[..., CatalogDir], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog made by init stands at its repository's root: deadline finds it there."""
    catalog = catalog_copy("c", codes=[A])
    (catalog.path / "catalog.yaml").write_text(
        SMALL_MANIFEST.replace("working_days: 1", "working_days: 3"), encoding="utf-8"
    )
    monkeypatch.chdir(catalog.path)
    result = run("deadline", "2026-12-04")
    assert result.stdout == "2026-12-09\n"
    assert "N = 1" not in result.stderr


def test_deadline_in_a_year_the_given_catalog_lacks(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    catalog = catalog_copy("c", codes=[A])
    result = run("deadline", "2026-12-31", "--catalog", str(catalog))
    assert result.exit_code == 3
    assert str(catalog.path / "calendar" / "2027.yaml") in result.stderr


@pytest.mark.parametrize(
    "day",
    [
        "2026-13-01",
        "2026-02-30",
        "20260930",
        "2026-9-30",
        "tomorrow",
        "",
        "2026-W01-1",
        "２０２６-01-01",
    ],
)
def test_deadline_invalid_date_is_a_usage_error(elsewhere: Path, day: str) -> None:
    result = run("deadline", day)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "YYYY-MM-DD" in result.stderr


def test_deadline_with_a_missing_catalog_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-catalog"
    result = run("deadline", "2026-09-30", "--catalog", str(missing))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert str(missing) in result.stderr
    assert "Traceback" not in result.output


def test_deadline_as_a_real_subprocess(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "servicecatalog", "deadline", "2026-09-30"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "2026-10-08\n"


# ---- stats -----------------------------------------------------------------------------------------
# On a copy of the bundled catalog without its implementation lists (they do not bear on these
# figures and take most of the loading time).


def test_stats_json(bundled_copy: CatalogDir) -> None:
    result = run(
        "stats",
        "--catalog",
        str(bundled_copy),
        "--format",
        "json",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    expected = catalog_stats(
        load_catalog(bundled_copy.path), date(2026, 1, 1), date(2026, 12, 31)
    ).to_dict()
    assert payload == expected
    assert payload["items"] == 149
    assert {list_id: entry["count"] for list_id, entry in payload["lists"].items()} == {
        "service": 49,
        "power": 100,
        "delegation": 44,
        "talent": 12,
    }
    assert payload["lists"]["power"] == {"title": "权力事项清单", "expected": 100, "count": 100}
    assert sum(payload["item_types"].values()) == 149
    assert payload["visits"]["zero"] + payload["visits"]["one"] == 149
    materials = payload["materials"]
    assert materials["not_submitted"] == sum(materials["by_exempt_by"].values())


def test_stats_text_names_the_lists(bundled_copy: CatalogDir) -> None:
    result = run("stats", "--catalog", str(bundled_copy))
    assert result.exit_code == 0, result.output
    for title in (
        "群众和企业到政府办事事项清单",
        "权力事项清单",
        "向国家级开发区放权清单",
        "人才权力清单",
    ):
        assert title in result.stdout
    assert "149 个事项" in result.stdout
    assert re.search(r"零跑动 zero visits\s*│?\s*\d+", result.stdout)


def test_stats_range(bundled_copy: CatalogDir) -> None:
    def count(*arguments: str) -> int:
        result = run("stats", "--catalog", str(bundled_copy), "--format", "json", *arguments)
        assert result.exit_code == 0, result.output
        changed = json.loads(result.stdout)["changed"]
        assert changed["count"] == len(changed["items"])
        return int(changed["count"])

    first_half = count("--from", "2026-01-01", "--to", "2026-06-30")
    second_half = count("--from", "2026-07-01", "--to", "2026-12-31")
    year = count("--from", "2026-01-01", "--to", "2026-12-31")
    assert first_half + second_half == year
    assert first_half >= 1  # 220114043000 changed on 2026-03-10


def test_stats_range_the_wrong_way_round(bundled_copy: CatalogDir) -> None:
    result = run(
        "stats", "--catalog", str(bundled_copy), "--from", "2026-12-31", "--to", "2026-01-01"
    )
    assert result.exit_code == 2


def test_stats_of_a_missing_catalog(tmp_path: Path) -> None:
    result = run("stats", "--catalog", str(tmp_path / "nothing"), "--format", "json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["ok"] is False
    assert "Traceback" not in result.output


# ---- diff for a pull request: github annotations and SARIF -----------------------------------


def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator, FormatChecker

    schema = json.loads(
        (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return Draft4Validator(schema, format_checker=FormatChecker())


def test_diff_as_sarif_is_valid_and_carries_the_findings(
    unrevised: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = unrevised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "sarif")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert sorted(str(e.message) for e in _sarif_validator().iter_errors(document)) == []
    (run_,) = document["runs"]
    (found,) = run_["results"]
    assert found["ruleId"] == "change-without-revision"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(f"items/{P}.yaml")
    assert location["region"]["startLine"] > 1


def test_diff_as_github_annotations_points_at_the_files(
    unrevised: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = unrevised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "github")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"::error file={new.item_file(P)},line=")
    assert "title=change-without-revision" in line


def test_diff_as_gitlab_code_quality_carries_the_findings(
    unrevised: tuple[CatalogDir, CatalogDir], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_reporting import gitlab_errors

    old, new = unrevised
    monkeypatch.chdir(new.path.parent)
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "gitlab")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert gitlab_errors(document) == []
    (issue,) = document
    assert issue["check_name"] == "change-without-revision"
    assert issue["location"]["path"] == f"{new.path.name}/items/{P}.yaml"


def test_diff_as_junit_fails_per_finding(unrevised: tuple[CatalogDir, CatalogDir]) -> None:
    from xml.etree import ElementTree

    old, new = unrevised
    result = run("diff", str(old), str(new), "--today", TODAY, "--format", "junit")
    assert result.exit_code == 1
    root = ElementTree.fromstring(result.stdout)
    (failure,) = root.findall("testsuite/testcase/failure")
    assert failure.get("type") == "change-without-revision"
    (case,) = root.findall("testsuite/testcase")
    assert case.get("name") == str(new.item_file(P))


# ---- today in China Standard Time -------------------------------------------------------------


def test_today_is_the_date_in_the_catalogs_time_zone(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    """A change dated today east of the date line is in the future west of it, whatever the
    machine's zone: the catalog's zone decides."""
    from servicecatalog._today import today_in

    catalog = catalog_copy("c", codes=[A])
    kiritimati = today_in("Pacific/Kiritimati")  # UTC+14
    catalog.edit(A, _revise(kiritimati.isoformat(), None))
    manifest = catalog.path / "catalog.yaml"
    original = manifest.read_text(encoding="utf-8")
    manifest.write_text(original + "timezone: Pacific/Kiritimati\n", encoding="utf-8")
    assert "revision-in-future" not in run("validate", str(catalog), "--format", "json").stdout
    manifest.write_text(original + "timezone: Pacific/Pago_Pago\n", encoding="utf-8")  # UTC-11
    assert "revision-in-future" in run("validate", str(catalog), "--format", "json").stdout


def test_an_unknown_time_zone_is_a_located_finding(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    manifest = catalog.path / "catalog.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "timezone: Asia/Changchun\n", encoding="utf-8"
    )
    result = run("validate", str(catalog), "--lang", "en")
    assert result.exit_code == 1
    assert "catalog.yaml:" in result.stdout
    assert "unknown time zone 'Asia/Changchun'" in result.stdout


def test_a_utc_machine_at_beijing_morning_takes_beijings_date(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    """On a UTC runner from 16:00 on, Beijing is already on the next day: a change dated that day
    is not in the future. (At other hours the two dates agree and this passes trivially; the test
    above proves the zone is the catalog's at any hour.)"""
    from servicecatalog._today import today_in

    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _revise(today_in("Asia/Shanghai").isoformat(), None))
    completed = subprocess.run(
        [sys.executable, "-m", "servicecatalog", "validate", str(catalog), "--format", "json"],
        cwd=tmp_path,
        env={**_environment(), "TZ": "UTC"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert "revision-in-future" not in completed.stdout, completed.stdout


def _environment() -> dict[str, str]:
    import os

    return dict(os.environ)


# ---- a catalog made by init, at its repository's root -----------------------------------------


@pytest.fixture
def root_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog made by ``init`` at the root of a git repository with two commits (the second
    removes a condition, revised), the current folder."""
    from conftest import GitRepo

    root = tmp_path / "dept"
    name = "辽宁省人力资源和社会保障厅政务服务事项目录"
    init = run("init", str(root), "--province", "21", "--department", "0114", "--name", name)
    assert init.exit_code == 0
    (root / "calendar").mkdir(exist_ok=True)
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    [item] = (root / "items").glob("*.yaml")
    _set_revision(item, 1, "2026-11-02", "2026-11-03")
    repo.commit_all("init")
    text = item.read_text(encoding="utf-8")
    item.write_text(re.sub(r"(?m)^conditions:\n  - .*\n", "conditions:\n", text, count=1), "utf-8")
    _set_revision(item, 2, "2026-12-04", "2026-12-04")
    manifest = root / "catalog.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("working_days: 1", "working_days: 3"),
        encoding="utf-8",
    )
    repo.commit_all("shorter")
    monkeypatch.chdir(root)
    return root


def _set_revision(item: Path, version: int, changed_on: str, published_on: str) -> None:
    text = item.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  version: .*$", f"  version: {version}", text, count=1)
    text = re.sub(r"(?m)^  changed_on: .*$", f'  changed_on: "{changed_on}"', text, count=1)
    text = re.sub(r"(?m)^  published_on: .*$", f'  published_on: "{published_on}"', text, count=1)
    item.write_text(text, encoding="utf-8")


def test_every_command_finds_a_catalog_at_the_repository_root(
    root_catalog: Path, tmp_path: Path
) -> None:
    assert "working_days: 3" in (root_catalog / "catalog.yaml").read_text(encoding="utf-8")
    assert run("validate").exit_code == 0, run("validate").output
    code = next((root_catalog / "items").glob("*.yaml")).stem
    assert run("guide", code, "--format", "md").exit_code == 0
    assert run("site", str(tmp_path / "site")).exit_code == 0
    assert run("build", "-o", str(tmp_path / "catalog.json")).exit_code == 0
    assert run("deadline", "2026-12-04").stdout == "2026-12-09\n"
    result = run("diff", "git:HEAD~1", "git:HEAD", "--today", "2026-12-07")
    assert result.exit_code == 0, result.output
    assert "减少受理条件（减条件）" in result.stdout
    assert "最迟于 2026-12-09（含当日）公开 · 按期公开" in result.stdout


def test_no_catalog_here_names_both_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for arguments in (["validate"], ["guide", "220114043000"], ["build", "-o", "x.json"]):
        result = run(*arguments)
        assert result.exit_code == 3, (arguments, result.output)
        assert "neither ./catalog.yaml nor ./catalog/ exists" in result.stderr
