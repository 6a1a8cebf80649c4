"""The rule reference: ``docs/rules.md``, and the catalogue ``servicecatalog rules`` reads.

``servicecatalog rules --format markdown > docs/rules.md`` writes the reference; a test fails
when the committed file differs, so the reference is always the registry's. Each rule appears with
its id, severity and family, its summary and documentation in Chinese and then in English.

``rules/catalogue.json`` holds what the registry says of every rule (no check), written by
:func:`catalogue_json` and compared with the registry by a test (``pytest --update-golden``
rewrites it). ``servicecatalog rules`` reads it, so that listing the rules imports no family,
and builds no model, which their checks need.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from importlib import resources

from ._rule import Rule
from .findings import Severity

__all__ = ["catalogue", "catalogue_json", "rules_markdown"]

_CATALOGUE = "catalogue.json"
_FIELDS = ("id", "severity", "family", "scope", "summary", "summary_en", "doc", "doc_zh")


def catalogue() -> tuple[Rule, ...]:
    """Every rule as the registry lists it, read from ``rules/catalogue.json``."""
    text = resources.files("servicecatalog.rules").joinpath(_CATALOGUE).read_text("utf-8")
    return tuple(
        Rule(
            id=entry["id"],
            severity=Severity(entry["severity"]),
            summary=entry["summary"],
            summary_en=entry["summary_en"],
            doc=entry["doc"],
            family=entry["family"],
            scope=entry["scope"],
            doc_zh=entry["doc_zh"],
        )
        for entry in json.loads(text)
    )


def catalogue_json(rules: Iterable[Rule]) -> str:
    """The text of ``rules/catalogue.json`` for ``rules`` (the registry's, in its order)."""
    entries = [
        {name: getattr(rule, name) for name in _FIELDS} | {"severity": rule.severity.value}
        for rule in rules
    ]
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


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


def rules_markdown(rules: Sequence[Rule] | None = None) -> str:
    """The rule reference as Markdown: a table of every rule (default: the catalogue's), then
    each rule's documentation."""
    listed = catalogue() if rules is None else rules
    parts = [_HEADER, "| rule | severity | family | 摘要 | summary |", "|---|---|---|---|---|"]
    parts += [
        f"| [`{rule.id}`](#{rule.id}) | {rule.severity.value} | {rule.family} | "
        f"{_cell(rule.summary)} | {_cell(rule.summary_en)} |"
        for rule in listed
    ]
    for rule in listed:
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
