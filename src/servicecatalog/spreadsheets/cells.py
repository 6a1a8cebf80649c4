"""Reading the sheets of a workbook: headers found by name or alias, cells turned into values.

Every problem is a finding located at ``工作表!单元格``; what clerks do to spreadsheets is
tolerated where the meaning is certain (full-width digits, Excel dates, codes stored as numbers
with all their digits, merged cells, blank rows) and reported where it is not (a code that lost
its leading zeros is never completed by guessing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._rule import Rule
from ..findings import Finding
from ..rules.schema import SCHEMA_INVALID_VALUE, SCHEMA_MISSING_KEY
from ..rules.spreadsheet import (
    SHEET_CODE_AS_NUMBER,
    SHEET_CODE_LOST_ZEROS,
    SHEET_INVALID_VALUE,
    SHEET_MERGED_CELL,
    SHEET_MISSING_COLUMN,
    SHEET_UNKNOWN_COLUMN,
)
from .layout import NONE_LISTED, NOT_APPLICABLE, Column, Kind, Sheet
from .phrases import PhraseError, parse_limit

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.cell_range import CellRange

__all__ = ["MARKERS", "Cell", "Row", "SheetReader", "normal_header"]

_EXCEL_EPOCH = date(1899, 12, 30)
_LAST_EXCEL_DAY = 2958465
_DATE_PATTERNS = (
    re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"),
)
_TERMS_SEPARATOR = re.compile(r"[、,，;；\s]+")
_TRUE = frozenset({"是", "true", "yes", "y", "1", "√"})
_FALSE = frozenset({"否", "false", "no", "n", "0", "×"})
MARKERS = frozenset({NONE_LISTED, NOT_APPLICABLE})


def normal_header(text: str) -> str:
    """A header as compared: NFKC (full-width parentheses and letters folded), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a value stands: ``申请材料!D14``, row 14, column 4."""

    sheet: str
    row: int
    column: int

    @property
    def ref(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(self.column)}{self.row}"


@dataclass
class Row:
    """One row: its values by column key (blank cells absent) and every column's cell."""

    sheet: str
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)
    """Keys whose cell held a value that could not be read (a finding says why)."""

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def cell(self, key: str) -> Cell:
        """The cell of ``key``, or the row's first cell when the sheet lacks the column."""
        return self.cells.get(key, Cell(self.sheet, self.number, 1))


