"""Official Chinese working days, for the publication rule (docs/architecture.md#publication).

A working day is a day on which government offices work under the State Council General Office's
yearly holiday notice (国务院办公厅关于部分节假日安排的通知): Monday to Friday, except the rest
days of the statutory holidays, plus the Saturdays and Sundays the notice turns into working days
to make the holidays longer (调休上班; 2026-10-10 is such a Saturday).

Two sources, year by year:

* the ``chinesecalendar`` package's tables (``chinese_calendar.holidays`` and ``.workdays``), for
  every year they hold data for;
* override files ``<overrides_dir>/<year>.yaml``, each transcribing one year's notice::

      year: 2026
      rest_days:
        - {name: 国庆节, from: "2026-10-01", to: "2026-10-07"}
      work_days:
        - 2026-10-10

  An override replaces the package's data for its year entirely, so a year whose notice came out
  after the installed package (or that the package got wrong) can be fixed without a release.
  The files are read by the strict loader and validated into
  :class:`~servicecatalog.model.HolidaySchedule`, as every catalog file is; this module takes
  the schedules and checks that each is consistent.

A day in a year neither source covers raises :class:`~servicecatalog.errors.UnknownYearError`,
which names the file to add: a deadline computed from a guessed calendar would be published as if
it were the law. ``chinese_calendar.find_workday`` is deliberately not used: ``find_workday(1, d)``
answers wrongly when ``d`` itself is a day off.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import chinese_calendar  # type: ignore[import-untyped]

from .errors import CalendarError, UnknownYearError

if TYPE_CHECKING:
    # Only named in annotations: `deadline` outside a catalog must not build the models.
    from .model import HolidaySchedule

__all__ = [
    "OverrideFile",
    "WorkdayCalendar",
    "is_working_day",
    "next_working_day",
    "working_days_between",
]

# Where the CLI reads overrides by default (docs/format.md#calendaryearyaml); only used to name
# the file to add in an UnknownYearError when a calendar was made without an overrides folder.
_SUGGESTED_OVERRIDES_DIR = Path("catalog/calendar")

_OVERRIDE_FILE_NAME = re.compile(r"\d{4}\.yaml", re.ASCII)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Year:
    """One year's schedule, whatever its source: the rest days and the weekend working days."""

    rest_days: frozenset[date]
    work_days: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        return day in self.work_days or (day.weekday() < 5 and day not in self.rest_days)


@functools.cache
def _package_years() -> dict[int, _Year]:
    """The years ``chinesecalendar`` has data for, converted once from its tables.

    The tables are read directly instead of calling ``chinese_calendar.is_workday`` per day,
    which recomputes the package's year range over all its entries on every call. The covered years
    are taken from the data (every real year has at least New Year's Day in the holiday table),
    and each is confirmed against the package's own range check, so a new package release extends
    the calendar without any change here.
    """
    rest: dict[int, set[date]] = {}
    work: dict[int, set[date]] = {}
    for table, by_year in ((chinese_calendar.holidays, rest), (chinese_calendar.workdays, work)):
        for day in table:
            by_year.setdefault(day.year, set()).add(day)
    years: dict[int, _Year] = {}
    for year in sorted(rest):
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        years[year] = _Year(frozenset(rest[year]), frozenset(work.get(year, ())))
    return years


@dataclass(frozen=True, slots=True)
class OverrideFile:
    """An override file as read: where it is, its content (which a snapshot carries) and the
    schedule it holds."""

    path: Path
    """The file (``calendar/2027.yaml``), as findings name it."""
    content: bytes
    """The file's bytes, as read."""
    schedule: HolidaySchedule
    """What the file holds, validated."""


def _override_years(files: Sequence[OverrideFile]) -> dict[int, _Year]:
    """The year of each override file; the first inconsistency raises a CalendarError."""
    return dict(_ScheduleCheck(file).year() for file in files)


