"""catalog/README.md lists, per item, the legal time limit and the article that sets it.

The table is written from the items (``python tests/test_catalog_readme.py`` prints it); this test
fails when an item's limit or its article changes and the table was not brought along.
"""

from __future__ import annotations

import re
import sys

from conftest import BUNDLED_CATALOG, BUNDLED_TODAY
from servicecatalog import Catalog, load_catalog
from servicecatalog.model import (
    DeadlineLimit,
    Duration,
    LegalDuration,
    LegalReference,
    StagedLimit,
)

README = BUNDLED_CATALOG / "README.md"
HEADER = "| code | item | legal limit | set by |"
NONE = "none"


def _duration(limit: Duration) -> str:
    return f"{limit.days} {limit.unit.value}"


def _limit(limit: LegalDuration) -> str:
    if limit.extension is None:
        return _duration(limit)
    return f"{_duration(limit)} (+{_duration(limit.extension)})"


def _article(reference: LegalReference | None, catalog: Catalog) -> str:
    if reference is None:
        return "article not confirmed (see the item)"
    law = catalog.laws.get(reference.law)
    name = law.name if law is not None else reference.law
    return f"{name} {'、'.join(reference.articles)}"


def rows(catalog: Catalog) -> list[str]:
    """One Markdown row per item, in code order."""
    lines = []
    for item in sorted(catalog.items(), key=lambda i: i.code):
        legal = item.time_limit.legal
        if legal is None:
            shown, basis = NONE, NONE
        elif isinstance(legal, DeadlineLimit):
            shown, basis = f"before {legal.before.value}", _article(legal.basis, catalog)
        elif isinstance(legal, StagedLimit):
            shown = " / ".join(f"{s.name} {_limit(s)}" for s in legal.stages)
            shown += f" ({legal.sequence.value})"
            # stages set by the same article name it once
            basis = " / ".join(dict.fromkeys(_article(s.basis, catalog) for s in legal.stages))
        else:
            shown, basis = _limit(legal), _article(legal.basis, catalog)
        lines.append(f"| {item.code} | {item.name} | {shown} | {basis} |")
    return lines


def table_in_readme() -> list[str]:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER)
    table = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        table.append(line)
    return table


def test_the_readme_lists_every_items_legal_limit() -> None:
    catalog = load_catalog(BUNDLED_CATALOG, today=BUNDLED_TODAY)
    expected = rows(catalog)
    assert len(expected) == 149
    assert table_in_readme() == expected, (
        "catalog/README.md is out of date: run `python tests/test_catalog_readme.py`"
    )


def test_every_row_names_a_limit_or_none() -> None:
    for row in table_in_readme():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert re.fullmatch(r"[0-9]{12}", cells[0])
        assert (cells[2] == NONE) == (cells[3] == NONE), row


if __name__ == "__main__":  # pragma: no cover - prints the table for catalog/README.md
    table = rows(load_catalog(BUNDLED_CATALOG, today=BUNDLED_TODAY))
    sys.stdout.write("\n".join([HEADER, "|---|---|---|---|", *table]) + "\n")
