"""The command line: parse options, call the library, print, exit with the documented code.

Exit codes of every command: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error; 3 input unusable (no such folder, not a catalog, a year the calendar lacks).
This is the only module that imports the CLI framework.
"""

from __future__ import annotations

import errno
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import click

from . import __version__
from .errors import CatalogInvalidError, ServiceCatalogError
from .findings import Lang, Report, Severity
from .model import ItemType, Level
from .output import counted, json_text, write_atomically

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


_FOUND = "Default: the current folder when it holds catalog.yaml, else ./catalog."


def _catalog_option(help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    return click.option(
        "--catalog",
        "catalog_path",
        type=click.Path(path_type=Path),
        default=None,
        help=f"{help_text} {_FOUND}",
    )


CATALOG_OPTION = _catalog_option(
    "The catalog folder, a snapshot of it (servicecatalog build), or git:REV[:PATH]."
)
CATALOG_FOLDER_OPTION = _catalog_option("The catalog folder.")

COLOR_OPTION = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour text output. auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR colours "
    "any output.",
)


def _unusable(
    error: ServiceCatalogError, *, fmt: str | None = None, output: Path | None = None
) -> NoReturn:
    _say(f"servicecatalog: error: {error.message}")
    _machine_error(error.message, fmt, output)
    sys.exit(EXIT_UNUSABLE)


def _machine_error(message: str, fmt: str | None, output: Path | None = None) -> None:
    """On stdout (or into the --output-file asked for), the error in the machine format that was
    asked for (JSON or SARIF), so a program reading the output always gets a document of the
    kind it expects."""
    if fmt == "json":
        document = json_text({"ok": False, "error": message}, indent=None) + "\n"
    elif fmt == "sarif":
        from .reporting import sarif_error

        document = sarif_error(message, __version__)
    else:
        return
    if output is not None and _in_a_catalog(output):
        output = None  # the error document too stays out of the catalog: on stdout instead
    if output is None:
        try:
            click.echo(document, nl=False)
        except OSError as error:
            raise _OutputLost(error) from None
        return
    try:
        write_atomically(output, document)
    except OSError as error:
        click.echo(f"servicecatalog: error: {output}: cannot write: {error.strerror}", err=True)


def _guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into exit code 3 with a one-line message, never a traceback."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except ServiceCatalogError as error:
            fmt, output = kwargs.get("fmt"), kwargs.get("output_file")
            _unusable(
                error,
                fmt=fmt if isinstance(fmt, str) else None,
                output=output if isinstance(output, Path) else None,
            )

    return wrapper


