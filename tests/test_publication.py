"""The one-working-day rule (servicecatalog.publication and rules/deadlines.py, DESIGN §9).

Deadlines are checked against the State Council's schedules transcribed in tests/data
(holidays-2025.yaml, holidays-2026.yaml): a change made on the last working day before each
holiday is due on the first working day after it. The expected dates are written out by hand and,
separately, derived from the reference files with a naive day-by-day count that shares no code
with the library.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import CALENDAR_2027_FIXTURE, PENALTY_ITEM, SERVICE_ITEM, CatalogDir
from servicecatalog import load_catalog
from servicecatalog.cli import main
from servicecatalog.diff import diff_catalogs
from servicecatalog.errors import UnknownYearError
from servicecatalog.model import Revision
from servicecatalog.publication import (
    ItemDeadline,
    PublicationStatus,
    item_deadline,
    publication_deadline,
)
from servicecatalog.rules.deadlines import check_publication
from servicecatalog.workdays import WorkdayCalendar

A, P = SERVICE_ITEM, PENALTY_ITEM
REFERENCE_DIR = Path(__file__).resolve().parent / "data"
CALENDAR = WorkdayCalendar()

Data = dict[str, Any]


def d(text: str) -> date:
    return date.fromisoformat(text)


def revision(changed_on: str, published_on: str | None = None, version: int = 4) -> Revision:
    return Revision(
        version=version,
        changed_on=d(changed_on),
        published_on=d(published_on) if published_on else None,
    )


# ---- deadlines across the holidays --------------------------------------------------------------

# (changed_on, deadline with one working day): the last working day before each holiday of the
# 2025 and 2026 notices, and the adjusted working weekends (调休上班).
HOLIDAY_DEADLINES = [
    # 2025
    ("2024-12-31", "2025-01-02", "元旦 2025"),
    ("2025-01-24", "2025-01-26", "Sunday 2025-01-26 is a working day"),
    ("2025-01-27", "2025-02-05", "春节 2025"),
    ("2025-02-07", "2025-02-08", "Saturday 2025-02-08 is a working day"),
    ("2025-04-03", "2025-04-07", "清明节 2025"),
    ("2025-04-25", "2025-04-27", "Sunday 2025-04-27 is a working day"),
    ("2025-04-30", "2025-05-06", "劳动节 2025"),
    ("2025-05-30", "2025-06-03", "端午节 2025"),
    ("2025-09-26", "2025-09-28", "Sunday 2025-09-28 is a working day"),
    ("2025-09-30", "2025-10-09", "国庆节、中秋节 2025"),
    ("2025-10-10", "2025-10-11", "Saturday 2025-10-11 is a working day"),
    # 2026
    ("2025-12-31", "2026-01-04", "元旦 2026, then Sunday 2026-01-04 works"),
    ("2026-02-13", "2026-02-14", "Saturday 2026-02-14 is a working day"),
    ("2026-02-14", "2026-02-24", "春节 2026"),
    ("2026-02-27", "2026-02-28", "Saturday 2026-02-28 is a working day"),
    ("2026-04-03", "2026-04-07", "清明节 2026"),
    ("2026-04-30", "2026-05-06", "劳动节 2026"),
    ("2026-05-08", "2026-05-09", "Saturday 2026-05-09 is a working day"),
    ("2026-06-18", "2026-06-22", "端午节 2026"),
    ("2026-09-18", "2026-09-20", "Sunday 2026-09-20 is a working day"),
    ("2026-09-24", "2026-09-28", "中秋节 2026"),
    ("2026-09-30", "2026-10-08", "国庆节 2026 (DESIGN §9)"),
    ("2026-10-09", "2026-10-10", "Saturday 2026-10-10 is a working day (DESIGN §9)"),
    ("2026-11-27", "2026-11-30", "an ordinary Friday (DESIGN §9)"),
    # a change made on a day off counts from the next working day all the same
    ("2026-10-03", "2026-10-08", "a change during the National Day holiday"),
    ("2026-11-28", "2026-11-30", "a change on a Saturday"),
]


@pytest.mark.parametrize(
    ("changed_on", "deadline"),
    [(c, dl) for c, dl, _ in HOLIDAY_DEADLINES],
    ids=[why for _, _, why in HOLIDAY_DEADLINES],
)
def test_deadline_is_the_next_official_working_day(changed_on: str, deadline: str) -> None:
    assert publication_deadline(d(changed_on), CALENDAR) == d(deadline)
    assert publication_deadline(d(changed_on), CALENDAR, 1) == d(deadline)


@pytest.mark.parametrize(
    ("changed_on", "deadline"),
    [
        ("2026-09-30", "2026-10-09"),
        ("2026-11-27", "2026-12-01"),
        ("2026-10-08", "2026-10-10"),
        ("2026-02-13", "2026-02-24"),
        ("2025-09-30", "2025-10-10"),
    ],
)
def test_deadline_with_two_working_days(changed_on: str, deadline: str) -> None:
    assert publication_deadline(d(changed_on), CALENDAR, 2) == d(deadline)


def _reference(year: int) -> dict[str, Any]:
    path = REFERENCE_DIR / f"holidays-{year}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _naive_working_day(day: date, schedules: dict[int, dict[str, Any]]) -> bool:
    data = schedules[day.year]
    if day in data["work_days"]:
        return True
    resting = any(block["from"] <= day <= block["to"] for block in data["rest_days"])
    return day.weekday() < 5 and not resting


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_holiday_of_the_reference_schedules(year: int) -> None:
    """For every rest block of the notice: last working day before it → first working day after."""
    schedules = {y: _reference(y) for y in (year,)}
    schedules.setdefault(year - 1, {"work_days": [], "rest_days": []})
    checked = 0
    for block in schedules[year]["rest_days"]:
        before = block["from"] - timedelta(days=1)
        while before.year == year and not _naive_working_day(before, schedules):
            before -= timedelta(days=1)
        if before.year != year:
            continue  # the working day before New Year's Day lies in the year before
        after = block["to"] + timedelta(days=1)
        while not _naive_working_day(after, schedules):
            after += timedelta(days=1)
        assert publication_deadline(before, CALENDAR) == after, block["name"]
        checked += 1
    assert checked >= 5


# ---- statuses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published_on", "today", "status"),
    [
        ("2026-09-30", "2026-12-31", PublicationStatus.ON_TIME),  # the same day
        ("2026-10-08", "2026-12-31", PublicationStatus.ON_TIME),  # on the deadline
        ("2026-10-09", "2026-12-31", PublicationStatus.LATE),  # a day after
        (None, "2026-10-01", PublicationStatus.PENDING),
        (None, "2026-10-08", PublicationStatus.PENDING),  # the deadline day itself
        (None, "2026-10-09", PublicationStatus.OVERDUE),
    ],
)
def test_status_of_a_change(
    published_on: str | None, today: str, status: PublicationStatus
) -> None:
    result = item_deadline(A, revision("2026-09-30", published_on), CALENDAR, 1, d(today))
    assert result == ItemDeadline(
        A,
        d("2026-09-30"),
        d("2026-10-08"),
        d(published_on) if published_on else None,
        status,
    )


def test_status_follows_the_working_days_of_the_catalog() -> None:
    late = item_deadline(A, revision("2026-11-27", "2026-12-01"), CALENDAR, 1, d("2026-12-31"))
    in_time = item_deadline(A, revision("2026-11-27", "2026-12-01"), CALENDAR, 2, d("2026-12-31"))
    assert (late.deadline, late.status) == (d("2026-11-30"), PublicationStatus.LATE)
    assert (in_time.deadline, in_time.status) == (d("2026-12-01"), PublicationStatus.ON_TIME)


def test_item_deadline_to_dict() -> None:
    result = item_deadline(A, revision("2026-11-27"), CALENDAR, 1, d("2026-12-01"))
    assert result.to_dict() == {
        "item": A,
        "changed_on": "2026-11-27",
        "deadline": "2026-11-30",
        "published_on": None,
        "status": "overdue",
    }


def test_a_year_the_calendar_lacks_is_unknown_never_guessed() -> None:
    result = item_deadline(A, revision("2026-12-31"), CALENDAR, 1, d("2027-01-10"))
    assert result.status is PublicationStatus.UNKNOWN
    assert result.deadline is None
    assert result.problem is not None
    assert "2027" in result.problem
    assert "calendar/2027.yaml" in result.problem
    assert result.to_dict()["deadline"] is None
    assert result.to_dict()["status"] == "unknown"
    with pytest.raises(UnknownYearError) as raised:
        publication_deadline(d("2026-12-31"), CALENDAR)
    assert raised.value.year == 2027


def test_an_override_year_makes_the_deadline_computable(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    (folder / "2027.yaml").write_text(CALENDAR_2027_FIXTURE, encoding="utf-8")
    calendar = WorkdayCalendar(folder)
    assert publication_deadline(d("2026-12-31"), calendar) == d("2027-01-04")
    assert publication_deadline(d("2026-12-31"), calendar, 2) == d("2027-01-05")
    result = item_deadline(A, revision("2026-12-31", "2027-01-04"), calendar, 1, d("2027-01-10"))
    assert result.status is PublicationStatus.ON_TIME


def test_the_missing_year_error_names_the_override_file(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    with pytest.raises(UnknownYearError) as raised:
        publication_deadline(d("2026-12-31"), WorkdayCalendar(folder))
    assert raised.value.override_file == folder / "2027.yaml"
    assert str(folder / "2027.yaml") in raised.value.message
    assert "2027" in raised.value.message


# ---- check_publication: changed items, revisions, findings -------------------------------------

TODAY = d("2026-11-27")


def _bump(changed_on: str, published_on: str | None, version: int = 4) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["revision"] = {
            "version": version,
            "changed_on": d(changed_on),
            "published_on": d(published_on) if published_on else None,
        }

    return change


def _shorten(data: Data) -> None:
    data["time_limit"]["committed"]["days"] = 2


def _check(
    old: CatalogDir, new: CatalogDir, today: date = TODAY
) -> tuple[dict[str, ItemDeadline], list[Any]]:
    before = load_catalog(old.path, today=today)
    after = load_catalog(new.path, today=today)
    changes = diff_catalogs(before, after)
    assert changes, "the edit must change something"
    calendar = WorkdayCalendar(new.path / "calendar")
    checked = check_publication(before, after, changes, calendar, today)
    return checked.items, checked.findings


@pytest.fixture
def sides(catalog_copy: Callable[..., CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    return catalog_copy("old"), catalog_copy("new")


def test_a_revised_change_published_in_time_has_no_findings(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-11-20", "2026-11-23"))
    deadlines, findings = _check(old, new)
    assert findings == []
    assert list(deadlines) == [A]
    assert deadlines[A].deadline == d("2026-11-23")
    assert deadlines[A].status is PublicationStatus.ON_TIME


@pytest.mark.parametrize(
    ("version", "changed_on"),
    [
        (3, "2026-03-10"),  # nothing moved
        (3, "2026-11-20"),  # the version did not increase
        (4, "2026-03-10"),  # changed_on did not move
        (4, "2026-03-09"),  # changed_on went back
        (2, "2026-11-20"),  # the version went back
    ],
)
def test_change_without_revision(
    version: int, changed_on: str, sides: tuple[CatalogDir, CatalogDir]
) -> None:
    old, new = sides
    new.edit(A, _shorten)
    new.edit(A, _bump(changed_on, changed_on, version=version))
    _, findings = _check(old, new)
    rules = [f.rule for f in findings]
    assert rules.count("change-without-revision") == 1
    finding = next(f for f in findings if f.rule == "change-without-revision")
    assert finding.item == A
    assert finding.severity.value == "error"
    assert finding.path == "revision"
    assert finding.file is not None
    assert finding.file.endswith(f"items/{A}.yaml")
    # the position points at the version in the new file
    lines = new.item_file(A).read_text(encoding="utf-8").splitlines()
    version_line = next(n for n, line in enumerate(lines, 1) if line.strip().startswith("version:"))
    assert finding.line == version_line
    assert finding.column == lines[version_line - 1].index(str(version)) + 1
    assert "3" in finding.message_en
    assert "2026-03-10" in finding.message_en


def test_the_catalogs_working_days_set_the_deadline(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    manifest = new.path / "catalog.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("working_days: 1", "working_days: 2"),
        encoding="utf-8",
    )
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-11-27", "2026-12-01"))
    deadlines, findings = _check(old, new, today=d("2026-12-02"))
    assert findings == []
    assert deadlines[A].deadline == d("2026-12-01")
    assert deadlines[A].status is PublicationStatus.ON_TIME


def test_a_change_of_every_published_element_needs_a_revision(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit(A, lambda data: data["conditions"].pop())
    new.edit(P, lambda data: data.update(main_item_name="对使用童工的行政处罚"))
    _, findings = _check(old, new)
    assert sorted((f.rule, f.item) for f in findings) == [
        ("change-without-revision", A),
        ("change-without-revision", P),
    ]


def test_a_metadata_change_needs_a_revision_too(sides: tuple[CatalogDir, CatalogDir]) -> None:
    """The guide prints the division, type, lists and levels: changing them is a change of what
    citizens are told, which starts the publication clock like any other (DESIGN §14)."""
    old, new = sides
    new.edit(A, lambda data: data.update(department="就业促进处"))
    deadlines, findings = _check(old, new)
    assert [(f.rule, f.item) for f in findings] == [("change-without-revision", A)]
    assert deadlines[A].status is PublicationStatus.UNREVISED
    assert deadlines[A].deadline is None


@pytest.mark.parametrize(
    ("key", "value"),
    [("faq", []), ("audience", ["自然人", "企业法人"]), ("scope", "全市通办"), ("result", None)],
)
def test_a_national_element_change_needs_a_revision(
    key: str, value: Any, sides: tuple[CatalogDir, CatalogDir]
) -> None:
    old, new = sides
    new.edit(A, lambda data: data.update({key: value}))
    deadlines, findings = _check(old, new)
    assert [(f.rule, f.item) for f in findings] == [("change-without-revision", A)]
    assert deadlines[A].status is PublicationStatus.UNREVISED


def test_an_unrevised_change_has_no_deadline_but_a_revised_one_does(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.edit(A, lambda data: data.update(faq=[]))
    deadlines, _ = _check(old, new)
    assert deadlines[A].deadline is None
    assert deadlines[A].to_dict()["status"] == "unrevised"
    new.edit(A, _bump("2026-12-04", None))
    deadlines, findings = _check(old, new, today=d("2026-12-05"))
    assert deadlines[A].deadline == d("2026-12-07")
    assert deadlines[A].status is PublicationStatus.PENDING
    assert findings == []


def test_late_publication(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-09-30", "2026-10-09"))
    deadlines, findings = _check(old, new)
    assert deadlines[A].status is PublicationStatus.LATE
    assert [(f.rule, f.item, f.path) for f in findings] == [
        ("publication-late", A, "revision.published_on")
    ]
    assert "2026-10-08" in findings[0].message_en
    assert "2026-10-09" in findings[0].message_en


@pytest.mark.parametrize(
    ("today", "status", "rules"),
    [
        ("2026-11-27", PublicationStatus.PENDING, []),
        ("2026-11-30", PublicationStatus.PENDING, []),
        ("2026-12-01", PublicationStatus.OVERDUE, ["publication-overdue"]),
    ],
)
def test_pending_and_overdue(
    today: str, status: PublicationStatus, rules: list[str], sides: tuple[CatalogDir, CatalogDir]
) -> None:
    old, new = sides
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-11-27", None))
    deadlines, findings = _check(old, new, today=d(today))
    assert deadlines[A].deadline == d("2026-11-30")
    assert deadlines[A].status is status
    assert [f.rule for f in findings] == rules
    for finding in findings:
        assert finding.path == "revision.changed_on"


def test_an_added_item_has_a_deadline_but_needs_no_revision_bump(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    old = catalog_copy("old", codes=[A])
    new = catalog_copy("new", codes=[A, P])
    deadlines, findings = _check(old, new)
    assert findings == []
    assert deadlines[P].changed_on == d("2026-03-10")
    assert deadlines[P].deadline == d("2026-03-11")
    assert deadlines[P].status is PublicationStatus.ON_TIME


def test_a_change_in_a_year_the_calendar_lacks(sides: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = sides
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-12-31", None))
    deadlines, findings = _check(old, new, today=d("2027-01-05"))
    assert deadlines[A].status is PublicationStatus.UNKNOWN
    (finding,) = findings
    assert finding.rule == "calendar-year-unknown"
    assert "2027" in finding.message_en
    assert "calendar/2027.yaml" in finding.message_en


def test_a_catalog_override_year_makes_a_new_year_deadline_computable(
    sides: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = sides
    new.add_calendar(2027, CALENDAR_2027_FIXTURE)
    new.edit(A, _shorten)
    new.edit(A, _bump("2026-12-31", "2027-01-04"))
    deadlines, findings = _check(old, new, today=d("2027-01-05"))
    assert findings == []
    assert deadlines[A].deadline == d("2027-01-04")
    assert deadlines[A].status is PublicationStatus.ON_TIME


# ---- the rules in validate ------------------------------------------------------------------------


def _rules(catalog: CatalogDir, today: str) -> list[Any]:
    report = load_catalog(catalog.path, today=d(today)).report
    return [
        f
        for f in report
        if f.rule
        in ("publication-late", "publication-overdue", "calendar-year-unknown", "calendar-runs-out")
    ]


def _position(catalog: CatalogDir, code: str, key: str) -> tuple[int, int]:
    lines = catalog.item_file(code).read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("revision:"))
    for number, line in enumerate(lines[start:], start + 1):
        if line.strip().startswith(f"{key}:"):
            return number, line.index(":") + 3
    raise AssertionError(key)


def test_rule_publication_late(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _bump("2026-09-30", "2026-10-09"))
    (finding,) = _rules(catalog, "2026-11-01")
    assert finding.rule == "publication-late"
    assert finding.item == A
    assert (finding.line, finding.column) == _position(catalog, A, "published_on")


def test_rule_publication_late_is_quiet_on_time(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _bump("2026-09-30", "2026-10-08"))
    assert _rules(catalog, "2026-11-01") == []


def test_rule_publication_overdue(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _bump("2026-09-30", None))
    assert _rules(catalog, "2026-10-08") == []  # pending
    (finding,) = _rules(catalog, "2026-10-09")
    assert finding.rule == "publication-overdue"
    assert (finding.line, finding.column) == _position(catalog, A, "changed_on")
    assert "2026-10-08" in finding.message_en


def test_rule_calendar_year_unknown(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _bump("2026-12-31", "2026-12-31"))
    found = _rules(catalog, "2027-01-05")
    unknown = [f for f in found if f.rule == "calendar-year-unknown"]
    assert len(unknown) == 1
    assert unknown[0].item == A
    assert "2027" in unknown[0].message_en
    assert str(catalog.path / "calendar" / "2027.yaml") in unknown[0].message_en
    assert (unknown[0].line, unknown[0].column) == _position(catalog, A, "changed_on")

    catalog.add_calendar(2027, CALENDAR_2027_FIXTURE)
    assert [f.rule for f in _rules(catalog, "2027-01-05")] == []


def test_validate_reports_calendar_year_unknown(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c", codes=[A])
    catalog.edit(A, _bump("2026-12-31", "2026-12-31"))
    result = CliRunner().invoke(
        main, ["validate", str(catalog.path), "--format", "json", "--today", "2027-01-05"]
    )
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    unknown = [f for f in payload["findings"] if f["rule"] == "calendar-year-unknown"]
    assert len(unknown) == 1
    assert "2027" in unknown[0]["message"]
    assert "2027.yaml" in unknown[0]["message"]


@pytest.mark.parametrize(
    ("today", "with_2027", "expected"),
    [
        ("2026-06-01", False, None),
        ("2026-11-27", False, "2027"),
        ("2026-11-27", True, None),
        ("2027-11-27", True, "2028"),
    ],
)
def test_rule_calendar_runs_out(
    today: str, with_2027: bool, expected: str | None, catalog_copy: Callable[..., CatalogDir]
) -> None:
    catalog = catalog_copy("c", codes=[P])
    if with_2027:
        catalog.add_calendar(2027, CALENDAR_2027_FIXTURE)
    found = [f for f in _rules(catalog, today) if f.rule == "calendar-runs-out"]
    if expected is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity.value == "info"
    assert finding.item is None
    assert finding.file is not None
    assert finding.file.endswith("catalog.yaml")
    assert f"calendar/{expected}.yaml" in finding.message_en
    assert f"calendar/{expected}.yaml" in finding.message
