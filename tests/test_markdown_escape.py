"""Catalog text in Markdown is inert (servicecatalog._markdown_escape): rendered by a CommonMark parser
with GitHub's extensions (tables, strikethrough, autolinks), it makes no element at all — only
the literal text — wherever it stands: a paragraph, a table cell, a heading."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from servicecatalog._markdown_escape import code_span, escape_markdown
from servicecatalog._text import shown_characters

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "[链接](https://evil.example)",
    "![图片](https://evil.example/x.png)",
    "<https://evil.example>",
    "www.evil.example",
    "https://evil.example/path",
    "联系 someone@evil.example",
    "@octocat 请看",
    "见 #123 号",
    "**加粗** __加粗__ *斜* _斜_",
    "~~删除~~ ~删~",
    "`代码` ``` 围栏",
    "$x^2$ 与 $$y$$",
    ":smile: :+1:",
    "| 甲 | 乙 |",
    "材料\r# 标题",
    "材料\n- 列表项",
    "材料\n\n> 引用",
    "# 标题",
    "- 列表",
    "+ 列表",
    "1. 第一",
    "2) 第二",
    "---",
    "===",
    "> 引用",
    "\\`反斜杠\\`",
    "&amp; &lt;b&gt; &#64;",
    "[^1] 脚注",
    "    缩进代码",
    "<div>\n块\n</div>",
    "[x]: https://evil.example",
    "文字\u202e反转\u2066",
]

PARSER = MarkdownIt("gfm-like")


def _elements(tokens: list[Token]) -> list[str]:
    """Every token type, inline children included, in order."""
    found = []
    for token in tokens:
        found.append(token.type)
        found.extend(_elements(token.children or []))
    return found


def _text(tokens: list[Token]) -> str:
    return "".join(
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_a_paragraph_is_only_text(value: str) -> None:
    tokens = PARSER.parse(f"前 {escape_markdown(value)} 后")
    assert _elements(tokens) == ["paragraph_open", "inline", "text", "paragraph_close"]
    assert _text(tokens).replace("\u200b", "") == f"前 {shown_characters(value)} 后"


@pytest.mark.parametrize("value", HOSTILE)
def test_a_table_cell_is_only_text(value: str) -> None:
    document = f"| a | b |\n|---|---|\n| {escape_markdown(value)} | 尾 |\n"
    tokens = PARSER.parse(document)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2  # nothing split or ended the row
    assert set(_elements(tokens)) <= {
        "table_open", "thead_open", "tr_open", "th_open", "inline", "text", "th_close",
        "tr_close", "thead_close", "tbody_open", "td_open", "td_close", "tbody_close",
        "table_close",
    }  # fmt: skip
    row = [t for t in tokens if t.type == "inline"][2]
    # A table cell's outer spaces are padding, not content.
    assert _text([row]).replace("\u200b", "") == shown_characters(value).strip()


@pytest.mark.parametrize("value", HOSTILE)
def test_a_heading_is_one_heading_of_text(value: str) -> None:
    tokens = PARSER.parse(f"### {escape_markdown(value)}")
    assert _elements(tokens) == ["heading_open", "inline", "text", "heading_close"]


@pytest.mark.parametrize("value", [*HOSTILE, "`", "``", "a`b", " x ", "| x |"])
def test_a_code_span_cannot_be_broken_out_of(value: str) -> None:
    tokens = PARSER.parse(f"| a |\n|---|\n| {code_span(value)} |\n")
    inline = [t for t in tokens if t.type == "inline"][1]
    assert [child.type for child in inline.children or []] == ["code_inline"]
    assert (inline.children or [])[0].content == shown_characters(value)


def test_mentions_references_and_autolinks_are_broken_invisibly() -> None:
    assert escape_markdown("@octocat") == "@&#8203;octocat"
    assert escape_markdown("#12") == "\\#&#8203;12"
    assert escape_markdown("www.x.cn") == "www&#8203;.x.cn"
    assert escape_markdown("https://x.cn") == "https&#8203;://x.cn"


def test_line_breaks_may_be_spaces_for_guides() -> None:
    assert escape_markdown("第一行\n  第二行", line_breaks_as_spaces=True) == "第一行 第二行"
    assert escape_markdown("第一行\n第二行") == "第一行\\\\u000a第二行"
