"""The rule reference, ``docs/rules.md``, written from the registry.

``servicecatalog rules --format markdown > docs/rules.md`` writes it; a test fails when the
committed file differs, so the reference is always the registry's. Each rule appears with its
id, severity and family, its summary and documentation in Chinese and then in English.
"""

from __future__ import annotations

import re

from .rules.registry import REGISTRY, Registry

__all__ = ["rules_markdown"]

_HEADER = (
    "# Rules · 规则\n\n"
    "<!-- Written by `servicecatalog rules --format markdown > docs/rules.md`; do not edit. -->\n\n"
    "Every rule `servicecatalog validate` applies, in the order `servicecatalog rules` lists "
    "them, with its default severity. `.servicecatalog.yaml` changes a severity or turns a rule "
    "off ([format](format.md#servicecatalogyaml)). `servicecatalog rules RULE_ID` prints one "
    "rule's text (Chinese by default, `--lang en` for English).\n\n"
    "`servicecatalog validate` 使用的全部规则，按 `servicecatalog rules` 列出的顺序排列，"
    "并注明默认级别。可在 `.servicecatalog.yaml` 中改变规则的级别或关闭规则。"
    "`servicecatalog rules 规则编号` 显示单条规则的说明（默认中文，`--lang en` 为英文）。\n"
)


def rules_markdown(registry: Registry = REGISTRY) -> str:
    """The rule reference as Markdown: a table of every rule, then each rule's documentation."""
    parts = [_HEADER, "| rule | severity | family | 摘要 | summary |", "|---|---|---|---|---|"]
    parts += [
        f"| [`{rule.id}`](#{rule.id}) | {rule.severity.value} | {rule.family} | "
        f"{_cell(rule.summary)} | {_cell(rule.summary_en)} |"
        for rule in registry.values()
    ]
    for rule in registry.values():
        parts += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.severity.value}** · {rule.family} · {rule.summary} · {rule.summary_en}",
            "",
            _unwrapped(rule.doc_zh),
            "",
            _unwrapped(rule.doc),
        ]
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


def _unwrapped(text: str) -> str:
    """``text`` with each paragraph on one line: a line break inside Chinese text would show as
    a space, and ``rules RULE_ID`` keeps the source's line breaks for terminals."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        joined = re.sub(rf"(?<={_CJK})\n(?={_CJK})", "", paragraph.strip())
        paragraphs.append(joined.replace("\n", " "))
    return "\n\n".join(paragraphs).replace("``", "`")
