"""Catalog text as inert Markdown: it renders as exactly the text it is, and nothing else.

Markdown output is posted where it is rendered — a pull-request comment, a service guide — so a
material or condition name must never become markup: not raw HTML (``<img src=…>``), a link or an
autolink (``www.…``, ``https://…``, an e-mail address), emphasis, a code span it can break out of,
a table column, a heading, a list, a math formula, an emoji, or a GitHub mention or issue
reference that notifies people.

* Every ASCII punctuation character that CommonMark or GitHub Flavored Markdown can make active is
  backslash-escaped, and so are the markers that start a block.
* Control, bidirectional and invisible characters are written ``\\uXXXX`` (a line break would end
  a table row, or start a heading on the next line).
* GitHub resolves mentions (``@name``), issue references (``#12``), autolinks and emoji
  shortcodes after Markdown is parsed, so a backslash cannot stop them; a zero-width space
  (``&#8203;``, invisible when rendered) is put inside each of them instead.
"""

from __future__ import annotations

import re
from typing import Any

from ._text import shown_characters

__all__ = ["code_span", "escape_markdown"]

# Raw HTML and autolinks (< >), entities (&), emphasis (* _ ~), code (`), links and images
# ([ ] !), table cells (|), headings (#), math ($), and the escape itself.
_INLINE = re.compile(r"([\\`*_~\[\]<>&!|#$])")
# Markers that are active at the start of a block: list items, setext underlines, ordered lists,
# block quotes (already escaped as > above).
_BLOCK_START = re.compile(r"^(?:[-+=]|[0-9]+(?=[.)]))")
_BREAK = "&#8203;"
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_BACKTICKS = re.compile(r"`+")
# What GitHub turns into a notification, a link or an emoji after parsing.
_MENTION = re.compile(r"@(?=[0-9A-Za-z])")
_REFERENCE = re.compile(r"(\\#)(?=[0-9])")
_WWW = re.compile(r"(?i)\bwww(?=\.)")
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=//)")
# Shortcodes have a letter (:smile:, :+1:'s digits aside); a time such as 8:30-11:30 has none.
_EMOJI = re.compile(r"(?<=:)(?=(?:[a-z0-9_+-]*[a-z][a-z0-9_+-]*|[+-]1|100|1234):)")


def escape_markdown(value: Any, *, line_breaks_as_spaces: bool = False) -> str:
    """``value`` as Markdown that renders as the literal text, on one line.

    With ``line_breaks_as_spaces`` a line break (and the space around it) becomes one space, as
    an HTML page shows it; otherwise it is written ``\\u000a`` like any control character.
    """
    text = str(value)
    if line_breaks_as_spaces:
        text = _LINE_BREAK.sub(" ", text).strip()
    text = _INLINE.sub(r"\\\1", shown_characters(text))
    text = _MENTION.sub("@" + _BREAK, text)
    text = _REFERENCE.sub(r"\1" + _BREAK, text)
    text = _WWW.sub(lambda found: found.group() + _BREAK, text)
    text = _SCHEME.sub(_BREAK + ":", text)
    text = _EMOJI.sub(_BREAK, text)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if start.group().isdigit():  # "1." or "1)": escape the delimiter after the digits
        end = start.end()
        return f"{text[:end]}\\{text[end:]}"
    return f"\\{text}"


def code_span(value: Any) -> str:
    """``value`` as a code span that nothing in it can end or break: the fence is longer than
    any run of backticks inside, a table's ``|`` is escaped (GitHub splits cells before it
    parses code), and control characters are written ``\\uXXXX``. In a code span, HTML, links,
    mentions and emphasis are all inert."""
    text = shown_characters(str(value)).replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"