class _Group(click.Group):
    """Click's group, except that a usage error still prints JSON when JSON was asked for, and
    that a report that could not be written is an error.

    A CI step that pipes ``--format json`` into a parser should get a JSON object for every
    outcome, a mistyped option included; the usual message still goes to stderr. A report lost
    to a full disk, a closed pipe or a closed stdout exits 3 with one line on stderr: a lost
    report must never read as a clean run.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        arguments = list(args[0] if args else kwargs.get("args") or sys.argv[1:])
        output = _guard_standard_streams()
        try:
            status = self._run(arguments, output, *args, **kwargs)
            if output is not None:
                _flush(output)
        except _OutputLost as lost:
            _report_lost_output(lost.error, output)
            status = EXIT_UNUSABLE
        sys.exit(status)

    def _run(self, arguments: list[str], output: _Output | None, *args: Any, **kwargs: Any) -> Any:
        """Run the command; its exit status (what it passed to ``sys.exit``)."""
        try:
            super().main(*args, **{**kwargs, "standalone_mode": False})
        except SystemExit as exit:
            status = exit.code
        except click.exceptions.Abort:
            _say("Aborted!")
            status = 1
        except click.ClickException as error:
            with suppress(OSError):
                error.show()
            _machine_error(
                error.format_message(), _asked_format(arguments), _asked_output(arguments)
            )
            status = error.exit_code
        except _OutputLost:
            raise
        except Exception as error:
            if output is not None and output.failure is not None:
                raise _OutputLost(output.failure) from None
            if isinstance(error, OSError):
                # A file or folder that cannot be read or written (a device where a folder was
                # asked for, no space left): the input or the output is unusable, not the tool.
                where = f"{error.filename}: " if error.filename else ""
                message = f"{where}{error.strerror or error}"
                _machine_error(message, _asked_format(arguments), _asked_output(arguments))
                _say(f"servicecatalog: error: {message}")
                return EXIT_UNUSABLE
            # No input may end in a traceback. What reaches here is a bug; say so in one line
            # (SERVICECATALOG_DEBUG=1 shows the traceback) rather than dump the stack.
            if os.environ.get("SERVICECATALOG_DEBUG"):
                raise
            message = f"internal error, please report it: {type(error).__name__}: {error}"
            _machine_error(message, _asked_format(arguments), _asked_output(arguments))
            _say(f"servicecatalog: {message}")
            status = EXIT_UNUSABLE
        else:
            status = EXIT_OK
        # Click takes a broken pipe for a quiet exit 1; every failed write of the output,
        # whatever its errno, is a lost report.
        if output is not None and output.failure is not None:
            raise _OutputLost(output.failure)
        return status


class _OutputLost(Exception):
    """The output could not be written (full disk, closed pipe, closed stdout)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Output(io.RawIOBase):
    """Standard output's descriptor, remembering the first write that failed.

    Python drops the data of a failed write and click swallows a broken pipe, so the failure
    is kept here to be told at exit. A stdout closed at start (``>&-``, which Python makes None
    and click then writes to in silence) is a descriptor of None: every write fails.
    """

    def __init__(self, descriptor: int | None) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.failure: OSError | None = None
        self.discard = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        if self.descriptor is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self.descriptor

    def isatty(self) -> bool:
        return self.descriptor is not None and os.isatty(self.descriptor)

    def write(self, data: Any) -> int:
        if self.discard:
            return len(data)
        try:
            if self.descriptor is None:
                raise OSError(errno.EBADF, "standard output is closed")
            return os.write(self.descriptor, data)
        except OSError as error:
            self.failure = self.failure or error
            raise


def _guard_standard_streams() -> _Output | None:
    """Standard output through an :class:`_Output` (when it is the process's own: not under a
    test runner), and /dev/null on closed descriptors 0–2, so that no file opened later takes
    their number and a child process writes into it."""
    closed = set()
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.add(descriptor)
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the process
    original = sys.stdout
    if original is not None and original is not sys.__stdout__:
        return None
    output = _Output(None if 1 in closed or original is None else 1)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(output),
        encoding=original.encoding if original else "utf-8",
        errors=original.errors if original else "strict",
        line_buffering=original.line_buffering if original else False,
    )
    return output


def _flush(output: _Output) -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        raise _OutputLost(output.failure or error) from None


def _report_lost_output(error: OSError, output: _Output | None) -> None:
    """One line on stderr; and stdout made to discard what it still holds, so that the flush at
    exit does not fail a second time."""
    _say(f"servicecatalog: error: the output could not be written: {error.strerror or error}")
    if output is not None:
        output.discard = True


def _say(line: str) -> None:
    """``line`` on stderr, if stderr can still be written."""
    with suppress(OSError):
        click.echo(line, err=True)


