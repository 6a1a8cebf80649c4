"""The 空白表格 and 示例样表 of a form (servicecatalog.guides.form and its DOCX in guides.word).

The A4 page count in Chromium is checked by tests/browser; here: what the blank and the sample
show, the Word file, and the command line.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import BUNDLED_CATALOG
from servicecatalog import Catalog, RenderError, load_catalog
from servicecatalog.cli import main
from servicecatalog.guides import render_form
from servicecatalog.guides.form import form_view

CODE = "220114043000"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_blank_form_has_boxes_tick_boxes_and_help(bundled: Catalog) -> None:
    html = render_form(bundled.item(CODE), "F1", "html", catalog=bundled)
    assert isinstance(html, str)
    assert html.count('class="box"') == 18  # one box per character of the 公民身份号码
    reasons = bundled.item(CODE).form("F1").fields[5]
    assert reasons.options is not None
    assert html.count('class="tick"') == len(reasons.options)
    for option in reasons.options:
        assert f"</span>{option}</li>" in html
    assert "按原用人单位出具的终止或者解除劳动关系证明上的原因选择" in html
    assert "sample-mark" not in html.split("<body")[1]
    assert "张三" not in html  # no example on the blank form
    assert "申请材料：失业保险金申领登记表" in html


def test_the_sample_is_marked_and_filled_with_the_examples(bundled: Catalog) -> None:
    html = render_form(bundled.item(CODE), "F1", "html", catalog=bundled, sample=True)
    assert isinstance(html, str)
    assert '<p class="sample-mark" role="note" aria-label="示例样表">样表</p>' in html
    assert "张三" in html
    boxes = re.findall(r'<span class="box">(.)</span>', html)
    assert "".join(boxes) == "220000198507150014"
    assert html.count('class="tick ticked"') == 1
    assert "（已选）" in html
    assert '<span class="slot year">2026</span>年<span class="slot">10</span>月' in html


def test_catalog_text_is_escaped(bundled: Catalog) -> None:
    item = bundled.item(CODE)
    form = item.form("F1")
    hostile = form.model_copy(update={"name": "<script>alert(1)</script>"})
    changed = item.model_copy(update={"forms": (hostile,)})
    html = render_form(changed, "F1", "html", catalog=bundled)
    assert isinstance(html, str)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_an_unknown_form_names_the_item_forms(bundled: Catalog) -> None:
    with pytest.raises(RenderError) as raised:
        render_form(bundled.item(CODE), "F9", "html", catalog=bundled)
    assert raised.value.message == (
        "item 220114043000 has no form F9; its forms: F1 (失业保险金申领登记表)"
    )


def test_the_view_ticks_only_on_the_sample(bundled: Catalog) -> None:
    blank = form_view(bundled.item(CODE), "F1", bundled)
    sample = form_view(bundled.item(CODE), "F1", bundled, sample=True)
    assert not blank.has_examples
    assert sample.has_examples
    assert [t for f in blank.fields for _, t in f.options] == [False] * 6
    assert sum(t for f in sample.fields for _, t in f.options) == 1
    assert sample.title == "失业保险金申领登记表（示例样表）"


def test_the_word_form_reopens_with_the_same_content(bundled: Catalog) -> None:
    data = render_form(bundled.item(CODE), "F1", "docx", catalog=bundled, sample=True)
    assert isinstance(data, bytes)
    document = Document(BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "样表"
    assert "失业保险金申领登记表" in texts
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows][:2] == ["姓名 *", "公民身份号码 *"]
    reasons = table.rows[5].cells[1].text
    assert reasons.startswith("\u2611 依照劳动合同法第四十四条")
    assert reasons.count("\u2610") == 5
    assert document.core_properties.title == "失业保险金申领登记表（示例样表）"
    # The same item renders to the same bytes.
    assert data == render_form(bundled.item(CODE), "F1", "docx", catalog=bundled, sample=True)


def test_cli_prints_the_form_and_writes_word(tmp_path: Path) -> None:
    runner = CliRunner()
    catalog = str(BUNDLED_CATALOG)
    html = runner.invoke(
        main, ["guide", CODE, "--format", "form", "--form", "F1", "--catalog", catalog]
    )
    assert html.exit_code == 0, html.output
    assert html.stdout.startswith("<!DOCTYPE html>")
    target = tmp_path / "F1.docx"
    word = runner.invoke(
        main,
        [
            "guide",
            CODE,
            "--format",
            "form",
            "--form",
            "F1",
            "--sample",
            "-o",
            str(target),
            "--catalog",
            catalog,
        ],
    )
    assert word.exit_code == 0, word.output
    assert Document(str(target)).paragraphs[0].text == "样表"


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--format", "form"], 2, "--format form needs --form ID"),
        (["--format", "html", "--form", "F1"], 2, "--form and --sample go with --format form"),
        (["--format", "form", "--form", "F1", "--region", "220100"], 2, "--region does not apply"),
        (["--format", "form", "--form", "F9"], 3, "has no form F9; its forms: F1"),
    ],
)
def test_cli_form_errors(arguments: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(
        main, ["guide", CODE, *arguments, "--catalog", str(BUNDLED_CATALOG)]
    )
    assert result.exit_code == code
    assert message in result.stderr
