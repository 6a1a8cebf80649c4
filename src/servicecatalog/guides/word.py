"""The DOCX guide for the service hall: printed on A4 and read on paper.

Built with python-docx from the same :class:`~servicecatalog.guides.blocks.GuideView` as the HTML and
Markdown guides: the item name as the document title, one Heading 1 per section, facts and tables
as real Word tables (header rows repeat on every page, rows never split across pages). Chinese
text needs East Asian fonts declared explicitly (``w:rFonts/@w:eastAsia``): the body is 宋体 and
headings 黑体, the faces every Chinese Word installation has; Latin text uses Times New Roman
and Arial. Theme font references of the default template are removed, since they would win.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .blocks import QA, Block, Facts, GuideView, Numbered, Paragraph, Regions, Table
from .form import FieldEntry, FormView

__all__ = ["render_docx", "render_form_docx"]

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP_BOTTOM, MARGIN_LEFT_RIGHT = Mm(25), Mm(20)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_LEFT_RIGHT
BODY_FONT = ("Times New Roman", "宋体")
"""(Latin, East Asian) font of body text; 宋体 is SimSun."""
HEADING_FONT = ("Arial", "黑体")
"""(Latin, East Asian) font of the title and headings; 黑体 is SimHei."""
TABLE_TEXT = "Table Text"
"""The paragraph style of table cells: the body font, smaller, without spacing."""
TABLE_TEXT_ID = "TableText"
"""Its style id (the name without spaces, as python-docx derives it)."""
FACT_LABEL_WIDTH = Mm(35)
HALF_CHARACTER = Mm(1.65)
"""Width of a Latin character in table text; a CJK character is two (9 pt is 3.2 mm)."""
CELL_PADDING = Mm(4.5)
"""Word's default left and right cell margins (0.08 inch each), with a little to spare."""
HEADER_FILL = "E7ECF2"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(view: GuideView) -> bytes:
    """The guide of ``view`` as the bytes of a .docx file: the same item renders to the same
    bytes every time (zip entries and properties dated by the item's revision)."""
    document = Document()
    _set_up_page(document, view.name)
    _set_up_styles(document)
    _set_properties(document, view)
    _add_paragraph(document, view.name, "Title")
    subtitle = _add_paragraph(document, f"{view.catalog_name}　办事指南")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in view.sections:
        _add_paragraph(document, section.title, "Heading1")
        for block in section.blocks:
            _add_block(document, block)
    buffer = BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue(), date.fromisoformat(view.changed_on))


def _reproducible(package: bytes, day: date) -> bytes:
    """``package`` (a zip) rewritten with every entry dated ``day``: python-docx stamps each
    entry with the time of writing, so two renderings of one guide would differ."""
    # A zip entry's date holds the years 1980 to 2107 only.
    stamp = (min(max(day.year, 1980), 2107), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(BytesIO(package))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def _add_block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Facts):
        _add_facts(document, block)
    elif isinstance(block, Paragraph):
        _add_paragraph(document, block.text)
    elif isinstance(block, Numbered):
        for number, entry in enumerate(block.entries, start=1):
            _add_hanging(document, f"{number}. {entry}")
    elif isinstance(block, QA):
        for number, (question, answer, basis) in enumerate(block.entries, start=1):
            _add_paragraph(document, f"{number}. {question}").runs[0].bold = True
            _add_paragraph(document, f"{answer}（依据：{basis}）")
    elif isinstance(block, Regions):
        for local in block.entries:
            _add_paragraph(document, local.region_name, "Heading2")
            _add_facts(document, local.facts)
    else:
        _add_table(document, block)


def _add_hanging(document: DocumentObject, text: str) -> None:
    paragraph = _add_paragraph(document, text)
    paragraph.paragraph_format.left_indent = Mm(7)
    paragraph.paragraph_format.first_line_indent = -Mm(7)


