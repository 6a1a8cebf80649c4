"""Tests of the official working-day calendar (servicecatalog.workdays, DESIGN §9).

The expected working days come from sources independent of the code under test: the State
Council notices transcribed in tests/data (read here with PyYAML's SafeLoader, not with the
module's parser), the ``holidays`` package, and ``chinese_calendar.is_workday`` itself.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar  # type: ignore[import-untyped]
import holidays
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from servicecatalog import workdays
from servicecatalog.errors import CalendarError, UnknownYearError
from servicecatalog.workdays import (
    WorkdayCalendar,
    is_working_day,
    next_working_day,
    working_days_between,
)

# The State Council's notices, transcribed (tests/data/README.md names the sources).
REFERENCE_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_YEARS = (2025, 2026)
ONE_DAY = timedelta(days=1)

PACKAGE_YEARS = sorted({day.year for day in chinese_calendar.holidays})
FIRST_UNCOVERED_YEAR = max(PACKAGE_YEARS) + 1


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@functools.cache
def reference(year: int) -> dict[str, Any]:
    """The reference schedule of ``year``, parsed independently (SafeLoader makes real dates)."""
    path = REFERENCE_DIR / f"holidays-{year}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def reference_rest_days(year: int) -> set[date]:
    days: set[date] = set()
    for block in reference(year)["rest_days"]:
        day = block["from"]
        while day <= block["to"]:
            days.add(day)
            day += ONE_DAY
    return days


def reference_is_working_day(day: date) -> bool:
    work_days = set(reference(day.year)["work_days"])
    return day in work_days or (day.weekday() < 5 and day not in reference_rest_days(day.year))


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# A made-up schedule for 2027, shaped like a real notice; the real one was not out when this was
# written, and the tests must not depend on whether a chinesecalendar release already has it.
OVERRIDE_2027 = """\
year: 2027
rest_days:
  - {name: 元旦,   from: 2027-01-01, to: 2027-01-03}
  - {name: 春节,   from: 2027-02-05, to: 2027-02-13}
  - {name: 国庆节, from: 2027-10-01, to: 2027-10-07}
work_days:
  - 2027-02-14
  - 2027-10-09
