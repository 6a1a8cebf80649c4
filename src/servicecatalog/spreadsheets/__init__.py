"""The catalog in and out of spreadsheets (DESIGN §16): ``export`` writes the workbook,
``reading`` reads one back into a catalog folder."""