class _ScheduleCheck:
    """Checks that one file's schedule is consistent and turns it into a :class:`_Year`: the
    year its name gives, every date in that year, working days only on weekends and outside the
    rest periods. Each problem is a :class:`CalendarError` naming the file and the value."""

    def __init__(self, file: OverrideFile) -> None:
        self.path = file.path
        self.schedule = file.schedule

    def fail(self, what: str, loc: tuple[str | int, ...] = ()) -> CalendarError:
        return CalendarError(f"{self.path}: {what}", self.path, loc)

    def year(self) -> tuple[int, _Year]:
        year = self.named_year()
        if self.schedule.year != year:
            raise self.fail(
                f"year is {self.schedule.year} but the file name says {year}", ("year",)
            )
        rest_days = frozenset(
            day for first, last in self.rest_ranges(year) for day in _days(first, last)
        )
        return year, _Year(rest_days, frozenset(self.work_days(year, rest_days)))

    def named_year(self) -> int:
        # A 2027.yml or 2027-holidays.yaml that were skipped would leave the year to the package
        # (or to nobody) while its author believes it is in force.
        if not _OVERRIDE_FILE_NAME.fullmatch(self.path.name):
            raise self.fail("an override file must be named <year>.yaml, for example 2027.yaml")
        year = int(self.path.stem)
        if year < 1:
            raise self.fail("there is no year 0; name the file after a real year")
        return year

    def rest_ranges(self, year: int) -> Iterator[tuple[date, date]]:
        for number, period in enumerate(self.schedule.rest_days, start=1):
            where = f"rest_days entry {number} ({period.name})"
            loc: tuple[str | int, ...] = ("rest_days", number - 1)
            first = self.in_year(period.from_, year, f"{where}: from", (*loc, "from"))
            last = self.in_year(period.to, year, f"{where}: to", (*loc, "to"))
            if first > last:
                raise self.fail(f"{where}: from {first} is after to {last}", (*loc, "from"))
            yield first, last

    def work_days(self, year: int, rest_days: frozenset[date]) -> Iterator[date]:
        for number, day in enumerate(self.schedule.work_days, start=1):
            where = f"work_days entry {number}"
            loc = ("work_days", number - 1)
            self.in_year(day, year, where, loc)
            # Monday to Friday already work; a weekday here is almost surely a mistyped date,
            # and a day that is also a rest day contradicts itself. Both would be silent guesses.
            if day.weekday() < 5:
                raise self.fail(
                    f"{where}: {day} is a {day:%A}; work_days lists only the Saturdays and "
                    f"Sundays that become working days",
                    loc,
                )
            if day in rest_days:
                raise self.fail(f"{where}: {day} is also inside a rest_days range", loc)
            yield day

    def in_year(self, day: date, year: int, where: str, loc: tuple[str | int, ...]) -> date:
        # A notice sometimes starts New Year's Day in late December of the year before. Each file
        # holds only its own year's days, so such days go into the previous year's file; ignoring
        # them here would silently lose them.
        if day.year != year:
            raise self.fail(
                f"{where} is {day}, which is not in {year}; "
                f"days of {day.year} belong in {day.year}.yaml",
                loc,
            )
        return day


def _days(first: date, last: date) -> Iterator[date]:
    # By ordinal: a range ending on 9999-12-31 must not step past the last date there is.
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)


def _read_folder(folder: Path) -> list[OverrideFile]:
    # The files are parsed and validated by the loader, as every catalog file is; imported here,
    # on first use, so that a calendar without override files never loads the YAML parser.
    from ._calendar_files import read_folder

    return [OverrideFile(*read) for read in read_folder(folder)]


def _require_date(value: object, name: str = "day") -> None:
    # A datetime is a date to Python, but it never equals the date it falls on, so it would be
    # silently misjudged; and its calendar day depends on a time zone only the caller knows.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")


