"""Time limits: element 7, 办理时限, and element 6's day counts that must fit in it."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..limits import legal_periods, worst_case
from ..loader import Loc
from ..model import (
    DayUnit,
    DeadlineLimit,
    Duration,
    Item,
    LegalDuration,
    LegalReference,
    StagedLimit,
    StageSequence,
)
from ._base import Context, Rule, Violation, item_rule


def _shown(limit: Duration) -> tuple[str, str]:
    """``20 个工作日`` / ``20 工作日``: a limit in a Chinese and an English message."""
    unit = limit.unit.value
    return f"{limit.days} 个{unit}", f"{limit.days} {unit}"


def _compared(item: Item) -> Iterator[tuple[str, tuple[Duration, ...]]]:
    """Each legal limit one application is held to, what to call it (a stage's name, or nothing
    for the whole limit) and its periods in order: the limit itself, each stage decided on its
    own (分别), or the chain of stages passed in turn (依次)."""
    legal = item.time_limit.legal
    if legal is None or isinstance(legal, DeadlineLimit):
        return
    chains = legal_periods(legal)
    if isinstance(legal, StagedLimit) and legal.sequence is not StageSequence.CONSECUTIVE:
        for stage, chain in zip(legal.stages, chains, strict=True):
            yield stage.name, chain
    else:
        yield "", chains[0]


def _legal_shown(name: str, chain: tuple[Duration, ...]) -> tuple[str, str]:
    zh = "＋".join(_shown(period)[0] for period in chain)
    en = " + ".join(_shown(period)[1] for period in chain)
    if name:
        return f"“{name}”阶段的法定时限 {zh}", f"the legal limit of the stage '{name}', {en}"
    return f"法定时限 {zh}", f"the legal limit of {en}"


@item_rule("committed-exceeds-legal", Severity.ERROR, "承诺时限超过法定时限", "committed > legal")
def committed_exceeds_legal(item: Item, context: Context) -> Iterator[Violation]:
    """The committed limit (承诺办结时限) is within the legal limit (法定办结时限), where both
    count in the same unit: the day (or month) counts are compared as numbers.

    A limit set stage by stage is checked against each stage decided on its own (分别) and
    against each kind of case the statute gives its own limit (按情形), or against the stages'
    sum where one application passes them in turn (依次). Limits in
    different units are judged over the working-day calendar by
    ``time-limit-committed-exceeds-legal``; a deadline before an event
    (``before: 行政许可有效期届满``) is no number to compare with.

    中文
    ----
    承诺办结时限不超过法定办结时限（两者计量单位相同时，按天数或月数直接比较）。

    分阶段设定的法定时限：各阶段分别申请、分别决定的（分别）和按情形分别规定时限的（按情形），承诺时限与
    每个阶段或者每种情形分别比较；一次申请依次经过各阶段的（依次），与各阶段之和比较。单位不同的时限由
    ``time-limit-committed-exceeds-legal`` 按工作日历判断；在某一事件之前作出决定的期限（
    ``before: 行政许可有效期届满``）不是可以比较的天数。
    """
    committed = item.time_limit.committed
    for name, chain in _compared(item):
        if any(period.unit is not committed.unit for period in chain):
            continue
        legal_days = sum(period.days for period in chain)
        if committed.days > legal_days:
            legal_zh, legal_en = _legal_shown(name, chain)
            committed_zh, committed_en = _shown(committed)
            yield Violation(
                ("time_limit", "committed", "days"),
                f"承诺时限 {committed_zh} 超过{legal_zh}",
                f"the committed limit of {committed_en} exceeds {legal_en}",
            )


@item_rule(
    "time-limit-committed-exceeds-legal",
    Severity.ERROR,
    "按工作日历，承诺时限可能超过法定时限",
    "committed > legal on some start day",
)
def time_limit_committed_exceeds_legal(item: Item, context: Context) -> Iterator[Violation]:
    """Where the committed and the legal limit count in different units (工作日 against 自然日 or
    月), the committed limit ends no later than the legal one from **every** start day.

    A working day is longer than a natural day only on average: 60 working days from Friday
    2026-01-30 run over the Spring Festival to 2026-05-06, 96 natural days, so "法定 90 自然日 /
    承诺 60 工作日" breaks the law for an application received that day although 60 < 90. The
    rule counts both limits from every day of the years the working-day calendar covers (the
    ``chinesecalendar`` data and ``calendar/<year>.yaml``) and names the start day on which the
    committed limit overruns the legal one most. Months end on the same day of the month (or
    the month's last day). Limits in the same unit are ``committed-exceeds-legal``'s.

    中文
    ----
    承诺时限与法定时限的计量单位不同（工作日对自然日或月）时，从**每一个**起算日起算，承诺时限都不晚
    于法定时限届满。

    工作日只是平均而言比自然日长：从 2026-01-30（星期五）起算 60 个工作日，经过春节到 2026-05-06 才
    届满，共 96 个自然日，所以“法定 90 自然日、承诺 60 工作日”对当天受理的申请是违法的，尽管 60 < 90。
    本规则从工作日历覆盖的各年（``chinesecalendar`` 的数据和 ``calendar/<年份>.yaml``）的每一天起
    算两个时限，并指出承诺时限超出法定时限最多的那个起算日。按月计算的时限在届满月的同一日（或该月最
    后一日）届满。单位相同的时限由 ``committed-exceeds-legal`` 检查。
    """
    calendar = context.calendar
    if calendar is None:
        return  # calendar-invalid says why; no guess is made without one
    committed = item.time_limit.committed
    for name, chain in _compared(item):
        if all(period.unit is committed.unit for period in chain):
            continue
        overrun = worst_case(committed, chain, calendar)
        if overrun is None:
            continue
        legal_zh, legal_en = _legal_shown(name, chain)
        committed_zh, committed_en = _shown(committed)
        start, end, legal_end = overrun.start, overrun.committed_end, overrun.legal_end
        yield Violation(
            ("time_limit", "committed"),
            f"自 {start} 起算，承诺时限 {committed_zh} 至 {end} 届满（{overrun.committed_days} "
            f"个自然日），晚于{legal_zh}届满之日 {legal_end}",
            f"counted from {start}, the committed limit of {committed_en} ends on {end} "
            f"({overrun.committed_days} natural days), after {legal_en}, which ends on "
            f"{legal_end}",
        )


def _legal_bases(item: Item) -> Iterator[tuple[Loc, LegalDuration | DeadlineLimit]]:
    legal = item.time_limit.legal
    if isinstance(legal, StagedLimit):
        for index, stage in enumerate(legal.stages):
            yield ("time_limit", "legal", "stages", index), stage
    elif legal is not None:
        yield ("time_limit", "legal"), legal


@item_rule(
    "time-limit-legal-without-basis",
    Severity.INFO,
    "法定时限未写明所依据的条款",
    "legal limit without its article",
)
def time_limit_legal_without_basis(item: Item, context: Context) -> Iterator[Violation]:
    """A legal limit names the article that sets it (``basis``), so a reader of the guide can
    check it and a change of the statute can be traced to every limit it sets.

    A limit no statute sets is written ``legal: null``, with a comment that says so.

    中文
    ----
    法定时限写明设定它的条款（``basis``），让办事指南的读者可以核对，法规修改时也能追溯到它所设定的
    每一个时限。

    没有法律法规设定时限的，写成 ``legal: null``，并在旁边加注释说明。
    """
    for loc, limit in _legal_bases(item):
        if limit.basis is None:
            yield Violation(
                loc,
                "法定时限应写明设定它的法律法规条款（basis）",
                "a legal limit should name the article that sets it (basis)",
            )


def _cited(reference: LegalReference, citations: tuple[LegalReference, ...]) -> bool:
    """Whether every article of ``reference`` is cited, itself or as a whole article
    (第六条 covers 第六条第二款)."""
    cited = {article for c in citations if c.law == reference.law for article in c.articles}
    return all(
        article in cited or article.split("条", 1)[0] + "条" in cited
        for article in reference.articles
    )


@item_rule(
    "time-limit-basis-not-cited",
    Severity.WARNING,
    "法定时限的依据未列入适用依据",
    "legal limit's article not in legal_basis",
)
def time_limit_basis_not_cited(item: Item, context: Context) -> Iterator[Violation]:
    """The article that sets the legal limit is among the item's legal basis (element 3), so the
    guide's 设定依据 shows every article the guide relies on.

    An article cited as a whole covers its paragraphs: ``第六条`` in ``legal_basis`` covers a
    limit set by ``第六条第二款``.

    中文
    ----
    设定法定时限的条款列入事项的适用依据（八统一的第 3 项），使办事指南的“设定依据”列出指南所依据的
    每一个条款。

    整条引用的条款涵盖其各款：``legal_basis`` 中的 ``第六条`` 涵盖由 ``第六条第二款`` 设定的时限。
    """
    for loc, limit in _legal_bases(item):
        basis = limit.basis
        if basis is not None and not _cited(basis, item.legal_basis):
            articles = "、".join(basis.articles)
            law = context.laws.get(basis.law)
            name = law.name if law is not None else basis.law
            yield Violation(
                (*loc, "basis"),
                f"法定时限的依据《{name}》{articles}未列入事项的适用依据（legal_basis）",
                f"the article setting the legal limit, {name} {articles}, is not in the item's "
                "legal_basis",
            )


@item_rule(
    "handling-exceeds-committed", Severity.ERROR, "经办环节用时超过承诺时限", "steps > committed"
)
def handling_exceeds_committed(item: Item, context: Context) -> Iterator[Violation]:
    """The working days of the back-office steps add up to no more than the committed limit.

    A process whose own steps take longer than the promise breaks the promise by design. A
    committed limit in natural days is compared as if each were a working day (never shorter);
    one in months is not compared, as no number of working days fits every month.

    中文
    ----
    业务经办各环节的工作日之和不超过承诺时限。

    流程本身的环节用时就超过承诺，等于从设计上就违背了承诺。以自然日计的承诺时限，按每个自然日都算一
    个工作日来比较（只会更宽松，不会更严）；以月计的承诺时限不作比较，因为没有哪个工作日数能适合每一
    个月。
    """
    total = sum(step.working_days for step in item.handling_process)
    committed = item.time_limit.committed
    if committed.unit is not DayUnit.MONTH and total > committed.days:
        yield Violation(
            ("handling_process",),
            f"经办环节合计 {total} 个工作日，超过承诺时限 {committed.days} 个{committed.unit.value}",
            f"the handling steps take {total} working days, more than the committed "
            f"{committed.days} {committed.unit.value}",
        )


RULES: tuple[Rule, ...] = (
    committed_exceeds_legal,
    time_limit_committed_exceeds_legal,
    time_limit_legal_without_basis,
    time_limit_basis_not_cited,
    handling_exceeds_committed,
)
