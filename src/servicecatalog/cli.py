"""The command line: parse options, call the library, print, exit with the documented code.

Exit codes of every command: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error; 3 input unusable (no such folder, not a catalog, a year the calendar lacks).
This is the only module that imports the CLI framework.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from . import __version__
from .errors import ServiceCatalogError
from .findings import Lang, Report, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNUSABLE = 0, 1, 2, 3

P = ParamSpec("P")
R = TypeVar("R")


class DateType(click.ParamType):  # type: ignore[type-arg]  # generic only in stubs of newer click
    """A date written ``YYYY-MM-DD``."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value)
        parsed = _iso_date(text)
        if parsed is None:
            self.fail(f"{text!r} is not a date written YYYY-MM-DD", param, ctx)
        return parsed


def _iso_date(text: str) -> date | None:
    if len(text) != len("YYYY-MM-DD"):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


DATE = DateType()
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of messages: zh (Chinese) or en (English).",
)


def _unusable(error: ServiceCatalogError, *, as_json: bool = False) -> NoReturn:
    if as_json:
        click.echo(json.dumps({"ok": False, "error": error.message}, ensure_ascii=False))
    click.echo(f"servicecatalog: error: {error.message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def _guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into exit code 3 with a one-line message, never a traceback."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except ServiceCatalogError as error:
            as_json = kwargs.get("fmt") in ("json", "sarif")
            _unusable(error, as_json=as_json)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="servicecatalog")
def main() -> None:
    """Validate, compare and publish a catalog of service items kept by the eight
    unifications (八统一)."""


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("catalog"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; json: the documented shape; github: workflow annotations; "
    "sarif: SARIF 2.1.0 for code scanning.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@LANG_OPTION
@click.option(
    "--today", type=DATE, default=None, help="Compare dates with this day (default: today)."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Use this configuration instead of the .servicecatalog.yaml found above PATH.",
)
@_guarded
def validate(
    path: Path, fmt: str, fail_on: str, lang: Lang, today: date | None, config_path: Path | None
) -> None:
    """Check the catalog folder PATH (default: catalog) against every rule.

    Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage error,
    3 when PATH is not a catalog.
    """
    from .catalog import load_catalog
    from .reporting import findings_summary, render_report

    catalog = load_catalog(path, today=today, config=config_path)
    report = catalog.report
    output = render_report(report, fmt, lang, version=__version__)  # type: ignore[arg-type]  # click.Choice
    if fmt == "text" and sys.stdout.isatty():
        _print_text_coloured(report, lang)
    else:
        click.echo(output, nl=False)
    if fmt == "text":
        click.echo(findings_summary(report, lang), err=True)
    sys.exit(_exit_code(report, Severity(fail_on)))


def _exit_code(report: Report, fail_on: Severity) -> int:
    return EXIT_FINDINGS if report.at_least(fail_on) else EXIT_OK


def _print_text_coloured(report: Report, lang: Lang) -> None:
    from rich.console import Console
    from rich.text import Text

    from .reporting import text_line

    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    console = Console(highlight=False, soft_wrap=True)
    for finding in report:
        line = text_line(finding, lang)
        text = Text(line)
        start = line.find(f" {finding.severity.value} [") + 1
        text.stylize(styles[finding.severity], start, start + len(finding.severity.value))
        text.stylize("dim", 0, max(start - 2, 0))
        console.print(text)


@main.command()
@click.argument("rule_id", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@LANG_OPTION
def rules(rule_id: str | None, fmt: str, lang: Lang) -> None:
    """List every rule, or show the documentation of RULE_ID."""
    from .rules import REGISTRY

    if rule_id is not None and rule_id not in REGISTRY:
        raise click.BadParameter(f"there is no rule {rule_id!r}", param_hint="RULE_ID")
    selected = [REGISTRY[rule_id]] if rule_id else list(REGISTRY.values())
    if fmt == "json":
        payload = [
            {
                "id": rule.id,
                "severity": rule.severity.value,
                "family": rule.family,
                "summary": rule.summary_en if lang == "en" else rule.summary,
                "doc": rule.doc,
            }
            for rule in selected
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if rule_id is not None:
        rule = selected[0]
        click.echo(f"{rule.id}  ({rule.severity.value}, {rule.family})\n")
        click.echo(rule.summary_en if lang == "en" else rule.summary)
        click.echo(f"\n{rule.doc}")
        return
    _print_rule_table(selected, lang)


def _print_rule_table(selected: list[Any], lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("family")
    table.add_column("summary")
    for rule in selected:
        summary = rule.summary_en if lang == "en" else rule.summary
        table.add_row(rule.id, rule.severity.value, rule.family, summary)
    Console(width=None if sys.stdout.isatty() else 120).print(table)
    click.echo("servicecatalog rules RULE_ID shows a rule's documentation.", err=True)


@main.command()
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schema files into.",
)
@click.option("--check", is_flag=True, help="Do not write: exit 1 if the files differ.")
def schema(output_dir: Path, check: bool) -> None:
    """Write the JSON Schemas (2020-12) of the catalog files, generated from the models."""
    from .schemas import schema_drift, write_schemas

    if check:
        drifted = schema_drift(output_dir)
        for name in drifted:
            click.echo(f"{output_dir / name}: differs from the models", err=True)
        if drifted:
            click.echo("run `servicecatalog schema` to regenerate", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{output_dir}: up to date", err=True)
        return
    for written in write_schemas(output_dir):
        click.echo(str(written))