# Tables are filled through their XML elements (w:tr, w:tc): python-docx's row and column
# objects work out the whole grid of the table for every column asked for, which made a table of
# 17,000 materials take ten times as long as the HTML guide.


def _add_facts(document: DocumentObject, facts: Facts) -> None:
    table = _add_grid(document, rows=len(facts.rows), cols=2)
    rows = table._tbl.tr_lst
    for tr, (label, value) in zip(rows, facts.rows, strict=True):
        label_cell, value_cell = tr.tc_lst
        _write_cell(label_cell, label, bold=True, fill=HEADER_FILL)
        _write_cell(value_cell, value)
        _keep_together(tr, (label, value))
    _last_row_not_alone(rows)
    _set_widths(table, rows, [FACT_LABEL_WIDTH, Length(TEXT_WIDTH - FACT_LABEL_WIDTH)])


def _add_table(document: DocumentObject, block: Table) -> None:
    if block.caption is not None:
        _add_paragraph(document, block.caption, "Heading2")
    table = _add_grid(document, rows=1 + len(block.rows), cols=len(block.headers))
    rows = table._tbl.tr_lst
    header, *body = rows
    header_cells = header.tc_lst
    for tc, text in zip(header_cells, block.headers, strict=True):
        _write_cell(tc, text, bold=True, fill=HEADER_FILL)
    header.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    _keep_together(header, block.headers)
    for tc in header_cells:
        _keep_with_next(tc)  # never a header alone at a page end
    for tr, texts in zip(body, block.rows, strict=True):
        for tc, text in zip(tr.tc_lst, texts, strict=True):
            _write_cell(tc, text)
        _keep_together(tr, texts)
    _last_row_not_alone(rows)
    _set_widths(table, rows, _column_widths(block))


# Styles are set by style id below: python-docx looks a style given by name up each time,
# which made a guide take a third of a second.


def _add_paragraph(
    document: DocumentObject, text: str, style_id: str | None = None
) -> DocxParagraph:
    paragraph = document.add_paragraph(_xml_text(text))
    if style_id is not None:
        paragraph._p.style = style_id
    return paragraph


def _add_grid(document: DocumentObject, *, rows: int, cols: int) -> WordTable:
    """A table in the built-in Table Grid style (every cell ruled), with fixed widths."""
    table: WordTable = document.add_table(rows=rows, cols=cols)
    table._tbl.tblStyle_val = "TableGrid"
    table.autofit = False
    return table


def _write_cell(tc: CT_Tc, text: str, *, bold: bool = False, fill: str | None = None) -> None:
    """The cell's paragraph in the table text style holding one run of ``text``: the XML
    python-docx writes for it (``pStyle``, ``rPr``, ``b``), made element by element, which is
    several times faster than through its generic child insertion."""
    paragraph = tc.p_lst[0]
    _child(_child(paragraph, _P_PR), _P_STYLE).set(_VAL, TABLE_TEXT_ID)
    run = _child(paragraph, _RUN)
    properties = _child(run, _R_PR)
    if bold:
        _child(properties, _BOLD)
    text = _xml_text(text)
    if _PLAIN_TEXT.fullmatch(text) and text.strip() == text:
        if text:
            _child(run, _TEXT).text = text
    else:  # tabs and line breaks become w:tab and w:br, outer spaces are preserved
        run.text = text
    if fill is not None:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        tc.get_or_add_tcPr().append(shading)


def _child(parent: Any, tag: str) -> Any:
    """A new last child ``tag`` of ``parent``, of python-docx's class for it."""
    child = parent.makeelement(tag, {})
    parent.append(child)
    return child


_P_PR, _P_STYLE, _RUN, _R_PR, _BOLD, _TEXT, _VAL, _CELL_WIDTH, _TWIPS = (
    qn(name)
    for name in ("w:pPr", "w:pStyle", "w:r", "w:rPr", "w:b", "w:t", "w:val", "w:tcW", "w:w")
)
_CELL_WIDTH_PATH = f"{qn('w:tcPr')}/{_CELL_WIDTH}"
_PLAIN_TEXT = re.compile(r"[^\t\n\r]*")


