"""A review of two catalog versions: the changes, their publication deadlines, the findings.

This is what ``servicecatalog diff`` prints, as text, JSON or a Markdown review comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ._markdown_escape import code_span, escape_markdown
from ._text import counted, escape, json_text
from ._today import today_in
from .catalog import Catalog, LeftOut
from .diff import KINDS, Change, Changes, Direction, diff_catalogs
from .findings import Finding, Lang, Report, Severity
from .opening import open_catalog
from .publication import ItemDeadline, PublicationStatus
from .rules.deadlines import DIFF_ITEM_NOT_COMPARED, check_publication
from .workdays import WorkdayCalendar

__all__ = ["DIFF_FORMATS", "Review", "render_review", "review_sources"]

DiffFormat = Literal["text", "json", "markdown", "github", "sarif", "gitlab", "junit"]
DIFF_FORMATS: tuple[DiffFormat, ...] = (
    "text",
    "json",
    "markdown",
    "github",
    "sarif",
    "gitlab",
    "junit",
)
_MARKS = {Direction.DECREASE: "−", Direction.INCREASE: "+", Direction.NEUTRAL: "·"}
_BADGES = {Direction.DECREASE: "🟢", Direction.INCREASE: "🔴", Direction.NEUTRAL: "⚪"}


@dataclass(frozen=True)
class Review:
    """Two catalog versions compared."""

    old_name: str
    new_name: str
    changes: Changes
    deadlines: dict[str, ItemDeadline]
    """Changed items by code."""
    report: Report
    names: dict[str, str]
    """Item code -> item name, from whichever side has the item."""
    invalid: dict[str, int]
    """Side name -> number of files it left out of the comparison (items and implementation
    lists that do not validate)."""
    calendar_ends: date | None = None
    """The last day the new side's working-day calendar covers, when that is within 45 days."""
    list_deadlines: dict[str, ItemDeadline] = field(default_factory=dict)
    """Changed implementation lists by region."""
    region_names: dict[str, str] = field(default_factory=dict)
    """Region code -> region name, from whichever side has the region."""

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The JSON shape of ``servicecatalog diff --format json``."""
        return {
            "ok": self.report.ok,
            "old": self.old_name,
            "new": self.new_name,
            "counts": self.changes.counts,
            "items": [self._item_summary(code) for code in self.changes.items()],
            "lists": [self._list_summary(region) for region in self.changes.regions()],
            "changes": [change.to_dict() for change in self.changes],
            "findings": [finding.to_dict(lang) for finding in self.report],
            "finding_counts": self.report.counts,
        }

    def _item_summary(self, code: str) -> dict[str, Any]:
        return {
            "item": code,
            "name": self.names.get(code),
            "counts": Changes(tuple(self.changes.for_item(code))).counts,
            **_deadline_fields(self.deadlines.get(code)),
        }

    def _list_summary(self, region: str) -> dict[str, Any]:
        return {
            "region": region,
            "name": self.region_names.get(region),
            "counts": Changes(tuple(self.changes.for_region(region))).counts,
            **_deadline_fields(self.list_deadlines.get(region)),
        }


def _deadline_fields(deadline: ItemDeadline | None) -> dict[str, Any]:
    """The deadline's JSON fields (its subject is given beside them), all null without one."""
    if deadline is None:
        return {"changed_on": None, "deadline": None, "published_on": None, "status": None}
    fields = deadline.to_dict()
    del fields["item"]
    return fields


