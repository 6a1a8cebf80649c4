"""When a time limit ends, and the worst case of one limit against another over the calendar.

A limit is counted from the day an application is received (or a case opened), which itself never
counts — as for publication deadlines (:meth:`WorkdayCalendar.next_working_day`):

* ``N 工作日`` ends on the N-th official working day after the start;
* ``N 自然日`` ends N days after the start;
* ``N 月`` ends on the same day of the month N months later, or on that month's last day where it
  is shorter (31 January + 1 月 = 28 or 29 February).

A committed limit in working days and a legal limit in natural days or months cannot be compared
as numbers: 60 working days from Friday 2026-01-30 run over the Spring Festival to 2026-05-06,
96 natural days. :func:`worst_case` therefore tries every start day the working-day calendar
covers and finds the one where the committed limit overruns the legal one most. The calendar's
working days are turned into arrays once per calendar (:class:`_Table`), so each start day costs a
few list look-ups, and each pair of limits is judged once per calendar. The commonest pair,
working days against natural days, judges one start day per working day (the earliest of those
that end alike), by subtracting two slices of the array.
"""

from __future__ import annotations

import calendar as month_calendar
import itertools
import operator
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import UnknownYearError
from .model import DayUnit, Duration, LegalDuration, StagedLimit, StageSequence
from .workdays import WorkdayCalendar

__all__ = ["Overrun", "add_months", "limit_end", "worst_case"]


@dataclass(frozen=True, slots=True)
class Overrun:
    """The start day on which a committed limit overruns a legal one the most."""

    start: date
    committed_end: date
    """The day the committed limit ends when counted from ``start``."""
    legal_end: date
    """The day the legal limit ends when counted from ``start``."""

    @property
    def committed_days(self) -> int:
        """Natural days from ``start`` to the end of the committed limit."""
        return (self.committed_end - self.start).days

    @property
    def excess_days(self) -> int:
        """By how many natural days the committed limit ends after the legal one."""
        return (self.committed_end - self.legal_end).days