def _asked_output(arguments: list[str]) -> Path | None:
    """The ``--output-file`` of ``validate`` the command line names, if any."""
    if "validate" not in arguments:
        return None
    pairs = zip(arguments, [*arguments[1:], ""], strict=False)
    for option, value in pairs:
        if option in ("--output-file", "-o") and value:
            return Path(value)
        if option.startswith("--output-file="):
            return Path(option.removeprefix("--output-file="))
    return None


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
@click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "gitlab", "junit"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; json: the documented shape; github: workflow annotations; "
    "sarif: SARIF 2.1.0 for code scanning; gitlab: a GitLab Code Quality report; junit: JUnit "
    "XML (Jenkins, GitLab), a test case per file, a failure per finding at or above --fail-on.",
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
    help="Use this configuration instead of the .servicecatalog.yaml found above each catalog.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that load implementation lists (default: one per core when there are many).",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (whole or not at all) instead of stdout.",
)
@click.option("--quiet", "-q", is_flag=True, help="Only the report: no summary, no progress bar.")
@COLOR_OPTION
@_guarded
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
    from .opening import open_catalog
    from .reporting import findings_summary, render_report
    from .targets import checked_files, select, targets

    if output_file is not None:
        _outside_catalogs(output_file)
    reports = []
    checked: list[str] = []
    for target in targets(paths):
        with _progress_bar("validate", enabled=not quiet) as progress:
            catalog = open_catalog(
                target.catalog,
                today=today,
                config=config_path,
                workers=jobs,
                progress=progress,
                snapshot=False,
            )
        reports.append(select(catalog, target))
        checked += checked_files(target)
    report = Report.of(
        [f for r in reports for f in r],
        items=sum(r.items for r in reports),
        waived=[f for r in reports for f in r.waived],
    )
    output = render_report(
        report,
        fmt,  # type: ignore[arg-type]  # click.Choice
        lang,
        version=__version__,
        fail_on=Severity(fail_on),
        files=checked,
    )
    if output_file is not None:
        _write_output(output_file, output)
    elif fmt == "text" and _colour(color, sys.stdout):
        _print_text_coloured(report, lang)
    else:
        click.echo(output, nl=False)
    if not quiet:
        click.echo(findings_summary(report, lang), err=True)
    sys.exit(_exit_code(report, Severity(fail_on)))


def _in_a_catalog(path: Path) -> bool:
    from .errors import OutputInCatalogError
    from .targets import refuse_output_in_catalog

    try:
        refuse_output_in_catalog(path)
    except OutputInCatalogError:
        return True
    return False


def _outside_catalogs(path: Path) -> None:
    """Exit 3 when ``path`` would be written inside a catalog folder (only new writes there)."""
    from .targets import refuse_output_in_catalog

    refuse_output_in_catalog(path)


def _write_output(target: Path, text: str) -> None:
    try:
        write_atomically(target, text)
    except OSError as error:
        _unusable(ServiceCatalogError(f"{target}: cannot write: {error.strerror}"))