def review_sources(
    old_spec: str, new_spec: str, today: date | None = None, cwd: Path | None = None
) -> Review:
    """Load both sources (folders or ``git:REV[:PATH]``), diff them and check publication.

    ``today`` defaults to today in the new side's time zone (China Standard Time unless its
    ``catalog.yaml`` names another)."""
    old = open_catalog(old_spec, today=today, cwd=cwd, snapshot=False)
    new = open_catalog(new_spec, today=today, cwd=cwd, snapshot=False)
    day = today or today_in(new.manifest.timezone if new.manifest else None)
    review = review_catalogs(old, new, new.calendar, day, str(old.path), str(new.path))
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
    checked = check_publication(old, new, changes, calendar, today)
    names = {item.code: item.name for item in old.items()}
    names.update({item.code: item.name for item in new.items()})
    region_names = {code: region.name for code, region in old.regions.items()}
    region_names.update({code: region.name for code, region in new.regions.items()})
    sides = ((old_name, old), (new_name, new))
    findings = list(checked.findings)
    findings += [
        _not_compared(entry, side) for side, catalog in sides for entry in catalog.left_out()
    ]
    findings += [
        _list_not_compared(region, file, side)
        for side, catalog in sides
        for region, file in sorted(catalog.invalid_lists.items())
    ]
    invalid = {
        name: len(catalog.invalid_files) + len(catalog.invalid_lists)
        for name, catalog in sides
        if catalog.invalid_files or catalog.invalid_lists
    }
    return Review(
        old_name,
        new_name,
        changes,
        checked.items,
        Report.of(findings, len(names)),
        names,
        invalid,
        list_deadlines=checked.lists,
        region_names=region_names,
    )


def _not_compared(entry: LeftOut, side: str) -> Finding:
    return DIFF_ITEM_NOT_COMPARED.finding(
        f"事项 {entry.code} 的文件在 {side} 中未通过校验，未参与比较：{entry.reasons()}",
        f"the file of item {entry.code} does not validate in {side} and was not "
        f"compared: {entry.reasons('en')}",
        file=entry.file,
        item=entry.code,
    )


def _list_not_compared(region: str, file: str, side: str) -> Finding:
    return DIFF_ITEM_NOT_COMPARED.finding(
        f"区划 {region} 的实施清单在 {side} 中未通过校验，未参与比较",
        f"the implementation list of region {region} does not validate in {side} "
        "and was not compared",
        file=file,
    )


# ---- rendering ------------------------------------------------------------------------------


def render_review(
    review: Review,
    fmt: DiffFormat,
    lang: Lang = "zh",
    *,
    version: str = "",
    fail_on: Severity = Severity.ERROR,
) -> str:
    """``review`` as text, JSON, Markdown, GitHub workflow annotations, SARIF 2.1.0, GitLab Code
    Quality JSON or JUnit XML (the last four carry the findings: change-without-revision,
    publication-late, publication-overdue; JUnit fails on those at or above ``fail_on``)."""
    if fmt == "json":
        return json_text(review.to_dict(lang)) + "\n"
    if fmt == "markdown":
        return _markdown(review, lang)
    if fmt in ("github", "sarif", "gitlab", "junit"):
        from .reporting import render_report

        return render_report(review.report, fmt, lang, version=version, fail_on=fail_on)
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


def _legend(lang: Lang) -> str:
    if lang == "en":
        return "(− lightens the applicant's burden, + adds to it, · neither)"
    return "（− 减轻申请人负担，+ 增加申请人负担，· 不增不减）"


def _deadline_phrase(deadline: ItemDeadline | None, lang: Lang) -> str:
    """When the change must be published, and where it stands: `` — 最迟于 D（含当日）公开 · 待公开``."""
    if deadline is None:
        return ""
    status = deadline.status.label(lang)
    if deadline.status is PublicationStatus.UNREVISED:
        if lang == "en":
            return f" — {status}: no deadline can be given"
        return f" — {status}，无法确定公开期限"
    if deadline.deadline is None:
        return f" — {status}"
    if lang == "en":
        return f" — publish by {deadline.deadline} (inclusive) · {status}"
    return f" — 最迟于 {deadline.deadline}（含当日）公开 · {status}"