@dataclass
class SheetReader:
    """Reads the sheets of one workbook into rows, collecting findings as it goes."""

    file: str
    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per sheet name, extra header aliases (normalized alias -> the column's header)."""
    findings: list[Finding] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)
    """Sheets left unread for a missing column: what they would have held is missing too."""
    refused: set[Cell] = field(default_factory=set)
    """Cells whose value could not be read: a finding said why, and the model's complaint about
    the value missing there would only repeat it."""

    def finding(
        self,
        rule: Rule,
        cell: Cell,
        zh: str,
        en: str,
        item: str | None = None,
    ) -> None:
        """Add a finding at ``cell``; its message starts with the cell (``申请材料!E2：``),
        which the line and column of a text or GitHub line cannot name."""
        if rule in _CONSEQUENTIAL and cell in self.refused:
            return
        self.findings.append(
            rule.finding(
                f"{cell.ref}：{zh}",
                f"{cell.ref}: {en}",
                file=self.file,
                line=cell.row,
                column=cell.column,
                item=item,
                path=cell.ref,
            )
        )

    def rows(self, worksheet: ReadOnlyWorksheet, sheet: Sheet) -> list[Row]:
        """The non-blank rows of ``worksheet`` read as ``sheet``; none when a required column
        is missing (a finding names it)."""
        merged = self._merged(worksheet, sheet)
        spread: dict[tuple[int, int], Any] = {}
        grid = worksheet.iter_rows(values_only=True)  # type: ignore[misc]  # stubs: Worksheet's
        header = next(grid, None) or ()
        _spread(merged, 1, header, spread)
        columns = self._columns(sheet, header)
        if columns is None:
            return []
        found = []
        for number, values in enumerate(grid, start=2):
            _spread(merged, number, values, spread)
            row = self._row(sheet, columns, number, values, spread)
            if row is not None:
                found.append(row)
        return found

    def _merged(self, worksheet: ReadOnlyWorksheet, sheet: Sheet) -> dict[int, list[CellRange]]:
        """The merged ranges of ``worksheet`` by their first row, each reported."""
        from openpyxl.worksheet.cell_range import CellRange

        by_row: dict[int, list[CellRange]] = {}
        for reference in _merged_references(worksheet):
            merged = CellRange(reference)
            by_row.setdefault(merged.min_row, []).append(merged)
            self.finding(
                SHEET_MERGED_CELL,
                Cell(sheet.name, merged.min_row, merged.min_col),
                f"合并单元格 {merged.coord}：其中每个单元格都按左上角的值读取",
                f"merged cells {merged.coord}: each cell is read as holding the top-left value",
            )
        return by_row

    def _columns(self, sheet: Sheet, header: tuple[Any, ...]) -> dict[int, Column] | None:
        known = {normal_header(column.header): column for column in sheet.columns}
        for column in sheet.columns:
            for alias in column.aliases:
                known.setdefault(normal_header(alias), column)
        for alias, target in self.aliases.get(sheet.name, {}).items():
            for column in sheet.columns:
                if column.header == target:
                    known[alias] = column
        columns: dict[int, Column] = {}
        taken: set[str] = set()
        for index, text in enumerate(header, start=1):
            if text is None or not str(text).strip():
                continue
            found = known.get(normal_header(str(text)))
            if found is None or found.key in taken:
                self._unknown_header(sheet, index, str(text), found is not None)
                continue
            taken.add(found.key)
            if not found.derived:
                columns[index] = found
        missing = [c.header for c in sheet.columns if c.required and c.key not in taken]
        if missing:
            names = "、".join(missing)
            self.finding(
                SHEET_MISSING_COLUMN,
                Cell(sheet.name, 1, 1),
                f"工作表“{sheet.name}”缺少必需的列：{names}；该表未读取",
                f"sheet {sheet.name} lacks the required columns {names}; it was not read",
            )
            self.unread.add(sheet.name)
            return None
        return columns

    def _unknown_header(self, sheet: Sheet, index: int, text: str, repeated: bool) -> None:
        if repeated:
            zh = f"表头“{text}”与前面的列重复，此列被忽略"
            en = f"the header '{text}' repeats an earlier column; this column is ignored"
        else:
            zh = f"无法识别的表头“{text}”，此列被忽略（可在 --mapping 对照文件中登记别名）"
            en = f"unknown header '{text}'; the column is ignored (a --mapping file can alias it)"
        self.finding(SHEET_UNKNOWN_COLUMN, Cell(sheet.name, 1, index), zh, en)

    def _row(
        self,
        sheet: Sheet,
        columns: dict[int, Column],
        number: int,
        values: tuple[Any, ...],
        merged: dict[tuple[int, int], Any],
    ) -> Row | None:
        row = Row(sheet.name, number)
        for index, column in columns.items():
            cell = Cell(sheet.name, number, index)
            row.cells[column.key] = cell
            raw = values[index - 1] if index <= len(values) else None
            raw = merged.get((number, index), raw)
            if _blank(raw):
                continue
            value = self.value(raw, column, cell)
            if value is _INVALID:
                row.invalid.add(column.key)
                self.refused.add(cell)
            else:
                row.values[column.key] = value
        if not row.values and not row.invalid:
            return None
        return row

    def value(self, raw: Any, column: Column, cell: Cell) -> Any:
        """The value of a non-blank cell as its column takes it, or ``_INVALID`` (reported)."""
        try:
            return _READERS[column.kind](raw, column)
        except _Refused as refused:
            self.finding(refused.rule, cell, refused.zh, refused.en)
            return refused.value
        except PhraseError as error:
            self.finding(SHEET_INVALID_VALUE, cell, error.zh, error.en)
            return _INVALID


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_references(worksheet: ReadOnlyWorksheet) -> list[str]:
    """The ranges of the sheet's ``<mergeCell>`` elements. A read-only worksheet (which reads
    rows as a stream, several times faster) does not parse them, so they are found in the
    sheet's XML, which the workbook's archive holds."""
    archive = worksheet.parent._archive  # type: ignore[attr-defined]  # openpyxl's read-only archive
    path: str = worksheet._worksheet_path  # type: ignore[attr-defined]  # (openpyxl < 4)
    with archive.open(path) as source:
        return [match.decode() for match in _MERGE_CELL.findall(source.read())]


def _spread(
    merged: dict[int, list[CellRange]],
    number: int,
    values: tuple[Any, ...],
    spread: dict[tuple[int, int], Any],
) -> None:
    """Give every cell of the ranges that start on row ``number`` the top-left cell's value."""
    for cells in merged.get(number, ()):
        value = values[cells.min_col - 1] if cells.min_col <= len(values) else None
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                spread[(row, column)] = value


_CONSEQUENTIAL = (SCHEMA_MISSING_KEY, SCHEMA_INVALID_VALUE)

_INVALID: Any = object()
"""A cell that could not be read; a finding says why."""


