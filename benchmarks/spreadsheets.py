"""Benchmark: ``export`` and ``import`` of workbooks, each against openpyxl's fastest modes.

    .venv/bin/python benchmarks/spreadsheets.py [--repeat 3] [--items 2000]

For the bundled catalog and a SYNTHETIC catalog of ``--items`` items (benchmarks/_synthetic.py):

* ``export``: :func:`workbook_bytes` of the loaded catalog (every sheet, notice tables, data
  validation, formats, the reproducible archive) against a floor that writes the same cells —
  the values of the exported workbook, sheet by sheet — with openpyxl's write-only workbook.
* ``import``: :func:`read_workbook` of the exported file (every cell read and checked, the items
  validated, the YAML of every file made; nothing written to disk) against a floor that reads
  every cell of the same file with openpyxl's read-only workbook.

In one process, best of --repeat, the measurements taking turns. Not a test: nothing here passes
or fails.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import REPO, best_of_each, write_catalog  # scripts

import servicecatalog as sc
from servicecatalog.spreadsheets.export import workbook_bytes
from servicecatalog.spreadsheets.reading import read_workbook


def _sheets(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook]
    workbook.close()
    return sheets


def _write_only(sheets: list[tuple[str, list[tuple[Any, ...]]]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read_only(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for ws in workbook for row in ws.iter_rows(values_only=True) for _ in row)
    workbook.close()
    return cells


def measure(name: str, folder: Path, scratch: Path, repeat: int) -> None:
    catalog = sc.load_catalog(folder)
    path = scratch / f"{name}.xlsx"
    path.write_bytes(workbook_bytes(catalog))
    sheets = _sheets(path)
    cells = sum(1 for _, rows in sheets for row in rows for value in row if value is not None)

    def imported() -> object:
        result = read_workbook(path)
        assert result.report.ok, result.report.counts
        return result

    times = best_of_each(
        repeat,
        {
            "floor write": lambda: _write_only(sheets),
            "export": lambda: workbook_bytes(catalog),
            "floor read": lambda: _read_only(path),
            "import": imported,
        },
    )
    print(
        f"{name}: {len(catalog)} items, {len(sheets)} sheets, {cells:,} cells, "
        f"{path.stat().st_size / 1e6:.1f} MB"
    )
    for step, floor in (("export", "floor write"), ("import", "floor read")):
        print(
            f"  {step:6}  {times[step]:6.2f} s   openpyxl {floor.split()[1]}-only "
            f"{times[floor]:6.2f} s   ratio {times[step] / times[floor]:.2f}   "
            f"{times[step] / len(catalog) * 1000:.1f} ms an item"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--items", type=int, default=2000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        measure("bundled", REPO / "catalog", root, options.repeat)
        synthetic = write_catalog(root / "synthetic", options.items)
        measure(f"synthetic {options.items}", synthetic, root, options.repeat)


if __name__ == "__main__":
    main()
