"""The Jinja2 environments of the guides, and the templates and static files they load.

Templates live in ``servicecatalog/guides/templates/``. A caller may pass ``templates_dir``: a file
of the same name there wins over the bundled one (a :class:`jinja2.ChoiceLoader` tries that folder
first), so a portal can restyle ``static/guide.css`` or rewrite ``guide.html`` without forking.

HTML templates (``*.html``) are autoescaped. The Markdown environment does not HTML-escape; instead
every ``{{ value }}`` passes through :func:`~servicecatalog.guides.markdown.escape_markdown` as
Jinja's ``finalize`` hook, so catalog text can never become markup in either format.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Macro
from markupsafe import Markup, escape

from .. import _project
from ..errors import RenderError
from .blocks import Facts, Table

__all__ = ["linked", "make_environment", "render_template", "static_source", "tel_href"]


@lru_cache(maxsize=8)
def make_environment(
    templates_dir: Path | None, *, finalize: Callable[[Any], Any] | None = None
) -> jinja2.Environment:
    """An environment loading from ``templates_dir`` (if given) before the bundled templates.

    ``*.html`` templates are autoescaped; ``finalize`` is applied to every expression's value
    (the Markdown escaping). Environments are cached, which keeps their compiled templates;
    Jinja still reloads a template whose file has changed.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("servicecatalog.guides", "templates")]
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise RenderError(f"{templates_dir}: no such templates folder")
        loaders.insert(0, jinja2.FileSystemLoader(templates_dir))
    options: dict[str, Any] = {"finalize": finalize} if finalize is not None else {}
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html"], default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    environment.globals["project"] = PROJECT
    environment.globals["cached"] = _fragment_cache()
    environment.filters["tel"] = tel_href
    environment.filters["links"] = linked
    environment.filters["fact_rows"] = fact_rows
    environment.filters["grid_rows"] = grid_rows
    return environment


def tel_href(phone: str) -> str:
    """The ``tel:`` address of a phone number as written (``0431-88888888`` → ``043188888888``):
    its digits and a leading ``+``."""
    return ("+" if phone.lstrip().startswith("+") else "") + re.sub(r"[^0-9]", "", phone)


# What a citizen taps in text: a web address, a government hotline (123xx), a number with its
# area code (0431-88888888). Digits within longer runs of digits (an item code) are none of these.
_LINKABLE = re.compile(
    r"(?P<url>https?://[^\s<>\"'，。；、）]+)"
    r"|(?<![0-9-])(?P<phone>0[0-9]{2,3}-?[0-9]{7,8}|123[0-9]{2})(?![0-9])"
)


def linked(text: object) -> Markup:
    """``text`` escaped, with every web address and phone number in it a link (``tel:`` for a
    phone)."""
    return _linked(str(text))


# A site repeats the same values on many pages (a region's address, hours and phones on the page
# of every item it implements): each is linked once.
@lru_cache(maxsize=1 << 14)
def _linked(text: str) -> Markup:
    parts: list[str] = []
    last = 0
    for match in _LINKABLE.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        shown = escape(match.group())
        if match.group("url") is not None:
            parts.append(f'<a href="{shown}">{shown}</a>')
        else:
            parts.append(f'<a href="tel:{tel_href(match.group())}">{shown}</a>')
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def fact_rows(block: Facts) -> Markup:
    """The rows of a label–value table, a value's addresses and phones linked: one line each,
    ``<tr><th scope="row">label</th><td>value</td></tr>``."""
    return Markup("".join(starmap(_fact_row, block.rows)))


def grid_rows(block: Table) -> Markup:
    """The body rows of a table, one line each, every cell linked and labelled with its
    column's header (``data-label``: the phone layout shows it beside the value)."""
    labels = tuple(str(escape(header)) for header in block.headers)
    return Markup("".join(_grid_row(labels, row) for row in block.rows))


# Rows repeat from page to page (a region's hours, a material every item asks for, a step of
# a process many items share): each is written once.
@lru_cache(maxsize=1 << 14)
def _fact_row(label: str, value: str) -> str:
    return f'<tr><th scope="row">{escape(label)}</th><td>{_linked(str(value))}</td></tr>\n'


@lru_cache(maxsize=1 << 14)
def _grid_row(labels: tuple[str, ...], row: tuple[str, ...]) -> str:
    cells = (
        f'<td data-label="{label}">{_linked(str(cell))}</td>'
        for label, cell in zip(labels, row, strict=True)
    )
    return "<tr>" + "".join(cells) + "</tr>\n"


# Tables are most of a guide's cells: rendered by these filters rather than a template loop a
# cell, a site spends its time on the catalog rather than on Jinja's per-value machinery.
_FRAGMENTS_KEPT = 1 << 12


def _fragment_cache() -> Callable[..., Any]:
    """The ``cached`` global of an environment: ``cached(macro, *arguments)`` is
    ``macro(*arguments)``, rendered once for equal (hashable) arguments — for a fragment that
    many pages repeat, such as one region's place and phones on the page of every item it
    implements. Only for a macro whose output depends on its arguments alone."""
    rendered: dict[tuple[object, tuple[Hashable, ...]], Any] = {}

    def cached(macro: Macro, *arguments: Hashable) -> Any:
        # The compiled macro's code: a template reloaded after a change has new code.
        key = (macro._func.__code__, arguments)
        fragment = rendered.get(key)
        if fragment is None:
            if len(rendered) >= _FRAGMENTS_KEPT:
                rendered.clear()
            fragment = rendered[key] = macro(*arguments)
        return fragment

    return cached


PROJECT = {
    "distribution": _project.DISTRIBUTION,
    "version": _project.VERSION,
    "homepage": _project.HOMEPAGE,
    "schemas": _project.SCHEMA_BASE,
}
"""The ``project`` every template sees: what made the page and where it is documented."""


def render_template(environment: jinja2.Environment, name: str, **context: Any) -> str:
    """Render the template ``name``; a missing or broken template is a :class:`RenderError`."""
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateError as error:
        raise RenderError(f"template {name}: {error}") from error
    except (LookupError, TypeError, ValueError) as error:
        # A template (perhaps a user's, from --templates) asked for what is not there, such as
        # view.section("penalty") of an item without one.
        raise RenderError(f"template {name}: {type(error).__name__}: {error}") from error


def static_source(environment: jinja2.Environment, name: str) -> str:
    """The text of the static file ``name`` (``static/site.css``), as the loader finds it; read
    again only when the file has changed, as Jinja reloads a template (and never again where
    the environment does not reload templates)."""
    kept = _STATIC_SOURCES.setdefault(environment, {})
    found = kept.get(name)
    if found is not None and (
        not environment.auto_reload or found.uptodate is None or found.uptodate()
    ):
        return found.text
    loader = environment.loader
    assert loader is not None  # make_environment always sets one
    try:
        source, _, uptodate = loader.get_source(environment, name)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"static file {name} not found") from error
    kept[name] = _Static(source, uptodate)
    return source


@dataclass(frozen=True)
class _Static:
    text: str
    uptodate: Callable[[], bool] | None


# Every handout and form page inlines a stylesheet: each is read once, not once a page.
_STATIC_SOURCES: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, _Static]] = (
    weakref.WeakKeyDictionary()
)