def _text(review: Review, lang: Lang) -> str:
    colon = ": " if lang == "en" else "："
    lines = [
        f"{escape(review.old_name)} → {escape(review.new_name)}{colon}{_counts_line(review, lang)}",
    ]
    if review.changes:
        lines.append(_legend(lang))
    for code in review.changes.items():
        name = escape(f"{code} {review.names.get(code, '')}")
        lines.append(f"\n{name}{_deadline_phrase(review.deadlines.get(code), lang)}")
        lines.extend(_text_change(change, lang) for change in review.changes.for_item(code))
    for region in review.changes.regions():
        lines.append(
            f"\n{_list_heading(review, region, lang)}"
            f"{_deadline_phrase(review.list_deadlines.get(region), lang)}"
        )
        lines.extend(
            _text_group(group, lang, review.names)
            for group in _grouped(review.changes.for_region(region))
        )
    wide = review.changes.catalog_wide()
    if wide:
        lines.append("\n" + ("laws.yaml, regions.yaml" if lang == "en" else "法规登记表与区划"))
        lines.extend(_text_change(change, lang) for change in wide)
    lines.extend(_notes(review, lang))
    return "\n".join(lines) + "\n"


def _list_heading(review: Review, region: str, lang: Lang) -> str:
    name = escape(f"{region} {review.region_names.get(region, '')}".strip())
    return f"implementation list {name}" if lang == "en" else f"实施清单 {name}"


def _text_change(change: Change, lang: Lang, names: dict[str, str] | None = None) -> str:
    label = KINDS[change.kind].label(lang)
    subject = ""
    if names is not None and change.item is not None:
        subject = escape(f"{change.item} {names.get(change.item, '')}".strip()) + "  "
    return (
        f"  {_MARKS[change.direction]} {label}  {subject}{escape(change.path)}  {_values(change)}"
    )


def _grouped(changes: list[Change]) -> list[list[Change]]:
    """A list's changes, the same change of many entries (a default that changed) together."""
    groups: dict[tuple[str, str, str, str], list[Change]] = {}
    for change in changes:
        field = change.path.rpartition("]")[2]
        key = (
            change.kind,
            field,
            json.dumps(change.old, sort_keys=True, default=str),
            json.dumps(change.new, sort_keys=True, default=str),
        )
        if not field:  # an entry added or removed: always its own line
            key = (change.kind, change.path, "", "")
        groups.setdefault(key, []).append(change)
    return list(groups.values())


def _text_group(group: list[Change], lang: Lang, names: dict[str, str]) -> str:
    if len(group) == 1:
        return _text_change(group[0], lang, names)
    first = group[0]
    label = KINDS[first.kind].label(lang)
    field = first.path.rpartition("]")[2].lstrip(".")
    count = (
        f"{len(group)} items ({first.item} …)"
        if lang == "en"
        else f"{len(group)} 个事项（{first.item} 等）"
    )
    return f"  {_MARKS[first.direction]} {label}  {count}  {escape(field)}  {_values(first)}"


def _notes(review: Review, lang: Lang) -> list[str]:
    from .reporting import text_line

    lines = [""] if review.report.findings or review.invalid else []
    lines.extend(text_line(finding, lang) for finding in review.report)
    lines.extend(_invalid_notes(review, lang))
    return lines


