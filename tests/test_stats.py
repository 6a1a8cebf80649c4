"""Figures for the annual report (servicecatalog.stats) on the bundled catalog.

The expected figures are counted here straight from the item files, read with PyYAML's
``BaseLoader`` (every scalar a string), not through the library's models.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import pytest
import yaml

from conftest import BUNDLED_CATALOG, BUNDLED_TODAY, PENALTY_ITEM, SERVICE_ITEM, CatalogDir
from servicecatalog import load_catalog
from servicecatalog.catalog import Catalog
from servicecatalog.stats import (
    CatalogStats,
    ListCount,
    catalog_stats,
    changed_range,
    reform_figures,
    stats_json,
)

LISTS = {
    "service": ("群众和企业到政府办事事项清单", 49),
    "power": ("权力事项清单", 100),
    "delegation": ("向国家级开发区放权清单", 44),
    "talent": ("人才权力清单", 12),
}
YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))


@cache
def raw_items() -> tuple[dict[str, Any], ...]:
    items = []
    for path in sorted((BUNDLED_CATALOG / "items").glob("*.yaml")):
        items.append(
            yaml.load(
                path.read_text(encoding="utf-8"),
                Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader),
            )
        )
    return tuple(items)


@pytest.fixture(scope="module")
def bundled(bundled_copy: CatalogDir) -> Catalog:
    """The bundled catalog's items, manifest, laws and calendar (not its implementation lists)."""
    return load_catalog(bundled_copy.path, today=BUNDLED_TODAY)


@pytest.fixture
def figures(bundled: Catalog) -> Callable[..., CatalogStats]:
    def compute(start: date = YEAR_2026[0], end: date = YEAR_2026[1]) -> CatalogStats:
        return catalog_stats(bundled, start, end)

    return compute


def test_the_bundled_catalog_is_complete_and_valid(
    figures: Callable[..., CatalogStats], bundled: Catalog
) -> None:
    assert len(raw_items()) == 149
    assert bundled.report.ok
    assert figures().items == 149


def test_lists_have_title_expected_and_count(figures: Callable[..., CatalogStats]) -> None:
    lists = figures().lists
    assert list(lists) == list(LISTS)
    for list_id, (title, expected) in LISTS.items():
        assert lists[list_id] == ListCount(title, expected, expected)
    counted = Counter(list_id for item in raw_items() for list_id in set(item["lists"]))
    assert {list_id: entry.count for list_id, entry in lists.items()} == dict(counted)


def test_item_types_and_departments_sum_to_the_items(figures: Callable[..., CatalogStats]) -> None:
    stats = figures()
    assert sum(stats.item_types.values()) == 149
    assert sum(stats.departments.values()) == 149
    assert stats.item_types == dict(Counter(item["item_type"] for item in raw_items()))
    assert stats.departments == dict(Counter(item["department"] for item in raw_items()))
    assert stats.item_types["公共服务"] == 49
    # most common first
    assert list(stats.item_types.values()) == sorted(stats.item_types.values(), reverse=True)


def test_main_items(figures: Callable[..., CatalogStats]) -> None:
    main_codes = {item["code"][:9] for item in raw_items()}
    assert figures().main_items == len(main_codes)
    assert figures().main_items < 149


def test_visits_are_zero_or_one(figures: Callable[..., CatalogStats]) -> None:
    visits = figures().visits
    assert visits.zero + visits.one == 149
    assert visits.more == 0
    assert visits.zero == sum(1 for item in raw_items() if item["visits"] == "0")
    assert visits.one == sum(1 for item in raw_items() if item["visits"] == "1")


def test_materials_are_consistent(figures: Callable[..., CatalogStats]) -> None:
    materials = figures().materials
    everything = [material for item in raw_items() for material in item["materials"]]
    exempt = Counter(m["exempt_by"] for m in everything if m["exempt_by"] != "null")
    assert materials.total == len(everything)
    assert materials.by_exempt_by == dict(exempt)
    assert materials.not_submitted == sum(materials.by_exempt_by.values())
    assert set(materials.by_exempt_by) <= {"数据共享", "电子证照", "告知承诺"}
    assert materials.deferrable == sum(1 for m in everything if m["requirement"] == "容缺后补")
    assert materials.optional == sum(1 for m in everything if m["requirement"] == "非必要")
    assert materials.deferrable + materials.optional <= materials.total
    assert materials.not_submitted <= materials.total
    assert materials.items_without_materials == sum(
        1 for item in raw_items() if not item["materials"]
    )


