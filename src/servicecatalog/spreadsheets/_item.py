"""One item put together from its row on the 事项 sheet and its rows on the other sheets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Protocol

from ..rules.spreadsheet import SHEET_DUPLICATE_ROW
from ._located import Loc, Located, present, row_cells
from .cells import MARKERS, Cell, Row, SheetReader, normal_header
from .layout import (
    CHILD_ELEMENTS,
    FORMS,
    HANDLING_PROCESS,
    LEGAL_BASIS,
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
    REMEDY_ROUTES,
    SERVICE_PROCESS,
    SHEETS,
    Sheet,
)

__all__ = ["ItemBuilder", "Lookup"]


class Lookup(Protocol):
    """What an item's rows are resolved against: the workbook's lists and laws, and the reader
    that collects the findings."""

    reader: SheetReader
    list_ids: dict[str, str]

    def reference(self, row: Row) -> dict[str, Any] | None:
        """The citation of a 设定依据 row, or ``None`` (reported) for an unknown law."""

    def unknown(self, cell: Cell, zh: str, en: str) -> None:
        """Report a reference to something the workbook does not hold."""


class ItemBuilder:
    """One item from its 事项 row and its rows on the other sheets."""

    def __init__(self, lookup: Lookup, row: Row, rows: dict[str, list[Row]]) -> None:
        self.lookup = lookup
        self.row = row
        self.rows = rows
        self.code = str(row.get("code"))
        self.cells: dict[Loc, Cell] = {}
        self.citations = self._citations()

    def build(self) -> Located:
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
        return Located(data, self.cells, row.cell("code"), self.code)

    def _take(self, data: dict[str, Any], key: str, column: str) -> None:
        if column in self.row.values:
            data[key] = self.row.values[column]
        self.cells[(key,)] = self.row.cell(column)

    def _lists(self) -> list[str]:
        text = self.row.get("lists")
        self.cells[("lists",)] = self.row.cell("lists")
        found = []
        for name in _split(text):
            list_id = self.lookup.list_ids.get(name)
            if list_id is None:
                self.lookup.unknown(
                    self.row.cell("lists"), f"清单“{name}”（“清单”表中没有）", f"list {name}"
                )
            else:
                found.append(list_id)
        return found

    # ---- citations ----

    def _citations(self) -> dict[str, list[tuple[Row, dict[str, Any]]]]:
        found: dict[str, list[tuple[Row, dict[str, Any]]]] = defaultdict(list)
        for row in self.rows[LEGAL_BASIS.name]:
            reference = self.lookup.reference(row)
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
                self.lookup.unknown(
                    row.cell("owner"),
                    f"依据对象“{row.get('owner')}”（事项 {self.code} 中没有）",
                    f"element {row.get('owner')} (item {self.code} has none)",
                )

    # ---- elements on their own sheets ----

    def _materials(self) -> list[dict[str, Any]]:
        materials = []
        for index, row in enumerate(self.rows[MATERIALS.name]):
            self.cells.update(row_cells(("materials", index), row))
            material = present(row, MATERIALS)
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
            self.cells.update(row_cells((key, index), row))
            step = present(row, sheet)
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
            self.lookup.reader.finding(
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
            self.cells.update(row_cells(prefix, row))
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
            self.cells.update(row_cells((key, index), row))
            entry = present(row, sheet)
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
