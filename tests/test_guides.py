"""Tests of the service guides (DESIGN §10): golden files, one source for every format, escaping.

Golden files live in tests/golden/guides/: ``<code>.html``, ``<code>.md`` and, for DOCX, the
document's outline ``<code>.docx.txt`` (paragraph styles and texts, table rows), since the bytes
of a .docx (a zip) are not stable. ``pytest --update-golden`` rewrites them from the current output.
An HTML golden holds a placeholder where the page inlines its stylesheet, so a change of the CSS
changes no golden; one test checks that every page inlines its stylesheet whole.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table as DocxTable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import BUNDLED_CATALOG, PENALTY_ITEM, SERVICE_ITEM
from servicecatalog import (
    Catalog,
    DayUnit,
    Item,
    LegalDuration,
    RegionError,
    RenderError,
    TimeLimit,
    __version__,
    load_catalog,
)
from servicecatalog.guides import FORMATS, guide_view, render_guide
from servicecatalog.guides.blocks import Facts, Table
from servicecatalog.guides.environment import make_environment, static_source
from servicecatalog.guides.handout import HANDOUT_STYLESHEET
from servicecatalog.guides.html import STYLESHEET
from servicecatalog.guides.markdown import escape_markdown

GOLDEN = Path(__file__).parent / "golden" / "guides"
LICENCE_SUB_ITEM = "220114100001"  # 劳务派遣经营许可（设立）: nine materials, a legal time limit
GOLDEN_ITEMS = (SERVICE_ITEM, LICENCE_SUB_ITEM, PENALTY_ITEM)
CITY = "220100"  # 长春市
GOLDEN_CASES = (
    (SERVICE_ITEM, None),  # one item one applies for: the province's guide …
    (SERVICE_ITEM, CITY),  # … and 长春市's
    (PENALTY_ITEM, None),  # one item the authority initiates, both regions
    (PENALTY_ITEM, CITY),
    (LICENCE_SUB_ITEM, None),
)
"""Golden guides: each template in every format, for two regions."""
GOLDEN_SUFFIX = {"html": ".html", "md": ".md", "docx": ".docx.txt", "handout": ".handout.html"}
INLINED_STYLESHEET = {"html": STYLESHEET, "handout": HANDOUT_STYLESHEET}
"""The stylesheet each HTML format inlines (in ``<style>``), kept out of its golden files."""

HOSTILE = "<script>alert(1)</script>\"'&amp;<img src=x onerror=alert(2)>"
HOSTILE_MATERIAL = "材料|名称 <b>粗</b> [链接](javascript:alert(3))"
HOSTILE_CONDITIONS = (
    "javascript:alert(4)",
    "</script><script>alert(5)</script>",
    "# 标题 * **加粗** `代码` ~~删除~~ &lt; \\ 换行\n- 列表",
    "1. 编号开头",
)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


# ---- helpers: read the formats back -------------------------------------------------------------


class _PageReader(HTMLParser):
    """Collects an HTML page's tags, its scripts' text, and the rows of each section's tables."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._section: str | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "section":
            self._section = dict(attrs).get("id")
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "tr" and self._section is not None:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        elif tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._section is not None:
            if self._row:  # header rows have no td
                self.rows.setdefault(self._section, []).append(self._row)
            self._row = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read_page(page: str) -> _PageReader:
    reader = _PageReader()
    reader.feed(page)
    reader.close()
    return reader


def html_materials(page: str) -> list[str]:
    return [row[1] for row in read_page(page).rows.get("materials", [])]


_MATERIALS_HEADING = re.compile(r"(申请材料|当事人需提供的材料)")


_CELL_BOUNDARY = re.compile(r"(?<!\\)\|")
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def markdown_materials(text: str) -> list[str]:
    """Material names from the table under the 申请材料 heading, unescaped."""
    lines = text.splitlines()
    headings = [
        i
        for i, line in enumerate(lines)
        if re.fullmatch(r"## .+、(申请材料|当事人需提供的材料)", line)
    ]
    if not headings:
        return []
    start = headings[0]
    names = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|") and not line.startswith("| 序号") and "---" not in line:
            cells = _CELL_BOUNDARY.split(line)
            names.append(_MARKDOWN_ESCAPE.sub(r"\1", cells[2].strip()))
    return names


