"""Text: characters that make what a reader sees differ from what the catalog says.

Every text value of every catalog file is checked — names, conditions, materials, steps, form
fields, laws, regions, implementation lists — for control characters, bidirectional controls and
invisible characters (see :mod:`servicecatalog._text`). Findings quote the value escaped, so
they cannot carry the character into the report themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .._text import BIDI_CONTROLS, CONTROLS, INVISIBLES, excerpt, first_of
from ..findings import Severity
from ..loader import LoadedDocument
from ._base import (
    CheckedRule,
    Context,
    ImplementationEntry,
    ImplementationScope,
    Rule,
    Violation,
    catalog_rule,
    document_holds,
    list_text,
    located_strings,
    searched,
)

_CONTROL_NAMES = {"\t": "制表符", "\n": "换行符", "\r": "回车符"}
_CONTROL_NAMES_EN = {"\t": "a tab", "\n": "a line feed", "\r": "a carriage return"}


def _may_hold_any(context: Context, document: LoadedDocument) -> bool:
    """False when no string value of ``document`` holds a character of any of the three kinds.

    One search over all the values joined, without their locations: the check every clean file
    gets. Only a file that may hold one is walked value by value (:func:`_scan`).
    """
    return document_holds(context, document, _ANY)


_ANY = searched(re.compile(f"{CONTROLS.pattern}|{BIDI_CONTROLS.pattern}|{INVISIBLES.pattern}"))


def _documents(context: Context) -> list[LoadedDocument]:
    """The catalog's documents that may hold a character of the three kinds, found once for the
    three rules."""
    found = context.memo.get(_MEMO_KEY)
    if not isinstance(found, list):
        documents = [
            context.manifest_document,
            context.laws_document,
            context.regions_document,
            context.synonyms_document,
        ]
        documents += [entry.document for entry in context.items]
        found = [
            document
            for document in documents
            if document is not None
            and document.data is not None
            and _may_hold_any(context, document)
        ]
        context.memo[_MEMO_KEY] = found
    return found


_MEMO_KEY = "text.suspect-documents"


def _scan(
    pattern: re.Pattern[str], describe: Any, data: Any, document: LoadedDocument | None = None
) -> Iterator[Violation]:
    for loc, text in located_strings(data):
        found = first_of(pattern, text)
        if found is not None:
            index, char = found
            zh, en = describe(char)
            shown = excerpt(text)
            yield Violation(
                loc,
                f"文本 “{shown}” 的第 {index + 1} 个字符是{zh}（U+{ord(char):04X}）",
                f"the text '{shown}' has {en} (U+{ord(char):04X}) at character {index + 1}",
                document=document,
            )


def _in_catalog(pattern: re.Pattern[str], describe: Any, context: Context) -> Iterator[Violation]:
    for document in _documents(context):
        yield from _scan(pattern, describe, document.data, document)


def _control(char: str) -> tuple[str, str]:
    return _CONTROL_NAMES.get(char, "控制字符"), _CONTROL_NAMES_EN.get(char, "a control character")


def _bidi(char: str) -> tuple[str, str]:
    return "文字方向控制字符", "a bidirectional control character"


def _invisible(char: str) -> tuple[str, str]:
    if char in "\u00a0\u202f\u2007":
        return "不换行空格", "a no-break space"
    if char.isspace() or char == "\u180e":
        return "非常规空格", "an unusual space"
    return "不可见字符", "an invisible character"


_CONTROL = (
    "text-control-character",
    Severity.ERROR,
    "文本含控制字符",
    "a control character in text",
)
_BIDI = (
    "text-bidi-control",
    Severity.ERROR,
    "文本含文字方向控制字符",
    "a bidirectional control in text",
)
_INVISIBLE = (
    "text-invisible-character",
    Severity.ERROR,
    "文本含不可见字符",
    "an invisible character in text",
)


@catalog_rule(*_CONTROL)
def text_control_character(context: Context) -> Iterator[Violation]:
    """A text value holds a control character: a tab, a line feed or carriage return, an escape
    (U+001B) or any other C0 or C1 control, or a Unicode line separator.

    Names, conditions, materials, steps and form fields are single lines of text. A line break
    inside one starts a new line wherever it is shown — in a guide, a table cell, and in
    ``file:line:col:`` output, where it could forge a finding; an escape sequence recolours a
    terminal. Such characters come in by copying from other documents: retype the value. Checked
    in every file of the catalog.

    中文
    ----
    文本值中含有控制字符：制表符、换行符或回车符、转义符（U+001B）或其他 C0、C1 控制字符，或 Unicode
    行分隔符。

    名称、受理条件、材料、环节和表单字段都是单行文本。其中的换行会在任何显示它的地方另起一行——办事指
    南、表格单元格，以及 ``文件:行:列:`` 格式的输出，在那里它可能伪造出一条问题；转义序列会改变终端
    的颜色。这类字符通常是从其他文档复制进来的：请重新录入该值。检查范围为目录中的每个文件。
    """
    yield from _in_catalog(CONTROLS, _control, context)


@catalog_rule(*_BIDI)
def text_bidi_control(context: Context) -> Iterator[Violation]:
    """A text value holds a bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
    U+061C).

    These characters reorder how the following text is displayed, so a name or a condition can
    read differently from what the file says ("Trojan source"). Chinese catalog text never needs
    them. Checked in every file of the catalog.

    中文
    ----
    文本值中含有文字方向控制字符（U+202A–U+202E、U+2066–U+2069、U+200E、U+200F、U+061C）。

    这些字符会改变其后文字的显示顺序，使名称或受理条件看起来与文件中写的不同（即“Trojan Source”攻击）。
    中文目录文本从不需要它们。检查范围为目录中的每个文件。
    """
    yield from _in_catalog(BIDI_CONTROLS, _bidi, context)


@catalog_rule(*_INVISIBLE)
def text_invisible_character(context: Context) -> Iterator[Violation]:
    """A text value holds an invisible character: a zero-width space or joiner, a word joiner, a
    byte-order mark, a soft hyphen, a no-break space or another unusual space (U+2000–U+200A,
    U+202F, U+205F, U+1680).

    Two names that look alike but differ by an invisible character are different names to
    search, to the duplicate check and to the national platform's matching. Such characters come
    in by copying from web pages and word processors: retype the value. The ideographic space
    (U+3000) is not reported here (``name-whitespace`` reports it at the ends of names).
    Checked in every file of the catalog.

    中文
    ----
    文本值中含有不可见字符：零宽空格或连接符、词连接符、字节顺序标记、软连字符、不换行空格或其他特殊
    空格（U+2000–U+200A、U+202F、U+205F、U+1680）。

    看起来相同、只差一个不可见字符的两个名称，对搜索、重名检查和全国平台的匹配来说是两个不同的名称。
    这类字符通常是从网页和文字处理软件复制进来的：请重新录入该值。全角空格（U+3000）不在此报告（名称
    首尾的全角空格由 ``name-whitespace`` 报告）。检查范围为目录中的每个文件。
    """
    yield from _in_catalog(INVISIBLES, _invisible, context)


def _also_in_implementations(
    rule: CheckedRule, pattern: re.Pattern[str], describe: Any
) -> CheckedRule:
    """``rule`` checking the implementation lists too, as each is loaded."""

    def check(entry: ImplementationEntry, scope: ImplementationScope) -> Iterator[Violation]:
        implementations = entry.implementations
        if not pattern.search(list_text(entry)):
            return iter(())
        return _scan(pattern, describe, implementations.model_dump(mode="json"))

    return replace(rule, implementation_check=check)


RULES: tuple[Rule, ...] = (
    _also_in_implementations(text_control_character, CONTROLS, _control),
    _also_in_implementations(text_bidi_control, BIDI_CONTROLS, _bidi),
    _also_in_implementations(text_invisible_character, INVISIBLES, _invisible),
)
