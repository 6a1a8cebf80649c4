"""A workbook read back into a catalog folder (docs/format.md#workbooks).

The workbook is read sheet by sheet into rows (:mod:`.cells`), the rows are put together into the
data of catalog files, and every file is validated against its model, so that each problem —
of a cell, of a row, of an item put together from many rows — is a finding located at
``工作表!单元格``. The folder is written only when nothing is wrong, and only where no folder is:
it is made beside the target and renamed into place, whole or not at all.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .._files import read_regular
from .._validation import describe_error
from ..errors import ServiceCatalogError
from ..findings import Report
from ..model import ImplementationListFile, Item, Laws, Manifest, Regions
from ..rules.spreadsheet import (
    SHEET_DUPLICATE_ROW,
    SHEET_INVALID_VALUE,
    SHEET_MISSING,
    SHEET_UNKNOWN_REFERENCE,
)
from ._yaml import dump
from .cells import MARKERS, Cell, Row, SheetReader, normal_header
from .layout import (
    CHILD_ELEMENTS,
    DISCRETION,
    FAQ,
    FORMS,
    HANDLING_PROCESS,
    IMPLEMENTATIONS,
    INTERMEDIARY,
    ITEMS,
    LAWS,
    LEGAL_BASIS,
    LISTS,
    MANIFEST,
    MANIFEST_FIELDS,
    MATERIALS,
    NONE_LISTED,
    NOT_APPLICABLE,
    OWNER_FAQ,
    OWNER_FEE,
    OWNER_INTERMEDIARY,
    OWNER_ITEM,
    OWNER_LEGAL_LIMIT,
    OWNER_MATERIAL,
    OWNER_REMEDY_ROUTE,
    OWNER_REVIEWABLE,
    REGIONS,
    REMEDY_ROUTES,
    RESPONSIBILITIES,
    SERVICE_PROCESS,
    SHEETS,
    SITE_FIELDS,
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
Loc = tuple[str | int, ...]
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
    files = _Assembly(reader, tables).files()
    report = Report.of(reader.findings, items=len(tables[ITEMS.name]))
    return ImportResult(report, files if report.ok else {})


_NEEDED = (MANIFEST, LISTS, LAWS)
_SHEET_OF = {
    "materials": MATERIALS.name,
    "service_process": SERVICE_PROCESS.name,
    "handling_process": HANDLING_PROCESS.name,
    "forms": FORMS.name,
    "legal_basis": LEGAL_BASIS.name,
    "remedies": REMEDY_ROUTES.name,
    **CHILD_ELEMENTS,
}
"""The sheet an item's element comes from, where it has one of its own."""


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


# ---- putting rows together ---------------------------------------------------------------------


@dataclass
class _Located:
    """The data of one file and the cell each part of it came from."""

    data: dict[str, Any]
    cells: dict[Loc, Cell]
    fallback: Cell
    item: str | None = None

    def cell(self, loc: Loc) -> Cell:
        for end in range(len(loc), 0, -1):
            found = self.cells.get(tuple(loc[:end]))
            if found is not None:
                return found
        return self.fallback


