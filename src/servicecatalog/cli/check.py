"""``servicecatalog validate``: check catalogs, or files and folders inside one."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from .console import colour, console, progress_bar
from .exits import exit_code, guarded, outside_catalogs, write_output
from .options import (
    COLOR_OPTION,
    LANG_OPTION,
    fail_on_option,
    format_option,
    jobs_option,
    quiet_option,
    today_option,
)

if TYPE_CHECKING:
    from ..findings import Lang, Report
    from ..targets import Target

__all__ = ["validate"]


@click.command()
@click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path))
@format_option(
    ["text", "json", "github", "sarif", "gitlab", "junit"],
    "text: file:line:col lines; json: the documented shape; github: workflow annotations; "
    "sarif: SARIF 2.1.0 for code scanning; gitlab: a GitLab Code Quality report; junit: JUnit "
    "XML (Jenkins, GitLab), a test case per file, a failure per finding at or above --fail-on.",
)
@fail_on_option()
@LANG_OPTION
@today_option("Compare dates with this day (default: today).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Use this configuration instead of the .servicecatalog.yaml found above each catalog.",
)
@jobs_option(
    "Processes that parse item files and load implementation lists (default: one per core "
    "when there are many)."
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (whole or not at all) instead of stdout.",
)
@quiet_option("the report")
@COLOR_OPTION
@guarded
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    lang: Lang,
    today: date | None,
    config_path: Path | None,
    jobs: int | None,
    output_file: Path | None,
    quiet: bool,
    color: str,
) -> None:
    """Check catalogs, or files and folders inside one, against every rule.

    A PATH that holds catalog.yaml is a catalog, checked whole (default: the current folder
    when it holds catalog.yaml, else ./catalog). Any other
    file or folder is checked within the nearest catalog at or above it: the findings located
    in it, and the catalog-wide findings it takes part in (pre-commit passes the files of a
    commit this way).

    Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage error,
    3 when a PATH is missing or in no catalog.
    """
    from ..findings import Severity
    from ..reporting import findings_summary, render_report
    from ..targets import checked_files, targets

    if output_file is not None:
        outside_catalogs(output_file)
    named = targets(paths)
    report = _combined([_checked(target, today, config_path, jobs, quiet) for target in named])
    output = render_report(
        report,
        fmt,  # type: ignore[arg-type]  # click.Choice
        lang,
        version=__version__,
        fail_on=Severity(fail_on),
        files=[file for target in named for file in checked_files(target)],
    )
    if output_file is not None:
        write_output(output_file, output)
    elif fmt == "text" and colour(color, sys.stdout):
        _print_text_coloured(report, lang)
    else:
        click.echo(output, nl=False)
    if not quiet:
        click.echo(findings_summary(report, lang), err=True)
    sys.exit(exit_code(report, Severity(fail_on)))


def _checked(
    target: Target, today: date | None, config: Path | None, jobs: int | None, quiet: bool
) -> Report:
    """The report on what ``target`` names, its catalog opened and checked whole."""
    from ..opening import open_catalog
    from ..targets import select

    with progress_bar("validate", enabled=not quiet) as progress:
        catalog = open_catalog(
            target.catalog,
            today=today,
            config=config,
            workers=jobs,
            progress=progress,
            snapshot=False,
        )
    return select(catalog, target)


def _combined(reports: list[Report]) -> Report:
    from ..findings import Report

    return Report.of(
        [finding for report in reports for finding in report],
        items=sum(report.items for report in reports),
        waived=[finding for report in reports for finding in report.waived],
    )


def _print_text_coloured(report: Report, lang: Lang) -> None:
    from rich.text import Text

    from ..findings import Severity
    from ..reporting import text_line

    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    shown = console(choice="always")
    shown.soft_wrap = True
    for finding in report:
        line = text_line(finding, lang)
        text = Text(line)
        start = line.find(f" {finding.severity.value} [") + 1
        text.stylize(styles[finding.severity], start, start + len(finding.severity.value))
        text.stylize("dim", 0, max(start - 2, 0))
        shown.print(text)
