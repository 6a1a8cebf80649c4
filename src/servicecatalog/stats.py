"""Figures for a department's annual report, computed from the catalog.

Items per list (with each list's title and expected size), per item type and per department;
零跑动 against 只跑一次; materials in all, those the applicant need not submit (by ``exempt_by``),
those that may be handed in later (容缺后补); committed against legal time (average compression,
where the legal limit is one duration in the committed limit's unit; how many legal limits are
durations, stages and deadlines); and the items whose conditions changed in a date range.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._today import today_in
from .catalog import Catalog
from .codes import ItemCode, describe_code_problem
from .model import DeadlineLimit, Item, LegalDuration, Requirement, StagedLimit

__all__ = ["CatalogStats", "catalog_stats", "changed_range"]


@dataclass(frozen=True)
class CatalogStats:
    """The figures; :meth:`to_dict` is the JSON shape of ``servicecatalog stats``."""

    name: str
    items: int
    main_items: int
    lists: dict[str, dict[str, Any]]
    item_types: dict[str, int]
    departments: dict[str, int]
    visits: dict[str, int]
    materials: dict[str, Any]
    time_limits: dict[str, Any]
    changed: dict[str, Any]
    left_out: list[dict[str, str]]
    """Item files that did not validate and are not counted: item, file, reason."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for JSON."""
        return {
            "catalog": self.name,
            "items": self.items,
            "main_items": self.main_items,
            "lists": self.lists,
            "item_types": self.item_types,
            "departments": self.departments,
            "visits": self.visits,
            "materials": self.materials,
            "time_limits": self.time_limits,
            "changed": self.changed,
            "left_out": self.left_out,
        }


def changed_range(
    catalog: Catalog, changed_from: date | None = None, changed_to: date | None = None
) -> tuple[date, date]:
    """The range of days in which an item counts as changed: from ``changed_from`` (default:
    1 January of this year) to ``changed_to`` (default: today), today in the catalog's time
    zone."""
    today = today_in(catalog.manifest.timezone if catalog.manifest else None)
    return changed_from or date(today.year, 1, 1), changed_to or today


def catalog_stats(catalog: Catalog, changed_from: date, changed_to: date) -> CatalogStats:
    """The figures of ``catalog``; items count as changed when ``changed_on`` is in the range."""
    items = catalog.items()
    return CatalogStats(
        name=catalog.manifest.name if catalog.manifest else str(catalog.path),
        items=len(items),
        main_items=len({_main_code(item) for item in items}),
        lists=_lists(catalog, items),
        item_types=_counted(item.item_type.value for item in items),
        departments=_counted(item.department for item in items),
        visits={
            "zero": sum(1 for item in items if item.visits == 0),
            "one": sum(1 for item in items if item.visits == 1),
            "more": sum(1 for item in items if item.visits > 1),
        },
        materials=_materials(items),
        time_limits=_time_limits(items),
        changed=_changed(items, changed_from, changed_to),
        left_out=[
            {"item": entry.code, "file": entry.file, "reason": entry.reasons()}
            for entry in catalog.left_out()
        ],
    )


def _main_code(item: Item) -> str:
    if describe_code_problem(item.code):
        return item.code
    return ItemCode.parse(item.code).main_code


def _counted(values: Any) -> dict[str, int]:
    return dict(Counter(values).most_common())


def _lists(catalog: Catalog, items: list[Item]) -> dict[str, dict[str, Any]]:
    declared = catalog.manifest.lists if catalog.manifest else {}
    counts = Counter(list_id for item in items for list_id in set(item.lists))
    result: dict[str, dict[str, Any]] = {}
    for list_id, spec in declared.items():
        result[list_id] = {"title": spec.title, "expected": spec.expected, "count": counts[list_id]}
    for list_id in sorted(set(counts) - set(declared)):
        result[list_id] = {"title": None, "expected": None, "count": counts[list_id]}
    return result


def _materials(items: list[Item]) -> dict[str, Any]:
    materials = [material for item in items for material in item.materials]
    exempt = Counter(m.exempt_by.value for m in materials if m.exempt_by is not None)
    return {
        "total": len(materials),
        "not_submitted": sum(exempt.values()),
        "by_exempt_by": dict(exempt.most_common()),
        "deferrable": sum(1 for m in materials if m.requirement is Requirement.DEFERRABLE),
        "optional": sum(1 for m in materials if m.requirement is Requirement.OPTIONAL),
        "items_without_materials": sum(1 for item in items if not item.materials),
    }


def _time_limits(items: list[Item]) -> dict[str, Any]:
    # Compression is (legal - committed) / legal of one number against another, so only a legal
    # limit that is one duration in the committed limit's own unit takes part: working days
    # against natural days or months, stages and deadlines have no such ratio.
    comparable = [
        (legal, item.time_limit.committed)
        for item in items
        if isinstance(legal := item.time_limit.legal, LegalDuration)
        and legal.unit == item.time_limit.committed.unit
        and legal.days > 0
    ]
    compressions = [
        (legal.days - committed.days) / legal.days * 100 for legal, committed in comparable
    ]
    forms = Counter(_legal_form(item.time_limit.legal) for item in items)
    return {
        "with_legal_limit": sum(1 for item in items if item.time_limit.legal is not None),
        "legal_forms": {form: forms[form] for form in ("duration", "stages", "deadline")},
        "comparable": len(comparable),
        "average_compression_percent": (
            round(sum(compressions) / len(compressions), 1) if compressions else None
        ),
        "legal_days_total": sum(legal.days for legal, _ in comparable),
        "committed_days_total": sum(committed.days for _, committed in comparable),
        "immediate": sum(1 for item in items if item.time_limit.committed.days == 0),
    }


def _legal_form(legal: LegalDuration | StagedLimit | DeadlineLimit | None) -> str | None:
    if isinstance(legal, StagedLimit):
        return "stages"
    if isinstance(legal, DeadlineLimit):
        return "deadline"
    return None if legal is None else "duration"


def _changed(items: list[Item], start: date, end: date) -> dict[str, Any]:
    changed = [item for item in items if start <= item.revision.changed_on <= end]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "count": len(changed),
        "published": sum(1 for item in changed if item.revision.published_on is not None),
        "items": [item.code for item in changed],
    }
