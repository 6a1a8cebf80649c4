"""The data of one catalog file put together from a workbook's rows, with the cell each part of it
came from, so that a problem found in the data is reported at its cell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .cells import Cell, Row
from .layout import Sheet

__all__ = ["Loc", "Located", "present", "row_cells"]

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """The data of one file and the cell each part of it came from."""

    data: dict[str, Any]
    cells: dict[Loc, Cell]
    fallback: Cell
    item: str | None = None

    def cell(self, loc: Loc) -> Cell:
        """The cell of the value at ``loc``, or of its nearest ancestor that has one."""
        for end in range(len(loc), 0, -1):
            found = self.cells.get(tuple(loc[:end]))
            if found is not None:
                return found
        return self.fallback


def present(row: Row, sheet: Sheet, renamed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The row's values in the sheet's column order, blank cells left out."""
    renamed = renamed or {}
    return {
        renamed.get(column.key, column.key): row.values[column.key]
        for column in sheet.columns
        if column.key in row.values
    }


def row_cells(prefix: Loc, row: Row, renamed: Mapping[str, str] | None = None) -> dict[Loc, Cell]:
    """The cells of ``row`` by the location of their values under ``prefix``."""
    renamed = renamed or {}
    cells: dict[Loc, Cell] = {prefix: Cell(row.sheet, row.number, 1)}
    for key, cell in row.cells.items():
        cells[(*prefix, renamed.get(key, key))] = cell
    return cells
