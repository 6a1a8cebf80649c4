"""Figures for a department's annual report, computed from the catalog.

Items per list (with each list's title and expected size), per item type and per department;
零跑动 against 只跑一次; materials in all, those the applicant need not submit (by ``exempt_by``),
those that may be handed in later (容缺后补); committed against legal time (average compression,
where the legal limit is one duration in the committed limit's unit; how many legal limits are
durations, stages and deadlines); and the items whose conditions changed in a date range.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ._text import json_text
from ._today import today_in
from .catalog import Catalog
from .codes import ItemCode, describe_code_problem
from .model import DeadlineLimit, Item, LegalDuration, Requirement, StagedLimit

__all__ = [
    "CatalogStats",
    "Changed",
    "Figure",
    "LeftOutItem",
    "ListCount",
    "Materials",
    "TimeLimits",
    "Visits",
    "catalog_stats",
    "changed_range",
    "reform_figures",
    "stats_json",
]


@dataclass(frozen=True, slots=True)
class ListCount:
    """One list: its title and expected size from ``catalog.yaml`` (None for a list it does not
    declare, or one without a fixed size) and how many items are on it."""

    title: str | None
    expected: int | None
    count: int


@dataclass(frozen=True, slots=True)
class Visits:
    """How many items need no visit (零跑动), one (只跑一次), more."""

    zero: int
    one: int
    more: int


@dataclass(frozen=True, slots=True)
class Materials:
    """Application materials: all of them, those not to submit (by ``exempt_by``), those that
    may come later (容缺后补) or are optional, and the items that ask for none."""

    total: int
    not_submitted: int
    by_exempt_by: Mapping[str, int]
    deferrable: int
    optional: int
    items_without_materials: int


@dataclass(frozen=True, slots=True)
class TimeLimits:
    """Committed against legal time: the legal limits by form, the comparable ones and their
    average compression (None when none compares), and the immediate items (即办件)."""

    with_legal_limit: int
    legal_forms: Mapping[str, int]
    comparable: int
    average_compression_percent: float | None
    legal_days_total: int
    committed_days_total: int
    immediate: int


@dataclass(frozen=True, slots=True)
class Changed:
    """The items whose conditions changed from ``start`` to ``end``, both days included."""

    start: date
    end: date
    items: tuple[str, ...]
    published: int

    @property
    def count(self) -> int:
        """How many items changed."""
        return len(self.items)


@dataclass(frozen=True, slots=True)
class LeftOutItem:
    """An item file that did not validate and is not counted."""

    item: str
    file: str
    reason: str


@dataclass(frozen=True)
class CatalogStats:
    """The figures; :func:`stats_json` (and :meth:`to_dict`) is the JSON shape of
    ``servicecatalog stats``."""

    name: str
    items: int
    main_items: int
    lists: Mapping[str, ListCount]
    item_types: Mapping[str, int]
    departments: Mapping[str, int]
    visits: Visits
    materials: Materials
    time_limits: TimeLimits
    changed: Changed
    left_out: tuple[LeftOutItem, ...]
    """Item files that did not validate and are not counted."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        changed = self.changed
        return {
            "catalog": self.name,
            "items": self.items,
            "main_items": self.main_items,
            "lists": {list_id: asdict(entry) for list_id, entry in self.lists.items()},
            "item_types": dict(self.item_types),
            "departments": dict(self.departments),
            "visits": asdict(self.visits),
            "materials": {
                **asdict(self.materials),
                "by_exempt_by": dict(self.materials.by_exempt_by),
            },
            "time_limits": {
                **asdict(self.time_limits),
                "legal_forms": dict(self.time_limits.legal_forms),
            },
            "changed": {
                "from": changed.start.isoformat(),
                "to": changed.end.isoformat(),
                "count": changed.count,
                "published": changed.published,
                "items": list(changed.items),
            },
            "left_out": [asdict(entry) for entry in self.left_out],
        }


def stats_json(stats: CatalogStats) -> str:
    """``stats`` as ``servicecatalog stats --format json`` prints it."""
    return json_text(stats.to_dict()) + "\n"


