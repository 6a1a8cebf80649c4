"""``calendar/<year>.yaml``: one year's holiday schedule, as the State Council's notice
(国务院办公厅关于部分节假日安排的通知) sets it (docs/format.md#calendaryearyaml).

The model holds the file's shape; what makes a schedule consistent (the year its file names,
every date within it, working days only on weekends and outside the rest periods) is checked
where the calendar is made of it (:mod:`servicecatalog.workdays`), as ``calendar-invalid``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ._values import Day, FromText, Text, _Frozen, _to_int


class RestPeriod(_Frozen):
    """A block of days off: a holiday with the weekend days around it, both ends included."""

    name: Text
    """The holiday's name, as the notice writes it (国庆节)."""
    from_: Day = Field(alias="from")
    """The first day off."""
    to: Day
    """The last day off."""


class HolidaySchedule(_Frozen):
    """``calendar/<year>.yaml``: the year's rest periods and adjusted working weekends, which
    replace the ``chinesecalendar`` package's data for that year."""

    year: Annotated[int, Field(ge=1, le=9999), FromText(_to_int)]
    """The year of the notice; the file is named after it (``2027.yaml``)."""
    rest_days: tuple[RestPeriod, ...]
    """Every block of days off, weekends included ([] for none)."""
    work_days: tuple[Day, ...]
    """The Saturdays and Sundays that become working days (调休上班; [] for none)."""