def _colour(choice: str, stream: Any) -> bool:
    """Whether to colour what goes to ``stream``: ``--color always`` or ``never`` decide;
    otherwise a non-empty NO_COLOR turns colour off, a non-empty FORCE_COLOR turns it on (even
    into a pipe), and without either a terminal is coloured."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _console(*, stderr: bool = False, width: int | None = None, choice: str = "auto") -> Any:
    """A rich console that colours and styles exactly when :func:`_colour` says so: without
    colour it writes no escape sequence at all (rich's own NO_COLOR keeps bold and dim)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    colour = _colour(choice, stream)
    terminal = bool(getattr(stream, "isatty", lambda: False)())
    return Console(
        stderr=stderr,
        # A terminal stays one (a progress bar still moves) even when it gets no colour.
        force_terminal=colour or terminal,
        color_system=("auto" if terminal else "standard") if colour else None,
        no_color=not colour,
        highlight=False,
        width=None if terminal else width,
    )


@contextmanager
def _progress_bar(
    label: str, *, enabled: bool = True, what: str = "implementation lists"
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (nothing otherwise): for long loads."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        f"[bold]{label}[/bold] {what}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _exit_code(report: Report, fail_on: Severity) -> int:
    return EXIT_FINDINGS if report.at_least(fail_on) else EXIT_OK


def _print_text_coloured(report: Report, lang: Lang) -> None:
    from rich.text import Text

    from .reporting import text_line

    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    console = _console(choice="always")
    console.soft_wrap = True
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
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a table, or the documentation of RULE_ID; json: a list of {id, severity, "
    "family, summary, doc}; markdown: the reference docs/rules.md, in both languages.",
)
@LANG_OPTION
def rules(rule_id: str | None, fmt: str, lang: Lang) -> None:
    """List every rule, or show the documentation of RULE_ID.

    A hint on stderr says how to go on: how to see a rule's documentation, or how to change
    its severity in .servicecatalog.yaml.
    """
    from .rules import REGISTRY

    if rule_id is not None and rule_id not in REGISTRY:
        raise click.BadParameter(f"there is no rule {rule_id!r}", param_hint="RULE_ID")
    selected = [REGISTRY[rule_id]] if rule_id else list(REGISTRY.values())
    if fmt == "markdown":
        from .ruledocs import rules_markdown

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


def _print_rule_table(selected: list[Any], lang: Lang) -> None:
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("rule")
    table.add_column("severity")
    table.add_column("family")
    table.add_column("summary")
    for rule in selected:
        table.add_row(rule.id, rule.severity.value, rule.family, rule.summary_in(lang))
    _console(width=120).print(table)


@main.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--province",
    default="22",
    show_default=True,
    help="The two-digit province code of the catalog's items (22: 吉林省).",
)
@click.option(
    "--department",
    default="0114",
    show_default=True,
    help="The four-digit department code (0114: human resources and social security).",
)
@click.option(
    "--name",
    default=None,
    help="The catalog's name, the authority first, as guides and the site print it, e.g. "
    "辽宁省人力资源和社会保障厅政务服务事项目录. Required unless --from-reference.",
)
@click.option(
    "--from-reference",
    is_flag=True,
    help="Copy the reference catalog of 吉林省人力资源和社会保障厅 (149 items, the laws, "
    "regions and implementation lists) instead of starting with one example item.",
)
@_guarded
def init(
    folder: Path, province: str, department: str, name: str | None, from_reference: bool
) -> None:
    """Start a catalog in DIR (missing, empty, or holding only .git): catalog.yaml, laws.yaml,
    one complete example item (or the reference catalog), .servicecatalog.yaml, and for the
    repository around it a pre-commit configuration, a GitHub Actions workflow and editor
    settings that map each file to its JSON Schema. The catalog validates as written.
    """
    from .scaffold import init_catalog

    if from_reference and name is not None:
        raise click.UsageError("--from-reference keeps the reference catalog's name: no --name")
    if not from_reference and name is None:
        raise click.UsageError(
            "init needs --name, the catalog's name with the authority first, as guides print "
            "it as 实施主体 and the site as 主办单位 "
            "(e.g. --name 辽宁省人力资源和社会保障厅政务服务事项目录)"
        )
    _outside_catalogs(folder)
    written = init_catalog(
        folder,
        province=province,
        department=department,
        name=name,
        from_reference=from_reference,
    )
    for path in written:
        click.echo(str(path))
    click.echo(
        f"{counted(len(written), 'file')} written. Next: servicecatalog validate {folder}; "
        f"servicecatalog new CODE --type 公共服务 --catalog {folder} adds an item.",
        err=True,
    )


@main.command()
@click.argument("code")
@click.option(
    "--type",
    "item_type",
    type=click.Choice([kind.value for kind in ItemType]),
    required=True,
    help="The item type (事项类型).",
)
@CATALOG_FOLDER_OPTION
@_guarded
def new(code: str, item_type: str, catalog_path: Path | None) -> None:
    """Write the skeleton of the item CODE into the catalog's items/: every key of the format,
    in order, empty until filled. servicecatalog validate then names each key still to fill.
    An existing file is never replaced (exit 3).
    """
    from .codes import describe_code_problem
    from .opening import catalog_spec
    from .scaffold import new_item

    problem = describe_code_problem(code)
    if problem is not None:
        raise click.BadParameter(problem[1], param_hint="CODE")
    target = new_item(Path(catalog_spec(catalog_path)), code, ItemType(item_type))
    click.echo(str(target))
    click.echo(f"Fill it in, then: servicecatalog validate {target}", err=True)


ALLOW_INVALID_OPTION = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Go on with a catalog that has errors; the output then says which items it leaves out "
    "and why. Without it, a catalog with errors exits 1 and nothing is produced.",
)


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
@click.option(
    "--forms",
    "forms_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Instead, write the JSON Schema of a submission of every form of the catalog into this "
    "folder, one file <code>.<form id>.schema.json each.",
)
@CATALOG_OPTION
@ALLOW_INVALID_OPTION
@_guarded
def schema(
    output_dir: Path,
    check: bool,
    forms_dir: Path | None,
    catalog_path: Path | None,
    allow_invalid: bool,
) -> None:
    """Write the JSON Schemas (2020-12) of the catalog files, generated from the models.

    With --forms DIR, write instead the schema of each form's submission (what a portal checks an
    application against), read from the catalog (--catalog).
    """
    from .schemas import schema_drift, write_schemas

    if forms_dir is not None:
        _write_form_schemas(forms_dir, catalog_path, allow_invalid)
        return
    if check:
        drifted = schema_drift(output_dir)
        for name in drifted:
            click.echo(f"{output_dir / name}: differs from the models", err=True)
        if drifted:
            click.echo("run `servicecatalog schema` to regenerate", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{output_dir}: up to date", err=True)
        return
    _outside_catalogs(output_dir)
    for written in write_schemas(output_dir):
        click.echo(str(written))


def _write_form_schemas(folder: Path, catalog_path: Path | None, allow_invalid: bool) -> None:
    from .forms import write_form_schemas

    _outside_catalogs(folder)
    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid)
    try:
        written = write_form_schemas(catalog.items(), folder)
    except OSError as error:
        _unusable(ServiceCatalogError(f"{folder}: cannot write: {error.strerror}"))
    for path in written:
        click.echo(str(path))


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
        f"warning: the catalog has {counted(report.counts['error'], 'error')}; going on as asked "
        f"(--allow-invalid), leaving out {counted(len(left_out), 'item file')} that "
        f"{'does' if len(left_out) == 1 else 'do'} not validate"
        + "".join(f"\n  {entry.code}: {entry.reasons('en')}" for entry in left_out),
        err=True,
    )


