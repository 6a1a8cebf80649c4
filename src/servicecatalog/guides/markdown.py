"""The Markdown guide: ``guide.md`` rendered with every value escaped for Markdown.

Catalog text must never turn into markup: not into raw HTML (Markdown lets ``<script>`` through),
links, emphasis or table columns. :func:`escape_markdown` is installed as the environment's
``finalize`` hook, so it applies to every ``{{ value }}`` of the template without the template
having to remember it.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from .environment import render_template
from .view import GuideView

__all__ = ["escape_markdown", "render_markdown"]

# Characters that are active anywhere on a line in CommonMark or GitHub Flavored Markdown:
# raw HTML and autolinks (< >), entities (&), emphasis (* _ ~), code (`), links and images
# ([ ] !), table cells (|), headings and their closing sequence (#), and the escape itself.
_INLINE = re.compile(r"([\\`*_~\[\]<>&!|#])")
# Markers that are active at the start of a block: list items, setext underlines, ordered lists.
# A value may start a block (a list item's content is parsed as blocks), so these are escaped too.
_BLOCK_START = re.compile(r"^(?:[-+=]|[0-9]+(?=[.)]))")
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(value: Any) -> str:
    """``value`` as Markdown text that renders as exactly that text, on one line.

    Line breaks become spaces (a break would end a table row or a list item). Applied to every
    value the Markdown template prints; numbers pass through unchanged.
    """
    text = _LINE_BREAK.sub(" ", str(value)).strip()
    text = _INLINE.sub(r"\\\1", text)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if start.group().isdigit():  # "1." or "1)": escape the delimiter after the digits
        end = start.end()
        return f"{text[:end]}\\{text[end:]}"
    return f"\\{text}"


def render_markdown(view: GuideView, environment: jinja2.Environment) -> str:
    """The guide as GitHub Flavored Markdown (tables), from the template ``guide.md``."""
    return render_template(environment, "guide.md", view=view)
