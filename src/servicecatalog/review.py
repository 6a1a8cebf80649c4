"""A review of two catalog versions: the changes, their publication deadlines, the findings.

This is what ``servicecatalog diff`` prints, as text, JSON or a Markdown review comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from ._markdown import code_span, escape_markdown
from ._text import counted, escape, json_text
from .catalog import Catalog, LeftOut, load_catalog
from .diff import KINDS, Change, Changes, Direction, diff_catalogs
from .findings import Finding, Lang, Report, Severity
from .publication import ItemDeadline, check_publication
from .sources import open_source
from .workdays import WorkdayCalendar

__all__ = ["DIFF_FORMATS", "Review", "render_review", "review_sources"]

DiffFormat = Literal["text", "json", "markdown"]
DIFF_FORMATS: tuple[DiffFormat, ...] = ("text", "json", "markdown")
_MARKS = {Direction.DECREASE: "−", Direction.INCREASE: "+", Direction.NEUTRAL: "·"}
_BADGES = {Direction.DECREASE: "🟢", Direction.INCREASE: "🔴", Direction.NEUTRAL: "⚪"}


@dataclass(frozen=True)
class Review:
    """Two catalog versions compared."""

    old_name: str
    new_name: str
    changes: Changes
    deadlines: dict[str, ItemDeadline]
    report: Report
    names: dict[str, str]
    """Item code -> item name, from whichever side has the item."""
    invalid: dict[str, int]
    """Side name -> number of errors its own validation found (items with errors are skipped)."""
    calendar_ends: date | None = None
    """The last day the new side's working-day calendar covers, when that is within 45 days."""

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The JSON shape of ``servicecatalog diff --format json``."""
        return {
            "ok": self.report.ok,
            "old": self.old_name,
            "new": self.new_name,
            "counts": self.changes.counts,
            "items": [self._item_summary(code) for code in self.changes.items()],
            "changes": [change.to_dict() for change in self.changes],
            "findings": [finding.to_dict(lang) for finding in self.report],
            "finding_counts": self.report.counts,
        }

    def _item_summary(self, code: str) -> dict[str, Any]:
        changes = self.changes.for_item(code)
        deadline = self.deadlines.get(code)
        return {
            "item": code,
            "name": self.names.get(code),
            "counts": Changes(tuple(changes)).counts,
            "changed_on": deadline.changed_on.isoformat() if deadline else None,
            "deadline": deadline.deadline.isoformat() if deadline and deadline.deadline else None,
            "published_on": (
                deadline.published_on.isoformat() if deadline and deadline.published_on else None
            ),
            "status": deadline.status.value if deadline else None,
        }


def review_sources(old_spec: str, new_spec: str, today: date | None = None) -> Review:
    """Load both sources (folders or ``git:REV[:PATH]``), diff them and check publication."""
    day = today or date.today()
    old_tree, new_tree = open_source(old_spec), open_source(new_spec)
    old = load_catalog(old_tree, today=day)
    new = load_catalog(new_tree, today=day)
    review = review_catalogs(old, new, new.calendar, day, old_tree.name, new_tree.name)
    return replace(review, calendar_ends=new.calendar.runs_out_within(day))


def review_catalogs(
    old: Catalog,
    new: Catalog,
    calendar: WorkdayCalendar,
    today: date,
    old_name: str = "old",
    new_name: str = "new",
) -> Review:
    """Compare two loaded catalogs."""
    changes = diff_catalogs(old, new)
    deadlines, findings = check_publication(old, new, changes, calendar, today)
    names = {item.code: item.name for item in old.items()}
    names.update({item.code: item.name for item in new.items()})
    invalid = {
        name: catalog.report.counts["error"]
        for name, catalog in ((old_name, old), (new_name, new))
        if not catalog.report.ok
    }
    findings += [
        _not_compared(entry, side)
        for side, catalog in ((old_name, old), (new_name, new))
        for entry in catalog.left_out()
    ]
    return Review(
        old_name, new_name, changes, deadlines, Report.of(findings, len(names)), names, invalid
    )


def _not_compared(entry: LeftOut, side: str) -> Finding:
    return Finding(
        rule="diff-item-not-compared",
        severity=Severity.ERROR,
        message=f"事项 {entry.code} 的文件在 {side} 中未通过校验，未参与比较：{entry.reasons()}",
        message_en=f"the file of item {entry.code} does not validate in {side} and was not "
        f"compared: {entry.reasons('en')}",
        file=entry.file,
        item=entry.code,
    )


# ---- rendering ------------------------------------------------------------------------------


def render_review(review: Review, fmt: DiffFormat, lang: Lang = "zh") -> str:
    """``review`` as text, JSON or Markdown."""
    if fmt == "json":
        return json_text(review.to_dict(lang)) + "\n"
    if fmt == "markdown":
        return _markdown(review, lang)
    return _text(review, lang)


def _counts_line(review: Review, lang: Lang) -> str:
    counts = review.changes.counts
    decrease, increase = counts[Direction.DECREASE.value], counts[Direction.INCREASE.value]
    neutral = counts[Direction.NEUTRAL.value]
    if lang == "en":
        return (
            f"{counted(decrease, 'burden decrease')}, {counted(increase, 'burden increase')}, "
            f"{neutral} neutral"
        )
    return f"减负 {decrease} 项，增负 {increase} 项，中性 {neutral} 项"


def _deadline_phrase(deadline: ItemDeadline | None, lang: Lang) -> str:
    if deadline is None:
        return ""
    if deadline.deadline is None:
        return " — 公开期限未知" if lang == "zh" else " — deadline unknown"
    status = deadline.status.value
    if lang == "en":
        return f" — publish by {deadline.deadline} ({status})"
    return f" — 应于 {deadline.deadline} 前公开（{status}）"


def _text(review: Review, lang: Lang) -> str:
    lines = [f"{escape(review.old_name)} → {escape(review.new_name)}: {_counts_line(review, lang)}"]
    for code in review.changes.items():
        name = escape(f"{code} {review.names.get(code, '')}")
        lines.append(f"\n{name}{_deadline_phrase(review.deadlines.get(code), lang)}")
        for change in review.changes.for_item(code):
            lines.append(
                f"  {_MARKS[change.direction]} {change.kind}  {escape(change.path)}  "
                f"{_values(change)}"
            )
    law_changes = [c for c in review.changes if c.item is None]
    if law_changes:
        lines.append("\nlaws.yaml")
        lines.extend(f"  · {c.kind}  {escape(c.path)}  {_values(c)}" for c in law_changes)
    lines.extend(_notes(review, lang))
    return "\n".join(lines) + "\n"


def _notes(review: Review, lang: Lang) -> list[str]:
    from .reporting import text_line

    lines = [""] if review.report.findings or review.invalid else []
    lines.extend(text_line(finding, lang) for finding in review.report)
    lines.extend(_invalid_notes(review, lang))
    return lines


def _invalid_notes(review: Review, lang: Lang, shown: Callable[[str], str] = escape) -> list[str]:
    """A note per side that has errors; ``shown`` writes the side's name for the format."""
    if lang == "en":
        return [
            f"note: {shown(name)} has {counted(errors, 'validation error')}; items that do not validate "
            "are not compared"
            for name, errors in review.invalid.items()
        ]
    return [
        f"注意：{shown(name)} 有 {errors} 个校验错误，未通过校验的事项不参与比较"
        for name, errors in review.invalid.items()
    ]


