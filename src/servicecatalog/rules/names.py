"""Names: the first two of the eight elements, main-item and sub-item name."""

from __future__ import annotations

from collections.abc import Iterator

from .._text import comparable, excerpt
from ..findings import Severity
from ..model import Item
from ._base import Context, ItemEntry, Rule, Violation, catalog_rule, item_rule


@catalog_rule("name-duplicate", Severity.ERROR, "事项名称重复", "two items share a name")
def name_duplicate(context: Context) -> Iterator[Violation]:
    """The pair (main-item name, sub-item name) is unique across the catalog.

    Citizens find items by name; two items with one name would be two answers to one question.
    Names are compared as a reader sees them: invisible characters (zero-width spaces, no-break
    spaces), bidirectional and control characters do not make a name different, and full-width
    letters and digits equal their ASCII forms (NFKC).

    中文
    ----
    （主项名称，子项名称）的组合在整个目录中唯一。

    群众按名称查找事项；两个事项同名，等于一个问题有两个答案。名称按读者看到的样子比较：不可见字符（
    零宽空格、不换行空格）、文字方向控制字符和控制字符不使名称不同，全角字母和数字等同于半角（NFKC
    规范化）。
    """
    first: dict[tuple[str, str | None], ItemEntry] = {}
    for entry in context.items:
        sub = entry.item.sub_item_name
        key = (comparable(entry.item.main_item_name), None if sub is None else comparable(sub))
        earlier = first.setdefault(key, entry)
        if earlier is not entry:
            loc = ("sub_item_name",) if entry.item.sub_item_name else ("main_item_name",)
            yield Violation(
                loc,
                f"事项名称 “{excerpt(entry.item.name, 60)}” 与 {earlier.item.code} 重复",
                f"item name '{excerpt(entry.item.name, 60)}' is also used by {earlier.item.code}",
                document=entry.document,
                item=entry.item.code,
                related=(earlier.document.file,),
            )


_STRAY_SPACE = (" ", "\u3000", "\t")


@item_rule("name-whitespace", Severity.WARNING, "名称含多余空格", "stray spaces in a name")
def name_whitespace(item: Item, context: Context) -> Iterator[Violation]:
    """Names carry no leading or trailing spaces, ASCII or full-width (``\\u3000``).

    Invisible spaces make two names that look the same compare different, in search and in the
    national platform's matching.

    中文
    ----
    名称首尾不带空格，无论半角空格还是全角空格（U+3000）。

    看不见的空格会让看起来相同的两个名称在搜索和全国平台的匹配中被当作不同。
    """
    for key in ("main_item_name", "sub_item_name"):
        name = getattr(item, key)
        if name is not None and (name.startswith(_STRAY_SPACE) or name.endswith(_STRAY_SPACE)):
            yield Violation(
                (key,),
                f"名称 “{excerpt(name, 60)}” 首尾有空格",
                f"name '{excerpt(name, 60)}' starts or ends with a space",
            )


RULES: tuple[Rule, ...] = (name_duplicate, name_whitespace)
