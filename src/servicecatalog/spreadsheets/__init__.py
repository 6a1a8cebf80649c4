"""The catalog in and out of spreadsheets (docs/format.md#workbooks): ``export`` writes the
workbook, ``reading`` reads one back into a catalog folder."""
