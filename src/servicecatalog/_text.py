"""Characters that do not belong in catalog text, and how to show text safely.

Catalog text is read by people on pages, in Word and in terminals. Three kinds of character can
make what they see differ from what the file says:

* **control characters** (C0 and C1, line breaks included): a line break inside a name starts a
  new line of ``file:line:col:`` output, which can forge a finding; escape sequences recolour a
  terminal;
* **bidirectional controls** (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): reorder
  what is displayed, so a text can read differently from what it is;
* **invisible characters** (zero-width spaces and joiners, the byte-order mark, soft hyphens,
  no-break and other unusual spaces): two names that look the same compare different, in search,
  in the duplicate check and on the national platform.

:func:`escape` shows any of them as ``\\uXXXX``; :func:`excerpt` is the short, escaped quotation
of a value that a message may carry; :func:`comparable` is the form names are compared in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

__all__ = [
    "BIDI_CONTROLS",
    "CONTROLS",
    "INVISIBLES",
    "comparable",
    "counted",
    "display_path",
    "escape",
    "excerpt",
    "first_of",
    "json_text",
    "shown_characters",
]


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun`` in English: "1 error", "0 errors", "2 item files"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""C0 and C1 controls (tab, line feed and carriage return included) and the Unicode line and
paragraph separators."""

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that change the direction in which the following text is displayed."""

INVISIBLES = re.compile(
    "[\u00a0\u00ad\u115f\u1160\u1680\u180e\u2000-\u200d\u202f\u205f-\u2064\u3164\ufeff\uffa0]"
)
"""Zero-width characters, the byte-order mark, the soft hyphen, fillers, and spaces other than
the ASCII space and the ideographic space U+3000 (no-break, en, em, thin, narrow no-break …)."""

_SHOWN_AS_ESCAPE = re.compile(f"{CONTROLS.pattern}|{BIDI_CONTROLS.pattern}|{INVISIBLES.pattern}")
_EXCERPT_LENGTH = 30


def escape(text: str) -> str:
    """``text`` with every control, bidirectional and invisible character written ``\\uXXXX``
    (and a backslash doubled, so the escape cannot be forged either)."""
    if not _SHOWN_AS_ESCAPE.search(text) and "\\" not in text:
        return text
    return shown_characters(text.replace("\\", "\\\\"))


def shown_characters(text: str) -> str:
    """``text`` with every control, bidirectional and invisible character written ``\\uXXXX``
    (backslashes as they are: for formats that escape them their own way)."""
    return _SHOWN_AS_ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def excerpt(text: str, length: int = _EXCERPT_LENGTH) -> str:
    """A short quotation of ``text`` for a message: at most ``length`` characters, escaped."""
    shortened = text if len(text) <= length else text[: length - 1] + "…"
    return escape(shortened)


def first_of(pattern: re.Pattern[str], text: str) -> tuple[int, str] | None:
    """The index and the character of the first match of ``pattern`` in ``text``."""
    found = pattern.search(text)
    return None if found is None else (found.start(), found.group())


def comparable(name: str) -> str:
    """The form in which two names are the same name: invisible, bidirectional and control
    characters removed, NFKC-normalized (full-width letters and digits as ASCII), outer spaces
    stripped."""
    visible = CONTROLS.sub("", BIDI_CONTROLS.sub("", INVISIBLES.sub("", name)))
    return unicodedata.normalize("NFKC", visible).strip()


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON text that is valid UTF-8 whatever it holds: a file name's bytes that were
    not UTF-8 (kept by Python as lone surrogates) are written ``\\xNN``."""
    return json.dumps(_without_surrogates(data), ensure_ascii=False, indent=indent)


def _without_surrogates(data: Any) -> Any:
    if isinstance(data, str):
        return display_path(data)
    if isinstance(data, dict):
        return {_without_surrogates(key): _without_surrogates(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_without_surrogates(value) for value in data]
    return data


def display_path(text: str) -> str:
    """``text`` with bytes that were not UTF-8 in a file name shown as ``\\xNN``.

    Python keeps such bytes as lone surrogates (``os.fsdecode``), which no UTF-8 output can
    carry; every name shown in a finding or a message passes through here.
    """
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    return "".join(
        f"\\x{ord(char) - 0xDC00:02x}" if "\udc80" <= char <= "\udcff" else char for char in text
    )