_ERRORS_SHOWN = 10


def _read_catalog(path: Path | None) -> Catalog:
    """The catalog folder ``path``, the snapshot that file ``path`` is, or ``git:REV[:PATH]``;
    found from the current folder when None."""
    from .opening import open_catalog

    return open_catalog(path)


@main.command()
@CATALOG_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: tables for people; json: every figure, for programs (the shape of "
    "README, Figures and coverage).",
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
    from .stats import catalog_stats, changed_range

    if changed_from and changed_to and changed_from > changed_to:
        raise click.BadParameter(
            f"--from {changed_from} is after --to {changed_to}", param_hint="--from"
        )
    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid, as_json=fmt == "json")
    start, end = changed_range(catalog, changed_from, changed_to)
    if start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    figures = catalog_stats(catalog, start, end)
    if fmt == "json":
        click.echo(json_text(figures.to_dict()))
    else:
        _print_stats(figures.to_dict())


def _print_stats(figures: dict[str, Any]) -> None:
    from rich.table import Table

    console = _console(width=100)
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
    type=click.Choice(["text", "json", "markdown", "github", "sarif", "gitlab", "junit"]),
    default="text",
    show_default=True,
    help="text for a terminal, json for programs, markdown for a review comment, github for "
    "workflow annotations, sarif (2.1.0) for code scanning, gitlab for a GitLab Code Quality "
    "report, junit for JUnit XML; the last four carry the findings.",
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
    help="The day pending changes are judged on (default: today in China Standard Time, or "
    "in the timezone catalog.yaml names).",
)
@click.option("--kinds", is_flag=True, help="List every kind of change with its direction and why.")
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
    from .review import render_review, review_sources

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
    sys.exit(_exit_code(review.report, Severity(fail_on)))


