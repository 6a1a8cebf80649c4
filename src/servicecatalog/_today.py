"""What day it is, where the catalog's deadlines are counted.

Deadlines are official working days in China, so "today" is the date in China Standard Time
(``Asia/Shanghai``), not the machine's: a CI runner on UTC is eight hours behind Beijing, and at
07:30 in Beijing it would still call the day before today. ``catalog.yaml`` may name another IANA
zone (``timezone``); ``--today`` overrides both.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["DEFAULT_TIME_ZONE", "today_in"]

DEFAULT_TIME_ZONE = "Asia/Shanghai"


def today_in(zone: str | None = None) -> date:
    """Today's date in ``zone`` (default China Standard Time)."""
    return datetime.now(ZoneInfo(zone or DEFAULT_TIME_ZONE)).date()