class _Assembly:
    """Rows of every sheet put together into the catalog's files."""

    def __init__(self, reader: SheetReader, tables: dict[str, list[Row]]) -> None:
        self.reader = reader
        self.tables = tables
        self.law_ids = self._law_ids()
        self.list_ids = self._list_ids()

    def files(self) -> dict[str, str]:
        files: dict[str, str] = {}
        manifest = self._manifest()
        if manifest is not None and self._valid(Manifest, manifest):
            files["catalog.yaml"] = dump(_dumped(Manifest, manifest))
        laws = self._laws()
        if self._valid(Laws, laws):
            files["laws.yaml"] = dump(_dumped(Laws, laws))
        if self.tables[REGIONS.name]:
            regions = self._regions()
            if self._valid(Regions, regions):
                files["regions.yaml"] = dump(_dumped(Regions, regions))
        for located in self._items():
            if self._valid(Item, located):
                files[f"items/{located.data['code']}.yaml"] = dump(_dumped(Item, located))
        for region, located in self._implementation_lists():
            if self._valid(ImplementationListFile, located):
                files[f"implementations/{region}.yaml"] = dump(
                    _dumped(ImplementationListFile, located)
                )
        return files

    def _valid(self, model: type[BaseModel], located: _Located) -> bool:
        try:
            model.model_validate(located.data)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                self._schema_finding(located, detail)
            return False
        return True

    def _schema_finding(self, located: _Located, detail: Any) -> None:
        rule, loc, zh, en = describe_error(detail)
        if loc and _SHEET_OF.get(str(loc[0])) in self.reader.unread:
            return
        self.reader.finding(rule, located.cell(loc), zh, en, located.item)

    # ---- manifest, lists, laws, regions ----

    def _manifest(self) -> _Located | None:
        rows = self.tables[MANIFEST.name]
        if not rows:
            return None
        labels = {normal_header(label): key for key, label in MANIFEST_FIELDS.items()}
        values: dict[str, Any] = {}
        cells: dict[Loc, Cell] = {}
        for row in rows:
            key = labels.get(normal_header(str(row.get("field", ""))))
            if key is None:
                self._unknown(row.cell("field"), f"目录项“{row.get('field')}”", "entry")
                continue
            value = row.get("value")
            if value is not None:
                values[key] = value
                cells[(key,)] = cells[("publication", "working_days")] = row.cell("value")
        working_days = values.pop("working_days", None)
        site = {key: values.pop(key) for key in SITE_FIELDS if key in values}
        if "popular" in site:
            site["popular"] = [
                code for code in re.split(r"[、,，\s]+", str(site["popular"])) if code
            ]
        for key in site:
            cells[("site", key)] = cells.pop((key,))
        data: dict[str, Any] = {**values, "lists": {}}
        if site:
            data["site"] = site
        cells[("lists",)] = (
            self.tables[LISTS.name][0].cell("id")
            if self.tables[LISTS.name]
            else (rows[0].cell("field"))
        )
        if working_days is not None:
            data["publication"] = {"working_days": working_days}
        for row in self.tables[LISTS.name]:
            list_id = row.get("id")
            if list_id is None:
                continue
            spec = {"title": row.get("title")}
            for key in ("expected", "subset_of"):
                if key in row.values:
                    spec[key] = row.values[key]
            data["lists"][list_id] = spec
            for key in ("title", "expected", "subset_of"):
                cells[("lists", list_id, key)] = row.cell(key)
            cells[("lists", list_id)] = row.cell("id")
        return _Located(data, cells, rows[0].cell("field"))

    def _list_ids(self) -> dict[str, str]:
        found = {}
        for row in self.tables[LISTS.name]:
            if row.get("id") is not None:
                found[str(row.get("id"))] = str(row.get("id"))
                if row.get("title") is not None:
                    found[str(row.get("title"))] = str(row.get("id"))
        return found

    def _laws(self) -> _Located:
        laws: list[dict[str, Any]] = []
        cells: dict[Loc, Cell] = {}
        seen: dict[str, Row] = {}
        for row in self.tables[LAWS.name]:
            if self._duplicate(row, str(row.get("id")), seen, "法规编号", "law id"):
                continue
            cells.update(_row_cells(("laws", len(laws)), row))
            laws.append(_present(row, LAWS))
        fallback = Cell(LAWS.name, 1, 1)
        return _Located({"laws": laws}, cells, fallback)

    def _law_ids(self) -> dict[str, str]:
        found = {}
        for row in self.tables[LAWS.name]:
            law_id, name = row.get("id"), row.get("name")
            if isinstance(law_id, str):
                found[normal_header(law_id)] = law_id
                if isinstance(name, str):
                    found[normal_header(name)] = law_id
        return found

    def _regions(self) -> _Located:
        regions: list[dict[str, Any]] = []
        cells: dict[Loc, Cell] = {}
        seen: dict[str, Row] = {}
        for row in self.tables[REGIONS.name]:
            if self._duplicate(row, str(row.get("code")), seen, "区划代码", "region code"):
                continue
            cells.update(_row_cells(("regions", len(regions)), row))
            data = _present(row, REGIONS)
            data.setdefault("parent", None)
            regions.append(data)
        return _Located({"regions": regions}, cells, Cell(REGIONS.name, 1, 1))

    # ---- items ----

    def _items(self) -> list[_Located]:
        children = {
            sheet.name: self._by_code(sheet)
            for sheet in (
                MATERIALS,
                SERVICE_PROCESS,
                HANDLING_PROCESS,
                FORMS,
                FAQ,
                RESPONSIBILITIES,
                DISCRETION,
                INTERMEDIARY,
                REMEDY_ROUTES,
                LEGAL_BASIS,
            )
        }
        items = []
        seen: dict[str, Row] = {}
        for row in self.tables[ITEMS.name]:
            code = row.get("code")
            if not isinstance(code, str):
                continue
            if self._duplicate(row, code, seen, "基本编码", "code"):
                continue
            own = {name: by_code.pop(code, []) for name, by_code in children.items()}
            items.append(_ItemBuilder(self, row, own).build())
        for by_code in children.values():
            for code, rows in by_code.items():
                self._unknown(rows[0].cell("code"), f"基本编码 {code}（“事项”表中没有）", code)
        return items

    def _by_code(self, sheet: Sheet) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables[sheet.name]:
            code = row.get("code")
            if isinstance(code, str):
                found[code].append(row)
        return found

    def reference(self, row: Row) -> dict[str, Any] | None:
        """The citation of a 设定依据 row: the law's id and the articles."""
        from .phrases import parse_articles

        law = row.get("law")
        law_id = self.law_ids.get(normal_header(str(law))) if law is not None else None
        if law_id is None:
            self._unknown(row.cell("law"), f"法律法规“{law}”（“法律法规”表中没有）", str(law))
            return None
        return {"law": law_id, "articles": parse_articles(str(row.get("articles", "")))}

    def _unknown(self, cell: Cell, zh: str, en: str) -> None:
        self.reader.finding(
            SHEET_UNKNOWN_REFERENCE,
            cell,
            f"引用了不存在的{zh}",
            f"refers to an unknown {en}",
        )

    def _duplicate(self, row: Row, key: str, seen: dict[str, Row], zh: str, en: str) -> bool:
        first = seen.get(key)
        if first is None:
            seen[key] = row
            return False
        self.reader.finding(
            SHEET_DUPLICATE_ROW,
            row.cell("code") if "code" in row.cells else Cell(row.sheet, row.number, 1),
            f"{zh} {key} 与第 {first.number} 行重复，此行未读取",
            f"{en} {key} repeats row {first.number}; this row was not read",
        )
        return True

    # ---- implementation lists ----

    def _list_revision(self, region: str, rows: list[Row]) -> dict[str, Any] | None:
        """The list's revision from its first row; every other row must repeat it."""
        first = rows[0]
        values = {key: first.get(column) for key, column in _LIST_REVISION.items()}
        for row in rows[1:]:
            for key, column in _LIST_REVISION.items():
                if row.get(column) != values[key] and column not in row.invalid:
                    self.reader.finding(
                        SHEET_INVALID_VALUE,
                        row.cell(column),
                        f"区划 {region} 的清单修订信息应与第 {first.number} 行相同",
                        f"the list revision of region {region} must repeat row {first.number}",
                    )
                    break
        if all(value is None for value in values.values()):
            return None
        return values

    def _implementation_lists(self) -> list[tuple[str, _Located]]:
        by_region: dict[str, list[Row]] = defaultdict(list)
        for row in self.tables[IMPLEMENTATIONS.name]:
            region = row.get("region")
            if isinstance(region, str) and isinstance(row.get("code"), str):
                by_region[region].append(row)
        found = []
        for region in sorted(by_region):
            entries: list[dict[str, Any]] = []
            cells: dict[Loc, Cell] = {}
            seen: dict[str, Row] = {}
            for row in by_region[region]:
                code = str(row.get("code"))
                if self._duplicate(row, code, seen, f"区划 {region} 的事项", f"item of {region}"):
                    continue
                cells.update(_row_cells(("implementations", len(entries)), row, {"code": "item"}))
                entry = _present(row, IMPLEMENTATIONS, {"code": "item"})
                for key in ("region", *_LIST_REVISION.values()):
                    entry.pop(key, None)
                entries.append(entry)
            first = by_region[region][0]
            data: dict[str, Any] = {"region": region}
            revision = self._list_revision(region, by_region[region])
            if revision is not None:
                data["revision"] = revision
                for key, column in _LIST_REVISION.items():
                    cells[("revision", key)] = first.cell(column)
            data["implementations"] = entries
            cells[("region",)] = first.cell("region")
            found.append((region, _Located(data, cells, first.cell("region"))))
        return found