def _print_kinds(fmt: str, lang: Lang) -> None:
    from .diff import KINDS

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
@CATALOG_FOLDER_OPTION
@_guarded
def deadline(day: date, working_days: int | None, catalog_path: Path | None) -> None:
    """Print the publication deadline of a change made on DATE: the N-th official working day
    strictly after it, as YYYY-MM-DD (that day included in the time allowed).

    N is --working-days, else publication.working_days of the catalog (the --catalog folder,
    else the current folder when it holds catalog.yaml, else ./catalog), else 1, which is then
    said on stderr. Holidays and adjusted working weekends follow the State Council's schedule
    (chinesecalendar), overridden by the catalog's calendar/<year>.yaml.
    """
    from .opening import publication_settings

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


@main.command()
@click.argument("code")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "docx", "handout", "form"]),
    default="html",
    show_default=True,
    help="html: a standalone page; md: Markdown; docx: Word, for the hall; handout: the "
    "citizen sections as HTML ready to print on at most two A4 pages (a QR code of the item's "
    "page when catalog.yaml sets site.base_url); form: the blank form --form (空白表格) as HTML "
    "ready to print, or Word when -o names a .docx file.",
)
@click.option(
    "--form",
    "form_id",
    default=None,
    metavar="ID",
    help="With --format form: the form to print (F1, F2, …).",
)
@click.option(
    "--sample",
    is_flag=True,
    help="With --format form: the sample (示例样表), filled with the fields' examples.",
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
@click.option(
    "--region",
    default=None,
    metavar="CODE",
    help="The region whose guide this is (its agency, address, hours, phones), e.g. 220100. "
    "Default: the province where it implements the item, else a list of the regions that do.",
)
@ALLOW_INVALID_OPTION
@_guarded
def guide(
    code: str,
    fmt: str,
    form_id: str | None,
    sample: bool,
    catalog_path: Path | None,
    output: Path | None,
    templates_dir: Path | None,
    region: str | None,
    allow_invalid: bool,
) -> None:
    """Render the service guide (办事指南) of the item CODE.

    html and md go to stdout unless -o is given. docx is binary: give -o FILE, or redirect
    stdout to a file; on a terminal it exits 2. An unknown CODE, or a --region that does not
    implement it, exits 3 (naming the regions that do). A catalog with errors exits 1 and
    renders nothing, unless --allow-invalid.

    --format form --form ID prints the item's form ID blank (空白表格: boxes to write in, tick
    boxes for the options, help under each field), or with --sample filled with the examples and
    marked 样表; -o FILE.docx writes it as Word. An unknown ID exits 3 naming the item's forms.
    """
    from .guides import render_guide

    if output is not None:
        _outside_catalogs(output)
    if fmt == "form":
        if region is not None:
            raise click.UsageError(
                "--region does not apply to --format form: a form is the same in every region"
            )
        _print_form(code, form_id, sample, catalog_path, output, templates_dir, allow_invalid)
        return
    if form_id is not None or sample:
        raise click.UsageError("--form and --sample go with --format form")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise click.UsageError("docx is binary: give -o FILE.docx or redirect stdout to a file")
    catalog = _read_catalog(catalog_path)
    if code not in catalog:
        if code in catalog.invalid_files:
            [entry] = [e for e in catalog.left_out() if e.code == code]
            _unusable(ServiceCatalogError(f"item {code} does not validate: {entry.reasons('en')}"))
        _unusable(ServiceCatalogError(f"no item {code} in catalog {catalog.path}"))
    _require_valid(catalog, allow_invalid)
    rendered = render_guide(
        catalog.item(code), fmt, catalog=catalog, templates_dir=templates_dir, region=region
    )
    if output is None:
        click.echo(rendered, nl=False)  # bytes (docx) go to the binary stdout
    else:
        data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
        try:
            write_atomically(output, data)
        except OSError as error:
            _unusable(ServiceCatalogError(f"{output}: cannot write: {error.strerror}"))


def _print_form(
    code: str,
    form_id: str | None,
    sample: bool,
    catalog_path: Path | None,
    output: Path | None,
    templates_dir: Path | None,
    allow_invalid: bool,
) -> None:
    from .guides import render_form

    if form_id is None:
        raise click.UsageError("--format form needs --form ID (F1, F2, …)")
    catalog = _read_catalog(catalog_path)
    if code not in catalog:
        _unusable(ServiceCatalogError(f"no item {code} in catalog {catalog.path}"))
    _require_valid(catalog, allow_invalid)
    word = output is not None and output.suffix.lower() == ".docx"
    rendered = render_form(
        catalog.item(code),
        form_id,
        "docx" if word else "html",
        catalog=catalog,
        sample=sample,
        templates_dir=templates_dir,
    )
    if output is None:
        click.echo(rendered, nl=False)
        return
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
def site(
    outdir: Path, catalog_path: Path | None, templates_dir: Path | None, allow_invalid: bool
) -> None:
    """Build the static site of the catalog into OUTDIR: index.html with the four lists,
    search and filters, items/<code>.html, catalog.json. Works opened from disk.

    A catalog with errors exits 1 and publishes nothing, unless --allow-invalid (the index and
    catalog.json then say which items were left out and why). OUTDIR is replaced atomically and
    only when everything in it was written by this command (a .git folder, the catalog, any
    other file: exit 3); a failed build leaves the previous site intact.
    """
    from .guides import build_site

    _outside_catalogs(outdir)
    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid)
    built = build_site(catalog, outdir, templates_dir=templates_dir, allow_invalid=allow_invalid)
    click.echo(str(built / "index.html"))
    click.echo(f"{counted(len(catalog), 'item page')} written to {built}", err=True)