class _Refused(Exception):
    def __init__(
        self,
        zh: str,
        en: str,
        rule: Rule = SHEET_INVALID_VALUE,
        value: Any = _INVALID,
    ) -> None:
        super().__init__(en)
        self.zh, self.en, self.rule, self.value = zh, en, rule, value


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _shown(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _as_text(raw: Any, column: Column) -> str:
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    return str(raw).strip()


def _folded(raw: Any) -> str:
    return unicodedata.normalize("NFKC", _as_text(raw, Column("", ""))).strip()


def _as_code(raw: Any, column: Column) -> str:
    expected = "、".join(str(n) for n in column.digits)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not float(raw).is_integer():
            raise _Refused(
                f"{column.header}应为数字编码，实际是 {_shown(raw)}",
                f"{column.header} must be a code of digits, got {_shown(raw)}",
            )
        digits = str(int(raw))
        if len(digits) in column.digits:
            raise _Refused(
                f"{column.header} {digits} 存成了数字，已按文本读取；请把该列设置为文本格式",
                f"{column.header} {digits} is stored as a number and was read as text; "
                "format the column as text",
                rule=SHEET_CODE_AS_NUMBER,
                value=digits,
            )
        raise _Refused(
            f"{column.header} {digits} 存成了数字，只有 {len(digits)} 位（应为 {expected} 位）："
            "前导零已丢失，请在文本格式的单元格中重新录入",
            f"{column.header} {digits} is stored as a number of {len(digits)} digits (a code has "
            f"{expected}): its leading zeros are lost; type it again in a text cell",
            rule=SHEET_CODE_LOST_ZEROS,
        )
    text = _folded(raw)
    if not text.isascii() or not text.isdigit() or len(text) not in column.digits:
        raise _Refused(
            f"{column.header}应为 {expected} 位数字，实际是 {_shown(text)}",
            f"{column.header} must be {expected} digits, got {_shown(text)}",
        )
    return text


def _as_phone(raw: Any, column: Column) -> str:
    text = _as_text(raw, column)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise _Refused(
            f"{column.header} {text} 存成了数字，已按文本读取；以 0 开头的区号存成数字会丢失 0，请核对"
            "并把该列设置为文本格式",
            f"{column.header} {text} is stored as a number and was read as text; an area code's "
            "leading 0 is lost in a number: check it, and format the column as text",
            rule=SHEET_CODE_AS_NUMBER,
            value=text,
        )
    return text


def _as_int(raw: Any, column: Column) -> Any:
    if isinstance(raw, bool):
        raise _Refused(
            f"{column.header}应为整数，实际是 {_shown(raw)}",
            f"{column.header} must be a whole number, got {raw}",
        )
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _folded(raw)
    if text.isascii() and text.isdigit():
        return int(text)
    raise _Refused(
        f"{column.header}应为整数，实际是 {_shown(text)}",
        f"{column.header} must be a whole number, got {_shown(text)}",
    )


def _as_bool(raw: Any, column: Column) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _folded(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Refused(
        f"{column.header}应为“是”或“否”，实际是 {_shown(raw)}",
        f"{column.header} must be 是 or 否, got {_shown(raw)}",
    )


def _as_date(raw: Any, column: Column) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw <= _LAST_EXCEL_DAY:
        # A date cell that lost its date format shows Excel's day number.
        return (_EXCEL_EPOCH + timedelta(days=int(raw))).isoformat()
    text = _folded(raw)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups())).isoformat()
            except ValueError:
                break
    raise _Refused(
        f"{column.header}应为日期（如 2026-12-01），实际是 {_shown(raw)}",
        f"{column.header} must be a date (such as 2026-12-01), got {_shown(raw)}",
    )


def _as_term(raw: Any, column: Column) -> str:
    text = _folded(raw)
    if text in column.terms or text in MARKERS:
        return text
    raise _Refused(
        f"{column.header}的取值 {_shown(text)} 无效，应为以下之一：{'、'.join(column.terms)}",
        f"{column.header}: invalid value {_shown(text)}, expected one of {', '.join(column.terms)}",
    )


def _as_terms(raw: Any, column: Column) -> Any:
    text = _folded(raw)
    if text in MARKERS:
        return text
    terms = [part for part in _TERMS_SEPARATOR.split(text) if part]
    wrong = [term for term in terms if term not in column.terms]
    if wrong:
        raise _Refused(
            f"{column.header}中的 {'、'.join(wrong)} 无效，应取自：{'、'.join(column.terms)}",
            f"{column.header}: invalid {', '.join(wrong)}, expected terms of "
            f"{', '.join(column.terms)}",
        )
    return terms


def _as_lines(raw: Any, column: Column) -> list[str]:
    return [line.strip() for line in _as_text(raw, column).splitlines() if line.strip()]


def _as_limit(raw: Any, column: Column) -> Any:
    text = _as_text(raw, column)
    if text in MARKERS:
        return None
    return parse_limit(text)


_READERS = {
    Kind.TEXT: _as_text,
    Kind.CODE: _as_code,
    Kind.PHONE: _as_phone,
    Kind.INT: _as_int,
    Kind.BOOL: _as_bool,
    Kind.DATE: _as_date,
    Kind.ENUM: _as_term,
    Kind.ENUMS: _as_terms,
    Kind.LINES: _as_lines,
    Kind.LIMIT: _as_limit,
}
