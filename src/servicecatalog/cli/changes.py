"""``servicecatalog diff`` and ``deadline``: what changed between two catalogs, and by which
working day a change must be published."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from .exits import exit_code, guarded
from .options import (
    CATALOG_FOLDER_OPTION,
    DATE,
    LANG_OPTION,
    fail_on_option,
    format_option,
    today_option,
)

if TYPE_CHECKING:
    from ..findings import Lang

__all__ = ["deadline", "diff"]


@click.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@format_option(
    ["text", "json", "markdown", "github", "sarif", "gitlab", "junit"],
    "text for a terminal, json for programs, markdown for a review comment, github for "
    "workflow annotations, sarif (2.1.0) for code scanning, gitlab for a GitLab Code Quality "
    "report, junit for JUnit XML; the last four carry the findings.",
)
@fail_on_option(
    "Exit 1 when a finding (change-without-revision, publication-late, "
    "publication-overdue) is at least this severe."
)
@today_option(
    "The day pending changes are judged on (default: today in China Standard Time, or "
    "in the timezone catalog.yaml names)."
)
@click.option("--kinds", is_flag=True, help="List every kind of change with its direction and why.")
@LANG_OPTION
@guarded
def diff(
    old: str | None,
    new: str | None,
    fmt: str,
    fail_on: str,
    today: date | None,
    kinds: bool,
    lang: Lang,
) -> None:
    """Show what changed from OLD to NEW, whether it lightens or burdens applicants, and by
    which working day each change must be published.

    OLD and NEW are catalog folders or git:REV[:PATH] (read from git objects; without PATH,
    the catalog of the current folder: the folder itself when it holds catalog.yaml, else
    ./catalog), e.g. `servicecatalog diff git:HEAD~1 git:HEAD`. Implementation lists are
    compared with their defaults merged in. A change is due for publication by the N-th
    official working day after its revision's changed_on, that day included.
    """
    if kinds:
        _print_kinds(fmt, lang)
        return
    if old is None or new is None:
        raise click.UsageError("diff needs OLD and NEW (or --kinds)")
    from ..findings import Severity
    from ..review import render_review, review_sources

    review = review_sources(old, new, today=today)
    rendered = render_review(
        review,
        fmt,  # type: ignore[arg-type]  # click.Choice
        lang,
        version=__version__,
        fail_on=Severity(fail_on),
    )
    click.echo(rendered, nl=False)
    if review.calendar_ends is not None:
        _calendar_warning(review.calendar_ends, lang)
    sys.exit(exit_code(review.report, Severity(fail_on)))


def _print_kinds(fmt: str, lang: Lang) -> None:
    from ..diff import KINDS
    from ..output import json_text

    if fmt == "json":
        payload = [
            {
                "kind": kind,
                "element": spec.element,
                "direction": spec.direction.value,
                "description": spec.label(lang),
                "reason": spec.why(lang),
            }
            for kind, spec in KINDS.items()
        ]
        click.echo(json_text(payload))
        return
    width = max(len(kind) for kind in KINDS)
    for kind, spec in KINDS.items():
        click.echo(
            f"{kind:<{width}}  {spec.direction.value:<15}  {spec.element:<21}  "
            f"{spec.label(lang)}: {spec.why(lang)}"
        )


def _calendar_warning(end: date, lang: Lang = "en") -> None:
    if lang == "zh":
        message = (
            f"警告：工作日历只到 {end}；国务院公布 {end.year + 1} 年节假日安排后，请添加 "
            f"calendar/{end.year + 1}.yaml"
        )
    else:
        message = (
            f"warning: the working-day calendar ends on {end}; add calendar/{end.year + 1}.yaml "
            "once the State Council publishes the schedule"
        )
    click.echo(message, err=True)


@click.command()
@click.argument("day", metavar="DATE", type=DATE)
@click.option(
    "--working-days",
    "-n",
    type=click.IntRange(min=1),
    default=None,
    help="How many working days after DATE (default: publication.working_days of the catalog, "
    "or 1).",
)
@CATALOG_FOLDER_OPTION
@guarded
def deadline(day: date, working_days: int | None, catalog_path: Path | None) -> None:
    """Print the publication deadline of a change made on DATE: the N-th official working day
    strictly after it, as YYYY-MM-DD (that day included in the time allowed).

    N is --working-days, else publication.working_days of the catalog (the --catalog folder,
    else the current folder when it holds catalog.yaml, else ./catalog), else 1, which is then
    said on stderr. Holidays and adjusted working weekends follow the State Council's schedule
    (chinesecalendar), overridden by the catalog's calendar/<year>.yaml.
    """
    from ..opening import publication_settings

    settings = publication_settings(catalog_path)
    count = working_days or settings.working_days
    if count is None:
        count = 1
        click.echo(
            "note: no catalog.yaml here (nor in ./catalog), so N = 1 working day; give "
            "--working-days N or --catalog PATH",
            err=True,
        )
    calendar = settings.calendar()
    click.echo(calendar.next_working_day(day, count).isoformat())
    end = calendar.runs_out_within(settings.today())
    if end is not None:
        _calendar_warning(end)
