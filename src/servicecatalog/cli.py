"""The command line: parse options, call the library, print, exit with the documented code.

Exit codes of every command: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error; 3 input unusable (no such folder, not a catalog, a year the calendar lacks).
This is the only module that imports the CLI framework.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import click

from . import __version__
from ._files import write_atomically
from ._text import json_text
from .errors import CatalogInvalidError, ServiceCatalogError
from .findings import Lang, Report, Severity
from .model import Level

if TYPE_CHECKING:
    from .catalog import Catalog

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


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(text: str) -> date | None:
    # date.fromisoformat also takes week dates (2026-W01-1) and 20261201: not a date as written.
    if not _ISO_DATE.fullmatch(text):
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


def _unusable(error: ServiceCatalogError, *, fmt: str | None = None) -> NoReturn:
    _machine_error(error.message, fmt)
    click.echo(f"servicecatalog: error: {error.message}", err=True)
    sys.exit(EXIT_UNUSABLE)


def _machine_error(message: str, fmt: str | None) -> None:
    """On stdout, the error in the machine format that was asked for (JSON or SARIF), so a
    program reading stdout always gets a document of the kind it expects."""
    if fmt == "json":
        click.echo(json_text({"ok": False, "error": message}, indent=None))
    elif fmt == "sarif":
        from .reporting import sarif_error

        click.echo(sarif_error(message, __version__), nl=False)


def _guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into exit code 3 with a one-line message, never a traceback."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except ServiceCatalogError as error:
            fmt = kwargs.get("fmt")
            _unusable(error, fmt=fmt if isinstance(fmt, str) else None)

    return wrapper


class _Group(click.Group):
    """Click's group, except that a usage error still prints JSON when JSON was asked for.

    A CI step that pipes ``--format json`` into a parser should get a JSON object for every
    outcome, a mistyped option included; the usual message still goes to stderr.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        arguments = list(args[0] if args else kwargs.get("args") or sys.argv[1:])
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.ClickException as error:
            _machine_error(error.format_message(), _asked_format(arguments))
            error.show()
            sys.exit(error.exit_code)
        except Exception as error:
            # No input may end in a traceback. What reaches here is a bug; say so in one line
            # (SERVICECATALOG_DEBUG=1 shows the traceback) rather than dump the stack.
            if os.environ.get("SERVICECATALOG_DEBUG"):
                raise
            message = f"internal error, please report it: {type(error).__name__}: {error}"
            _machine_error(message, _asked_format(arguments))
            click.echo(f"servicecatalog: {message}", err=True)
            sys.exit(EXIT_UNUSABLE)


def _asked_format(arguments: list[str]) -> str | None:
    """The machine format (json or sarif) the command line asks for, if any."""
    pairs = zip(arguments, [*arguments[1:], ""], strict=False)
    for option, value in pairs:
        asked = value if option == "--format" else option.removeprefix("--format=")
        if option.startswith("--format") and asked in ("json", "sarif"):
            return asked
    return None


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that load implementation lists (default: one per core when there are many).",
)
@_guarded
def validate(
    path: Path,
    fmt: str,
    fail_on: str,
    lang: Lang,
    today: date | None,
    config_path: Path | None,
    jobs: int | None,
) -> None:
    """Check the catalog folder PATH (default: catalog) against every rule.

    Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage error,
    3 when PATH is not a catalog.
    """
    from .catalog import load_catalog
    from .reporting import findings_summary, render_report

    with _progress_bar("validate") as progress:
        catalog = load_catalog(
            path, today=today, config=config_path, workers=jobs, progress=progress
        )
    report = catalog.report
    output = render_report(report, fmt, lang, version=__version__)  # type: ignore[arg-type]  # click.Choice
    if fmt == "text" and sys.stdout.isatty():
        _print_text_coloured(report, lang)
    else:
        click.echo(output, nl=False)
    if fmt == "text":
        click.echo(findings_summary(report, lang), err=True)
    sys.exit(_exit_code(report, Severity(fail_on)))


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (nothing otherwise): for long loads."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        f"[bold]{label}[/bold] implementation lists",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


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
        click.echo(json_text(payload))
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


ALLOW_INVALID_OPTION = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Go on with a catalog that has errors; the output then says which items it leaves out "
    "and why. Without it, a catalog with errors exits 1 and nothing is produced.",
)


