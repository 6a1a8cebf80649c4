"""Publication: changes are published within N official working days
(docs/architecture.md#publication).

``publication`` tells each change's deadline and status; this family decides which rule a status
breaks and makes its finding, both for ``validate`` (the catalog checks) and for ``servicecatalog
diff`` (:func:`check_publication`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..diff import Changes
from ..findings import Finding, Severity
from ..loader import LoadedDocument, Loc
from ..model import Revision
from ..publication import (
    ItemDeadline,
    PublicationStatus,
    PublishedChange,
    PublishedVersion,
    item_deadline,
    publication_deadlines,
)
from ..workdays import WorkdayCalendar
from ._base import Context, Rule, Violation, catalog_check, catalog_rule, emitted_rule
from .revision import revised

PUBLICATION_LATE = emitted_rule(
    __name__,
    "publication-late",
    Severity.ERROR,
    "变更未按期公开",
    "a change was published late",
    """The last change of an item or an implementation list was published after its deadline.

    The deadline is the N-th official working day strictly after ``revision.changed_on``
    (N = ``publication.working_days`` of catalog.yaml, 1 here), counting the State Council's
    holidays and adjusted working weekends: a change on Friday 2026-11-27 is due Monday
    2026-11-30, one on 2026-09-30 is due 2026-10-08.

    中文
    ----
    最近一次变更在期限之后才公开。

    期限是 ``revision.changed_on`` 之后（不含当天）的第 N 个法定工作日（N 为 catalog.yaml 中的
    ``publication.working_days``，本目录为 1），按国务院公布的节假日和调休上班日计算：2026-11-27（星
    期五）的变更应于 2026-11-30（星期一）前公开，2026-09-30 的变更应于 2026-10-08 前公开。
    """,
    scope="catalog",
)


PUBLICATION_OVERDUE = emitted_rule(
    __name__,
    "publication-overdue",
    Severity.ERROR,
    "变更逾期未公开",
    "a change is overdue",
    """The last change of an item or an implementation list is not published (``published_on:
    null``) and its deadline has passed.

    Compared with ``--today`` (default: the real date). A pending change within its deadline is
    not a finding.

    中文
    ----
    最近一次变更尚未公开（``published_on: null``），且已过公开期限。

    与 ``--today``（默认为当天）比较。仍在期限内的待公开变更不算问题。
    """,
    scope="catalog",
)


CALENDAR_YEAR_UNKNOWN = emitted_rule(
    __name__,
    "calendar-year-unknown",
    Severity.ERROR,
    "工作日历缺少年份",
    "the calendar lacks a year",
    """A deadline falls in a year that neither ``chinesecalendar`` nor an override file covers.

    The tool never guesses working days. Add ``catalog/calendar/<year>.yaml`` with the State
    Council's schedule for that year (see catalog/calendar/README.md), or update chinesecalendar.

    中文
    ----
    某个期限落在 ``chinesecalendar`` 和工作日历覆盖文件都没有覆盖的年份。

    本工具从不猜测工作日。请按国务院公布的该年节假日安排添加 ``catalog/calendar/<年份>.yaml``（见
    catalog/calendar/README.md），或升级 chinesecalendar。
    """,
    scope="catalog",
)


CHANGE_WITHOUT_REVISION = emitted_rule(
    __name__,
    "change-without-revision",
    Severity.ERROR,
    "变更未更新修订信息",
    "changed without a revision",
    """Something a guide publishes changed — an item's eight elements, conditions, visits, its
    national guide elements (audience, result, FAQ …) or basic facts, or an implementation list's
    agency, address, hours, phones, online address, or the items it implements — but the
    revision did not move: ``revision.version`` did not increase or ``revision.changed_on`` is
    not later (an implementation list without any ``revision`` counts as not moved). Reported by
    ``servicecatalog diff``, located at the revision of the item or list; its status is
    ``unrevised`` and no deadline is given.

    The revision is what starts the publication clock; a change without one would never be
    published on time because nobody would know it happened.

    中文
    ----
    办事指南公开的内容变了——事项的八统一要素、受理条件、到现场次数、国家办事指南要素（服务对象、办理
    结果、常见问题……）或基本信息，或者实施清单的实施主体、地点、时间、电话、网上办理地址、所办事项
    ——但修订信息没有更新：``revision.version`` 没有增加，或 ``revision.changed_on`` 没有推后（实施清
    单没有 ``revision`` 的，视为未更新）。由 ``servicecatalog diff`` 报告，定位到事项或清单的修订信息；
    其状态为“未更新修订信息”，不给出公开期限。

    修订信息是公开期限的起算点；不更新修订信息的变更，没人知道它发生了，也就永远不可能按期公开。
    """,
)


def _status_problem(deadline: ItemDeadline) -> tuple[Rule, Loc, str, str] | None:
    """The rule a deadline's status breaks, with the location and messages of its finding."""
    if deadline.status is PublicationStatus.LATE:
        return (
            PUBLICATION_LATE,
            ("revision", "published_on"),
            f"{deadline.changed_on} 的变更最迟于 {deadline.deadline}（含当日）公开，实际公开于 "
            f"{deadline.published_on}",
            f"the change of {deadline.changed_on} was to be published by {deadline.deadline} "
            f"(inclusive) but was published on {deadline.published_on}",
        )
    if deadline.status is PublicationStatus.OVERDUE:
        return (
            PUBLICATION_OVERDUE,
            ("revision", "changed_on"),
            f"{deadline.changed_on} 的变更最迟于 {deadline.deadline}（含当日）公开，至今未公开",
            f"the change of {deadline.changed_on} was to be published by {deadline.deadline} "
            "(inclusive) and is not published yet",
        )
    if deadline.status is PublicationStatus.UNKNOWN:
        return (
            CALENDAR_YEAR_UNKNOWN,
            ("revision", "changed_on"),
            f"无法计算公开期限：{deadline.problem}",
            f"cannot compute the publication deadline: {deadline.problem}",
        )
    return None