_LIST_REVISION = {
    "version": "list_version",
    "changed_on": "list_changed_on",
    "published_on": "list_published_on",
}
"""The list's revision (docs/format.md#implementationsregionyaml) on every row of its region:
key -> column."""


def _present(row: Row, sheet: Sheet, renamed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The row's values in the sheet's column order, blank cells left out."""
    renamed = renamed or {}
    return {
        renamed.get(column.key, column.key): row.values[column.key]
        for column in sheet.columns
        if column.key in row.values
    }


def _row_cells(prefix: Loc, row: Row, renamed: Mapping[str, str] | None = None) -> dict[Loc, Cell]:
    renamed = renamed or {}
    cells: dict[Loc, Cell] = {prefix: Cell(row.sheet, row.number, 1)}
    for key, cell in row.cells.items():
        cells[(*prefix, renamed.get(key, key))] = cell
    return cells


def _dumped(model: type[BaseModel], located: _Located) -> dict[str, Any]:
    """The file's content: the validated model as plain data, keys in the model's order, only
    the keys the workbook gave."""
    validated = model.model_validate(located.data)
    dumped: dict[str, Any] = validated.model_dump(mode="json", exclude_unset=True)
    if model is ImplementationListFile:
        # An entry's item comes first, as lists are written (the model inherits it last).
        dumped["implementations"] = [
            {"item": entry["item"], **entry} for entry in dumped["implementations"]
        ]
    return dumped


class _ItemBuilder:
    """One item from its 事项 row and its rows on the other sheets."""

    def __init__(self, assembly: _Assembly, row: Row, rows: dict[str, list[Row]]) -> None:
        self.assembly = assembly
        self.row = row
        self.rows = rows
        self.code = str(row.get("code"))
        self.cells: dict[Loc, Cell] = {}
        self.citations = self._citations()

    def build(self) -> _Located:
        row = self.row
        data: dict[str, Any] = {}
        self._take(data, "code", "code")
        data["lists"] = self._lists()
        for key in ("item_type", "department"):
            self._take(data, key, key)
        if row.get("one_thing") is not None:
            self._take(data, "one_thing", "one_thing")
        data["levels"] = row.get("levels", [])
        self.cells[("levels",)] = row.cell("levels")
        self._take(data, "main_item_name", "main_item_name")
        data["sub_item_name"] = row.get("sub_item_name")
        self.cells[("sub_item_name",)] = row.cell("sub_item_name")
        data["legal_basis"] = self._cited(OWNER_ITEM, ("legal_basis",))
        data["materials"] = self._materials()
        data["service_process"] = self._steps(SERVICE_PROCESS, "service_process")
        data["handling_process"] = self._steps(HANDLING_PROCESS, "handling_process")
        data["time_limit"] = self._time_limit()
        data["forms"] = self._forms()
        data["conditions"] = row.get("conditions", [])
        self.cells[("conditions",)] = row.cell("conditions")
        self._take(data, "visits", "visits")
        data["fee"] = self._fee()
        data["penalty"] = self._penalty()
        data["revision"] = {
            "version": row.get("version"),
            "changed_on": row.get("changed_on"),
            "published_on": row.get("published_on"),
        }
        for key in ("version", "changed_on", "published_on"):
            self.cells[("revision", key)] = row.cell(key)
        self._national_elements(data)
        self._unused_citations()
        return _Located(data, self.cells, row.cell("code"), self.code)

    def _take(self, data: dict[str, Any], key: str, column: str) -> None:
        if column in self.row.values:
            data[key] = self.row.values[column]
        self.cells[(key,)] = self.row.cell(column)

    def _lists(self) -> list[str]:
        text = self.row.get("lists")
        self.cells[("lists",)] = self.row.cell("lists")
        found = []
        for name in _split(text):
            list_id = self.assembly.list_ids.get(name)
            if list_id is None:
                self.assembly._unknown(
                    self.row.cell("lists"), f"清单“{name}”（“清单”表中没有）", f"list {name}"
                )
            else:
                found.append(list_id)
        return found

    # ---- citations ----

    def _citations(self) -> dict[str, list[tuple[Row, dict[str, Any]]]]:
        found: dict[str, list[tuple[Row, dict[str, Any]]]] = defaultdict(list)
        for row in self.rows[LEGAL_BASIS.name]:
            reference = self.assembly.reference(row)
            if reference is not None:
                owner = normal_header(str(row.get("owner") or OWNER_ITEM))
                found[owner].append((row, reference))
        return found

    def _cited(self, owner: str, loc: Loc) -> list[dict[str, Any]]:
        self.cells.setdefault(loc, self.row.cell("code"))
        found: list[dict[str, Any]] = []
        for row, reference in self.citations.pop(normal_header(owner), []):
            self.cells[(*loc, len(found))] = row.cell("law")
            self.cells[(*loc, len(found), "articles")] = row.cell("articles")
            found.append(reference)
        return found

    def _unused_citations(self) -> None:
        limit_unread = "legal_limit" in self.row.invalid
        for owner, rows in self.citations.items():
            if limit_unread and owner.startswith(normal_header(OWNER_LEGAL_LIMIT)):
                continue  # the limit's own cell was refused; its citation is not the problem
            for row, _ in rows:
                self.assembly._unknown(
                    row.cell("owner"),
                    f"依据对象“{row.get('owner')}”（事项 {self.code} 中没有）",
                    f"element {row.get('owner')} (item {self.code} has none)",
                )

    # ---- elements on their own sheets ----

    def _materials(self) -> list[dict[str, Any]]:
        materials = []
        for index, row in enumerate(self.rows[MATERIALS.name]):
            self.cells.update(_row_cells(("materials", index), row))
            material = _present(row, MATERIALS)
            material.pop("code", None)
            material.setdefault("exempt_by", None)
            cited = self._cited(
                f"{OWNER_MATERIAL} {row.get('id')}", ("materials", index, "legal_basis")
            )
            if cited:
                material["legal_basis"] = cited
            materials.append(material)
        return materials

    def _steps(self, sheet: Sheet, key: str) -> list[dict[str, Any]]:
        steps = []
        for index, row in enumerate(self.rows[sheet.name]):
            self.cells.update(_row_cells((key, index), row))
            step = _present(row, sheet)
            step.pop("code", None)
            steps.append(step)
        self.cells.setdefault((key,), self.row.cell("code"))
        return steps

    def _forms(self) -> list[dict[str, Any]]:
        forms: dict[str, dict[str, Any]] = {}
        for row in self.rows[FORMS.name]:
            form_id = str(row.get("id"))
            if form_id not in forms:
                index = len(forms)
                forms[form_id] = {"id": row.get("id"), "name": row.get("name"), "fields": []}
                for key in ("id", "name", "description"):
                    self.cells[("forms", index, key)] = row.cell(key)
                self.cells[("forms", index)] = row.cell("id")
            form = forms[form_id]
            if row.get("description") is not None and "description" not in form:
                form["description"] = row.get("description")
                self.cells[("forms", list(forms).index(form_id), "description")] = row.cell(
                    "description"
                )
            position = (*("forms", list(forms).index(form_id)), "fields", len(form["fields"]))
            self.cells[position] = row.cell("field")
            field_data: dict[str, Any] = {}
            for key, target in _FIELD_KEYS.items():
                self.cells[(*position, target)] = row.cell(key)
                if row.get(key) is not None or target in ("name", "type", "required"):
                    field_data[target] = row.get(key)
            form["fields"].append(field_data)
        return [
            {k: v for k, v in form.items() if k != "fields"} | {"fields": form["fields"]}
            for form in forms.values()
        ]

    # ---- time limit, fee, penalty ----

    def _time_limit(self) -> dict[str, Any]:
        legal = self.row.get("legal_limit")
        cell = self.row.cell("legal_limit")
        self.cells[("time_limit", "legal")] = cell
        self.cells[("time_limit", "committed", "days")] = self.row.cell("committed_days")
        self.cells[("time_limit", "committed", "unit")] = self.row.cell("committed_unit")
        self.cells[("time_limit", "committed")] = self.row.cell("committed_days")
        if isinstance(legal, dict):
            legal = dict(legal)
            if "stages" in legal:
                for index, stage in enumerate(legal["stages"]):
                    self._limit_basis(stage, f"{OWNER_LEGAL_LIMIT} {stage['name']}", index)
            else:
                self._limit_basis(legal, OWNER_LEGAL_LIMIT, None)
        committed = {
            "days": self.row.get("committed_days"),
            "unit": self.row.get("committed_unit"),
        }
        return {"legal": legal, "committed": committed}

    def _limit_basis(self, limit: dict[str, Any], owner: str, stage: int | None) -> None:
        loc: Loc = ("time_limit", "legal", "basis")
        if stage is not None:
            loc = ("time_limit", "legal", "stages", stage, "basis")
        cited = self._cited(owner, loc)
        if cited:
            limit["basis"] = cited[0]
        for _extra in cited[1:]:
            self.assembly.reader.finding(
                SHEET_DUPLICATE_ROW,
                self.row.cell("legal_limit"),
                f"“{owner}”只能有一条设定依据",
                f"'{owner}' takes one citation only",
                self.code,
            )

    def _fee(self) -> dict[str, Any]:
        self.cells[("fee",)] = self.cells[("fee", "charged")] = self.row.cell("fee_charged")
        self.cells[("fee", "standard")] = self.row.cell("fee_standard")
        fee: dict[str, Any] = {"charged": self.row.get("fee_charged")}
        if self.row.get("fee_standard") is not None:
            fee["standard"] = self.row.get("fee_standard")
        cited = self._cited(OWNER_FEE, ("fee", "legal_basis"))
        if cited:
            fee["legal_basis"] = cited
        return fee

    def _penalty(self) -> dict[str, Any] | None:
        keys = {"conduct": "penalty_conduct", "kinds": "penalty_kinds", "range": "penalty_range"}
        self.cells[("penalty",)] = self.row.cell("penalty_conduct")
        if all(self.row.get(column) is None for column in keys.values()):
            return None
        for key, column in keys.items():
            self.cells[("penalty", key)] = self.row.cell(column)
        return {key: self.row.get(column) for key, column in keys.items()}

    # ---- national guide elements (docs/format.md#national-guide-elements): blank = not written

    def _national_elements(self, data: dict[str, Any]) -> None:
        for key in ("audience", "online_depth", "scope", "quantity_limit"):
            self.cells[(key,)] = self.row.cell(key)
            value = self.row.get(key)
            if value is not None:
                data[key] = _marked(value)
        self._result(data)
        self._remedies(data)
        for key, sheet_name in CHILD_ELEMENTS.items():
            self.cells[(key,)] = self.row.cell(key)
            rows = self.rows[sheet_name]
            if rows:
                data[key] = self._child_rows(key, rows)
            elif self.row.get(key) is not None:
                marker = self.row.get(key)
                data[key] = _marked(marker) if marker in MARKERS else _child_count(key, marker)

    def _result(self, data: dict[str, Any]) -> None:
        columns = {"type": "result_type", "name": "result_name", "sample": "result_sample"}
        for key, column in columns.items():
            self.cells[("result", key)] = self.row.cell(column)
        self.cells[("result",)] = self.row.cell("result_type")
        if all(self.row.get(column) is None for column in columns.values()):
            return
        if self.row.get("result_type") == NOT_APPLICABLE:
            data["result"] = None
            return
        data["result"] = {
            key: self.row.get(column)
            for key, column in columns.items()
            if self.row.get(column) is not None or key == "type"
        }

    def _remedies(self, data: dict[str, Any]) -> None:
        """救济途径: the relation on 事项, the routes on their sheet, their articles and the
        articles that make the item reviewable on 设定依据; all blank: not written."""
        marker = self.row.get("remedy_relation")
        self.cells[("remedies",)] = self.cells[("remedies", "relation")] = self.row.cell(
            "remedy_relation"
        )
        routes = []
        for index, row in enumerate(self.rows[REMEDY_ROUTES.name]):
            prefix = ("remedies", "routes", index)
            self.cells.update(_row_cells(prefix, row))
            number = row.get("number", index + 1)
            cited = self._cited(f"{OWNER_REMEDY_ROUTE} {number}", (*prefix, "legal_basis"))
            routes.append(
                {"title": row.get("title"), "text": row.get("text"), "legal_basis": cited}
            )
        reviewable = self._cited(OWNER_REVIEWABLE, ("remedies", "reviewable_under"))
        if marker is None and not routes and not reviewable:
            return
        if marker == NOT_APPLICABLE:
            data["remedies"] = None
            return
        remedies: dict[str, Any] = {}
        if marker is not None and marker != NONE_LISTED:
            remedies["relation"] = marker
        if routes:
            remedies["routes"] = routes
        if reviewable:
            remedies["reviewable_under"] = reviewable
        data["remedies"] = remedies

    def _child_rows(self, key: str, rows: list[Row]) -> list[dict[str, Any]]:
        sheet = {s.name: s for s in SHEETS}[CHILD_ELEMENTS[key]]
        found = []
        for index, row in enumerate(rows):
            self.cells.update(_row_cells((key, index), row))
            entry = _present(row, sheet)
            entry.pop("code", None)
            number = entry.pop("number", index + 1)
            if key == "faq":
                entry["legal_basis"] = self._cited(
                    f"{OWNER_FAQ} {number}", (key, index, "legal_basis")
                )
            elif key == "intermediary_services":
                entry["legal_basis"] = self._cited(
                    f"{OWNER_INTERMEDIARY} {number}", (key, index, "legal_basis")
                )
            found.append(entry)
        return found


_FIELD_KEYS = {
    "field": "name",
    "type": "type",
    "required": "required",
    "options": "options",
    "multiple": "multiple",
    "help": "help",
    "example": "example",
    "max_length": "max_length",
    "unit": "unit",
}
"""Columns of 表单 that are a field's keys: column key -> the field's key."""


def _child_count(key: str, marker: Any) -> Any:
    """A count in the 事项 cell of an element with no rows: written and empty when it is 0; a
    text of the discretion cell is the discretion itself."""
    if key == "discretion":
        return marker
    return [] if str(marker) in ("0", NONE_LISTED) else marker


def _marked(value: Any) -> Any:
    if value == NONE_LISTED:
        return []
    if value == NOT_APPLICABLE:
        return None
    return value


def _split(text: Any) -> Iterable[str]:
    import re

    if text is None:
        return []
    return [part for part in re.split(r"[、,，;；\n]+", str(text)) if part.strip()]