def _require_valid(catalog: Catalog, allow_invalid: bool, *, as_json: bool = False) -> None:
    """Exit 1 with the findings' summary when ``catalog`` has errors, unless allowed."""
    from .reporting import findings_summary, text_line

    report = catalog.report
    if report.ok:
        return
    if not allow_invalid:
        error = CatalogInvalidError(report.counts["error"], len(catalog.invalid_files))
        if as_json:
            payload = {"ok": False, "error": error.message, "counts": report.counts}
            click.echo(json_text(payload, indent=None))
        for finding in report.at_least(Severity.ERROR)[:_ERRORS_SHOWN]:
            click.echo(text_line(finding, "en"), err=True)
        click.echo(findings_summary(report, "en"), err=True)
        click.echo(f"servicecatalog: error: {error.message}", err=True)
        sys.exit(EXIT_FINDINGS)
    left_out = catalog.left_out()
    click.echo(
        f"warning: the catalog has {report.counts['error']} errors; going on as asked "
        f"(--allow-invalid), leaving out {len(left_out)} item files that do not validate"
        + "".join(f"\n  {entry.code}: {entry.reasons('en')}" for entry in left_out),
        err=True,
    )


_ERRORS_SHOWN = 10


CATALOG_OPTION = click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path),
    default=Path("catalog"),
    show_default=True,
    help="The catalog folder, or a snapshot of it (servicecatalog build).",
)


def _read_catalog(path: Path) -> Catalog:
    """The catalog folder ``path``, or the snapshot that file ``path`` is."""
    if path.is_file():
        from .snapshot import load_snapshot

        return load_snapshot(path)
    from .catalog import load_catalog

    return load_catalog(path)


@main.command()
@CATALOG_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
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
@_guarded
def stats(
    catalog_path: Path,
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
    from .stats import catalog_stats

    today = date.today()
    start = changed_from or date(today.year, 1, 1)
    end = changed_to or today
    if start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid, as_json=fmt == "json")
    figures = catalog_stats(catalog, start, end)
    if fmt == "json":
        click.echo(json_text(figures.to_dict()))
    else:
        _print_stats(figures.to_dict())


def _print_stats(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 100)
    console.print(f"[bold]{figures['catalog']}[/bold]")
    console.print(f"{figures['items']} 个事项（{figures['main_items']} 个主项）\n")
    lists = Table(title="清单 lists", title_justify="left")
    for column in ("list", "title", "count", "expected"):
        lists.add_column(column, justify="right" if column in ("count", "expected") else "left")
    for list_id, entry in figures["lists"].items():
        expected = "" if entry["expected"] is None else str(entry["expected"])
        lists.add_row(list_id, entry["title"] or "", str(entry["count"]), expected)
    console.print(lists)
    for title, counts in (
        ("事项类型 item types", figures["item_types"]),
        ("承办处室 departments", figures["departments"]),
    ):
        console.print(_count_table(title, counts))
    visits = figures["visits"]
    materials = figures["materials"]
    limits = figures["time_limits"]
    summary = Table(title="改革指标 reform figures", title_justify="left", show_header=False)
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    exempt = "，".join(f"{k} {v}" for k, v in materials["by_exempt_by"].items()) or "0"
    compression = limits["average_compression_percent"]
    rows = [
        ("零跑动 zero visits", str(visits["zero"])),
        ("只跑一次 one visit", str(visits["one"])),
        ("申请材料 materials", str(materials["total"])),
        ("免提交 not submitted", f"{materials['not_submitted']}（{exempt}）"),
        ("容缺后补 deferrable", str(materials["deferrable"])),
        ("即办件 immediate", str(limits["immediate"])),
        (
            "时限压缩 time compression",
            "—" if compression is None else f"{compression}%（{limits['comparable']} 项可比）",
        ),
        (
            f"变更事项 changed {figures['changed']['from']}–{figures['changed']['to']}",
            str(figures["changed"]["count"]),
        ),
    ]
    for label, value in rows:
        summary.add_row(label, value)
    console.print(summary)