@main.command()
@click.argument("source", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The snapshot file to write (replaced atomically), e.g. catalog.json.",
)
@ALLOW_INVALID_OPTION
@_guarded
def build(source: str | None, output: Path, allow_invalid: bool) -> None:
    """Compile the catalog SOURCE (a folder, or git:REV[:PATH]; default: the current folder
    when it holds catalog.yaml, else ./catalog) into one
    JSON snapshot, which sc.load_snapshot reads back in a fraction of the time, and which the
    --catalog option of guide, site, stats and coverage accepts in place of the folder.

    The snapshot is the site's catalog.json with the regions, the implementation lists, the
    report's findings and the calendar overrides, the tool's version and the commit SOURCE was
    read from. A catalog with errors exits 1 and writes nothing, unless --allow-invalid.
    """
    from .opening import open_catalog_at_commit
    from .snapshot import write_snapshot

    _outside_catalogs(output)
    with _progress_bar("build") as progress:
        catalog, origin = open_catalog_at_commit(source, progress=progress)
    _require_valid(catalog, allow_invalid)
    written = write_snapshot(
        catalog,
        output,
        commit=origin.commit if origin else None,
        modified=origin.modified if origin else False,
        allow_invalid=allow_invalid,
    )
    click.echo(str(written))
    click.echo(f"{len(catalog)} items written to {written}", err=True)


@main.command()
@CATALOG_OPTION
@click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    default=None,
    help="Only this level (省级 市级 县级 乡级 村级).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table per level and the regions with gaps (the first 200); json: every "
    "level and region, with the codes missing.",
)
@ALLOW_INVALID_OPTION
@_guarded
def coverage(catalog_path: Path | None, level: str | None, fmt: str, allow_invalid: bool) -> None:
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
    from rich.table import Table

    console = _console(width=110)
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
    for column in ("region", "name", "level", "missing"):
        table.add_column(column)
    # Folded rather than cut: rich cuts with "…", of ambiguous width (see below).
    table.add_column("items", overflow="fold")
    for region in gaps[:200]:
        # 等 rather than an ellipsis: "…" is of ambiguous width, two cells in a CJK terminal,
        # which would push the row's border out of line.
        shown = "、".join(region.missing[:8]) + ("等" if len(region.missing) > 8 else "")
        table.add_row(region.code, region.name, region.level.value, str(len(region.missing)), shown)
    console.print(table)
    if len(gaps) > 200:
        more = counted(len(gaps) - 200, "more region")
        console.print(f"and {more} (--format json lists all)")
    totals = result.totals
    console.print(
        f"total: {totals['implemented']}/{totals['expected']} implemented, {totals['missing']} missing"
    )