def _keep_with_next(tc: CT_Tc) -> None:
    for paragraph in tc.p_lst:
        paragraph.get_or_add_pPr().keepNext_val = True


_PROPERTY_LIMIT = 255
"""The longest text python-docx (and Word's property dialog) takes for a core property."""


def _property(text: str) -> str:
    """``text`` as a core property: XML-safe and at most 255 characters (a title longer than
    that is cut with an ellipsis; the document's own title keeps it whole)."""
    safe = _xml_text(text)
    if len(safe) <= _PROPERTY_LIMIT:
        return safe
    return safe[: _PROPERTY_LIMIT - 1] + "…"


def _xml_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold (YAML's ``"\\v"`` escapes can
    put them in catalog text), each shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


_SPLITTABLE = 160
"""Rows with more text than this (in display width) may split across pages: keeping a tall row
whole would push it to the next page and leave the rest of this one blank."""


def _keep_together(tr: CT_Row, texts: tuple[str, ...]) -> None:
    """Keep a short row on one page."""
    if sum(_display_width(text) for text in texts) <= _SPLITTABLE:
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _last_row_not_alone(rows: list[CT_Row]) -> None:
    """Keep a table's last row on the page of the row before it: a table may break across
    pages, but never leave its last row alone."""
    if len(rows) >= 2:
        for tc in rows[-2].tc_lst:
            _keep_with_next(tc)


