"""How a command ends: the exit codes, library errors turned into exit 3 with one line (and,
when JSON or SARIF was asked for, a document of that kind), a catalog with errors into exit 1.

Exit codes of every command: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error; 3 input unusable (no such folder, not a catalog, a year the calendar lacks).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec, TypeVar

import click

from .. import __version__
from .options import chosen_cache_folder
from .streams import _OutputLost, say

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..errors import ServiceCatalogError
    from ..findings import Report, Severity

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "EXIT_USAGE",
    "exit_code",
    "guarded",
    "in_a_catalog",
    "machine_error",
    "outside_catalogs",
    "require_valid",
    "unusable",
    "write_output",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNUSABLE = 0, 1, 2, 3

P = ParamSpec("P")
R = TypeVar("R")

_ERRORS_SHOWN = 10


def unusable(
    error: ServiceCatalogError, *, fmt: str | None = None, output: Path | None = None
) -> NoReturn:
    """Exit 3 with ``error`` on stderr (and as a document in the machine format asked for)."""
    say(f"servicecatalog: error: {error.message}")
    machine_error(error.message, fmt, output)
    sys.exit(EXIT_UNUSABLE)


def machine_error(message: str, fmt: str | None, output: Path | None = None) -> None:
    """On stdout (or into the --output-file asked for), the error in the machine format that was
    asked for (JSON or SARIF), so a program reading the output always gets a document of the
    kind it expects."""
    from ..output import json_text, write_atomically

    if fmt == "json":
        document = json_text({"ok": False, "error": message}, indent=None) + "\n"
    elif fmt == "sarif":
        from ..reporting import sarif_error

        document = sarif_error(message, __version__)
    else:
        return
    if output is not None and in_a_catalog(output):
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


def guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into exit code 3 with a one-line message, never a traceback; the
    command keeps parses where ``--cache-dir`` and ``--no-cache`` say."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from ..cache import parse_cache
        from ..errors import ServiceCatalogError

        try:
            with parse_cache(chosen_cache_folder()):
                return function(*args, **kwargs)
        except ServiceCatalogError as error:
            fmt, output = kwargs.get("fmt"), kwargs.get("output_file")
            unusable(
                error,
                fmt=fmt if isinstance(fmt, str) else None,
                output=output if isinstance(output, Path) else None,
            )

    return wrapper


def in_a_catalog(path: Path) -> bool:
    """Whether writing ``path`` would write inside a catalog folder."""
    from ..errors import OutputInCatalogError
    from ..targets import refuse_output_in_catalog

    try:
        refuse_output_in_catalog(path)
    except OutputInCatalogError:
        return True
    return False


def outside_catalogs(path: Path) -> None:
    """Exit 3 when ``path`` would be written inside a catalog folder (only new writes there)."""
    from ..targets import refuse_output_in_catalog

    refuse_output_in_catalog(path)


def write_output(target: Path, data: str | bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all; exit 3 when it cannot be written."""
    from ..errors import ServiceCatalogError
    from ..output import write_atomically

    try:
        write_atomically(target, data)
    except OSError as error:
        unusable(ServiceCatalogError(f"{target}: cannot write: {error.strerror}"))


def exit_code(report: Report, fail_on: Severity) -> int:
    """1 when ``report`` has a finding at or above ``fail_on``, else 0."""
    return EXIT_FINDINGS if report.at_least(fail_on) else EXIT_OK


def require_valid(catalog: Catalog, allow_invalid: bool, *, as_json: bool = False) -> None:
    """Exit 1 with the findings' summary when ``catalog`` has errors, unless allowed."""
    from ..errors import CatalogInvalidError
    from ..findings import Severity
    from ..output import counted, json_text
    from ..reporting import findings_summary, text_line

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