# ---- spreadsheets (docs/format.md#workbooks) -----------------------------------------------------


@main.command("export")
@click.argument(
    "catalog_path", metavar="[CATALOG]", required=False, type=click.Path(path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx"]),
    default="xlsx",
    show_default=True,
    help="The format of the file written.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The workbook to write (replaced atomically), e.g. lists.xlsx.",
)
@click.option(
    "--list",
    "list_name",
    default=None,
    help="Only this list's notice table (公示表): a list id of catalog.yaml or its title.",
)
@ALLOW_INVALID_OPTION
@_guarded
def export(
    catalog_path: Path | None, fmt: str, output: Path, list_name: str | None, allow_invalid: bool
) -> None:
    """Write the catalog CATALOG (a folder, a snapshot or git:REV[:PATH]; default: the current
    folder when it holds catalog.yaml, else catalog) as a workbook a clerk can read, edit and publish.

    Sheets 事项, 申请材料, 办理流程, 业务经办流程, 设定依据, 表单, 常见问题, 实施清单 and the
    others hold the whole catalog under the national element names, so that `servicecatalog
    import` reads it back unchanged; then one notice table per list (序号, 事项名称, 子项,
    事项类型, 基本编码, 实施主体, 设定依据, with a title row and the date). The same catalog
    always gives the same bytes. A catalog with errors exits 1 and writes nothing, unless
    --allow-invalid.
    """
    from .spreadsheets.export import UnknownListError, export_workbook

    catalog = _read_catalog(catalog_path)
    _require_valid(catalog, allow_invalid)
    with _progress_bar("export", what="sheets") as progress:
        try:
            written = export_workbook(catalog, output, list_name=list_name, progress=progress)
        except UnknownListError as error:
            raise click.BadParameter(error.message, param_hint="--list") from None
        except OSError as error:
            raise ServiceCatalogError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(str(written))


@main.command("import")
@click.argument("workbook", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    metavar="DIR",
    type=click.Path(path_type=Path),
    required=True,
    help="The catalog folder to write; it must not exist.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A YAML file of the department's own sheet names and column headers (see docs/format.md).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format of the findings.",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@LANG_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only the findings: no summary, no progress bar.")
@_guarded
def import_(
    workbook: Path,
    target: Path,
    mapping: Path | None,
    fmt: str,
    fail_on: str,
    lang: Lang,
    quiet: bool,
) -> None:
    """Read the workbook FILE (as `servicecatalog export` writes it, or a department's own with
    --mapping) into the new catalog folder DIR.

    Every problem is a finding located at 工作表!单元格 (申请材料!D14), in the formats of
    validate. The folder is written, whole, only when the workbook has no error; an existing
    DIR, or a file that is no readable workbook, exits 3. Run `servicecatalog validate DIR` and
    `servicecatalog diff OLD DIR` next.
    """
    from .reporting import findings_summary, render_report
    from .spreadsheets.reading import import_workbook, load_mapping

    header_mapping = load_mapping(mapping) if mapping is not None else None
    with _progress_bar("import", enabled=not quiet, what="sheets") as progress:
        result = import_workbook(workbook, target, header_mapping, progress=progress)
    report = result.report
    click.echo(render_report(report, fmt, lang, version=__version__), nl=False)  # type: ignore[arg-type]  # click.Choice
    if not quiet:
        click.echo(findings_summary(report, lang), err=True)
        if result.written is not None:
            click.echo(f"{result.written}: {len(result.files)} files written", err=True)
        else:
            click.echo(f"{target}: nothing written (the workbook has errors)", err=True)
    sys.exit(_exit_code(report, Severity(fail_on)))
