"""Spreadsheets: what ``servicecatalog import`` finds in a workbook (docs/format.md#workbooks).

The importer emits these findings, located at ``工作表!单元格`` (``申请材料!D14``): the file is the
workbook, the line and column are the cell's row and column numbers.
"""

from __future__ import annotations

from ..findings import Severity
from ._base import Rule, emitted_rule

SHEET_MISSING = emitted_rule(
    __name__,
    "sheet-missing",
    Severity.ERROR,
    "工作簿缺少工作表",
    "a sheet is missing",
    """The workbook lacks a sheet the catalog needs (目录, 清单, 法律法规 …).

    The sheets are named as ``servicecatalog export`` names them; a department's own names can be
    mapped to them with ``--mapping``. Without the 事项 sheet the workbook is no catalog at all
    and the import stops (exit 3).

    中文
    ----
    工作簿缺少目录所需的工作表（目录、清单、法律法规等）。

    工作表名称以 ``servicecatalog export`` 导出的为准；部门自己的名称可以用 ``--mapping`` 对应过来。
    没有“事项”工作表的工作簿根本不是目录，导入停止（退出码 3）。
    """,
)


SHEET_UNKNOWN_COLUMN = emitted_rule(
    __name__,
    "sheet-unknown-column",
    Severity.WARNING,
    "无法识别的表头",
    "a column header is not known",
    """A header cell names no element of its sheet, nor an alias of one; the column is ignored.

    Add the header to a mapping file (``--mapping``) as an alias of the element it holds, or
    rename it. The finding points at the header cell.

    中文
    ----
    表头单元格既不是该工作表的要素名称，也不是其别名；这一列被忽略。

    请在对照文件（``--mapping``）中把它登记为对应要素的别名，或者改名。问题定位在表头单元格。
    """,
)


SHEET_MISSING_COLUMN = emitted_rule(
    __name__,
    "sheet-missing-column",
    Severity.ERROR,
    "缺少必需的列",
    "a required column is missing",
    """A sheet has no column for an element every row needs (基本编码, 材料名称 …).

    中文
    ----
    工作表缺少每一行都需要的要素列（基本编码、材料名称等）。
    """,
)


SHEET_MERGED_CELL = emitted_rule(
    __name__,
    "sheet-merged-cell",
    Severity.WARNING,
    "合并单元格",
    "merged cells",
    """Cells are merged. Every cell of the range is read as holding the top-left cell's value,
    which is what a clerk who merged them meant; the finding says so, so that nothing is taken
    on trust.

    中文
    ----
    存在合并单元格。合并区域内的每个单元格都按左上角单元格的值读取，这正是合并者的本意；发现项把这一点
    说明出来，以免不知不觉地照单全收。
    """,
)


SHEET_CODE_AS_NUMBER = emitted_rule(
    __name__,
    "sheet-code-as-number",
    Severity.WARNING,
    "编码存成了数字",
    "a code is stored as a number",
    """A code (基本编码, 区划代码 …) is stored as a number, not as text, but all its digits are
    there; it is read as text. Format the column as text (文本) so that codes with a leading zero
    keep it. A telephone number stored as a number is read as text too, and reported: an area
    code's leading 0 (0431 …) cannot be told from a number, so check it.

    中文
    ----
    编码（基本编码、区划代码等）存成了数字而不是文本，但位数完整，按文本读取。请把该列设置为“文本”格式，
    以免以 0 开头的编码丢失前导零。电话号码存成数字的，同样按文本读取并提示：区号开头的 0（0431 等）在数字中
    无从辨别，请核对。
    """,
)


SHEET_CODE_LOST_ZEROS = emitted_rule(
    __name__,
    "sheet-code-lost-zeros",
    Severity.ERROR,
    "编码存成数字后丢失了前导零",
    "a code stored as a number lost its leading zeros",
    """A code is stored as a number with fewer digits than a code has: the spreadsheet dropped
    its leading zeros (or rounded it). The code is not guessed; type it again in a cell formatted
    as text.

    中文
    ----
    编码存成了数字，位数少于应有位数：电子表格去掉了前导零（或做了舍入）。本工具不猜测编码；请在设置为
    “文本”格式的单元格中重新录入。
    """,
)


SHEET_INVALID_VALUE = emitted_rule(
    __name__,
    "sheet-invalid-value",
    Severity.ERROR,
    "单元格取值无效",
    "a cell holds an invalid value",
    """A cell's value is not what its column takes: a term outside a closed vocabulary (材料形式,
    事项类型 …), a number, a date or 是/否 that is none, a time limit not written ``15 工作日``.

    Full-width digits, Excel dates and dates written ``2026/12/1`` or ``2026年12月1日`` are
    accepted.

    中文
    ----
    单元格的取值不符合该列的要求：不在规定词表内的取值（材料形式、事项类型等），不是数字、日期或“是/否”的
    取值，没有写成“15 工作日”形式的时限。

    全角数字、Excel 日期以及写成 ``2026/12/1``、``2026年12月1日`` 的日期都可以识别。
    """,
)


SHEET_UNKNOWN_REFERENCE = emitted_rule(
    __name__,
    "sheet-unknown-reference",
    Severity.ERROR,
    "引用了不存在的事项、法规或对象",
    "a row refers to something that does not exist",
    """A row names an item code that is not on the 事项 sheet, a law that is not on the 法律法规
    sheet, a list that is not on the 清单 sheet, or an element (``申请材料 M3``) the item lacks.

    中文
    ----
    某一行引用了“事项”表中没有的基本编码、“法律法规”表中没有的法律法规、“清单”表中没有的清单，或者事项中
    不存在的对象（如“申请材料 M3”）。
    """,
)


SHEET_DUPLICATE_ROW = emitted_rule(
    __name__,
    "sheet-duplicate-row",
    Severity.ERROR,
    "重复的行",
    "a row is repeated",
    """Two rows describe the same thing: an item code twice on 事项, a region's item twice on
    实施清单, a law twice on 法律法规. The finding points at the second row and names the first.

    中文
    ----
    两行描述的是同一对象：“事项”表中基本编码重复，“实施清单”表中同一地区的同一事项重复，“法律法规”表中
    同一法规重复。问题定位在第二行，并指出第一行。
    """,
)


RULES: tuple[Rule, ...] = (
    SHEET_MISSING,
    SHEET_UNKNOWN_COLUMN,
    SHEET_MISSING_COLUMN,
    SHEET_MERGED_CELL,
    SHEET_CODE_AS_NUMBER,
    SHEET_CODE_LOST_ZEROS,
    SHEET_INVALID_VALUE,
    SHEET_UNKNOWN_REFERENCE,
    SHEET_DUPLICATE_ROW,
)