def _deadline_violations(context: Context, wanted: Rule) -> Iterator[Violation]:
    if context.calendar is None:
        return
    working_days = context.manifest.publication.working_days if context.manifest else 1
    for entry in revised(context):
        deadline = item_deadline(
            entry.item or "", entry.revision, context.calendar, working_days, context.today
        )
        problem = _status_problem(deadline)
        if problem is not None and problem[0] is wanted:
            _, loc, zh, en = problem
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


# ---- the diff's findings --------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationCheck:
    """The deadlines of what changed between two versions, and the rules' findings."""

    items: dict[str, ItemDeadline]
    """Changed items by code."""
    lists: dict[str, ItemDeadline]
    """Changed implementation lists by region (``ItemDeadline.item`` holds the region)."""
    findings: list[Finding]


def check_publication(
    old: PublishedVersion,
    new: PublishedVersion,
    changes: Changes,
    calendar: WorkdayCalendar,
    today: date,
) -> PublicationCheck:
    """Deadlines of the items and implementation lists whose published content changed, and the
    rules' findings.

    ``change-without-revision``: published content changed but the revision did not move (the
    version did not increase, or ``changed_on`` is not later than before; for a list, also a
    list without a revision): its status is ``unrevised`` and no deadline is given.
    ``publication-late`` and ``publication-overdue`` for the others, as ``validate`` reports
    them for every item.
    """
    deadlines = publication_deadlines(old, new, changes, calendar, today)
    findings = [
        finding for change in deadlines.changes for finding in _change_findings(new, change)
    ]
    return PublicationCheck(deadlines.items, deadlines.lists, findings)


def _change_findings(new: PublishedVersion, change: PublishedChange) -> list[Finding]:
    deadline, region = change.deadline, change.region
    if deadline.status is PublicationStatus.UNREVISED:
        if region is None:
            return [_item_without_revision(new, deadline.item, change.before)]
        return [_list_without_revision(new, region, change.before, change.after)]
    if region is None:
        return _status_findings(new.document(deadline.item), deadline, deadline.item)
    document = new.implementation_document(region)
    return _status_findings(document, deadline, None, new.implementation_file(region))


def _item_without_revision(catalog: PublishedVersion, code: str, old: Revision | None) -> Finding:
    assert old is not None  # an item on both sides has a revision on both
    document = catalog.document(code)
    position = document.position(("revision", "version"))
    return CHANGE_WITHOUT_REVISION.finding(
        (
            f"事项内容已变更，但修订信息未更新：version 应大于 {old.version}，"
            f"changed_on 应晚于 {old.changed_on}"
        ),
        (
            f"the item changed but its revision did not: version must exceed "
            f"{old.version} and changed_on must be later than {old.changed_on}"
        ),
        file=document.file,
        line=position.line,
        column=position.column,
        item=code,
        path="revision",
    )


def _list_without_revision(
    catalog: PublishedVersion, region: str, old: Revision | None, new: Revision | None
) -> Finding:
    if new is None:
        zh = "实施清单内容已变更，但清单没有修订信息 revision：请写明 version、changed_on、published_on"
        en = "the implementation list changed but has no revision: add version, changed_on "
        en += "and published_on"
        loc: Loc = ("region",)
    else:
        assert old is not None  # a list that gained its revision has moved
        zh = (
            f"实施清单内容已变更，但修订信息未更新：version 应大于 {old.version}，"
            f"changed_on 应晚于 {old.changed_on}"
        )
        en = (
            f"the implementation list changed but its revision did not: version must exceed "
            f"{old.version} and changed_on must be later than {old.changed_on}"
        )
        loc = ("revision", "version")
    document = catalog.implementation_document(region)
    position = document.position(loc) if document else None
    return CHANGE_WITHOUT_REVISION.finding(
        zh,
        en,
        file=catalog.implementation_file(region),
        line=position.line if position else None,
        column=position.column if position else None,
        path="revision" if new is not None else "region",
    )


def _status_findings(
    document: LoadedDocument | None,
    deadline: ItemDeadline,
    item: str | None,
    file: str | None = None,
) -> list[Finding]:
    problem = _status_problem(deadline)
    if problem is None:
        return []
    rule, loc, zh, en = problem
    position = document.position(loc) if document else None
    return [
        rule.finding(
            zh,
            en,
            file=file if file is not None else (document.file if document else None),
            line=position.line if position else None,
            column=position.column if position else None,
            item=item,
            path=".".join(str(step) for step in loc),
        )
    ]