_LAST_ORDINAL = date.max.toordinal()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` months later; the month's last day where it has no such day.

    Raises :class:`~servicecatalog.errors.UnknownYearError` past the year 9999, as for any year
    no calendar covers."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= date.max.year:
        raise UnknownYearError(year, Path(f"calendar/{year}.yaml"))
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def limit_end(start: date, limit: Duration, calendar: WorkdayCalendar) -> date:
    """The day ``limit`` ends when counted from ``start`` (0 days: the day itself).

    Raises :class:`~servicecatalog.errors.UnknownYearError` when the end lies in a year the
    calendar does not cover (for natural days and months: past the year 9999)."""
    if limit.days == 0:
        return start
    if limit.unit is DayUnit.WORKING:
        return calendar.next_working_day(start, limit.days)
    if limit.unit is DayUnit.MONTH:
        return add_months(start, limit.days)
    end = start.toordinal() + limit.days
    if end > _LAST_ORDINAL:
        raise UnknownYearError(date.max.year + 1, Path(f"calendar/{date.max.year + 1}.yaml"))
    return date.fromordinal(end)


LegalPeriods = tuple[Duration, ...]
"""A legal limit as the periods that follow one another for one application."""

_Worst = tuple[int, int, int, int]
"""The largest overrun found, its start day, the committed end, the legal end (ordinals)."""


def legal_periods(legal: LegalDuration | StagedLimit) -> tuple[LegalPeriods, ...]:
    """The ways one application can be held to ``legal``: one chain of periods for a duration or
    stages passed in turn (依次), one single period per stage decided on its own (分别) or per
    kind of case (按情形)."""
    if isinstance(legal, StagedLimit):
        if legal.sequence is StageSequence.CONSECUTIVE:
            return (tuple(_period(stage) for stage in legal.stages),)
        return tuple((_period(stage),) for stage in legal.stages)
    return ((_period(legal),),)


def _period(limit: Duration) -> Duration:
    # Only the count and the unit matter here; bases and extensions compare equal when stripped,
    # so equal limits share one cached verdict.
    return Duration(days=limit.days, unit=limit.unit)


def worst_case(
    committed: Duration, legal: LegalPeriods, calendar: WorkdayCalendar
) -> Overrun | None:
    """The start day on which ``committed`` ends furthest after the chain ``legal``, or None when
    it never does from any start day in the years ``calendar`` covers.

    Among start days with the same overrun the latest is named: it is the one a reader can
    check against this year's holiday notice.
    """
    table = _table(calendar)
    key = (committed, legal)
    with table.lock:
        if key not in table.verdicts:
            table.verdicts[key] = table.worst_case(committed, legal)
        return table.verdicts[key]


class _Table:
    """One calendar's working days as arrays, for counting limits from every start day at once.

    The covered years fall into runs without gaps; within a run, ``working[r]`` holds the ordinals
    of its working days in order and ``after[r][i]`` the index in ``working[r]`` of the first
    working day after the run's ``i``-th day.
    """

    def __init__(self, calendar: WorkdayCalendar) -> None:
        self.runs: list[tuple[int, int]] = []
        self.working: list[list[int]] = []
        self.after: list[list[int]] = []
        self.verdicts: dict[tuple[Duration, LegalPeriods], Overrun | None] = {}
        self.months: dict[tuple[int, int], list[int | None]] = {}
        self.lock = threading.Lock()
        for first_year, last_year in _runs(sorted(calendar.covered_years())):
            first = date(first_year, 1, 1).toordinal()
            last = date(last_year, 12, 31).toordinal()
            days = range(first, last + 1)
            is_working = [calendar.is_working_day(date.fromordinal(day)) for day in days]
            self.runs.append((first, last))
            self.working.append(list(itertools.compress(days, is_working)))
            # The working days up to each day, that day included: the index of the next one.
            self.after.append(list(itertools.accumulate(is_working, initial=0))[1:])

    def worst_case(self, committed: Duration, legal: LegalPeriods) -> Overrun | None:
        if committed.days == 0:
            return None  # ends on its start day, which no legal limit ends before
        natural = sum(period.days for period in legal)
        if (
            committed.unit is DayUnit.WORKING
            and committed.days > 0
            and all(period.unit is DayUnit.NATURAL for period in legal)
            and self.runs[-1][1] + natural <= _LAST_ORDINAL
        ):
            worst = self.working_against_natural(committed.days, natural)
        else:
            worst = self.every_start_day(committed, legal)
        if worst is None:
            return None
        _, start, committed_end, legal_end = worst
        return Overrun(
            date.fromordinal(start), date.fromordinal(committed_end), date.fromordinal(legal_end)
        )

    def working_against_natural(self, days: int, natural: int) -> _Worst | None:
        """:meth:`every_start_day` for ``days`` working days (at least one) against ``natural``
        natural days, the commonest pair, a start day per run of days ending alike.

        The start days between one working day (included) and the next (excluded) all end
        ``days`` working days later on the same day, and the earliest of them overruns the
        natural days most: only that day is judged, by subtracting two slices of the working
        days. The latest start day with the largest overrun is the same as day by day.
        """
        worst: _Worst | None = None
        for run, (first, _) in enumerate(self.runs):
            working = self.working[run]
            found = len(working) - days + 1  # the days before the found-th end inside the run
            if found <= 0:
                continue
            # Start ``first`` (a rest day, or a working day judged again below) ends with the
            # run's days-th working day; start ``working[j]`` with working day j + days.
            starts = [first, *working[: found - 1]]
            ends = working[days - 1 : found + days - 1]
            spans = list(map(operator.sub, ends, starts))
            longest = max(spans)
            excess = longest - natural
            if excess > 0 and (worst is None or excess >= worst[0]):
                latest = len(spans) - 1 - spans[::-1].index(longest)
                start = starts[latest]
                worst = (excess, start, ends[latest], start + natural)
        return worst

    def every_start_day(self, committed: Duration, legal: LegalPeriods) -> _Worst | None:
        """The largest overrun of ``committed`` over the chain ``legal`` and the latest start
        day with it, counted from every day of every run: (excess, start, ends) as ordinals."""
        worst: _Worst | None = None
        for run in range(len(self.runs)):
            first, last = self.runs[run]
            starts: list[int | None] = list(range(first, last + 1))
            committed_ends = self.ends(run, starts, committed)
            legal_ends = starts
            for period in legal:
                legal_ends = self.ends(run, legal_ends, period)
            for start, committed_end, legal_end in zip(
                range(first, last + 1), committed_ends, legal_ends, strict=True
            ):
                if committed_end is None or legal_end is None:
                    continue  # counted past the calendar: no day to judge by
                excess = committed_end - legal_end
                if excess > 0 and (worst is None or excess >= worst[0]):
                    worst = (excess, start, committed_end, legal_end)
        return worst

    def ends(self, run: int, starts: list[int | None], limit: Duration) -> list[int | None]:
        """The ordinal on which ``limit`` ends from each ordinal of ``starts``; None past the
        run's end (and where the start is None). A whole run at a time: the unit is looked at
        once, not once a day."""
        days = limit.days
        if days == 0:
            return starts
        if limit.unit is DayUnit.NATURAL:
            return [
                None if start is None or start + days > _LAST_ORDINAL else start + days
                for start in starts
            ]
        if limit.unit is DayUnit.MONTH:
            first, last = self.runs[run]
            ends = self.month_ends(run, days)
            return [
                None
                if start is None
                else ends[start - first]
                if first <= start <= last
                else _month_end(start, days)
                for start in starts
            ]
        first, last = self.runs[run]
        after, working = self.after[run], self.working[run]
        found = len(working) - days + 1  # an ``after`` index below this has its end in the run
        return [
            None
            if start is None or start > last or after[start - first] >= found
            else working[after[start - first] + days - 1]
            for start in starts
        ]

    def month_ends(self, run: int, months: int) -> list[int | None]:
        """The ordinal ``months`` months after each day of the run; None past the year 9999."""
        ends = self.months.get((run, months))
        if ends is None:
            first, last = self.runs[run]
            years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
            ends = self.months[(run, months)] = _month_ends(years, months)
        return ends


def _month_end(start: int, months: int) -> int | None:
    try:
        return add_months(date.fromordinal(start), months).toordinal()
    except UnknownYearError:
        return None


def _month_ends(years: range, months: int) -> list[int | None]:
    """:func:`_month_end` of every day of ``years``, a month at a time: the days of a month end
    on the same days of the month ``months`` later, then on its last day where it is shorter."""
    ends: list[int | None] = []
    for year in years:
        for month in range(1, 13):
            length = month_calendar.monthrange(year, month)[1]
            index = month - 1 + months
            to_year, to_month = year + index // 12, index % 12 + 1
            if not 1 <= to_year <= date.max.year:
                ends.extend([None] * length)
                continue
            to_first = date(to_year, to_month, 1).toordinal()
            to_length = month_calendar.monthrange(to_year, to_month)[1]
            ends.extend(range(to_first, to_first + min(length, to_length)))
            ends.extend([to_first + to_length - 1] * (length - to_length))
    return ends


def _runs(years: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive years grouped: [2004 … 2026, 2028] → [(2004, 2026), (2028, 2028)]."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


_TABLES: weakref.WeakKeyDictionary[WorkdayCalendar, _Table] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def _table(calendar: WorkdayCalendar) -> _Table:
    """The calendar's table, built on first use; a calendar is immutable, so it never goes stale."""
    with _TABLES_LOCK:
        table = _TABLES.get(calendar)
        if table is None:
            table = _TABLES[calendar] = _Table(calendar)
        return table