def _invalid_notes(review: Review, lang: Lang, shown: Callable[[str], str] = escape) -> list[str]:
    """A note per side that left files out of the comparison; ``shown`` writes the side's name
    for the format."""
    if lang == "en":
        return [
            f"note: {counted(files, 'file')} of {shown(name)} did not validate and "
            f"{'was' if files == 1 else 'were'} not compared"
            for name, files in review.invalid.items()
        ]
    return [
        f"注意：{shown(name)} 中有 {files} 个文件未通过校验，未参与比较"
        for name, files in review.invalid.items()
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
    if review.changes:
        lines += [_legend(lang).replace("−", "🟢").replace("+", "🔴").replace("·", "⚪"), ""]
    items = review.changes.items()
    if items:
        lines += _summary_table(
            review,
            lang,
            [
                (
                    _code(code),
                    md(review.names.get(code, "")),
                    review.changes.for_item(code),
                    review.deadlines.get(code),
                )
                for code in items
            ],
            "item" if en else "事项编码",
        )
    regions = review.changes.regions()
    if regions:
        lines += [""] if items else []
        lines += _summary_table(
            review,
            lang,
            [
                (
                    _code(region),
                    md(review.region_names.get(region, "")),
                    review.changes.for_region(region),
                    review.list_deadlines.get(region),
                )
                for region in regions
            ],
            "implementation list" if en else "实施清单",
        )
    for code in items:
        heading = f"{_code(code)} {md(review.names.get(code, ''))}"
        lines += ["", f"### {heading}{md(_deadline_phrase(review.deadlines.get(code), lang))}", ""]
        lines += _change_table(review.changes.for_item(code), lang)
    for region in regions:
        heading = md(_list_heading(review, region, lang))
        phrase = md(_deadline_phrase(review.list_deadlines.get(region), lang))
        lines += ["", f"### {heading}{phrase}", ""]
        lines += _change_table(review.changes.for_region(region), lang, grouped=True)
    wide = review.changes.catalog_wide()
    if wide:
        lines += ["", "### laws.yaml, regions.yaml", "", *_change_table(wide, lang)]
    if review.report.findings:
        lines += ["", "### " + ("Findings" if en else "问题"), ""]
        lines += [
            f"- **{f.severity.value}** `{f.rule}` {code_span(_location(f))}: {md(f.text(lang))}"
            for f in review.report
        ]
    for note in _invalid_notes(review, lang, code_span):
        lines += ["", f"> {note}"]
    return "\n".join(lines) + "\n"


_Row = tuple[str, str, list[Change], ItemDeadline | None]


def _summary_table(review: Review, lang: Lang, rows: list[_Row], what: str) -> list[str]:
    en = lang == "en"
    header = (
        f"| {what} | name | − | + | · | publish by (inclusive) | status |"
        if en
        else f"| {what} | 名称 | 减负 | 增负 | 中性 | 最迟公开日期（含当日） | 状态 |"
    )
    lines = [header, "|---|---|--:|--:|--:|---|---|"]
    for code, name, changes, deadline in rows:
        counts = Changes(tuple(changes)).counts
        day = deadline.deadline if deadline and deadline.deadline else "—"
        status = deadline.status.label(lang) if deadline else "—"
        lines.append(
            f"| {code} | {name} | {counts['burden-decrease']} | {counts['burden-increase']} "
            f"| {counts['neutral']} | {day} | {status} |"
        )
    return lines


def _location(finding: Finding) -> str:
    where = finding.file or "<catalog>"
    return where if finding.line is None else f"{where}:{finding.line}"


_PLAIN_CODE = re.compile(r"[0-9A-Za-z]+")


def _code(code: str) -> str:
    """An item code in a code span; a code that is not plain letters and digits (a broken item)
    as escaped text, since it could break out of the span."""
    return f"`{code}`" if _PLAIN_CODE.fullmatch(code) else escape_markdown(code)


def _change_table(changes: list[Change], lang: Lang, *, grouped: bool = False) -> list[str]:
    """A table of changes; ``grouped``: the same change of many entries of a list on one row."""
    header = (
        "| | kind | path | old | new |" if lang == "en" else "| | 变更 | 位置 | 原内容 | 新内容 |"
    )
    rows = [header, "|---|---|---|---|---|"]
    for group in _grouped(changes) if grouped else [[change] for change in changes]:
        change = group[0]
        meaning = KINDS[change.kind].label(lang)
        where = code_span(change.path)
        if len(group) > 1:
            field = change.path.rpartition("]")[2]
            many = f"{len(group)} items" if lang == "en" else f"{len(group)} 个事项"
            where = f"{many} {code_span(f'implementations[…]{field}')}"
        rows.append(
            f"| {_BADGES[change.direction]} | {escape_markdown(meaning)} `{change.kind}` "
            f"| {where} "
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
    if isinstance(value, dict) and "agency" in value:
        return str(value["agency"])
    if isinstance(value, dict) and "question" in value:
        return str(value["question"])
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
