"""The rule reference: docs/rules.md is the registry's, and every rule is documented in Chinese
and in English (servicecatalog.ruledocs, the docstrings of servicecatalog.rules)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from servicecatalog.cli import main
from servicecatalog.ruledocs import catalogue, catalogue_json, rules_markdown
from servicecatalog.rules._base import split_doc
from servicecatalog.rules.registry import REGISTRY, Rule

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
CATALOGUE = (
    Path(__file__).resolve().parents[1] / "src" / "servicecatalog" / "rules" / "catalogue.json"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_catalogue_is_the_registrys(update_golden: bool) -> None:
    """What ``servicecatalog rules`` reads is what the registry says, rule for rule."""
    expected = catalogue_json(REGISTRY.values())
    if update_golden:
        CATALOGUE.write_text(expected, encoding="utf-8")
    assert CATALOGUE.read_text(encoding="utf-8") == expected, (
        "rules/catalogue.json differs from the registry: `pytest --update-golden "
        "tests/test_ruledocs.py` rewrites it"
    )
    assert [_described(rule) for rule in catalogue()] == [
        _described(rule) for rule in REGISTRY.values()
    ]


def _described(rule: Rule) -> tuple[object, ...]:
    return (
        rule.id,
        rule.severity,
        rule.family,
        rule.scope,
        rule.summary,
        rule.summary_en,
        rule.doc,
        rule.doc_zh,
    )


def test_docs_rules_md_is_written_from_the_registry() -> None:
    # Regenerate with: servicecatalog rules --format markdown > docs/rules.md
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(list(REGISTRY.values()))


def test_the_cli_writes_the_same_reference() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == rules_markdown()


@pytest.mark.parametrize("rule_id", list(REGISTRY))
def test_every_rule_is_documented_in_chinese_and_in_english(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.doc_zh, f"{rule_id}: no Chinese section (a heading 中文 underlined with ----)"
    assert CJK.search(rule.doc_zh)
    assert rule.doc
    assert "中文\n--" not in rule.doc
    assert rule.documentation("zh") == rule.doc_zh
    assert rule.documentation("en") == rule.doc
    assert f"## {rule_id}\n" in rules_markdown()


def test_split_doc() -> None:
    assert split_doc("English.\n\nMore.\n\n中文\n----\n中文说明。\n\n第二段。") == (
        "English.\n\nMore.",
        "中文说明。\n\n第二段。",
    )
    assert split_doc("English only.") == ("English only.", "")
    assert split_doc("中文 is a word here.\n----") == ("中文 is a word here.\n----", "")


def test_chinese_paragraphs_are_one_line_in_markdown() -> None:
    # A line break inside Chinese text renders as a space.
    text = rules_markdown()
    assert "全角数字会被明确指出" in text
    assert not re.search(r"[\u4e00-\u9fff，。、]\n[\u4e00-\u9fff，。、]", text)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["rules", "code-format"], REGISTRY["code-format"].doc_zh),
        (["rules", "code-format", "--lang", "zh"], REGISTRY["code-format"].doc_zh),
        (["rules", "code-format", "--lang", "en"], REGISTRY["code-format"].doc),
    ],
)
def test_rules_id_prints_the_documentation_in_the_language_asked(
    arguments: list[str], expected: str
) -> None:
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0
    assert expected in result.stdout
    other = REGISTRY["code-format"].doc if expected != REGISTRY["code-format"].doc else None
    if other is not None:
        assert other not in result.stdout


def test_markdown_takes_no_rule_id() -> None:
    result = CliRunner().invoke(main, ["rules", "code-format", "--format", "markdown"])
    assert result.exit_code == 2
