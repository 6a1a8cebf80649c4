"""``servicecatalog rules``, ``stats`` and ``coverage``: what the tool checks, and what a
catalog holds."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .console import console
from .exits import guarded, require_valid
from .options import (
    ALLOW_INVALID_OPTION,
    CATALOG_OPTION,
    DATE,
    LANG_OPTION,
    LazyChoice,
    format_option,
)

if TYPE_CHECKING:
    from rich.table import Table

    from ..coverage import Coverage
    from ..findings import Lang
    from ..rules.registry import Rule
    from ..stats import CatalogStats

__all__ = ["coverage", "rules", "stats"]


def _levels() -> list[str]:
    from ..model import Level

    return [level.value for level in Level]


@click.command()
@click.argument("rule_id", required=False)
@format_option(
    ["text", "json", "markdown"],
    "text: a table, or the documentation of RULE_ID; json: a list of {id, severity, "
    "family, summary, doc}; markdown: the reference docs/rules.md, in both languages.",
)
@LANG_OPTION
def rules(rule_id: str | None, fmt: str, lang: Lang) -> None:
    """List every rule, or show the documentation of RULE_ID.

    A hint on stderr says how to go on: how to see a rule's documentation, or how to change
    its severity in .servicecatalog.yaml.
    """
    from ..output import json_text
    from ..ruledocs import catalogue

    listed = {rule.id: rule for rule in catalogue()}
    if rule_id is not None and rule_id not in listed:
        raise click.BadParameter(f"there is no rule {rule_id!r}", param_hint="RULE_ID")
    selected = [listed[rule_id]] if rule_id else list(listed.values())
    if fmt == "markdown":
        from ..ruledocs import rules_markdown

        if rule_id is not None:
            raise click.UsageError("--format markdown writes every rule: give no RULE_ID")
        click.echo(rules_markdown(), nl=False)
        return
    if fmt == "json":
        payload = [
            {
                "id": rule.id,
                "severity": rule.severity.value,
                "family": rule.family,
                "summary": rule.summary_in(lang),
                "doc": rule.documentation(lang),
            }
            for rule in selected
        ]
        click.echo(json_text(payload))
    elif rule_id is not None:
        rule = selected[0]
        click.echo(f"{rule.id}  ({rule.severity.value}, {rule.family})\n")
        click.echo(rule.summary_in(lang))
        click.echo(f"\n{rule.documentation(lang)}")
    else:
        _print_rule_table(selected, lang)
    click.echo(_rules_hint(rule_id, lang), err=True)


def _rules_hint(rule_id: str | None, lang: Lang) -> str:
    if rule_id is None:
        if lang == "en":
            return "servicecatalog rules RULE_ID shows a rule's documentation."
        return "servicecatalog rules 规则编号 显示该规则的说明。"
    if lang == "en":
        return (
            f"To change its severity or turn it off, write `{rule_id}: warning` (or error, "
            "info, off) under `rules:` in .servicecatalog.yaml."
        )
    return (
        f"在 .servicecatalog.yaml 的 rules: 下写 “{rule_id}: warning”（或 error、info、off），"
        "可改变该规则的级别或将其关闭。"
    )


def _print_rule_table(selected: list[Rule], lang: Lang) -> None:
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("family")
    table.add_column("summary")
    for rule in selected:
        table.add_row(rule.id, rule.severity.value, rule.family, rule.summary_in(lang))
    console(width=120).print(table)


@click.command()
@CATALOG_OPTION
@format_option(
    ["text", "json"],
    "text: tables for people; json: every figure, for programs (the shape of "
    "docs/commands.md, Figures and coverage).",
)
@click.option(
    "--from",
    "changed_from",
    type=DATE,
    default=None,
    help="Count items changed on or after this day (default: 1 January of this year).",
)
@click.option(
    "--to",
    "changed_to",
    type=DATE,
    default=None,
    help="Count items changed on or before this day (default: today).",
)
@ALLOW_INVALID_OPTION
@guarded
def stats(
    catalog_path: Path | None,
    fmt: str,
    changed_from: date | None,
    changed_to: date | None,
    allow_invalid: bool,
) -> None:
    """Figures for the annual report: items per list, type and department; visits;
    materials not to submit; time compression; items changed in a date range.

    A catalog with errors exits 1 with nothing counted, unless --allow-invalid (the figures
    then list the item files left out, under left_out).
    """
    from ..opening import open_catalog
    from ..stats import catalog_stats, changed_range, stats_json

    if changed_from and changed_to and changed_from > changed_to:
        raise click.BadParameter(
            f"--from {changed_from} is after --to {changed_to}", param_hint="--from"
        )
    catalog = open_catalog(catalog_path)
    require_valid(catalog, allow_invalid, as_json=fmt == "json")
    start, end = changed_range(catalog, changed_from, changed_to)
    if start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    figures = catalog_stats(catalog, start, end)
    if fmt == "json":
        click.echo(stats_json(figures), nl=False)
    else:
        _print_stats(figures)


def _print_stats(figures: CatalogStats) -> None:
    from rich.table import Table

    from ..stats import reform_figures

    shown = console(width=100)
    shown.print(f"[bold]{figures.name}[/bold]")
    shown.print(f"{figures.items} 个事项（{figures.main_items} 个主项）\n")
    lists = Table(title="清单 lists", title_justify="left")
    for column in ("list", "title", "count", "expected"):
        lists.add_column(column, justify="right" if column in ("count", "expected") else "left")
    for list_id, entry in figures.lists.items():
        expected = "" if entry.expected is None else str(entry.expected)
        lists.add_row(list_id, entry.title or "", str(entry.count), expected)
    shown.print(lists)
    shown.print(_count_table("事项类型 item types", figures.item_types))
    shown.print(_count_table("承办处室 departments", figures.departments))
    summary = Table(title="改革指标 reform figures", title_justify="left", show_header=False)
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    for figure in reform_figures(figures):
        summary.add_row(figure.label, figure.value)
    shown.print(summary)


def _count_table(title: str, counts: Mapping[str, int]) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("name")
    table.add_column("items", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    return table


@click.command()
@CATALOG_OPTION
@click.option(
    "--level",
    type=LazyChoice(_levels),
    default=None,
    help="Only this level (省级 市级 县级 乡级 村级).",
)
@format_option(
    ["text", "json"],
    "text: a table per level and the regions with gaps (the first 200); json: every "
    "level and region, with the codes missing.",
)
@ALLOW_INVALID_OPTION
@guarded
def coverage(catalog_path: Path | None, level: str | None, fmt: str, allow_invalid: bool) -> None:
    """Per level and region, which items that should be implemented there are not.

    An item should be implemented by every region whose level is among the item's levels. A
    catalog with errors exits 1, unless --allow-invalid: an invalid implementation list would
    read as a region that implements nothing.
    """
    from ..coverage import catalog_coverage, coverage_json
    from ..model import Level
    from ..opening import open_catalog

    catalog = open_catalog(catalog_path)
    require_valid(catalog, allow_invalid, as_json=fmt == "json")
    result = catalog_coverage(catalog, Level(level) if level else None)
    if fmt == "json":
        click.echo(coverage_json(result), nl=False)
        return
    _print_coverage(result)


def _print_coverage(result: Coverage) -> None:
    from rich.table import Table

    shown = console(width=110)
    levels = Table(title="各层级实施情况 coverage per level", title_justify="left")
    for column in ("level", "regions", "expected", "implemented", "missing", "%"):
        levels.add_column(column, justify="left" if column == "level" else "right")
    for entry in result.levels:
        levels.add_row(
            entry.level.value,
            str(entry.regions),
            str(entry.expected),
            str(entry.implemented),
            str(entry.missing),
            f"{entry.percent:.1f}",
        )
    shown.print(levels)
    gaps = result.gaps
    if not gaps:
        shown.print(
            "每个区划都实施了其层级的全部事项。 Every region implements every item of its level."
        )
        return
    table = Table(title="未实施的事项 items not implemented", title_justify="left")
    for column in ("region", "name", "level", "missing"):
        table.add_column(column)
    # Folded rather than cut: rich cuts with "…", of ambiguous width (see below).
    table.add_column("items", overflow="fold")
    for region in gaps[:200]:
        # 等 rather than an ellipsis: "…" is of ambiguous width, two cells in a CJK terminal,
        # which would push the row's border out of line.
        listed = "、".join(region.missing[:8]) + ("等" if len(region.missing) > 8 else "")
        table.add_row(
            region.code, region.name, region.level.value, str(len(region.missing)), listed
        )
    shown.print(table)
    if len(gaps) > 200:
        from ..output import counted

        more = counted(len(gaps) - 200, "more region")
        shown.print(f"and {more} (--format json lists all)")
    totals = result.totals
    shown.print(
        f"total: {totals.implemented}/{totals.expected} implemented, {totals.missing} missing"
    )
