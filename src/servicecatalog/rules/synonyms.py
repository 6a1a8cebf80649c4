"""Synonyms: the words of ``synonyms.yaml`` the site's search adds to what citizens type."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..search import searchable
from ._base import Context, Rule, Violation, catalog_rule


@catalog_rule(
    "synonym-unmatched",
    Severity.WARNING,
    "同义词指向的词在目录中找不到",
    "a synonym means a word the catalog never uses",
)
def synonym_unmatched(context: Context) -> Iterator[Violation]:
    """A synonym's ``means`` word appears in no item: no name, code, 一件事, result, material,
    condition or FAQ question uses it.

    A synonym exists so that what citizens type (社保卡) finds what the catalog says (社会保障卡);
    one that leads nowhere is a typo, or a word the catalog stopped using.

    中文
    ----
    同义词 ``means`` 中的词在任何事项中都找不到：没有哪个事项的名称、编码、一件事、办理结果、材料、受理
    条件或常见问题用到它。

    同义词的作用是让群众输入的说法（社保卡）找到目录中的说法（社会保障卡）；找不到任何事项的同义词，要
    么是笔误，要么是目录已不再使用的词。
    """
    document = context.synonyms_document
    if document is None or context.broken_items:
        return
    texts = [
        text
        for entry in context.items
        for field in searchable(entry.item).values()
        for text in field
    ]
    for index, synonym in enumerate(context.synonyms):
        for position, word in enumerate(synonym.means):
            if not any(word in text for text in texts):
                yield Violation(
                    ("synonyms", index, "means", position),
                    f"同义词 “{synonym.term}” 指向的 “{word}” 在任何事项中都找不到",
                    f"the synonym '{synonym.term}' means '{word}', which no item uses",
                    document=document,
                )


@catalog_rule("synonym-duplicate", Severity.ERROR, "同义词重复", "a synonym is listed twice")
def synonym_duplicate(context: Context) -> Iterator[Violation]:
    """A ``term`` of ``synonyms.yaml`` is listed twice: which of the two would the search use?
    Put all its meanings in one entry.

    中文
    ----
    ``synonyms.yaml`` 中同一个 ``term`` 出现了两次，搜索该用哪一条？请把它的所有含义写在同一条里。
    """
    document = context.synonyms_document
    if document is None:
        return
    seen: dict[str, int] = {}
    for index, synonym in enumerate(context.synonyms):
        first = seen.setdefault(synonym.term, index)
        if first != index:
            yield Violation(
                ("synonyms", index, "term"),
                f"同义词 “{synonym.term}” 重复（第 {first + 1} 项已列出）",
                f"the synonym '{synonym.term}' is listed twice (already entry {first + 1})",
                document=document,
            )


RULES: tuple[Rule, ...] = (synonym_unmatched, synonym_duplicate)
