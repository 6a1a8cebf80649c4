"""Publication: changes are published within N official working days (DESIGN §9)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..model import Item
from ..publication import item_deadline, status_message
from ._base import Context, Rule, Violation, catalog_rule, emitted_rule, item_rule


def _deadline_violations(item: Item, context: Context, wanted: str) -> Iterator[Violation]:
    if context.calendar is None:
        return
    working_days = context.manifest.publication.working_days if context.manifest else 1
    deadline = item_deadline(
        item.code, item.revision, context.calendar, working_days, context.today
    )
    message = status_message(deadline)
    if message is not None and message[0] == wanted:
        _, loc, zh, en = message
        yield Violation(loc, zh, en)


@item_rule("publication-late", Severity.ERROR, "变更未按期公开", "a change was published late")
def publication_late(item: Item, context: Context) -> Iterator[Violation]:
    """The last change was published after its deadline.

    The deadline is the N-th official working day strictly after ``revision.changed_on``
    (N = ``publication.working_days`` of catalog.yaml, 1 here), counting the State Council's
    holidays and adjusted working weekends: a change on Friday 2026-11-27 is due Monday
    2026-11-30, one on 2026-09-30 is due 2026-10-08.
    """
    yield from _deadline_violations(item, context, "publication-late")


@item_rule("publication-overdue", Severity.ERROR, "变更逾期未公开", "a change is overdue")
def publication_overdue(item: Item, context: Context) -> Iterator[Violation]:
    """The last change is not published (``published_on: null``) and its deadline has passed.

    Compared with ``--today`` (default: the real date). A pending change within its deadline is
    not a finding.
    """
    yield from _deadline_violations(item, context, "publication-overdue")


@item_rule("calendar-year-unknown", Severity.ERROR, "工作日历缺少年份", "the calendar lacks a year")
def calendar_year_unknown(item: Item, context: Context) -> Iterator[Violation]:
    """A deadline falls in a year that neither ``chinesecalendar`` nor an override file covers.

    The tool never guesses working days. Add ``catalog/calendar/<year>.yaml`` with the State
    Council's schedule for that year (see catalog/calendar/README.md), or update chinesecalendar.
    """
    yield from _deadline_violations(item, context, "calendar-year-unknown")


@catalog_rule("calendar-runs-out", Severity.INFO, "工作日历即将用尽", "the calendar runs out soon")
def calendar_runs_out(context: Context) -> Iterator[Violation]:
    """The working-day calendar ends within 45 days of today.

    Every December there is a gap between the State Council's notice for the next year and a
    chinesecalendar release that carries it; add ``catalog/calendar/<year>.yaml`` once the notice
    is out so deadlines in January can be computed.
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


@emitted_rule("calendar-invalid", Severity.ERROR, "工作日历文件有误", "a calendar file is invalid")
def calendar_invalid() -> None:
    """A ``calendar/<year>.yaml`` override cannot be used (bad YAML, a date outside its year,
    a working weekend inside a rest period…). The package's data is used without overrides."""


@emitted_rule(
    "change-without-revision", Severity.ERROR, "变更未更新修订信息", "changed without a revision"
)
def change_without_revision() -> None:
    """An item's eight elements or conditions changed, but ``revision.version`` did not increase
    or ``revision.changed_on`` did not move. Reported by ``servicecatalog diff``.

    The revision is what starts the publication clock; a change without one would never be
    published on time because nobody would know it happened.
    """


@emitted_rule(
    "diff-item-not-compared",
    Severity.ERROR,
    "事项文件无效，未参与比较",
    "an item file did not validate and was not compared",
)
def diff_item_not_compared() -> None:
    """An item file on one side of ``servicecatalog diff`` does not validate (it is empty,
    unreadable or broken), so its changes cannot be compared. Reported by ``servicecatalog diff``.

    Without this finding an item whose file was emptied would simply drop out of the comparison
    and the diff would report no change at all; the finding names the file and why it failed.
    """


RULES: tuple[Rule, ...] = (
    publication_late,
    publication_overdue,
    calendar_year_unknown,
    calendar_runs_out,
    calendar_invalid,
    change_without_revision,
    diff_item_not_compared,
)