class WorkdayCalendar:
    """The official working days: ``chinesecalendar``'s data, overridden year by year.

    Override files are read when the calendar is made, so a malformed file is reported at once
    (as :class:`CalendarError`) rather than when a deadline happens to reach its year. A folder
    that does not exist holds no overrides. ``files`` gives the override files already read and
    validated (as a catalog's loader reads them) in place of a folder. The calendar is immutable
    afterwards; make a new one to see changed files.
    """

    def __init__(
        self, overrides_dir: Path | None = None, *, files: Sequence[OverrideFile] | None = None
    ) -> None:
        self._overrides_dir = None if overrides_dir is None else Path(overrides_dir)
        if files is None:
            files = [] if self._overrides_dir is None else _read_folder(self._overrides_dir)
        self._years: dict[int, _Year] = {**_package_years(), **_override_years(files)}
        self._files = tuple(files)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(overrides_dir={self._overrides_dir!r})"

    @property
    def overrides_dir(self) -> Path | None:
        """The folder of ``<year>.yaml`` override files, or None for the package's data alone."""
        return self._overrides_dir

    @property
    def override_files(self) -> tuple[OverrideFile, ...]:
        """The override files the calendar was made of, as read."""
        return self._files

    def covered_years(self) -> frozenset[int]:
        """Every year the calendar can answer for (package data or an override file)."""
        return frozenset(self._years)

    def _year(self, year: int) -> _Year:
        try:
            return self._years[year]
        except KeyError:
            folder = self._overrides_dir or _SUGGESTED_OVERRIDES_DIR
            raise UnknownYearError(year, folder / f"{year}.yaml") from None

    def is_working_day(self, day: date) -> bool:
        """Whether offices work on ``day``; UnknownYearError if its year is not covered."""
        _require_date(day)
        return self._year(day.year).is_working_day(day)

    def next_working_day(self, day: date, n: int = 1) -> date:
        """The ``n``-th working day strictly after ``day`` (``day`` itself never counts).

        This is the publication deadline of a change made on ``day`` with ``n`` working days
        allowed: a change on Wednesday 2026-09-30 is due 2026-10-08, after the National Day
        holiday. Only the days after ``day`` are consulted, so ``day``'s own year need not be
        covered, but every day up to the answer must be.
        """
        _require_date(day)
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        for _ in range(n):
            day = self._day_after(day)
            while not self.is_working_day(day):
                day = self._day_after(day)
        return day

    def _day_after(self, day: date) -> date:
        if day == date.max:
            # Year 10000 is no more covered than any other missing year: say so, as for them.
            self._year(day.year + 1)
        return day + _ONE_DAY

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days ``d`` with ``start < d <= end``; 0 if ``end <= start``.

        The half-open interval makes this the inverse of :meth:`next_working_day`:
        ``working_days_between(d, next_working_day(d, n)) == n``.
        """
        _require_date(start, "start")
        _require_date(end, "end")
        if end <= start:
            return 0
        return sum(self.is_working_day(day) for day in _days(start + _ONE_DAY, end))

    def last_covered_day(self) -> date:
        """31 December of the last year covered without a gap.

        The run starts at the package's last year (its data has no gaps) and goes on through
        consecutive override years; an override for a later year beyond a missing one does not
        count, since a deadline cannot get past the missing year to reach it.
        """
        package_years = _package_years()
        if package_years:
            year = max(package_years)
        elif self._years:
            year = min(self._years)
        else:  # pragma: no cover - only with a chinesecalendar release that holds no data
            raise CalendarError("the working-day calendar covers no year at all")
        while year + 1 in self._years:
            year += 1
        return date(year, 12, 31)

    def runs_out_within(self, today: date, days: int = 45) -> date | None:
        """:meth:`last_covered_day` if ``today + days`` lies beyond it, else None.

        For the warning that the next year's schedule must be added before deadlines reach it.
        """
        _require_date(today, "today")
        if days < 0:
            raise ValueError(f"days must not be negative, not {days}")
        last = self.last_covered_day()
        return last if (last - today).days < days else None


@functools.cache
def _default_calendar() -> WorkdayCalendar:
    return WorkdayCalendar()


def is_working_day(day: date, *, calendar: WorkdayCalendar | None = None) -> bool:
    """:meth:`WorkdayCalendar.is_working_day` of ``calendar`` (default: package data only)."""
    return (_default_calendar() if calendar is None else calendar).is_working_day(day)


def next_working_day(day: date, n: int = 1, *, calendar: WorkdayCalendar | None = None) -> date:
    """:meth:`WorkdayCalendar.next_working_day` of ``calendar`` (default: package data only)."""
    return (_default_calendar() if calendar is None else calendar).next_working_day(day, n)


def working_days_between(start: date, end: date, *, calendar: WorkdayCalendar | None = None) -> int:
    """:meth:`WorkdayCalendar.working_days_between` of ``calendar`` (default: package data only)."""
    return (_default_calendar() if calendar is None else calendar).working_days_between(start, end)