@dataclass(frozen=True, slots=True)
class Figure:
    """One reform figure as the annual report states it: its label (Chinese, then English)
    and its value, written out."""

    label: str
    value: str


def reform_figures(stats: CatalogStats) -> tuple[Figure, ...]:
    """The reform figures of ``stats`` (visits, materials, time limits, changes), labelled and
    written out as ``servicecatalog stats`` shows them."""
    materials, limits, changed = stats.materials, stats.time_limits, stats.changed
    exempt = "，".join(f"{k} {v}" for k, v in materials.by_exempt_by.items()) or "0"
    compression = limits.average_compression_percent
    return (
        Figure("零跑动 zero visits", str(stats.visits.zero)),
        Figure("只跑一次 one visit", str(stats.visits.one)),
        Figure("申请材料 materials", str(materials.total)),
        Figure("免提交 not submitted", f"{materials.not_submitted}（{exempt}）"),
        Figure("容缺后补 deferrable", str(materials.deferrable)),
        Figure("即办件 immediate", str(limits.immediate)),
        Figure(
            "时限压缩 time compression",
            "—" if compression is None else f"{compression}%（{limits.comparable} 项可比）",
        ),
        Figure(f"变更事项 changed {changed.start}–{changed.end}", str(changed.count)),
    )


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
        visits=Visits(
            zero=sum(1 for item in items if item.visits == 0),
            one=sum(1 for item in items if item.visits == 1),
            more=sum(1 for item in items if item.visits > 1),
        ),
        materials=_materials(items),
        time_limits=_time_limits(items),
        changed=_changed(items, changed_from, changed_to),
        left_out=tuple(
            LeftOutItem(entry.code, entry.file, entry.reasons()) for entry in catalog.left_out()
        ),
    )


def _main_code(item: Item) -> str:
    if describe_code_problem(item.code):
        return item.code
    return ItemCode.parse(item.code).main_code


def _counted(values: Any) -> dict[str, int]:
    return dict(Counter(values).most_common())


def _lists(catalog: Catalog, items: list[Item]) -> dict[str, ListCount]:
    declared = catalog.manifest.lists if catalog.manifest else {}
    counts = Counter(list_id for item in items for list_id in set(item.lists))
    result = {
        list_id: ListCount(spec.title, spec.expected, counts[list_id])
        for list_id, spec in declared.items()
    }
    for list_id in sorted(set(counts) - set(declared)):
        result[list_id] = ListCount(None, None, counts[list_id])
    return result


def _materials(items: list[Item]) -> Materials:
    materials = [material for item in items for material in item.materials]
    exempt = Counter(m.exempt_by.value for m in materials if m.exempt_by is not None)
    return Materials(
        total=len(materials),
        not_submitted=sum(exempt.values()),
        by_exempt_by=dict(exempt.most_common()),
        deferrable=sum(1 for m in materials if m.requirement is Requirement.DEFERRABLE),
        optional=sum(1 for m in materials if m.requirement is Requirement.OPTIONAL),
        items_without_materials=sum(1 for item in items if not item.materials),
    )


def _time_limits(items: list[Item]) -> TimeLimits:
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
    return TimeLimits(
        with_legal_limit=sum(1 for item in items if item.time_limit.legal is not None),
        legal_forms={form: forms[form] for form in ("duration", "stages", "deadline")},
        comparable=len(comparable),
        average_compression_percent=(
            round(sum(compressions) / len(compressions), 1) if compressions else None
        ),
        legal_days_total=sum(legal.days for legal, _ in comparable),
        committed_days_total=sum(committed.days for _, committed in comparable),
        immediate=sum(1 for item in items if item.time_limit.committed.days == 0),
    )


def _legal_form(legal: LegalDuration | StagedLimit | DeadlineLimit | None) -> str | None:
    if isinstance(legal, StagedLimit):
        return "stages"
    if isinstance(legal, DeadlineLimit):
        return "deadline"
    return None if legal is None else "duration"


def _changed(items: list[Item], start: date, end: date) -> Changed:
    changed = [item for item in items if start <= item.revision.changed_on <= end]
    return Changed(
        start,
        end,
        tuple(item.code for item in changed),
        sum(1 for item in changed if item.revision.published_on is not None),
    )
