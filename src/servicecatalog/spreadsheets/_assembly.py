"""A workbook's rows put together into the catalog's files: the manifest, the laws, the regions,
the items (each by :mod:`._item`) and the implementation lists, each validated against its model
so that a problem of the data is a finding at its cell."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, ValidationError

from .._validation import describe_error
from ..model import ImplementationListFile, Item, Laws, Manifest, Regions
from ..rules.spreadsheet import SHEET_DUPLICATE_ROW, SHEET_INVALID_VALUE, SHEET_UNKNOWN_REFERENCE
from ._item import ItemBuilder
from ._located import Loc, Located, present, row_cells
from ._yaml import dump
from .cells import Cell, Row, SheetReader, normal_header
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
    REGIONS,
    REMEDY_ROUTES,
    RESPONSIBILITIES,
    SERVICE_PROCESS,
    SITE_FIELDS,
    Sheet,
)

__all__ = ["Assembly"]


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


class Assembly:
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

    def _valid(self, model: type[BaseModel], located: Located) -> bool:
        try:
            model.model_validate(located.data)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                self._schema_finding(located, detail)
            return False
        return True

    def _schema_finding(self, located: Located, detail: Any) -> None:
        rule, loc, zh, en = describe_error(detail)
        if loc and _SHEET_OF.get(str(loc[0])) in self.reader.unread:
            return
        self.reader.finding(rule, located.cell(loc), zh, en, located.item)

    # ---- manifest, lists, laws, regions ----

    def _manifest(self) -> Located | None:
        rows = self.tables[MANIFEST.name]
        if not rows:
            return None
        labels = {normal_header(label): key for key, label in MANIFEST_FIELDS.items()}
        values: dict[str, Any] = {}
        cells: dict[Loc, Cell] = {}
        for row in rows:
            key = labels.get(normal_header(str(row.get("field", ""))))
            if key is None:
                self.unknown(row.cell("field"), f"目录项“{row.get('field')}”", "entry")
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
        return Located(data, cells, rows[0].cell("field"))

    def _list_ids(self) -> dict[str, str]:
        found = {}
        for row in self.tables[LISTS.name]:
            if row.get("id") is not None:
                found[str(row.get("id"))] = str(row.get("id"))
                if row.get("title") is not None:
                    found[str(row.get("title"))] = str(row.get("id"))
        return found

    def _laws(self) -> Located:
        laws: list[dict[str, Any]] = []
        cells: dict[Loc, Cell] = {}
        seen: dict[str, Row] = {}
        for row in self.tables[LAWS.name]:
            if self._duplicate(row, str(row.get("id")), seen, "法规编号", "law id"):
                continue
            cells.update(row_cells(("laws", len(laws)), row))
            laws.append(present(row, LAWS))
        fallback = Cell(LAWS.name, 1, 1)
        return Located({"laws": laws}, cells, fallback)

    def _law_ids(self) -> dict[str, str]:
        found = {}
        for row in self.tables[LAWS.name]:
            law_id, name = row.get("id"), row.get("name")
            if isinstance(law_id, str):
                found[normal_header(law_id)] = law_id
                if isinstance(name, str):
                    found[normal_header(name)] = law_id
        return found

    def _regions(self) -> Located:
        regions: list[dict[str, Any]] = []
        cells: dict[Loc, Cell] = {}
        seen: dict[str, Row] = {}
        for row in self.tables[REGIONS.name]:
            if self._duplicate(row, str(row.get("code")), seen, "区划代码", "region code"):
                continue
            cells.update(row_cells(("regions", len(regions)), row))
            data = present(row, REGIONS)
            data.setdefault("parent", None)
            regions.append(data)
        return Located({"regions": regions}, cells, Cell(REGIONS.name, 1, 1))

    # ---- items ----

    def _items(self) -> list[Located]:
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
            items.append(ItemBuilder(self, row, own).build())
        for by_code in children.values():
            for code, rows in by_code.items():
                self.unknown(rows[0].cell("code"), f"基本编码 {code}（“事项”表中没有）", code)
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
            self.unknown(row.cell("law"), f"法律法规“{law}”（“法律法规”表中没有）", str(law))
            return None
        return {"law": law_id, "articles": parse_articles(str(row.get("articles", "")))}

    def unknown(self, cell: Cell, zh: str, en: str) -> None:
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

    def _implementation_lists(self) -> list[tuple[str, Located]]:
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
                cells.update(row_cells(("implementations", len(entries)), row, {"code": "item"}))
                entry = present(row, IMPLEMENTATIONS, {"code": "item"})
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
            found.append((region, Located(data, cells, first.cell("region"))))
        return found


_LIST_REVISION = {
    "version": "list_version",
    "changed_on": "list_changed_on",
    "published_on": "list_published_on",
}
"""The list's revision (docs/format.md#implementationsregionyaml) on every row of its region:
key -> column."""


def _dumped(model: type[BaseModel], located: Located) -> dict[str, Any]:
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