"""


# --- the examples of DESIGN §9 and the brief ------------------------------------------------


@pytest.mark.parametrize(
    ("changed_on", "deadline"),
    [
        (date(2026, 9, 30), date(2026, 10, 8)),  # National Day and Mid-Autumn
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday: over an ordinary weekend
        (date(2026, 10, 9), date(2026, 10, 10)),  # a Saturday that is a working day
        (date(2025, 12, 31), date(2026, 1, 4)),  # over the year end, to a working Sunday
        (date(2026, 2, 13), date(2026, 2, 14)),  # Friday before Spring Festival: Saturday works
        (date(2025, 9, 30), date(2025, 10, 9)),
        (date(2026, 10, 10), date(2026, 10, 12)),  # from a working Saturday: Sunday rests
    ],
)
def test_deadline_examples(changed_on: date, deadline: date) -> None:
    assert next_working_day(changed_on) == deadline


def test_adjusted_working_saturday() -> None:
    assert date(2026, 10, 10).weekday() == 5
    assert is_working_day(date(2026, 10, 10))
    assert not is_working_day(date(2026, 10, 11))


def test_nth_working_day() -> None:
    assert next_working_day(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert next_working_day(date(2026, 9, 30), 2) == date(2026, 10, 9)
    assert next_working_day(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert next_working_day(date(2026, 9, 30), 4) == date(2026, 10, 12)


def test_working_days_between() -> None:
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 7)) == 0
    # start excluded, end included
    assert working_days_between(date(2026, 11, 26), date(2026, 11, 27)) == 1
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 27)) == 0
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 27)) == 0


# --- every day of the reference years ---------------------------------------------------------


@pytest.mark.parametrize("year", REFERENCE_YEARS)
def test_every_day_matches_the_reference_schedule(year: int) -> None:
    assert reference(year)["year"] == year
    wrong = [d for d in days_of(year) if is_working_day(d) != reference_is_working_day(d)]
    assert wrong == []


@pytest.mark.parametrize("year", REFERENCE_YEARS)
def test_reference_file_loads_as_an_override(year: int, tmp_path: Path) -> None:
    """The reference notices are in the override format; loaded as overrides they agree too."""
    source = REFERENCE_DIR / f"holidays-{year}.yaml"
    write(tmp_path, f"{year}.yaml", source.read_bytes())
    calendar = WorkdayCalendar(tmp_path)
    wrong = [d for d in days_of(year) if calendar.is_working_day(d) != reference_is_working_day(d)]
    assert wrong == []


def holiday_blocks() -> list[tuple[int, str, date, date]]:
    blocks = []
    for year in REFERENCE_YEARS:
        data = reference(year)
        blocks += [(year, b["name"], b["from"], b["to"]) for b in data["rest_days"]]
    return blocks


@pytest.mark.parametrize(("year", "name", "first", "last"), holiday_blocks())
def test_deadline_around_each_holiday(year: int, name: str, first: date, last: date) -> None:
    """A change on the eve of a holiday, or during it, is due on the first working day after it."""
    reference(year)
    expected = last + ONE_DAY
    while not reference_is_working_day(expected):
        expected += ONE_DAY
    day = first - ONE_DAY
    while day <= last:
        assert next_working_day(day) == expected, (name, day)
        assert working_days_between(day, expected) == 1, (name, day)
        day += ONE_DAY


# --- the package's own data and the holidays package ----------------------------------------


def test_package_tables_agree_with_chinese_calendar_is_workday() -> None:
    calendar = WorkdayCalendar()
    for year in PACKAGE_YEARS:
        wrong = [
            d for d in days_of(year) if calendar.is_working_day(d) != chinese_calendar.is_workday(d)
        ]
        assert wrong == [], year


def test_covered_years_come_from_the_package_data() -> None:
    supported = set()
    for year in range(1990, 2100):
        try:
            chinese_calendar.is_workday(date(year, 6, 1))
        except NotImplementedError:
            continue
        supported.add(year)
    assert WorkdayCalendar().covered_years() == supported
    assert WorkdayCalendar().last_covered_day() == date(max(supported), 12, 31)


@pytest.mark.parametrize("year", range(2020, 2027))
def test_agrees_with_the_holidays_package(year: int) -> None:
    # The holidays package files a weekend working day under the year of the notice that made it
    # (2005-12-31 under 2006), so the neighbouring years are loaded too.
    china = holidays.country_holidays("CN", years=range(year - 1, year + 2))
    wrong = [d for d in days_of(year) if is_working_day(d) != china.is_working_day(d)]
    assert wrong == []


# --- years nobody covers -----------------------------------------------------------------------


def test_uncovered_year_names_the_file_to_add(tmp_path: Path) -> None:
    year = FIRST_UNCOVERED_YEAR
    calendar = WorkdayCalendar(tmp_path)
    with pytest.raises(UnknownYearError) as caught:
        calendar.is_working_day(date(year, 3, 2))
    assert caught.value.year == year
    assert caught.value.override_file == tmp_path / f"{year}.yaml"
    assert str(caught.value) == (
        f"the working-day calendar does not cover {year}: add {tmp_path / f'{year}.yaml'} "
        f"with the State Council's holiday schedule for {year}"
    )
    assert isinstance(caught.value, CalendarError)


def test_uncovered_year_without_overrides_dir_suggests_the_catalog_folder() -> None:
    year = FIRST_UNCOVERED_YEAR
    with pytest.raises(UnknownYearError) as caught:
        is_working_day(date(year, 3, 2))
    assert str(caught.value) == (
        f"the working-day calendar does not cover {year}: add catalog/calendar/{year}.yaml "
        f"with the State Council's holiday schedule for {year}"
    )


def test_years_before_the_package_are_not_guessed() -> None:
    with pytest.raises(UnknownYearError, match=f"cover {min(PACKAGE_YEARS) - 1}:"):
        is_working_day(date(min(PACKAGE_YEARS) - 1, 6, 2))


def test_deadline_running_into_an_uncovered_year_raises() -> None:
    with pytest.raises(UnknownYearError, match=f"cover {FIRST_UNCOVERED_YEAR}:"):
        next_working_day(date(FIRST_UNCOVERED_YEAR - 1, 12, 31))
    with pytest.raises(UnknownYearError):
        working_days_between(date(2026, 12, 1), date(FIRST_UNCOVERED_YEAR, 1, 5))


# --- override files -----------------------------------------------------------------------------


def test_override_year_is_used(tmp_path: Path) -> None:
    write(tmp_path, "2027.yaml", OVERRIDE_2027)
    write(tmp_path, "README.md", "not an override")
    calendar = WorkdayCalendar(tmp_path)
    assert calendar.overrides_dir == tmp_path
    assert 2027 in calendar.covered_years()
    assert calendar.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)
    assert calendar.next_working_day(date(2027, 2, 4)) == date(2027, 2, 14)  # a working Sunday
    assert calendar.next_working_day(date(2027, 2, 14)) == date(2027, 2, 15)
    assert not calendar.is_working_day(date(2027, 10, 7))
    assert calendar.is_working_day(date(2027, 10, 9))  # a working Saturday
    assert calendar.is_working_day(date(2027, 5, 3))  # no Labour Day in the made-up notice
    assert calendar.working_days_between(date(2027, 9, 30), date(2027, 10, 11)) == 3
    assert is_working_day(date(2027, 10, 9), calendar=calendar)
    assert next_working_day(date(2027, 9, 30), calendar=calendar) == date(2027, 10, 8)
    assert working_days_between(date(2027, 9, 30), date(2027, 10, 8), calendar=calendar) == 1


def test_override_replaces_the_package_year_entirely(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2026.yaml",
        """\