def docx_document(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def docx_materials(data: bytes) -> list[str]:
    """Material names from the table right after the 申请材料 heading (none: a paragraph)."""
    blocks = iter(docx_document(data).iter_inner_content())
    for block in blocks:
        if not isinstance(block, DocxTable) and _MATERIALS_HEADING.search(
            block.text.split("、")[-1]
        ):
            table = next(blocks)
            if isinstance(table, DocxTable):
                return [row.cells[1].text for row in table.rows[1:]]
            return []
    return []


def docx_outline(data: bytes) -> str:
    """The document as text: ``[Style] text`` per paragraph, ``| a | b |`` per table row."""
    lines = []
    for block in docx_document(data).iter_inner_content():
        if isinstance(block, DocxTable):
            lines += [
                "| " + " | ".join(cell.text for cell in row.cells) + " |" for row in block.rows
            ]
        else:
            style = block.style.name if block.style is not None else "?"
            lines.append(f"[{style}] {block.text}")
    return "\n".join(lines) + "\n"


def hostile_item(catalog: Catalog) -> Item:
    item = catalog.item(SERVICE_ITEM)
    first, *rest = item.materials
    return item.model_copy(
        update={
            "main_item_name": HOSTILE,
            "department": "</script><!-- 处室",
            "conditions": HOSTILE_CONDITIONS,
            "materials": (first.model_copy(update={"name": HOSTILE_MATERIAL}), *rest),
        }
    )


# ---- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("code", "region"), GOLDEN_CASES)
def test_guide_matches_golden_file(
    bundled: Catalog, code: str, region: str | None, fmt: str, update_golden: bool
) -> None:
    rendered = render_guide(bundled.item(code), fmt, catalog=bundled, region=region)
    text = docx_outline(rendered) if isinstance(rendered, bytes) else without_stylesheet(rendered)
    golden = GOLDEN / f"{code}{'' if region is None else '-' + region}{GOLDEN_SUFFIX[fmt]}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{golden.name} differs: review, then pytest --update-golden"


def inlined_stylesheet(fmt: str) -> str:
    """The ``<style>`` element of a page of format ``fmt``, its stylesheet inlined whole."""
    return f"<style>\n{static_source(make_environment(None), INLINED_STYLESHEET[fmt])}</style>"


def without_stylesheet(page: str) -> str:
    """``page`` with its inlined stylesheet replaced by a line naming it."""
    for fmt, name in INLINED_STYLESHEET.items():
        page = page.replace(inlined_stylesheet(fmt), f"<style>\n/* {name} */\n</style>")
    return page


@pytest.mark.parametrize("fmt", INLINED_STYLESHEET)
@pytest.mark.parametrize(("code", "region"), GOLDEN_CASES)
def test_a_page_inlines_its_stylesheet_whole(
    bundled: Catalog, code: str, region: str | None, fmt: str
) -> None:
    rendered = render_guide(bundled.item(code), fmt, catalog=bundled, region=region)
    assert isinstance(rendered, str)
    assert rendered.count(inlined_stylesheet(fmt)) == 1
    assert rendered.count("<style>") == 1


# ---- one source for every format ---------------------------------------------------------------


@pytest.mark.slow
def test_every_format_lists_the_same_materials_for_every_item(bundled: Catalog) -> None:
    items = bundled.items()
    assert len(items) == 149
    for item in items:
        expected = [material.name for material in item.materials]
        html = render_guide(item, "html", catalog=bundled)
        markdown = render_guide(item, "md", catalog=bundled)
        word = render_guide(item, "docx", catalog=bundled)
        assert html_materials(html) == expected, item.code
        assert markdown_materials(markdown) == expected, item.code
        assert docx_materials(word) == expected, item.code


def test_guide_carries_the_facts_of_the_item(bundled: Catalog) -> None:
    item = bundled.item(LICENCE_SUB_ITEM)
    for fmt in ("html", "md"):
        text = render_guide(item, fmt, catalog=bundled)
        for fact in (
            "劳务派遣经营许可（设立）",
            "220114100001",
            "行政许可",
            "劳动关系处",
            "中华人民共和国劳动合同法",  # the full name of labor-contract-law
            "第五十七条",
            "注册资本不得少于人民币二百万元",
            "20个工作日（经批准可延长10个工作日）",  # legal, with its extension
            "《劳务派遣行政许可实施办法》第十二条",  # the article that sets it
            "12个工作日",  # committed
            "0次（零跑动）",
            "单位名称",  # a field of the form
            "不收费",
            f"第{item.revision.version}版",
            item.revision.changed_on.isoformat(),
        ):
            assert fact in text, (fmt, fact)
    outline = docx_outline(render_guide(item, "docx", catalog=bundled))
    assert "中华人民共和国劳动合同法" in outline
    assert "| 法定办结时限 | 20个工作日（经批准可延长10个工作日） |" in outline


def _time_limit_rows(item: Item, catalog: Catalog) -> dict[str, str]:
    block = guide_view(item, catalog).section("time-limit").blocks[0]
    assert isinstance(block, Facts)
    return dict(block.rows)


def test_legal_limit_without_statute(bundled: Catalog) -> None:
    rows = _time_limit_rows(bundled.item("220114004000"), bundled)
    assert rows == {"法定办结时限": "法律法规未规定", "承诺办结时限": "即办件（当场办结）"}


def test_legal_limit_in_stages_decided_alone(bundled: Catalog) -> None:
    rows = _time_limit_rows(bundled.item("220114102001"), bundled)
    assert rows["法定办结时限"] == "筹设30个自然日；正式设立3个月（各阶段分别申请、分别计算）"
    assert rows["法定时限依据"] == (
        "筹设：《中华人民共和国民办教育促进法》第十四条第一款；"
        "正式设立：《中华人民共和国民办教育促进法》第十七条"
    )


def test_legal_limit_in_stages_passed_in_turn(bundled: Catalog) -> None:
    rows = _time_limit_rows(bundled.item("220114006001"), bundled)
    assert rows["法定办结时限"] == (
        "新参保地经办机构审核申请并发出同意接收函15个工作日；原参保地经办机构办理转移手续"
        "15个工作日；新参保地经办机构办结接续手续15个工作日（依次办理，合计45个工作日）"
    )


def test_legal_limit_before_the_licence_expires(bundled: Catalog) -> None:
    rows = _time_limit_rows(bundled.item("220114100003"), bundled)
    assert rows["法定办结时限"] == "行政许可有效期届满前作出决定"
    assert rows["法定时限依据"] == "《中华人民共和国行政许可法》第五十条第二款"


def test_legal_limit_in_months_and_without_basis(bundled: Catalog) -> None:
    item = bundled.item("220114100002")
    legal = LegalDuration(days=3, unit=DayUnit.MONTH)
    changed = item.model_copy(
        update={"time_limit": TimeLimit(legal=legal, committed=item.time_limit.committed)}
    )
    rows = _time_limit_rows(changed, bundled)
    assert rows["法定办结时限"] == "3个月"
    assert "法定时限依据" not in rows


def test_laws_are_shown_in_the_version_cited(bundled: Catalog) -> None:
    block = guide_view(bundled.item(SERVICE_ITEM), bundled).section("legal-basis").blocks[0]
    assert isinstance(block, Table)
    assert block.headers == ("序号", "法律法规名称", "效力级别", "现行版本", "条款")
    versions = {row[1]: row[3] for row in block.rows}
    assert versions["社会保险经办条例"] == "国务院令第765号，2023-12-01起施行"
    assert versions["中华人民共和国社会保险法"] == (
        "第十三届全国人民代表大会常务委员会第七次会议"
        "《关于修改〈中华人民共和国社会保险法〉的决定》，2018-12-29起施行"
    )


def test_an_item_the_authority_initiates_without_conditions_has_no_such_section(
    bundled: Catalog,
) -> None:
    item = bundled.item(PENALTY_ITEM).model_copy(update={"conditions": ()})
    with pytest.raises(KeyError):
        guide_view(item, bundled).section("conditions")


def test_penalty_section_only_for_penalty_items(bundled: Catalog) -> None:
    penalty = guide_view(bundled.item(PENALTY_ITEM), bundled)
    assert [row[0] for row in penalty.section("penalty").blocks[0].rows] == [  # type: ignore[union-attr]
        "违法行为",
        "处罚种类",
        "处罚幅度",
    ]
    with pytest.raises(KeyError):
        guide_view(bundled.item(SERVICE_ITEM), bundled).section("penalty")


def _titles(item: Item, catalog: Catalog, region: str | None = None) -> list[str]:
    return [s.title.split("、", 1)[1] for s in guide_view(item, catalog, region).sections]


def test_sections_of_an_item_one_applies_for_follow_a_real_guide(bundled: Catalog) -> None:
    titles = [s.title for s in guide_view(bundled.item(LICENCE_SUB_ITEM), bundled).sections]
    assert titles[0] == "一、基本信息"
    assert [title.split("、", 1)[1] for title in titles] == [
        "基本信息",
        "受理条件",
        "申请材料",
        "表单内容",
        "办理流程",
        "办理时限",
        "收费",
        "办理结果",
        "办理地点、时间和咨询",
        "设定依据",
        "责任事项",
        "救济途径",
        "常见问题",
        "版本信息",
        "业务经办流程（内部办理环节）",
    ]


def test_a_penalty_guide_has_no_application_sections(bundled: Catalog) -> None:
    view = guide_view(bundled.item(PENALTY_ITEM), bundled)
    assert view.template == "authority"
    titles = _titles(bundled.item(PENALTY_ITEM), bundled)
    for absent in ("受理条件", "申请材料", "表单内容", "收费"):
        assert absent not in titles
    assert titles[:2] == ["基本信息", "违法行为、处罚种类和幅度"]
    assert "实施程序和当事人的权利" in titles
    assert "救济途径" in titles
    text = render_guide(bundled.item(PENALTY_ITEM), "md", catalog=bundled)
    for fact in ("到办事现场次数", "零跑动", "不收费", "没有需要填写的表单", "申请材料"):
        assert fact not in text, fact
    for fact in (
        "**陈述、申辩**",
        "《中华人民共和国行政处罚法》第七条、第四十四条、第四十五条",
        "**听证**",
        "第六十三条、第六十四条",
        "向吉林省人民政府申请行政复议",
        "《中华人民共和国行政复议法》第二十条第一款、第二十条第三款、第二十四条",
        "《中华人民共和国行政诉讼法》第四十四条、第四十五条、第四十六条",
    ):
        assert fact in text, fact


def test_unregistered_law_is_named_by_its_id(bundled: Catalog) -> None:
    item = bundled.item(SERVICE_ITEM)
    reference = item.legal_basis[0].model_copy(update={"law": "no-such-law"})
    orphan = item.model_copy(update={"legal_basis": (reference,)})
    assert "未登记的法规（no-such-law）" in render_guide(orphan, "md", catalog=bundled)


# ---- the API ------------------------------------------------------------------------------------


def test_render_guide_returns_text_or_bytes(bundled: Catalog) -> None:
    item = bundled.item(SERVICE_ITEM)
    assert render_guide(item, "html", catalog=bundled).startswith("<!DOCTYPE html>")
    assert render_guide(item, "md", catalog=bundled).startswith("# 失业保险金申领\n")
    assert render_guide(item, "docx", catalog=bundled)[:2] == b"PK"  # a zip file


def test_unknown_format_is_a_render_error(bundled: Catalog) -> None:
    with pytest.raises(RenderError, match="unknown guide format 'pdf'"):
        render_guide(bundled.item(SERVICE_ITEM), "pdf", catalog=bundled)


def test_templates_dir_overrides_a_template_by_name(bundled: Catalog, tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("自定义 {{ view.code }} {{ view.name }}\n", encoding="utf-8")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    item = bundled.item(SERVICE_ITEM).model_copy(update={"main_item_name": "失业*保险"})
    assert render_guide(item, "md", catalog=bundled, templates_dir=tmp_path) == (
        "自定义 220114043000 失业\\*保险\n"  # still escaped for Markdown
    )
    html = render_guide(item, "html", catalog=bundled, templates_dir=tmp_path)
    assert "body { color: #123456; }" in html  # the overriding stylesheet, inlined
    assert '<section id="materials">' in html  # the bundled guide.html


def test_templates_see_the_item_and_the_project(bundled: Catalog, tmp_path: Path) -> None:
    # docs/templates.md: besides view, every guide template sees item (the model) and project.
    text = "{{ item.code }} {{ item.main_item_name }} {{ item.visits }} {{ project.version }}\n"
    (tmp_path / "guide.md").write_text(text, encoding="utf-8")
    (tmp_path / "guide.html").write_text("<p>" + text.strip() + "</p>", encoding="utf-8")
    item = bundled.item(SERVICE_ITEM).model_copy(update={"main_item_name": "失业*<b>保险"})
    # Every value escaped for Markdown: the version too ("0." could start an ordered list).
    expected = f"{SERVICE_ITEM} 失业\\*\\<b\\>保险 0 {escape_markdown(__version__)}\n"
    assert render_guide(item, "md", catalog=bundled, templates_dir=tmp_path) == expected
    assert render_guide(item, "html", catalog=bundled, templates_dir=tmp_path) == (
        f"<p>{SERVICE_ITEM} 失业*&lt;b&gt;保险 0 {__version__}</p>"
    )


def test_broken_or_missing_templates_are_render_errors(bundled: Catalog, tmp_path: Path) -> None:
    item = bundled.item(SERVICE_ITEM)
    with pytest.raises(RenderError, match="no such templates folder"):
        render_guide(item, "md", catalog=bundled, templates_dir=tmp_path / "missing")
    (tmp_path / "guide.md").write_text("{{ view.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"template guide\.md"):
        render_guide(item, "md", catalog=bundled, templates_dir=tmp_path)
    (tmp_path / "guide.md").write_text('{{ view.section("penalty") }}\n', encoding="utf-8")
    with pytest.raises(RenderError, match=r"template guide\.md: KeyError: 'penalty'"):
        render_guide(item, "md", catalog=bundled, templates_dir=tmp_path)


# ---- escaping of hostile catalog text -----------------------------------------------------------


def test_html_guide_escapes_hostile_text(bundled: Catalog) -> None:
    item = hostile_item(bundled)
    page = read_page(render_guide(item, "html", catalog=bundled))
    assert [tag for tag, _ in page.tags].count("script") == 1  # only the JSON-LD
    assert [attrs.get("type") for tag, attrs in page.tags if tag == "script"] == [
        "application/ld+json"
    ]
    assert "img" not in [tag for tag, _ in page.tags]
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")]
        for value in attrs.values():
            assert "javascript:" not in (value or "")
    text = "".join(page.text)
    assert HOSTILE in text  # shown as text, verbatim
    assert HOSTILE_MATERIAL in text
    assert HOSTILE_CONDITIONS[1] in text


def test_json_ld_cannot_break_out_of_its_script(bundled: Catalog) -> None:
    item = hostile_item(bundled)
    page = render_guide(item, "html", catalog=bundled)
    (script,) = read_page(page).scripts
    assert "<" not in script  # so neither </script> nor <!-- can appear
    data = json.loads(script)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == item.name
    assert data["provider"]["department"]["name"] == "</script><!-- 处室"


def test_markdown_guide_escapes_hostile_text(bundled: Catalog) -> None:
    item = hostile_item(bundled)
    text = render_guide(item, "md", catalog=bundled)
    assert markdown_materials(text)[0] == HOSTILE_MATERIAL  # the pipe did not split the cell
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    page = read_page(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "b", "a", "code", "del"}, tags
    assert [tag for tag, _ in page.tags].count("h1") == 1  # "# 标题" stayed text
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    assert "<em>" not in html
    # Only the template's own bold: fact labels and FAQ questions.
    assert html.count("<strong>") == text.count("- **") + len(re.findall(r"(?m)^\*\*\d+\. ", text))
    rendered = "".join(page.text)
    assert HOSTILE in rendered
    assert HOSTILE_MATERIAL in rendered
    assert "# 标题 * **加粗** `代码` ~~删除~~ &lt; \\ 换行 - 列表" in rendered  # one line
    assert "1. 编号开头" in rendered
    numbered = html[html.index("受理条件") :]
    assert numbered.count("<li>") >= len(HOSTILE_CONDITIONS)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("普通文字", "普通文字"),
        ("a|b", "a\\|b"),
        ("<script>", "\\<script\\>"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("- 列表", "\\- 列表"),
        ("+ 列表", "\\+ 列表"),
        ("12. 编号", "12\\. 编号"),
        ("3) 编号", "3\\) 编号"),
        ("2026-03-10", "2026-03-10"),
        ("第一行\n  第二行", "第一行 第二行"),
        (7, "7"),
    ],
)
def test_escape_markdown(text: object, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_docx_keeps_hostile_text_as_text(bundled: Catalog) -> None:
    item = hostile_item(bundled).model_copy(update={"one_thing": "控制\x0b字符"})
    outline = docx_outline(render_guide(item, "docx", catalog=bundled))
    assert f"[Title] {item.name}" in outline
    assert HOSTILE_MATERIAL in outline
    assert "控制\ufffd字符" in outline  # a character XML cannot hold is replaced, not fatal


# ---- DOCX for the hall --------------------------------------------------------------------------


def test_docx_is_a4_with_chinese_fonts_and_real_tables(bundled: Catalog) -> None:
    item = bundled.item(LICENCE_SUB_ITEM)
    document = docx_document(render_guide(item, "docx", catalog=bundled))
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert section.left_margin is not None
    assert abs(section.left_margin - Mm(20)) < Mm(0.5)

    first = document.paragraphs[0]
    assert first.style is not None
    assert first.style.name == "Title"
    assert first.text == item.name

    def east_asian_font(style_name: str) -> str:
        fonts = document.styles[style_name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win
        return str(fonts.get(qn("w:eastAsia")))

    assert east_asian_font("Normal") == "宋体"
    assert east_asian_font("Title") == "黑体"
    assert east_asian_font("Heading 1") == "黑体"

    materials = next(t for t in document.tables if t.rows[0].cells[1].text == "材料名称")
    header = materials.rows[0]
    row_properties = header._tr.trPr
    assert row_properties is not None
    assert row_properties.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert len(materials.rows) == 1 + len(item.materials)
    assert document.core_properties.title == item.name


# ---- no catalog text makes a format fail ---------------------------------------------------------

_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300
).filter(lambda text: text.strip() != "")


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_ANY_TEXT, condition=_ANY_TEXT, material=_ANY_TEXT, long_name=st.booleans())
def test_every_format_renders_any_text(
    bundled: Catalog, name: str, condition: str, material: str, long_name: bool
) -> None:
    """Control characters, the characters XML cannot hold, a name over 255 characters (Word's
    limit for a document property): the DOCX writer, like the others, never raises."""
    item = bundled.item(SERVICE_ITEM)
    first, *rest = item.materials
    varied = item.model_copy(
        update={
            "main_item_name": name * (300 // len(name) + 1) if long_name else name,
            "conditions": (condition, "\x00\x01\x0b\x1b\ufffe\uffff"),
            "materials": (first.model_copy(update={"name": material}), *rest),
        }
    )
    for fmt in FORMATS:
        rendered = render_guide(varied, fmt, catalog=bundled)
        assert rendered
    document = docx.Document(BytesIO(render_guide(varied, "docx", catalog=bundled)))
    assert len(document.core_properties.title) <= 255


# ---- a guide for one region ----------------------------------------------------------------------

CHANGCHUN = (
    "长春市人力资源和社会保障局",
    "长春市政务服务中心人力资源和社会保障窗口",
    "周一至周五 8:30-11:30 13:00-17:00（法定节假日除外）",
    "12333",
    "12345",
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_regions_guide_says_where_when_and_whom_to_call(bundled: Catalog, fmt: str) -> None:
    rendered = render_guide(bundled.item(SERVICE_ITEM), fmt, catalog=bundled, region=CITY)
    text = docx_outline(rendered) if isinstance(rendered, bytes) else rendered
    if fmt == "md":
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    facts = (*CHANGCHUN, "监督投诉电话", "办理地点", "办理时间", "咨询电话")
    # A handout is the citizen's: where, when, whom to call; not where the power comes from.
    for fact in (*facts, "权力来源") if fmt != "handout" else facts:
        assert fact in text, (fmt, fact)


def test_without_a_region_the_province_is_used_where_it_implements(bundled: Catalog) -> None:
    view = guide_view(bundled.item(SERVICE_ITEM), bundled)
    assert view.local is not None
    assert view.local.region == "220000"
    assert view.local.agency == "吉林省人力资源和社会保障厅"


def test_without_a_province_implementation_the_guide_lists_the_regions(bundled: Catalog) -> None:
    item = bundled.item("220114001003")  # 城乡居民养老保险参保登记: cities and counties only
    view = guide_view(item, bundled)
    assert view.local is None
    table = view.section("location").blocks[1]
    assert isinstance(table, Table)
    assert table.headers == ("地区", "实施主体", "办理地点", "咨询电话", "监督投诉电话")
    assert len(table.rows) == len(bundled.implementers(item.code)) == 69
    assert table.rows[0][:2] == ("长春市", "长春市人力资源和社会保障局")


def test_a_region_that_does_not_implement_the_item_names_those_that_do(bundled: Catalog) -> None:
    with pytest.raises(RegionError) as raised:
        guide_view(bundled.item("220114001003"), bundled, "220000")
    assert raised.value.message.startswith(
        "region 220000 does not implement item 220114001003; it is implemented by "
        "220100 长春市, 220102 南关区"
    )
    with pytest.raises(RegionError) as unknown:
        guide_view(bundled.item(SERVICE_ITEM), bundled, "999999")
    assert unknown.value.message.startswith("region 999999 is not a region of the catalog;")


def test_the_body_of_reconsideration_is_the_regions_government(bundled: Catalog) -> None:
    text = render_guide(bundled.item(PENALTY_ITEM), "md", catalog=bundled, region="220102")
    assert "向南关区人民政府申请行政复议" in text


def test_a_public_service_guide_names_its_remedy_and_its_basis(bundled: Catalog) -> None:
    # 失业保险金 is a social insurance benefit: 行政复议法 第十一条第十二项 makes it reviewable.
    assert "救济途径" in _titles(bundled.item(SERVICE_ITEM), bundled)
    text = render_guide(bundled.item(SERVICE_ITEM), "md", catalog=bundled)
    assert "申请行政复议" in text
    assert "《中华人民共和国行政复议法》第十一条第十二项" in text


def test_an_arbitration_guide_names_the_court_and_no_reconsideration(bundled: Catalog) -> None:
    text = render_guide(bundled.item("220114120001"), "md", catalog=bundled)
    assert "十五日内向人民法院提起诉讼" in text
    assert "《中华人民共和国劳动争议调解仲裁法》第四十七条、第四十八条、第五十条" in text
    assert "行政复议" not in text


def test_an_assessment_guide_names_the_second_assessment(bundled: Catalog) -> None:
    text = render_guide(bundled.item("220114106001"), "md", catalog=bundled)
    assert "十五日内向吉林省劳动能力鉴定委员会提出再次鉴定申请" in text
    assert "行政复议" not in text


def test_an_original_only_verified_is_not_zero_copies(bundled: Catalog) -> None:
    block = guide_view(bundled.item(SERVICE_ITEM), bundled).section("materials").blocks[0]
    assert isinstance(block, Table)
    copies = {row[1]: row[3] for row in block.rows}
    assert copies["居民身份证或社会保障卡"] == "核验原件，不收取"
    assert "0份" not in render_guide(bundled.item(SERVICE_ITEM), "md", catalog=bundled)


def test_the_back_office_process_is_folded_on_a_page_and_printed_for_the_hall(
    bundled: Catalog,
) -> None:
    item = bundled.item(SERVICE_ITEM)
    html = render_guide(item, "html", catalog=bundled)
    folded = html[html.index('<section id="handling-process">') :]
    assert folded.index('<details class="folded">') < folded.index("核查缴费年限与离职原因")
    outline = docx_outline(render_guide(item, "docx", catalog=bundled))
    assert "核查缴费年限与离职原因" in outline


def test_internal_ids_are_not_shown(bundled: Catalog) -> None:
    text = render_guide(bundled.item(SERVICE_ITEM), "md", catalog=bundled)
    assert "### 失业保险金申领登记表" in text
    assert "F1" not in text


def test_json_ld_carries_channels_audience_jurisdiction_and_output(bundled: Catalog) -> None:
    html = render_guide(bundled.item(LICENCE_SUB_ITEM), "html", catalog=bundled, region=CITY)
    [script] = [s for s in read_page(html).scripts if '"@context"' in s]
    data = json.loads(script)
    [channel] = data["availableChannel"]
    assert channel["@type"] == "ServiceChannel"
    assert channel["serviceLocation"]["address"] == CHANGCHUN[1]
    assert channel["servicePhone"]["telephone"] == "12333"
    assert channel["serviceUrl"] == data["url"]
    assert data["jurisdiction"] == {"@type": "AdministrativeArea", "name": "长春市"}
    assert data["audience"]
    assert data["serviceOutput"]["name"]


@pytest.mark.slow
def test_every_region_of_an_item_shows_the_same_local_facts_in_every_format(
    bundled: Catalog,
) -> None:
    item = bundled.item(SERVICE_ITEM)
    for found, implementation in bundled.implementers(item.code):
        html = render_guide(item, "html", catalog=bundled, region=found.code)
        markdown = _MARKDOWN_ESCAPE.sub(
            r"\1", render_guide(item, "md", catalog=bundled, region=found.code)
        )
        outline = docx_outline(render_guide(item, "docx", catalog=bundled, region=found.code))
        for fact in (implementation.agency, implementation.address, implementation.hours):
            assert fact is not None
            assert fact in html, (found.code, fact)
            assert fact in markdown, (found.code, fact)
            assert fact in outline, (found.code, fact)


# ---- the hall's Word document ----------------------------------------------------------------


def test_docx_bytes_are_reproducible(bundled: Catalog) -> None:
    item = bundled.item(PENALTY_ITEM)
    assert render_guide(item, "docx", catalog=bundled) == render_guide(
        item, "docx", catalog=bundled
    )


def test_docx_has_page_numbers_and_the_items_name_as_running_header(bundled: Catalog) -> None:
    item = bundled.item(PENALTY_ITEM)
    document = docx_document(render_guide(item, "docx", catalog=bundled))
    [section] = document.sections
    assert section.header.paragraphs[0].text == item.name
    footer = section.footer.paragraphs[0]._p.xml
    assert "第 " in footer
    assert " 页 共 " in footer
    assert 'w:instr=" PAGE "' in footer
    assert 'w:instr=" NUMPAGES "' in footer


def test_docx_properties_and_styles_are_ours(bundled: Catalog) -> None:
    item = bundled.item(SERVICE_ITEM)
    document = docx_document(render_guide(item, "docx", catalog=bundled))
    properties = document.core_properties
    assert properties.title == item.name
    assert properties.author == "吉林省人力资源和社会保障厅"
    assert (
        "python-docx"
        not in f"{properties.author}{properties.comments}{properties.last_modified_by}"
    )
    assert properties.created is not None
    assert properties.created.date().isoformat() == item.revision.changed_on.isoformat()
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "宋体"
    assert normal.get(qn("w:ascii")) == "Times New Roman"
    title = document.styles["Title"].element
    assert title.pPr.find(qn("w:pBdr")) is None  # no blue rule under the title
    assert "themeColor" not in title.xml


@pytest.mark.slow
def test_every_format_shows_every_section_of_every_item(bundled: Catalog) -> None:
    """One source: each section of the view — the new ones (办理结果, 办理地点, 责任事项, 救济途径,
    常见问题) included — is a heading in the page, in the Markdown and in the Word document."""
    for item in bundled.items():
        titles = [section.title for section in guide_view(item, bundled).sections]
        html = render_guide(item, "html", catalog=bundled)
        markdown = render_guide(item, "md", catalog=bundled)
        outline = docx_outline(render_guide(item, "docx", catalog=bundled))
        for title in titles:
            assert f"<h2>{title}</h2>" in html, (item.code, title)
            assert f"\n## {title}\n" in markdown, (item.code, title)
            assert f"[Heading 1] {title}" in outline, (item.code, title)


@pytest.mark.parametrize(
    "name",
    ["身份证\t复印件", "第一行\n第二行", " 前后有空格 ", "全角空格\u3000", "普通名称", "x\ry"],
)
def test_a_table_cell_holds_its_text_as_written(bundled: Catalog, name: str) -> None:
    """Table cells are built element by element for speed; tabs, line breaks and outer spaces
    still come out as python-docx writes them (w:tab, w:br, xml:space="preserve")."""
    item = bundled.item(SERVICE_ITEM)
    first, *rest = item.materials
    changed = item.model_copy(
        update={"materials": (first.model_copy(update={"name": name}), *rest)}
    )
    data = render_guide(changed, "docx", catalog=bundled)
    assert isinstance(data, bytes)
    expected = docx.Document()
    expected.add_table(rows=1, cols=1).rows[0].cells[0].paragraphs[0].add_run(name)
    assert docx_materials(data)[0] == expected.tables[0].rows[0].cells[0].text


def test_a_guide_with_thousands_of_materials_renders_in_every_format(bundled: Catalog) -> None:
    item = bundled.item(SERVICE_ITEM)
    template = item.materials[0]
    materials = tuple(
        template.model_copy(update={"id": f"M{number}", "name": f"合成材料{number}"})
        for number in range(1, 3001)
    )
    large = item.model_copy(update={"materials": materials})
    data = render_guide(large, "docx", catalog=bundled)
    assert isinstance(data, bytes)
    assert docx_materials(data) == [material.name for material in materials]