def _count_table(title: str, counts: dict[str, int]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("name")
    table.add_column("items", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    return table


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for a terminal, json for programs, markdown for a review comment.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding (change-without-revision, publication-late, "
    "publication-overdue) is at least this severe.",
)
@click.option(
    "--today",
    type=DATE,
    default=None,
    help="The day pending changes are judged on (default: today).",
)
@click.option("--kinds", is_flag=True, help="List every kind of change with its direction.")
@LANG_OPTION
@_guarded
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

    OLD and NEW are catalog folders or git:REV[:PATH] (read from git objects; PATH defaults to
    catalog), e.g. `servicecatalog diff git:origin/main catalog`.
    """
    if kinds:
        _print_kinds(fmt, lang)
        return
    if old is None or new is None:
        raise click.UsageError("diff needs OLD and NEW (or --kinds)")
    from .review import render_review, review_sources

    review = review_sources(old, new, today=today)
    click.echo(render_review(review, fmt, lang), nl=False)  # type: ignore[arg-type]  # click.Choice
    if review.calendar_ends is not None:
        _calendar_warning(review.calendar_ends)
    sys.exit(_exit_code(review.report, Severity(fail_on)))


def _print_kinds(fmt: str, lang: Lang) -> None:
    from .diff import KINDS

    if fmt == "json":
        payload = [
            {
                "kind": kind,
                "element": spec.element,
                "direction": spec.direction.value,
                "description": spec.description_en if lang == "en" else spec.description,
            }
            for kind, spec in KINDS.items()
        ]
        click.echo(json_text(payload))
        return
    width = max(len(kind) for kind in KINDS)
    for kind, spec in KINDS.items():
        description = spec.description_en if lang == "en" else spec.description
        click.echo(
            f"{kind:<{width}}  {spec.direction.value:<15}  {spec.element:<16}  {description}"
        )


def _calendar_warning(end: date) -> None:
    click.echo(
        f"warning: the working-day calendar ends on {end}; add calendar/{end.year + 1}.yaml "
        "once the State Council publishes the schedule",
        err=True,
    )


@main.command()
@click.argument("day", metavar="DATE", type=DATE)
@click.option(
    "--working-days",
    "-n",
    type=click.IntRange(min=1),
    default=None,
    help="How many working days after DATE (default: publication.working_days of the catalog, "
    "or 1).",
)
@CATALOG_OPTION
@_guarded
def deadline(day: date, working_days: int | None, catalog_path: Path) -> None:
    """Print the publication deadline of a change made on DATE: the N-th official working day
    strictly after it, as YYYY-MM-DD.

    Holidays and adjusted working weekends follow the State Council's schedule
    (chinesecalendar), overridden by CATALOG/calendar/<year>.yaml.
    """
    from .publication import publication_deadline
    from .workdays import WorkdayCalendar

    explicit = click.get_current_context().get_parameter_source("catalog_path")
    folder = _catalog_folder_for_deadline(catalog_path, explicit)
    calendar = WorkdayCalendar(folder / "calendar" if folder else None)
    count = working_days or _manifest_working_days(folder)
    click.echo(publication_deadline(day, calendar, count).isoformat())
    end = calendar.runs_out_within(date.today())
    if end is not None:
        _calendar_warning(end)


@main.command()
@click.argument("code")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "docx"]),
    default="html",
    show_default=True,
    help="html: a standalone page; md: Markdown; docx: Word, for the hall.",
)
@CATALOG_OPTION
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file instead of stdout (docx needs it on a terminal).",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="A folder of templates (guide.html, guide.md, index.html, static/site.css, "
    "static/site.js) that replace the bundled ones of the same name.",
)
@ALLOW_INVALID_OPTION
@_guarded
def guide(
    code: str,
    fmt: str,
    catalog_path: Path,
    output: Path | None,
    templates_dir: Path | None,
    allow_invalid: bool,
) -> None:
    """Render the service guide (办事指南) of the item CODE.

    html and md go to stdout unless -o is given. docx is binary: give -o FILE, or redirect
    stdout to a file; on a terminal it exits 2. An unknown CODE exits 3. A catalog with errors
    exits 1 and renders nothing, unless --allow-invalid.
    """
    from .guides import render_guide

    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise click.UsageError("docx is binary: give -o FILE.docx or redirect stdout to a file")
    catalog = _read_catalog(catalog_path)
    if code not in catalog:
        if code in catalog.invalid_files:
            [entry] = [e for e in catalog.left_out() if e.code == code]
            _unusable(ServiceCatalogError(f"item {code} does not validate: {entry.reasons('en')}"))
        _unusable(ServiceCatalogError(f"no item {code} in catalog {catalog_path}"))
    _require_valid(catalog, allow_invalid)
    rendered = render_guide(catalog.item(code), fmt, catalog=catalog, templates_dir=templates_dir)
    if output is None:
        click.echo(rendered, nl=False)  # bytes (docx) go to the binary stdout
    else:
        data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
        try:
            write_atomically(output, data)
        except OSError as error:
            _unusable(ServiceCatalogError(f"{output}: cannot write: {error.strerror}"))


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@CATALOG_OPTION
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="A folder of templates (guide.html, guide.md, index.html, static/site.css, "
    "static/site.js) that replace the bundled ones of the same name.",
)
@ALLOW_INVALID_OPTION
@_guarded
def site(outdir: Path, catalog_path: Path, templates_dir: Path | None, allow_invalid: bool) -> None:
    """Build the static site of the catalog into OUTDIR: index.html with the four lists,
    search and filters, items/<code>.html, catalog.json. Works opened from disk.

    A catalog with errors exits 1 and publishes nothing, unless --allow-invalid (the index and
    catalog.json then say which items were left out and why). OUTDIR is replaced atomically and
    only when everything in it was written by this command (a .git folder, the catalog, any
    other file: exit 3); a failed build leaves the previous site intact.
    """
    from .guides import build_site

    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid)
    built = build_site(catalog, outdir, templates_dir=templates_dir, allow_invalid=allow_invalid)
    click.echo(str(built / "index.html"))
    click.echo(f"{len(catalog)} item pages written to {built}", err=True)


@main.command()
@click.argument("source", default="catalog")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The snapshot file to write (replaced atomically), e.g. catalog.json.",
)
@ALLOW_INVALID_OPTION
@_guarded
def build(source: str, output: Path, allow_invalid: bool) -> None:
    """Compile the catalog SOURCE (a folder, or git:REV[:PATH]; default: catalog) into one
    JSON snapshot, which sc.load_snapshot reads back in a fraction of the time, and which the
    --catalog option of guide, site, stats and coverage accepts in place of the folder.

    The snapshot is the site's catalog.json with the regions, the implementation lists, the
    report's findings and the calendar overrides, the tool's version and the commit SOURCE was
    read from. A catalog with errors exits 1 and writes nothing, unless --allow-invalid.
    """
    from .catalog import load_catalog
    from .snapshot import write_snapshot
    from .sources import open_source, source_commit

    tree = open_source(source)
    with _progress_bar("build") as progress:
        catalog = load_catalog(tree, progress=progress)
    _require_valid(catalog, allow_invalid)
    origin = source_commit(tree)
    written = write_snapshot(
        catalog,
        output,
        commit=origin.commit if origin else None,
        modified=origin.modified if origin else False,
        allow_invalid=allow_invalid,
    )
    click.echo(str(written))
    click.echo(f"{len(catalog)} items written to {written}", err=True)


def _catalog_folder_for_deadline(path: Path, source: Any) -> Path | None:
    from .errors import CatalogNotFoundError

    if path.is_dir():
        return path
    if source == click.core.ParameterSource.DEFAULT:
        return None  # no catalog here: the package's calendar alone
    raise CatalogNotFoundError(path, "no such folder")


def _manifest_working_days(folder: Path | None) -> int:
    from ._validation import validate_document
    from .loader import load_file
    from .model import Manifest

    if folder is None or not (folder / "catalog.yaml").is_file():
        return 1
    manifest, _ = validate_document(Manifest, load_file(folder / "catalog.yaml"))
    return manifest.publication.working_days if manifest else 1


@main.command()
@CATALOG_OPTION
@click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    default=None,
    help="Only this level (省级 市级 县级 乡级 村级).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@ALLOW_INVALID_OPTION
@_guarded
def coverage(catalog_path: Path, level: str | None, fmt: str, allow_invalid: bool) -> None:
    """Per level and region, which items that should be implemented there are not.

    An item should be implemented by every region whose level is among the item's levels. A
    catalog with errors exits 1, unless --allow-invalid: an invalid implementation list would
    read as a region that implements nothing.
    """
    from .coverage import catalog_coverage

    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid, as_json=fmt == "json")
    result = catalog_coverage(catalog, Level(level) if level else None)
    if fmt == "json":
        click.echo(json_text(result.to_dict()))
        return
    _print_coverage(result)


def _print_coverage(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 110)
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
    console.print(levels)
    gaps = [region for region in result.regions if region.missing]
    if not gaps:
        console.print(
            "每个区划都实施了其层级的全部事项。 Every region implements every item of its level."
        )
        return
    table = Table(title="未实施的事项 items not implemented", title_justify="left")
    for column in ("region", "name", "level", "missing", "items"):
        table.add_column(column)
    for region in gaps[:200]:
        shown = "、".join(region.missing[:8]) + ("…" if len(region.missing) > 8 else "")
        table.add_row(region.code, region.name, region.level.value, str(len(region.missing)), shown)
    console.print(table)
    if len(gaps) > 200:
        console.print(f"… and {len(gaps) - 200} more regions (--format json lists all)")
    totals = result.totals
    console.print(
        f"total: {totals['implemented']}/{totals['expected']} implemented, {totals['missing']} missing"
    )