def _markdown(review: Review, lang: Lang) -> str:
    """The review as a pull-request comment. Every value that comes from the catalog or the
    command line is escaped (:func:`escape_markdown`), so it renders as the literal text."""
    en = lang == "en"
    md = escape_markdown
    title = "Catalog changes" if en else "事项变更"
    lines = [
        f"## {title}",
        "",
        f"{code_span(review.old_name)} → {code_span(review.new_name)}: "
        f"**{_counts_line(review, lang)}**",
        "",
    ]
    items = review.changes.items()
    if items:
        header = (
            "| item | name | − | + | · | publish by | status |"
            if en
            else ("| 事项编码 | 名称 | 减负 | 增负 | 中性 | 公开期限 | 状态 |")
        )
        lines += [header, "|---|---|--:|--:|--:|---|---|"]
        for code in items:
            counts = Changes(tuple(review.changes.for_item(code))).counts
            deadline = review.deadlines.get(code)
            lines.append(
                f"| {_code(code)} | {md(review.names.get(code, ''))} "
                f"| {counts['burden-decrease']} | {counts['burden-increase']} | {counts['neutral']} "
                f"| {deadline.deadline if deadline and deadline.deadline else '—'} "
                f"| {deadline.status.value if deadline else '—'} |"
            )
    for code in items:
        heading = f"{_code(code)} {md(review.names.get(code, ''))}"
        lines += [
            "",
            f"### {heading}{_deadline_phrase(review.deadlines.get(code), lang)}",
            "",
        ]
        lines += _change_table(review.changes.for_item(code), lang)
    law_changes = [c for c in review.changes if c.item is None]
    if law_changes:
        lines += ["", "### laws.yaml", "", *_change_table(law_changes, lang)]
    if review.report.findings:
        lines += ["", "### " + ("Findings" if en else "问题"), ""]
        lines += [
            f"- **{f.severity.value}** `{f.rule}` {code_span(_location(f))}: {md(f.text(lang))}"
            for f in review.report
        ]
    for note in _invalid_notes(review, lang, code_span):
        lines += ["", f"> {note}"]
    return "\n".join(lines) + "\n"


def _location(finding: Finding) -> str:
    where = finding.file or "<catalog>"
    return where if finding.line is None else f"{where}:{finding.line}"


_PLAIN_CODE = re.compile(r"[0-9A-Za-z]+")


def _code(code: str) -> str:
    """An item code in a code span; a code that is not plain letters and digits (a broken item)
    as escaped text, since it could break out of the span."""
    return f"`{code}`" if _PLAIN_CODE.fullmatch(code) else escape_markdown(code)


def _change_table(changes: list[Change], lang: Lang) -> list[str]:
    header = (
        "| | kind | path | old | new |" if lang == "en" else "| | 变更 | 位置 | 原内容 | 新内容 |"
    )
    rows = [header, "|---|---|---|---|---|"]
    for change in changes:
        spec = KINDS[change.kind]
        meaning = spec.description_en if lang == "en" else spec.description
        rows.append(
            f"| {_BADGES[change.direction]} | `{change.kind}` {meaning} "
            f"| {code_span(change.path)} "
            f"| {escape_markdown(_shown(change.old))} | {escape_markdown(_shown(change.new))} |"
        )
    return rows


def _values(change: Change) -> str:
    return f"{escape(_shown(change.old))} → {escape(_shown(change.new))}"


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