def _column_widths(block: Table) -> list[Length]:
    """Column widths that fill the text width and wrap as little as possible.

    Water-filling: a column whose longest text fits its fair share of the width still free gets
    just what it needs (short columns never wrap); the columns that do not fit share the rest in
    proportion to their longest text. When everything fits, every column is widened alike.
    """
    needed = [
        max(_display_width(text) for text in (header, *(row[index] for row in block.rows)))
        * HALF_CHARACTER
        + CELL_PADDING
        for index, header in enumerate(block.headers)
    ]
    widths = dict.fromkeys(range(len(needed)), 0)
    free, unfitted = TEXT_WIDTH, set(widths)
    while unfitted:
        share = free / len(unfitted)
        fitting = {index for index in unfitted if needed[index] <= share}
        if not fitting:
            break
        for index in fitting:
            widths[index] = needed[index]
            free -= needed[index]
        unfitted -= fitting
    if unfitted:
        wanted = sum(needed[index] for index in unfitted)
        widths.update({index: free * needed[index] // wanted for index in unfitted})
    else:
        widths = {index: TEXT_WIDTH * width // sum(needed) for index, width in widths.items()}
    return [Length(widths[index]) for index in range(len(needed))]


def _display_width(text: str) -> int:
    return sum(1 if ord(character) < 0x2E80 else 2 for character in text)


def _set_widths(table: WordTable, rows: list[CT_Row], widths: list[Length]) -> None:
    """Set the table grid (which LibreOffice follows) and every cell (which Word follows)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    first = rows[0].tc_lst
    for tc, width in zip(first, widths, strict=True):
        tc.width = width
    # Every other row as the first: each of its cells holds one w:tcPr/w:tcW (a table nested
    # in a cell, the boxes of a form, keeps its own).
    written = [tc.find(_CELL_WIDTH_PATH).get(_TWIPS) for tc in first]
    for tr in rows[1:]:
        for tc, value in zip(tr.tc_lst, written, strict=True):
            tc.find(_CELL_WIDTH_PATH).set(_TWIPS, value)


def _set_up_page(document: DocumentObject, name: str) -> None:
    """A4 with margins; the item's name as running header, "第 N 页 共 M 页" as footer."""
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin = section.bottom_margin = MARGIN_TOP_BOTTOM
        section.left_margin = section.right_margin = MARGIN_LEFT_RIGHT
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.add_run(_xml_text(name)).font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
            footer.add_run(text).font.size = Pt(9)
            if field is not None:
                _add_field(footer, field)


def _add_field(paragraph: DocxParagraph, instruction: str) -> None:
    """A field Word fills in (``PAGE``, ``NUMPAGES``), with a placeholder until it does."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_up_styles(document: DocumentObject) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, BODY_FONT, Pt(10.5))  # 五号
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(language)
    normal.paragraph_format.space_after = Pt(4)
    # An exact line height: with a multiple, a line holding Latin digits (Times New Roman) is
    # taller than one of Chinese only, and the lines of a paragraph do not align.
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(18)

    title = styles["Title"]
    _set_font(title, HEADING_FONT, Pt(18))  # 小二
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    title.paragraph_format.line_spacing = Pt(26)
    _remove_borders(title)
    for name, size in (("Heading 1", Pt(14)), ("Heading 2", Pt(12))):  # 四号, 小四
        heading = styles[name]
        _set_font(heading, HEADING_FONT, size)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        heading.paragraph_format.line_spacing = Pt(18)
        heading.paragraph_format.keep_with_next = True

    cell_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    assert cell_text.style_id == TABLE_TEXT_ID
    cell_text.base_style = normal
    _set_font(cell_text, BODY_FONT, Pt(9))
    cell_text.paragraph_format.space_after = Pt(0)
    cell_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    cell_text.paragraph_format.line_spacing = Pt(14)


def _set_font(style: ParagraphStyle, fonts: tuple[str, str], size: Length) -> None:
    """Declare Latin and East Asian fonts on ``style``, dropping theme fonts, in black."""
    latin, east_asian = fonts
    font = style.font
    font.name = latin
    font.size = size
    font.color.rgb = RGBColor(0, 0, 0)
    properties = style.element.get_or_add_rPr()
    run_fonts = properties.get_or_add_rFonts()
    run_fonts.set(qn("w:eastAsia"), east_asian)
    run_fonts.set(qn("w:cs"), latin)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        run_fonts.attrib.pop(qn(theme), None)
    for color in properties.iter(qn("w:color")):
        for theme in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(theme), None)


def _remove_borders(style: ParagraphStyle) -> None:
    """Drop the default template's rule under the title (a blue theme-coloured border)."""
    paragraph = style.element.pPr
    if paragraph is not None:
        for border in paragraph.findall(qn("w:pBdr")):
            paragraph.remove(border)


def _set_properties(document: DocumentObject, view: GuideView) -> None:
    changed = datetime.combine(date.fromisoformat(view.changed_on), time())
    properties = document.core_properties
    properties.title = _property(view.name)
    properties.subject = _property(view.catalog_name)
    properties.author = _property(view.authority or view.department)
    properties.last_modified_by = _property(view.authority or view.department)
    properties.comments = _property(f"{view.name}办事指南，由{view.catalog_name}生成")
    properties.keywords = _property(view.code)
    properties.category = _property(view.item_type)
    properties.language = "zh-CN"
    properties.revision = int(view.version)
    properties.created = properties.modified = changed


# ---- forms: the 空白表格 and the 示例样表 -------------------------------------------------------

FORM_LABEL_WIDTH = Mm(36)
SAMPLE_COLOUR = RGBColor(0xC0, 0x00, 0x00)
ENTRY_COLOUR = RGBColor(0x14, 0x35, 0x8A)
BLANK_BOX, TICKED_BOX = "\u2610", "\u2611"
BOX_WIDTH = Mm(5.5)


def render_form_docx(view: FormView) -> bytes:
    """The form of ``view`` as the bytes of a .docx file: a two-column table of labels and the
    space to write in, tick boxes for the options, help under each field; the sample is marked
    样表 and filled with the examples. Reproducible like the guide."""
    document = Document()
    _set_up_page(document, f"{view.item_name} · {view.title}")
    _set_up_styles(document)
    properties = document.core_properties
    properties.title = _property(view.title)
    properties.subject = _property(view.catalog_name)
    properties.keywords = _property(f"{view.code} {view.form_id}")
    properties.language = "zh-CN"
    properties.revision = view.version
    properties.created = properties.modified = datetime.combine(
        date.fromisoformat(view.changed_on), time()
    )
    if view.sample:
        mark = _add_paragraph(document, "样表")
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = mark.runs[0]
        run.bold = True
        run.font.size = Pt(16)
        run.font.color.rgb = SAMPLE_COLOUR
    _add_paragraph(document, view.name, "Title")
    material = f" · 申请材料：{view.material}" if view.material else ""
    meta = _add_paragraph(
        document, f"事项：{view.item_name}（{view.code}）{material} · 表单 {view.form_id}"
    )
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if view.description:
        _add_paragraph(document, view.description)
    if view.sample:
        note = _add_paragraph(
            document, "本样表所填内容均为示例，不是真实人员或单位的信息，仅供参照填写。"
        )
        note.runs[0].font.color.rgb = SAMPLE_COLOUR
    table = _add_grid(document, rows=len(view.fields), cols=2)
    for row, field in zip(table.rows, view.fields, strict=True):
        label, entry = row.cells
        _write_cell(
            label._tc, field.name + (" *" if field.required else ""), bold=True, fill=HEADER_FILL
        )
        _write_entry(entry, field)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    widths = [FORM_LABEL_WIDTH, Length(TEXT_WIDTH - FORM_LABEL_WIDTH)]
    _set_widths(table, table._tbl.tr_lst, widths)
    _add_paragraph(document, "标 * 的为必填项。本人承诺所填内容真实、准确。")
    _add_paragraph(
        document, "申请人（签字或者盖章）：____________________　　填表日期：______年____月____日"
    )
    buffer = BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue(), date.fromisoformat(view.changed_on))


def _add_boxes(cell: _Cell, characters: tuple[str, ...]) -> None:
    """One ruled box per character (公民身份号码), as a nested one-row table."""
    boxes = cell.add_table(rows=1, cols=len(characters))
    boxes._tbl.tblStyle_val = "TableGrid"
    boxes.autofit = False
    for box, character in zip(boxes.rows[0].cells, characters, strict=True):
        box.width = BOX_WIDTH
        paragraph = box.paragraphs[0]
        paragraph._p.style = TABLE_TEXT_ID
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(character.strip()).font.color.rgb = ENTRY_COLOUR
    for column in boxes.columns:
        column.width = BOX_WIDTH


def _write_entry(cell: _Cell, field: FieldEntry) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = TABLE_TEXT_ID
    if field.entry == "choice":
        for option, ticked in field.options:
            paragraph.add_run(f"{TICKED_BOX if ticked else BLANK_BOX} ")
            paragraph.add_run(_xml_text(option) + "　")
        if field.multiple:
            paragraph.add_run("（可多选）")
    elif field.entry == "boxes":
        _add_boxes(cell, field.characters)
    elif field.entry == "date":
        year, month, day = field.date_parts
        for part, word in (
            (year or "　　　　", "年"),
            (month or "　　", "月"),
            (day or "　　", "日"),
        ):
            run = paragraph.add_run(part)
            run.underline = True
            run.font.color.rgb = ENTRY_COLOUR
            paragraph.add_run(word)
    else:
        run = paragraph.add_run(_xml_text(field.value or ""))
        run.font.color.rgb = ENTRY_COLOUR
        if field.unit:
            paragraph.add_run(f"　{field.unit}")
        if field.entry == "file":
            paragraph.add_run("（另附）")
        if field.entry == "lines" and not field.value:
            paragraph.add_run("\n\n")
    if field.help:
        help_paragraph = cell.add_paragraph()
        help_paragraph._p.style = TABLE_TEXT_ID
        run = help_paragraph.add_run(_xml_text(f"填写说明：{field.help}"))
        run.font.size = Pt(8)
