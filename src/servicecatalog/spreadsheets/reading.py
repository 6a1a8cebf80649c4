"""A workbook read back into a catalog folder (docs/format.md#workbooks).

The workbook is read sheet by sheet into rows (:mod:`.cells`), the rows are put together into the
data of catalog files (:mod:`._assembly`, an item's by :mod:`._item`), and every file is
validated against its model, so that each problem —
of a cell, of a row, of an item put together from many rows — is a finding located at
``工作表!单元格``. The folder is written only when nothing is wrong, and only where no folder is:
it is made beside the target and renamed into place, whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import read_regular
from ..errors import ServiceCatalogError
from ..findings import Report
from ..rules.spreadsheet import (
    SHEET_MISSING,
)
from ._assembly import Assembly
from .cells import Cell, Row, SheetReader, normal_header
from .layout import (
    ITEMS,
    LAWS,
    LISTS,
    MANIFEST,
    SHEETS,
    Sheet,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "HeaderMapping",
    "ImportResult",
    "TargetExistsError",
    "WorkbookError",
    "import_workbook",
    "load_mapping",
    "read_workbook",
]

MAX_UNCOMPRESSED = 256 * 1024 * 1024
"""A workbook that unpacks to more than this is refused before it is parsed (a zip bomb)."""
_MAPPING_LIMIT = 1024 * 1024
Progress = Callable[[int, int], None]


class WorkbookError(ServiceCatalogError):
    """The file is no workbook that can be read: missing, not .xlsx, damaged, too large, or
    without the 事项 sheet."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class TargetExistsError(ServiceCatalogError):
    """``import`` never writes into an existing folder (or over a file)."""

    def __init__(self, target: Path) -> None:
        super().__init__(
            f"{target}: already exists; import writes a new catalog folder and never into an "
            "existing one (choose another name, or remove it)"
        )
        self.target = target