year: 2026
rest_days:
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-09}
work_days: []
""",
    )
    calendar = WorkdayCalendar(tmp_path)
    assert calendar.next_working_day(date(2026, 9, 30)) == date(2026, 10, 12)
    assert not calendar.is_working_day(date(2026, 10, 10))  # no longer listed as a working day
    assert calendar.is_working_day(date(2026, 1, 2))  # the package's New Year rest is gone
    assert calendar.is_working_day(date(2025, 12, 31)) == is_working_day(date(2025, 12, 31))
    assert is_working_day(date(2026, 10, 10))  # the default calendar is untouched


def test_missing_overrides_folder_holds_no_overrides(tmp_path: Path) -> None:
    calendar = WorkdayCalendar(tmp_path / "absent")
    assert calendar.covered_years() == WorkdayCalendar().covered_years()


def test_last_covered_day_and_runs_out_within(tmp_path: Path) -> None:
    last = date(max(PACKAGE_YEARS), 12, 31)
    plain = WorkdayCalendar(tmp_path)
    assert plain.last_covered_day() == last
    assert plain.runs_out_within(last - timedelta(days=45)) is None
    assert plain.runs_out_within(last - timedelta(days=44)) == last
    assert plain.runs_out_within(last - timedelta(days=10), days=5) is None
    assert plain.runs_out_within(last + timedelta(days=30)) == last

    # A later year beyond a missing one does not extend the calendar: deadlines cannot reach it.
    beyond_gap = FIRST_UNCOVERED_YEAR + 1
    write(tmp_path, f"{beyond_gap}.yaml", f"year: {beyond_gap}\nrest_days: []\nwork_days: []\n")
    assert WorkdayCalendar(tmp_path).last_covered_day() == last
    next_year = FIRST_UNCOVERED_YEAR
    write(tmp_path, f"{next_year}.yaml", f"year: {next_year}\nrest_days: []\nwork_days: []\n")
    assert WorkdayCalendar(tmp_path).last_covered_day() == date(beyond_gap, 12, 31)


MALFORMED: list[tuple[str, str | bytes, str]] = [
    ("wrong year", OVERRIDE_2027.replace("year: 2027", "year: 2028"), "file name says 2027"),
    (
        "bad date",
        OVERRIDE_2027.replace("2027-10-09", "2027-02-30"),
        "valid date written YYYY-MM-DD, got '2027-02-30'",
    ),
    ("not iso", OVERRIDE_2027.replace("2027-10-09", "20271009"), "YYYY-MM-DD"),
    ("week date", OVERRIDE_2027.replace("2027-10-09", "2027-W40-6"), "YYYY-MM-DD"),
    ("from after to", OVERRIDE_2027.replace("to: 2027-10-07", "to: 2027-09-07"), "is after to"),
    ("missing year", OVERRIDE_2027.replace("year: 2027\n", ""), "missing required key 'year'"),
    ("missing work_days", OVERRIDE_2027.split("work_days")[0], "missing required key 'work_days'"),
    ("missing to", OVERRIDE_2027.replace(", to: 2027-01-03", ""), "3:5: missing required key 'to'"),
    ("missing name", OVERRIDE_2027.replace("name: 元旦,   ", ""), "missing required key 'name'"),
    (
        "unknown key",
        OVERRIDE_2027 + "workdays: []\n",
        "unknown key 'workdays' (did you mean 'work_days'?)",
    ),
    ("a list", "- 2027-01-01\n", "expected a mapping (key: value), got a list"),
    ("a scalar", "2027\n", "expected a mapping (key: value), got '2027'"),
    ("empty", "", "the file is empty"),
    ("comment only", "# 2027\n", "the file is empty"),
    (
        "rest_days not a list",
        "year: 2027\nrest_days: 2027-01-01\nwork_days: []\n",
        "2:12: expected a list",
    ),
    (
        "work_days empty value",
        "year: 2027\nrest_days: []\nwork_days:\n",
        "3:11: expected a list, got null",
    ),
    (
        "entry not a mapping",
        "year: 2027\nrest_days: [2027-01-01]\nwork_days: []\n",
        "2:13: expected a mapping",
    ),
    ("not utf-8", OVERRIDE_2027.encode("gbk"), "not UTF-8"),
    ("invalid yaml", "year: 2027\nrest_days: [\nwork_days: []\n", "YAML syntax error"),
    ("tab indentation", "year: 2027\nrest_days:\n\t- x\n", "YAML syntax error"),
    ("duplicate key", OVERRIDE_2027 + "work_days: []\n", "duplicate key 'work_days'"),
    ("deep nesting", "year: 2027\nrest_days: " + "[" * 5000 + "\n", "nests deeper than the limit"),
    ("weekday work day", OVERRIDE_2027.replace("2027-10-09", "2027-10-08"), "is a Friday"),
    ("work day at rest", OVERRIDE_2027.replace("2027-10-09", "2027-10-02"), "inside a rest_days"),
    ("other year", OVERRIDE_2027.replace("from: 2027-01-01", "from: 2026-12-31"), "not in 2027"),
    ("blank name", OVERRIDE_2027.replace("name: 元旦", "name: ''"), "3:12: name must not be empty"),
]


@pytest.mark.parametrize(
    ("content", "problem"), [(c, p) for _, c, p in MALFORMED], ids=[i for i, _, _ in MALFORMED]
)
def test_malformed_override_names_the_file(
    tmp_path: Path, content: str | bytes, problem: str
) -> None:
    path = write(tmp_path, "2027.yaml", content)
    with pytest.raises(CalendarError) as caught:
        WorkdayCalendar(tmp_path)
    assert not isinstance(caught.value, UnknownYearError)
    assert str(caught.value).startswith(str(path))
    assert problem in str(caught.value)


def test_invalid_yaml_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "2027.yaml", "year: 2027\nrest_days: [\nwork_days: []\n")
    with pytest.raises(CalendarError, match=rf"^{re.escape(str(path))}:4:1: YAML syntax error"):
        WorkdayCalendar(tmp_path)


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, "2027.yaml", b"\xef\xbb\xbf" + OVERRIDE_2027.encode("utf-8"))
    assert WorkdayCalendar(tmp_path).is_working_day(date(2027, 10, 9))


@pytest.mark.parametrize("name", ["2027.yml", "holidays-2027.yaml", "27.yaml"])
def test_misnamed_override_file_is_refused(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, OVERRIDE_2027)
    with pytest.raises(CalendarError, match=r"must be named <year>\.yaml") as caught:
        WorkdayCalendar(tmp_path)
    assert str(caught.value).startswith(str(path))


def test_overrides_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "calendar", "")
    with pytest.raises(CalendarError, match="is not a folder"):
        WorkdayCalendar(path)


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(st.characters(codec="utf-8"), max_size=300).map(lambda t: "year: 2027\n" + t)
)
def test_any_override_content_loads_or_raises_calendar_error(
    tmp_path_factory: pytest.TempPathFactory, content: str | bytes
) -> None:
    directory = tmp_path_factory.mktemp("fuzz")
    write(directory, "2027.yaml", content)
    try:
        WorkdayCalendar(directory)
    except CalendarError as error:
        message = str(error)
    else:
        return
    assert message.startswith(str(directory / "2027.yaml"))


# --- arguments ------------------------------------------------------------------------------


def test_n_must_be_positive() -> None:
    for n in (0, -1):
        with pytest.raises(ValueError, match="n must be at least 1"):
            next_working_day(date(2026, 9, 30), n)


def test_days_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="days must not be negative"):
        WorkdayCalendar().runs_out_within(date(2026, 1, 1), -1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_working_day(datetime(2026, 10, 10, 9)),
        lambda: next_working_day("2026-09-30"),  # type: ignore[arg-type]
        lambda: working_days_between(date(2026, 1, 1), datetime(2026, 2, 1)),
    ],
)
def test_only_dates_are_accepted(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match=r"must be a datetime\.date"):
        call()


def test_public_names() -> None:
    assert workdays.__all__ == sorted(workdays.__all__)
    assert set(workdays.__all__) == {
        "OverrideFile",
        "WorkdayCalendar",
        "is_working_day",
        "next_working_day",
        "working_days_between",
    }


# --- properties -------------------------------------------------------------------------------

covered_days = st.dates(
    min_value=date(min(PACKAGE_YEARS), 1, 1), max_value=date(max(PACKAGE_YEARS), 10, 31)
)


@settings(deadline=None)
@given(covered_days, st.integers(min_value=1, max_value=30))
def test_next_working_day_properties(day: date, n: int) -> None:
    result = next_working_day(day, n)
    assert result > day
    assert is_working_day(result)
    assert working_days_between(day, result) == n
    # nothing earlier would do: the day before the result still lacks one working day
    assert working_days_between(day, result - ONE_DAY) == n - 1


def test_no_count_steps_past_the_last_date(tmp_path: Path) -> None:
    """Date arithmetic never raises past the model: the end of 9999 is an unknown year."""
    write(
        tmp_path,
        "9999.yaml",
        'year: "9999"\nrest_days:\n  - {name: 元旦, from: 9999-12-30, to: 9999-12-31}\n'
        "work_days: []\n",
    )
    calendar = WorkdayCalendar(tmp_path)
    assert calendar.working_days_between(date(9999, 12, 1), date.max) == 20
    assert calendar.working_days_between(date.max, date.max) == 0
    with pytest.raises(UnknownYearError, match="runs past 9999-12-31"):
        calendar.next_working_day(date(9999, 12, 29))
    with pytest.raises(UnknownYearError, match="runs past 9999-12-31"):
        calendar.next_working_day(date.max, 250)


def test_an_override_for_year_0_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "0000.yaml", 'year: "2027"\nrest_days: []\nwork_days: []\n')
    with pytest.raises(CalendarError, match="there is no year 0") as raised:
        WorkdayCalendar(tmp_path)
    assert raised.value.file == tmp_path / "0000.yaml"


def test_a_schedule_for_year_0_is_refused_by_the_model(tmp_path: Path) -> None:
    path = write(tmp_path, "0000.yaml", 'year: "0000"\nrest_days: []\nwork_days: []\n')
    with pytest.raises(CalendarError) as raised:
        WorkdayCalendar(tmp_path)
    assert str(raised.value) == f"{path}:1:7: must be at least 1, got '0'"


YAML_LIBRARIES = {"yaml", "_yaml", "ruamel", "strictyaml"}


def test_workdays_imports_no_yaml_library() -> None:
    """The override files are parsed by the loader and validated into models; this module takes
    the models, and imports no YAML library, not even inside a function."""
    tree = ast.parse(Path(workdays.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and not node.level
    }
    assert "chinese_calendar" in imported  # the scan sees the module's imports
    assert imported.isdisjoint(YAML_LIBRARIES)
