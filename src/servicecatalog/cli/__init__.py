"""The command line: parse options, call the library, print, exit with the documented code.

Exit codes of every command: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error; 3 input unusable (no such folder, not a catalog, a year the calendar lacks).
This package is the only part of servicecatalog that imports click and rich. Each command
imports what it runs when it runs: ``servicecatalog --help`` loads no library module beyond
the errors and the findings (docs/architecture.md#the-command-line).

* :mod:`.options` — the options several commands share;
* :mod:`.console` — colour, rich consoles, the progress bar;
* :mod:`.exits` — exit codes, errors turned into exit 3, a catalog with errors into exit 1;
* :mod:`.streams` — standard output watched for lost writes;
* one module per group of commands: :mod:`.check` (validate), :mod:`.changes` (diff,
  deadline), :mod:`.publish` (guide, site, build), :mod:`.data` (init, new, schema, export,
  import), :mod:`.info` (rules, stats, coverage).
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import click

from .. import __version__
from .changes import deadline, diff
from .check import validate
from .data import export, import_, init, new, schema
from .exits import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE, machine_error
from .info import coverage, rules, stats
from .options import CACHE_CHOICE, CacheChoice
from .publish import build, guide, site
from .streams import (
    Output,
    _OutputLost,
    flush,
    guard_standard_streams,
    report_lost_output,
    say,
)

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_UNUSABLE", "EXIT_USAGE", "main"]


class _Group(click.Group):
    """Click's group, except that a usage error still prints JSON when JSON was asked for, and
    that a report that could not be written is an error.

    A CI step that pipes ``--format json`` into a parser should get a JSON object for every
    outcome, a mistyped option included; the usual message still goes to stderr. A report lost
    to a full disk, a closed pipe or a closed stdout exits 3 with one line on stderr: a lost
    report must never read as a clean run.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._invoked: tuple[click.Command, str, list[str]] | None = None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click's, remembering the command and its arguments: what was asked for, should the
        command fail before it knows (see :meth:`_asked`)."""
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and command is not None:
            self._invoked = (command, name, list(rest))
        return name, command, rest

    def main(self, *args: Any, **kwargs: Any) -> Any:
        self._invoked = None
        output = guard_standard_streams()
        try:
            status = self._run(output, *args, **kwargs)
            if output is not None:
                flush(output)
        except _OutputLost as lost:
            report_lost_output(lost.error, output)
            status = EXIT_UNUSABLE
        sys.exit(status)

    def _run(self, output: Output | None, *args: Any, **kwargs: Any) -> Any:
        """Run the command; its exit status (what it passed to ``sys.exit``)."""
        try:
            super().main(*args, **{**kwargs, "standalone_mode": False})
        except SystemExit as exit:
            status = exit.code
        except click.exceptions.Abort:
            say("Aborted!")
            status = 1
        except click.ClickException as error:
            with suppress(OSError):
                error.show()
            machine_error(error.format_message(), *self._asked())
            status = error.exit_code
        except _OutputLost:
            raise
        except Exception as error:
            if output is not None and output.failure is not None:
                raise _OutputLost(output.failure) from None
            return self._failed(error)
        else:
            status = EXIT_OK
        # Click takes a broken pipe for a quiet exit 1; every failed write of the output,
        # whatever its errno, is a lost report.
        if output is not None and output.failure is not None:
            raise _OutputLost(output.failure)
        return status

    def _failed(self, error: Exception) -> int:
        """Exit 3 with one line for an exception no command turned into a message."""
        if isinstance(error, OSError):
            # A file or folder that cannot be read or written (a device where a folder was
            # asked for, no space left): the input or the output is unusable, not the tool.
            where = f"{error.filename}: " if error.filename else ""
            message = f"{where}{error.strerror or error}"
            machine_error(message, *self._asked())
            say(f"servicecatalog: error: {message}")
            return EXIT_UNUSABLE
        # No input may end in a traceback. What reaches here is a bug; say so in one line
        # (SERVICECATALOG_DEBUG=1 shows the traceback) rather than dump the stack.
        if os.environ.get("SERVICECATALOG_DEBUG"):
            raise error
        message = f"internal error, please report it: {type(error).__name__}: {error}"
        machine_error(message, *self._asked())
        say(f"servicecatalog: {message}")
        return EXIT_UNUSABLE

    def _asked(self) -> tuple[str | None, Path | None]:
        """The machine format (json or sarif) and the ``--output-file`` the command line asks
        for, as click parses them, forgiving whatever made the command fail (an unknown option,
        a bad value of another option)."""
        if self._invoked is None:
            return None, None
        command, name, arguments = self._invoked
        try:
            with command.make_context(
                name, arguments, resilient_parsing=True, ignore_unknown_options=True
            ) as ctx:
                fmt, output = ctx.params.get("fmt"), ctx.params.get("output_file")
        except click.ClickException:
            return None, None
        return (
            fmt if fmt in ("json", "sarif") else None,
            output if isinstance(output, Path) else None,
        )


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="servicecatalog")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SERVICECATALOG_CACHE_DIR",
    help="Where parses of catalog files (and a site's QR codes and pinyin) are kept between "
    "runs [default: $XDG_CACHE_HOME/servicecatalog or ~/.cache/servicecatalog].",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="SERVICECATALOG_NO_CACHE",
    help="Parse every file and draw every QR code, and keep none (the findings and pages are "
    "the same either way).",
)
@click.pass_context
def main(ctx: click.Context, cache_dir: Path | None, no_cache: bool) -> None:
    """Validate, compare and publish a catalog of service items kept by the eight
    unifications (八统一).

    A file whose bytes were parsed before is not parsed again: its parse is kept in a cache
    folder (--cache-dir), with a site's QR codes and pinyin; it may be deleted at any time.
    """
    ctx.meta[CACHE_CHOICE] = CacheChoice(cache_dir, no_cache)


for _command in (
    build,
    coverage,
    deadline,
    diff,
    export,
    guide,
    import_,
    init,
    new,
    rules,
    schema,
    site,
    stats,
    validate,
):
    main.add_command(_command)