@dataclass(frozen=True)
class HeaderMapping:
    """A department's names for sheets and columns: ``sheets`` (alias -> sheet name) and
    ``columns`` (sheet name -> alias -> the column's header), aliases normalized."""

    sheets: Mapping[str, str] = field(default_factory=dict)
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load_mapping(path: Path) -> HeaderMapping:
    """The header mapping of a YAML file; :class:`WorkbookError` when it is not one.

    ```yaml
    sheets:
      申请材料: [材料目录]          # the sheet 申请材料 may be called 材料目录
    columns:
      事项:
        主项名称: [事项名称（主项）]   # the column 主项名称 may be headed 事项名称（主项）
    ```
    """
    import yaml

    content = read_regular(path, _MAPPING_LIMIT)
    if not isinstance(content, bytes):
        raise WorkbookError(path, content.message_en)
    try:
        data = yaml.safe_load(content.decode("utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise WorkbookError(path, f"not a YAML header mapping: {error}") from None
    if not isinstance(data, dict) or set(data) - {"sheets", "columns"}:
        raise WorkbookError(path, "a header mapping has the keys sheets and columns only")
    known = {sheet.name: sheet for sheet in SHEETS}
    sheets = {
        normal_header(alias): name
        for name, aliases in _aliases(path, data.get("sheets"), known).items()
        for alias in aliases
    }
    columns: dict[str, dict[str, str]] = {}
    for sheet_name, headers in (data.get("columns") or {}).items():
        if sheet_name not in known or not isinstance(headers, dict):
            raise WorkbookError(path, f"columns: {sheet_name!r} is no sheet of a catalog workbook")
        valid = {column.header: column for column in known[sheet_name].columns}
        for header, aliases in _aliases(path, headers, valid).items():
            for alias in aliases:
                columns.setdefault(sheet_name, {})[normal_header(alias)] = header
    return HeaderMapping(sheets, columns)


def _aliases(path: Path, data: Any, known: Mapping[str, object]) -> dict[str, list[str]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WorkbookError(path, "aliases are given as a mapping: NAME: [ALIAS, ...]")
    found = {}
    for name, aliases in data.items():
        if name not in known:
            raise WorkbookError(path, f"{name!r} is not known (known: {', '.join(known)})")
        listed = [aliases] if isinstance(aliases, str) else aliases
        if not isinstance(listed, list) or not all(isinstance(a, str) for a in listed):
            raise WorkbookError(path, f"{name}: aliases are a list of texts")
        found[str(name)] = listed
    return found


@dataclass(frozen=True)
class ImportResult:
    """What a workbook gave: the findings, the files of the catalog (path relative to the
    folder -> text; empty when something is wrong), and the folder written, if any."""

    report: Report
    files: Mapping[str, str]
    written: Path | None = None


def import_workbook(
    path: Path,
    target: Path,
    mapping: HeaderMapping | None = None,
    *,
    display: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read the workbook ``path`` and write its catalog into the new folder ``target`` when it
    has no error. Raises :class:`TargetExistsError` when ``target`` exists (before reading) and
    :class:`WorkbookError` when the workbook cannot be read."""
    if target.exists() or target.is_symlink():
        raise TargetExistsError(target)
    result = read_workbook(path, mapping, display=display, progress=progress)
    if not result.files:
        return result
    _write_folder(target, result.files)
    return ImportResult(result.report, result.files, target)


def _write_folder(target: Path, files: Mapping[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        for name, text in files.items():
            written = staging / name
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        if target.exists() or target.is_symlink():
            raise TargetExistsError(target)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def read_workbook(
    path: Path,
    mapping: HeaderMapping | None = None,
    *,
    display: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """The findings and, when there is no error, the catalog files of the workbook ``path``."""
    workbook = _open(path)
    mapping = mapping or HeaderMapping()
    reader = SheetReader(display or str(path), mapping.columns)
    names = _sheet_names(workbook, mapping)
    if ITEMS.name not in names:
        raise WorkbookError(path, f"no sheet {ITEMS.name}: not a catalog workbook")
    tables: dict[str, list[Row]] = {}
    for done, sheet in enumerate(SHEETS, start=1):
        if sheet.name in names:
            tables[sheet.name] = reader.rows(workbook[names[sheet.name]], sheet)
        else:
            tables[sheet.name] = []
            if sheet in _NEEDED:
                _missing_sheet(reader, sheet)
        if progress is not None:
            progress(done, len(SHEETS))
    workbook.close()
    files = Assembly(reader, tables).files()
    report = Report.of(reader.findings, items=len(tables[ITEMS.name]))
    return ImportResult(report, files if report.ok else {})


_NEEDED = (MANIFEST, LISTS, LAWS)


def _missing_sheet(reader: SheetReader, sheet: Sheet) -> None:
    reader.finding(
        SHEET_MISSING,
        Cell(sheet.name, 1, 1),
        f"工作簿缺少工作表“{sheet.name}”",
        f"the workbook has no sheet {sheet.name}",
    )


def _open(path: Path) -> Workbook:
    from openpyxl import load_workbook

    if not path.is_file():
        raise WorkbookError(path, "no such file" if not path.exists() else "not a file")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise WorkbookError(
            path,
            "not an .xlsx workbook (save it as Excel 工作簿 .xlsx; .xls and .csv are not read)",
        ) from None
    if unpacked > MAX_UNCOMPRESSED:
        raise WorkbookError(path, f"unpacks to {unpacked} bytes, more than {MAX_UNCOMPRESSED}")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise WorkbookError(path, f"cannot be read as a workbook: {error}") from None


def _sheet_names(workbook: Workbook, mapping: HeaderMapping) -> dict[str, str]:
    """Sheet of the layout -> the workbook's sheet that holds it (its name or an alias)."""
    wanted: dict[str, str] = {}
    for sheet in SHEETS:
        wanted[normal_header(sheet.name)] = sheet.name
        for alias in sheet.aliases:
            wanted.setdefault(normal_header(alias), sheet.name)
    wanted.update(mapping.sheets)
    found: dict[str, str] = {}
    for title in workbook.sheetnames:
        name = wanted.get(normal_header(title))
        if name is not None and name not in found:
            found[name] = title
    return found
