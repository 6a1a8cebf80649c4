"""The Markdown guide: ``guide.md`` rendered with every value escaped for Markdown.

Catalog text must never turn into markup: not into raw HTML (Markdown lets ``<script>`` through),
links, emphasis or table columns. :func:`escape_markdown` (see :mod:`servicecatalog._markdown_escape`)
is installed as the environment's ``finalize`` hook, so it applies to every ``{{ value }}`` of
the template without the template having to remember it.
"""

from __future__ import annotations

from typing import Any

import jinja2

from .._markdown_escape import escape_markdown as _escape_markdown
from ..model import Item
from .blocks import GuideView
from .environment import render_template

__all__ = ["escape_markdown", "render_markdown"]


def escape_markdown(value: Any) -> str:
    """``value`` as Markdown text that renders as exactly that text, on one line.

    Line breaks become spaces (a break would end a table row or a list item), as a guide's HTML
    page shows them. Applied to every value the Markdown template prints.
    """
    return _escape_markdown(value, line_breaks_as_spaces=True)


def render_markdown(view: GuideView, environment: jinja2.Environment, *, item: Item) -> str:
    """The guide as GitHub Flavored Markdown (tables), from the template ``guide.md``, which sees
    ``view`` and the ``item`` it is drawn from."""
    return render_template(environment, "guide.md", view=view, item=item)