def test_time_limits(figures: Callable[..., CatalogStats]) -> None:
    limits = figures().time_limits
    with_legal = [
        item["time_limit"] for item in raw_items() if item["time_limit"]["legal"] != "null"
    ]
    durations = [limit for limit in with_legal if "days" in limit["legal"]]
    comparable = [
        limit
        for limit in durations
        if limit["legal"]["unit"] == limit["committed"]["unit"] and int(limit["legal"]["days"]) > 0
    ]
    assert limits.with_legal_limit == len(with_legal)
    assert limits.legal_forms == {
        "duration": len(durations),
        "stages": sum(1 for limit in with_legal if "stages" in limit["legal"]),
        "deadline": sum(1 for limit in with_legal if "before" in limit["legal"]),
    }
    assert sum(limits.legal_forms.values()) == limits.with_legal_limit
    assert limits.comparable == len(comparable)
    legal = [int(limit["legal"]["days"]) for limit in comparable]
    committed = [int(limit["committed"]["days"]) for limit in comparable]
    assert limits.legal_days_total == sum(legal)
    assert limits.committed_days_total == sum(committed)
    if comparable:
        average = sum((lg - c) / lg * 100 for lg, c in zip(legal, committed, strict=True)) / len(
            legal
        )
        assert limits.average_compression_percent == round(average, 1)
    assert limits.immediate == sum(
        1 for item in raw_items() if item["time_limit"]["committed"]["days"] == "0"
    )


def test_compression_only_where_the_units_agree(figures: Callable[..., CatalogStats]) -> None:
    """Working days against natural days or months, stages and deadlines have no ratio."""
    limits = figures().time_limits
    assert limits.legal_forms["stages"] >= 1
    assert limits.legal_forms["deadline"] >= 1
    assert limits.comparable < limits.legal_forms["duration"]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01", "2026-12-31"),
        ("2026-03-10", "2026-03-10"),
        ("2025-01-01", "2025-12-31"),
        ("2000-01-01", "2099-12-31"),
        ("2026-07-01", "2026-09-30"),
    ],
)
def test_changed_in_a_range(start: str, end: str, figures: Callable[..., CatalogStats]) -> None:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    expected = [
        item["code"]
        for item in raw_items()
        if first <= date.fromisoformat(item["revision"]["changed_on"]) <= last
    ]
    changed = figures(first, last).changed
    assert changed.start.isoformat() == start
    assert changed.end.isoformat() == end
    assert changed.count == len(expected)
    assert list(changed.items) == sorted(expected)
    assert changed.published == sum(
        1
        for item in raw_items()
        if item["code"] in expected and item["revision"]["published_on"] != "null"
    )


def test_everything_changed_at_some_time(figures: Callable[..., CatalogStats]) -> None:
    assert figures(date(2000, 1, 1), date(2099, 12, 31)).changed.count == 149


def test_to_dict_shape(figures: Callable[..., CatalogStats]) -> None:
    payload = figures().to_dict()
    assert list(payload) == [
        "catalog",
        "items",
        "main_items",
        "lists",
        "item_types",
        "departments",
        "visits",
        "materials",
        "time_limits",
        "changed",
        "left_out",
    ]
    assert payload["left_out"] == []
    assert payload["catalog"] == "吉林省人力资源和社会保障厅政务服务事项目录"
    assert set(payload["visits"]) == {"zero", "one", "more"}
    assert set(payload["materials"]) == {
        "total",
        "not_submitted",
        "by_exempt_by",
        "deferrable",
        "optional",
        "items_without_materials",
    }
    assert set(payload["changed"]) == {"from", "to", "count", "published", "items"}


def test_a_list_no_manifest_declares_is_counted_without_title(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    catalog = catalog_copy("c", codes=[SERVICE_ITEM, PENALTY_ITEM])
    catalog.edit(SERVICE_ITEM, lambda data: data["lists"].append("pilot"))
    stats = catalog_stats(load_catalog(catalog.path), *YEAR_2026)
    assert stats.lists["pilot"] == ListCount(None, None, 1)
    assert stats.lists["service"] == ListCount("群众和企业到政府办事事项清单", None, 1)
    assert stats.lists["delegation"].count == 1
    assert stats.items == 2
    assert stats.materials.items_without_materials == 1


def test_stats_json_is_to_dict_as_the_command_prints_it(
    figures: Callable[..., CatalogStats],
) -> None:
    stats = figures()
    text = stats_json(stats)
    assert text.endswith("}\n")
    assert json.loads(text) == stats.to_dict()
    assert json.loads(text)["changed"]["from"] == "2026-01-01"


def test_reform_figures_are_the_typed_values_written_out(
    figures: Callable[..., CatalogStats],
) -> None:
    stats = figures()
    shown = {figure.label: figure.value for figure in reform_figures(stats)}
    assert shown["零跑动 zero visits"] == str(stats.visits.zero)
    assert shown["申请材料 materials"] == str(stats.materials.total)
    assert shown["变更事项 changed 2026-01-01–2026-12-31"] == str(stats.changed.count)
    exempt = "，".join(f"{k} {v}" for k, v in stats.materials.by_exempt_by.items())
    assert shown["免提交 not submitted"] == f"{stats.materials.not_submitted}（{exempt}）"
    compression = stats.time_limits.average_compression_percent
    assert shown["时限压缩 time compression"] == (
        "—" if compression is None else f"{compression}%（{stats.time_limits.comparable} 项可比）"
    )


def test_changed_range_defaults_to_this_year_in_the_catalogs_zone(bundled: Catalog) -> None:
    today = changed_range(bundled)[1]
    assert changed_range(bundled) == (date(today.year, 1, 1), today)
    assert changed_range(bundled, date(2025, 3, 1)) == (date(2025, 3, 1), today)
    assert changed_range(bundled, None, date(2025, 3, 1))[1] == date(2025, 3, 1)
