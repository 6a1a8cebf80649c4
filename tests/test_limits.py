"""Tests of time-limit arithmetic (servicecatalog.limits) and the rules built on it.

A committed limit in working days is judged against a legal limit in natural days or months over
every start day the working-day calendar covers (issue 10, point 5): 60 working days from Friday
2026-01-30 run over the Spring Festival to 2026-05-06, 96 natural days.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import dump_yaml
from servicecatalog import load_catalog
from servicecatalog.errors import UnknownYearError
from servicecatalog.limits import (
    Overrun,
    _month_end,
    _month_ends,
    _table,
    add_months,
    legal_periods,
    limit_end,
    worst_case,
)
from servicecatalog.model import (
    DayUnit,
    Duration,
    LegalDuration,
    LegalStage,
    StagedLimit,
    StageSequence,
)
from servicecatalog.workdays import WorkdayCalendar

CASES = Path(__file__).parent / "cases"
CALENDAR = WorkdayCalendar()
WD, ND, MO = DayUnit.WORKING, DayUnit.NATURAL, DayUnit.MONTH
_LAST = date.max.toordinal()


def days(count: int, unit: DayUnit) -> Duration:
    return Duration(days=count, unit=unit)


# ---- counting one limit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2026-01-15", 1, "2026-02-15"),
        ("2026-01-31", 1, "2026-02-28"),  # February has no 31st: its last day
        ("2024-01-31", 1, "2024-02-29"),
        ("2026-11-30", 3, "2027-02-28"),
        ("2026-12-31", 12, "2027-12-31"),
        ("2026-05-31", 0, "2026-05-31"),
    ],
)
def test_add_months(start: str, months: int, end: str) -> None:
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(end)


@pytest.mark.parametrize(
    ("limit", "end"),
    [
        (days(60, WD), "2026-05-06"),  # over the Spring Festival (2026-02-15 … 02-23)
        (days(90, ND), "2026-04-30"),
        (days(3, MO), "2026-04-30"),
        (days(0, WD), "2026-01-30"),  # 即办件: the day itself
        (days(1, WD), "2026-02-02"),  # the day of receipt never counts; then a weekend
    ],
)
def test_limit_end_from_a_friday(limit: Duration, end: str) -> None:
    assert limit_end(date(2026, 1, 30), limit, CALENDAR) == date.fromisoformat(end)


def test_legal_periods_of_each_form() -> None:
    stages = (
        LegalStage(name="筹设", days=30, unit=ND),
        LegalStage(name="正式设立", days=3, unit=MO),
    )
    separate = StagedLimit(stages=stages, sequence=StageSequence.SEPARATE)
    in_turn = StagedLimit(stages=stages, sequence=StageSequence.CONSECUTIVE)
    assert legal_periods(LegalDuration(days=90, unit=ND)) == ((days(90, ND),),)
    assert legal_periods(separate) == ((days(30, ND),), (days(3, MO),))
    assert legal_periods(in_turn) == ((days(30, ND), days(3, MO)),)


# ---- the worst case over the calendar ---------------------------------------------------------


def test_the_issue_example_breaks_from_2026_01_30() -> None:
    overrun = worst_case(days(60, WD), (days(90, ND),), CALENDAR)
    assert overrun == Overrun(date(2026, 1, 30), date(2026, 5, 6), date(2026, 4, 30))
    assert overrun is not None
    assert overrun.committed_days == 96
    assert overrun.excess_days == 6


@pytest.mark.parametrize(
    ("committed", "legal"),
    [
        (days(56, WD), (days(90, ND),)),  # the most working days 90 natural days always hold
        (days(36, WD), (days(60, ND),)),
        (days(25, WD), (days(45, ND),)),
        (days(5, WD), (days(15, ND),)),
        (days(55, WD), (days(3, MO),)),
        (days(28, ND), (days(1, MO),)),
        (days(10, WD), (days(5, WD), days(5, WD))),
    ],
)
def test_limits_that_always_fit(committed: Duration, legal: tuple[Duration, ...]) -> None:
    assert worst_case(committed, legal, CALENDAR) is None


@pytest.mark.parametrize(
    ("committed", "legal"),
    [
        (days(57, WD), (days(90, ND),)),
        (days(6, WD), (days(15, ND),)),
        (days(56, WD), (days(3, MO),)),
        (days(29, ND), (days(1, MO),)),  # 31 January + 1 月 = 28 February
        (days(20, ND), (days(15, WD),)),
        (days(11, WD), (days(5, WD), days(5, WD))),
    ],
)
def test_limits_that_break_on_some_start_day(
    committed: Duration, legal: tuple[Duration, ...]
) -> None:
    overrun = worst_case(committed, legal, CALENDAR)
    assert overrun is not None
    assert overrun.committed_end == limit_end(overrun.start, committed, CALENDAR)
    end = overrun.start
    for period in legal:
        end = limit_end(end, period, CALENDAR)
    assert overrun.legal_end == end
    assert overrun.excess_days > 0


def test_the_worst_start_day_is_the_latest_of_the_worst() -> None:
    """Counted one by one: the named day has the largest overrun, and no later day has it."""
    committed, legal = days(20, ND), days(15, WD)
    overrun = worst_case(committed, (legal,), CALENDAR)
    assert overrun is not None
    excess = {}
    start = date(2004, 1, 1)
    while start <= date(2026, 12, 1):
        excess[start] = (start.toordinal() + 20) - limit_end(start, legal, CALENDAR).toordinal()
        start = date.fromordinal(start.toordinal() + 1)
    most = max(excess.values())
    assert overrun.excess_days == most
    assert overrun.start == max(day for day, value in excess.items() if value == most)


def test_the_calendar_is_turned_into_arrays_once_and_each_verdict_kept() -> None:
    calendar = WorkdayCalendar()
    first = _table(calendar)
    assert _table(calendar) is first
    worst_case(days(60, WD), (days(90, ND),), calendar)
    assert (days(60, WD), (days(90, ND),)) in first.verdicts
    assert _table(WorkdayCalendar()) is not first


@pytest.mark.parametrize("natural", [(0,), (15,), (30,), (60,), (90,), (5, 10), (45, 45), (365,)])
def test_working_days_against_natural_days_as_counted_from_every_day(
    natural: tuple[int, ...], tmp_path: Path
) -> None:
    """The shortcut for the commonest pair names the same overrun as counting from every day,
    for committed counts of working days up to a year's, over one run of years and over two
    (a year after a gap)."""
    (tmp_path / "2030.yaml").write_text(
        "year: 2030\nrest_days: []\nwork_days: []\n", encoding="utf-8"
    )
    legal = tuple(days(count, ND) for count in natural)
    for table in (_table(CALENDAR), _table(WorkdayCalendar(tmp_path))):
        for committed in range(1, 260, 4):
            assert table.working_against_natural(committed, sum(natural)) == (
                table.every_start_day(days(committed, WD), legal)
            ), committed


@pytest.mark.parametrize("months", [0, 1, 3, 11, 12, 13, 60])
def test_the_months_after_every_day_are_counted_a_month_at_a_time(months: int) -> None:
    years = range(2023, 2029)
    first = date(2023, 1, 1).toordinal()
    ends = _month_ends(years, months)
    assert ends == [_month_end(day, months) for day in range(first, first + len(ends))]
    assert _month_ends(range(9998, 10000), months) == [
        _month_end(day, months) for day in range(date(9998, 1, 1).toordinal(), _LAST + 1)
    ]


def test_no_limit_ends_before_a_committed_limit_of_zero_days() -> None:
    assert worst_case(days(0, WD), (days(0, ND),), CALENDAR) is None
    assert worst_case(days(0, ND), (days(1, MO),), CALENDAR) is None


def test_a_calendar_with_an_override_year_after_a_gap(tmp_path: Path) -> None:
    """Years after a gap form a run of their own; no limit is counted across the gap."""
    overrides = tmp_path / "calendar"
    overrides.mkdir()
    (overrides / "2030.yaml").write_text(
        "year: 2030\nrest_days: []\nwork_days: []\n", encoding="utf-8"
    )
    calendar = WorkdayCalendar(overrides)
    table = _table(calendar)
    assert table.runs[-1] == (date(2030, 1, 1).toordinal(), date(2030, 12, 31).toordinal())
    # 2030 as overridden has no holidays: 60 working days never take more than 84 days there
    assert worst_case(days(60, WD), (days(90, ND),), calendar) is not None  # from 2004–2026
    assert len(table.working[-1]) == sum(
        1 for n in range(365) if date.fromordinal(table.runs[-1][0] + n).weekday() < 5
    )


# ---- the rule's message -----------------------------------------------------------------------


def _catalog_with(tmp_path: Path, time_limit: dict[str, object]) -> list[tuple[str, str]]:
    root = tmp_path / "catalog"
    shutil.copytree(CASES / "_base", root)
    data = yaml.safe_load((CASES / "_template.yaml").read_text(encoding="utf-8"))
    data["time_limit"] = time_limit
    (root / "items" / "220114001000.yaml").write_text(dump_yaml(data), encoding="utf-8")
    report = load_catalog(root, today=date(2026, 11, 27)).report
    return [
        (f.message, f.message_en)
        for f in report.findings
        if f.rule == "time-limit-committed-exceeds-legal"
    ]


def test_the_message_names_the_start_day_in_both_languages(tmp_path: Path) -> None:
    messages = _catalog_with(
        tmp_path,
        {"legal": {"days": 90, "unit": "自然日"}, "committed": {"days": 60, "unit": "工作日"}},
    )
    assert messages == [
        (
            "自 2026-01-30 起算，承诺时限 60 个工作日 至 2026-05-06 届满（96 个自然日），"
            "晚于法定时限 90 个自然日届满之日 2026-04-30",
            "counted from 2026-01-30, the committed limit of 60 工作日 ends on 2026-05-06 "
            "(96 natural days), after the legal limit of 90 自然日, which ends on 2026-04-30",
        )
    ]


def test_the_message_names_the_stage(tmp_path: Path) -> None:
    legal = {
        "stages": [
            {"name": "筹设", "days": 30, "unit": "自然日"},
            {"name": "正式设立", "days": 3, "unit": "月"},
        ],
        "sequence": "分别",
    }
    messages = _catalog_with(
        tmp_path, {"legal": legal, "committed": {"days": 16, "unit": "工作日"}}
    )
    assert len(messages) == 1
    zh, en = messages[0]
    assert "晚于“筹设”阶段的法定时限 30 个自然日届满之日" in zh
    assert "the legal limit of the stage '筹设', 30 自然日" in en


def test_same_units_are_left_to_committed_exceeds_legal(tmp_path: Path) -> None:
    assert (
        _catalog_with(
            tmp_path,
            {"legal": {"days": 20, "unit": "工作日"}, "committed": {"days": 25, "unit": "工作日"}},
        )
        == []
    )


@pytest.mark.parametrize(
    "limit", [Duration(days=1830, unit=DayUnit.NATURAL), Duration(days=60, unit=DayUnit.MONTH)]
)
def test_a_limit_past_the_last_date_is_an_unknown_year(limit: Duration) -> None:
    with pytest.raises(UnknownYearError, match="runs past 9999-12-31"):
        limit_end(date(9999, 6, 1), limit, CALENDAR)


def test_the_worst_case_over_a_calendar_that_reaches_9999_raises_nothing(tmp_path: Path) -> None:
    (tmp_path / "9999.yaml").write_text(
        'year: "9999"\nrest_days: []\nwork_days: []\n', encoding="utf-8"
    )
    calendar = WorkdayCalendar(tmp_path)
    committed = Duration(days=1830, unit=DayUnit.NATURAL)
    for legal in (Duration(days=10, unit=DayUnit.WORKING), Duration(days=60, unit=DayUnit.MONTH)):
        overrun = worst_case(committed, (legal,), calendar)
        assert overrun is not None
        assert overrun.committed_end <= date.max
