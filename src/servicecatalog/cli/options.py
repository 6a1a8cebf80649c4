"""The options several commands share, each defined once: a factory where the help differs by
command, a constant where it does not."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

__all__ = [
    "ALLOW_INVALID_OPTION",
    "CACHE_CHOICE",
    "CATALOG_FOLDER_OPTION",
    "CATALOG_OPTION",
    "COLOR_OPTION",
    "DATE",
    "LANG_OPTION",
    "TEMPLATES_OPTION",
    "CacheChoice",
    "DateType",
    "LazyChoice",
    "chosen_cache_folder",
    "fail_on_option",
    "format_option",
    "jobs_option",
    "quiet_option",
    "today_option",
]

P = ParamSpec("P")
R = TypeVar("R")

CACHE_CHOICE = "servicecatalog.cache"
"""The key of :class:`CacheChoice` in the root context's ``meta``."""


@dataclass(frozen=True)
class CacheChoice:
    """What ``--cache-dir`` and ``--no-cache`` (or their environment variables) say."""

    folder: Path | None
    off: bool


def chosen_cache_folder() -> Path | None:
    """Where this command keeps parses: ``--cache-dir``, else the default cache folder; None
    with ``--no-cache``, or for a command run without the group (as tests may)."""
    context = click.get_current_context(silent=True)
    choice = None if context is None else context.find_root().meta.get(CACHE_CHOICE)
    if not isinstance(choice, CacheChoice) or choice.off:
        return None
    if choice.folder is not None:
        return choice.folder
    from ..cache import default_cache_folder

    return default_cache_folder()


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


class LazyChoice(click.Choice):  # type: ignore[type-arg]  # generic only in stubs of newer click
    """A choice among values computed when first needed: a vocabulary of the model is read
    only when a command that offers it parses or shows its help, so that building the command
    line builds no model."""

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        super().__init__(())
        self._values = values
        self._choices: Sequence[str] | None = None

    @property  # type: ignore[override]  # click stores choices as an attribute
    def choices(self) -> Sequence[str]:
        if self._choices is None:
            self._choices = tuple(self._values())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        del value  # click's constructor sets the empty tuple; the values come from _values


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

ALLOW_INVALID_OPTION = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Go on with a catalog that has errors; the output then says which items it leaves out "
    "and why. Without it, a catalog with errors exits 1 and nothing is produced.",
)

TEMPLATES_OPTION = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="A folder of templates (guide.html, guide.md, index.html, static/site.css, "
    "static/site.js) that replace the bundled ones of the same name.",
)


def format_option(
    choices: Sequence[str], help_text: str, *, default: str = "text"
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--format`` among ``choices`` (the parameter ``fmt``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help_text,
    )


def fail_on_option(
    help_text: str = "Exit 1 when a finding is at least this severe.",
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--fail-on``: the least severity that makes the command exit 1."""
    return click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info"]),
        default="error",
        show_default=True,
        help=help_text,
    )


def jobs_option(help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--jobs``/``-j N``: how many processes do the work, at least 1 (exit 2 otherwise)."""
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N", help=help_text
    )


def today_option(help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--today``: the day dates are judged on, instead of today."""
    return click.option("--today", type=DATE, default=None, help=help_text)


def quiet_option(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--quiet``/``-q``: only ``what`` (the report, the findings) on the output."""
    return click.option(
        "--quiet", "-q", is_flag=True, help=f"Only {what}: no summary, no progress bar."
    )
