"""Publication: the rules of publishing a change within N official working days that
``publication`` (the diff's check of revisions and deadlines) detects below the rules layer; the
family module ``rules/deadlines.py`` registers them, in its ``RULES``, with its catalog
checks."""

from __future__ import annotations

from .._rule import emitted_rule
from ..findings import Severity

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
