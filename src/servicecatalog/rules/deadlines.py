"""Publication: changes are published within N official working days
(docs/architecture.md#publication)."""

from __future__ import annotations

from collections.abc import Iterator

from .._ruledefs.publication import (
    CALENDAR_YEAR_UNKNOWN,
    CHANGE_WITHOUT_REVISION,
    PUBLICATION_LATE,
    PUBLICATION_OVERDUE,
)
from ..findings import Severity
from ..publication import item_deadline, status_message
from ._base import Context, Rule, Violation, catalog_check, catalog_rule, emitted_rule
from .revision import revised


def _deadline_violations(context: Context, wanted: Rule) -> Iterator[Violation]:
    if context.calendar is None:
        return
    working_days = context.manifest.publication.working_days if context.manifest else 1
    for entry in revised(context):
        deadline = item_deadline(
            entry.item or "", entry.revision, context.calendar, working_days, context.today
        )
        message = status_message(deadline)
        if message is not None and message[0] is wanted:
            _, loc, zh, en = message
            yield Violation(loc, zh, en, document=entry.document(), item=entry.item)


@catalog_check(PUBLICATION_LATE)
def publication_late(context: Context) -> Iterator[Violation]:
    yield from _deadline_violations(context, PUBLICATION_LATE)


@catalog_check(PUBLICATION_OVERDUE)
def publication_overdue(context: Context) -> Iterator[Violation]:
    yield from _deadline_violations(context, PUBLICATION_OVERDUE)


@catalog_check(CALENDAR_YEAR_UNKNOWN)
def calendar_year_unknown(context: Context) -> Iterator[Violation]:
    yield from _deadline_violations(context, CALENDAR_YEAR_UNKNOWN)


@catalog_rule("calendar-runs-out", Severity.INFO, "工作日历即将用尽", "the calendar runs out soon")
def calendar_runs_out(context: Context) -> Iterator[Violation]:
    """The working-day calendar ends within 45 days of today.

    Every December there is a gap between the State Council's notice for the next year and a
    chinesecalendar release that carries it; add ``catalog/calendar/<year>.yaml`` once the notice
    is out so deadlines in January can be computed.

    中文
    ----
    工作日历将在今天起 45 天内用尽。

    每年 12 月，国务院公布下一年节假日安排之后，到 chinesecalendar 发布包含该年的新版本之前，总有一
    段空档；通知一公布就添加 ``catalog/calendar/<年份>.yaml``，一月份的期限才能算出来。
    """
    if context.calendar is None or context.manifest_document is None:
        return
    end = context.calendar.runs_out_within(context.today)
    if end is not None:
        next_year = end.year + 1
        yield Violation(
            (),
            f"工作日历只覆盖到 {end}；国务院公布 {next_year} 年节假日安排后，请添加 "
            f"calendar/{next_year}.yaml",
            f"the working-day calendar ends on {end}; once the State Council publishes the "
            f"{next_year} schedule, add calendar/{next_year}.yaml",
            document=context.manifest_document,
        )


CALENDAR_INVALID = emitted_rule(
    __name__,
    "calendar-invalid",
    Severity.ERROR,
    "工作日历文件有误",
    "a calendar file is invalid",
    """A ``calendar/<year>.yaml`` override cannot be used (bad YAML, a date outside its year,
    a working weekend inside a rest period…). The package's data is used without overrides.

    中文
    ----
    某个 ``calendar/<年份>.yaml`` 覆盖文件无法使用（YAML 有误、日期不在该年、调休上班日落在休息日期
    间之内……）。此时只使用软件包自带的数据，不使用覆盖文件。
    """,
)


DIFF_ITEM_NOT_COMPARED = emitted_rule(
    __name__,
    "diff-item-not-compared",
    Severity.ERROR,
    "事项文件无效，未参与比较",
    "an item file did not validate and was not compared",
    """An item file on one side of ``servicecatalog diff`` does not validate (it is empty,
    unreadable or broken), so its changes cannot be compared. Reported by ``servicecatalog diff``.

    Without this finding an item whose file was emptied would simply drop out of the comparison
    and the diff would report no change at all; the finding names the file and why it failed.

    中文
    ----
    ``servicecatalog diff`` 比较的某一侧有事项文件未通过校验（为空、无法读取或内容有误），无法比较它
    的变化。由 ``servicecatalog diff`` 报告。

    没有这条问题，被清空的事项文件会直接退出比较，变更比较会显示没有任何变化；这条问题会指出该文件及
    其失败原因。
    """,
)


RULES: tuple[Rule, ...] = (
    publication_late,
    publication_overdue,
    calendar_year_unknown,
    calendar_runs_out,
    CALENDAR_INVALID,
    CHANGE_WITHOUT_REVISION,
    DIFF_ITEM_NOT_COMPARED,
)
