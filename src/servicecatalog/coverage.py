"""Coverage of the five levels: which items each region should implement and does not.

An item should be implemented by every region whose level is among the item's ``levels``; a
region's implementation list says which it does. The gaps are what stands between the catalog and
全省通办 (every item handled anywhere in the province).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._text import json_text
from .catalog import Catalog
from .model import Level

__all__ = [
    "Coverage",
    "CoverageTotals",
    "LevelCoverage",
    "RegionCoverage",
    "catalog_coverage",
    "coverage_json",
]


@dataclass(frozen=True, slots=True)
class RegionCoverage:
    """One region: how many items it should implement, how many it does, which are missing."""

    code: str
    name: str
    level: Level
    synthetic: bool
    expected: int
    implemented: int
    missing: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "synthetic": self.synthetic,
            "expected": self.expected,
            "implemented": self.implemented,
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class LevelCoverage:
    """Totals of one level."""

    level: Level
    regions: int
    expected: int
    implemented: int

    @property
    def missing(self) -> int:
        """Implementations still missing at this level."""
        return self.expected - self.implemented

    @property
    def percent(self) -> float:
        """Share implemented, in per cent (100 where nothing is expected)."""
        return 100.0 if self.expected == 0 else round(self.implemented / self.expected * 100, 1)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "regions": self.regions,
            "expected": self.expected,
            "implemented": self.implemented,
            "missing": self.missing,
            "percent": self.percent,
        }


@dataclass(frozen=True, slots=True)
class CoverageTotals:
    """Expected and implemented implementations over all levels."""

    expected: int
    implemented: int

    @property
    def missing(self) -> int:
        """Implementations still missing."""
        return self.expected - self.implemented

    def to_dict(self) -> dict[str, int]:
        """Plain data for JSON."""
        return {"expected": self.expected, "implemented": self.implemented, "missing": self.missing}


@dataclass(frozen=True)
class Coverage:
    """Coverage per level and per region."""

    levels: tuple[LevelCoverage, ...]
    regions: tuple[RegionCoverage, ...]

    @property
    def totals(self) -> CoverageTotals:
        """Expected, implemented and missing implementations over all levels."""
        return CoverageTotals(
            sum(level.expected for level in self.levels),
            sum(level.implemented for level in self.levels),
        )

    @property
    def gaps(self) -> tuple[RegionCoverage, ...]:
        """The regions that miss an item of their level, by code."""
        return tuple(region for region in self.regions if region.missing)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``servicecatalog coverage --format json``."""
        return {
            "levels": {level.level.value: level.to_dict() for level in self.levels},
            "regions": [region.to_dict() for region in self.regions],
            "totals": self.totals.to_dict(),
        }


def coverage_json(coverage: Coverage) -> str:
    """``coverage`` as ``servicecatalog coverage --format json`` prints it."""
    return json_text(coverage.to_dict()) + "\n"


def catalog_coverage(catalog: Catalog, level: Level | None = None) -> Coverage:
    """Coverage of ``catalog``'s regions, optionally of one ``level`` only."""
    by_level: dict[Level, list[str]] = {
        lvl: [item.code for item in catalog.items() if lvl in item.levels] for lvl in Level
    }
    regions = []
    for region in sorted(catalog.regions.values(), key=lambda r: r.code):
        if level is not None and region.level is not level:
            continue
        done = {implementation.item for implementation in catalog.implementations(region.code)}
        expected = by_level[region.level]
        missing = tuple(code for code in expected if code not in done)
        regions.append(
            RegionCoverage(
                region.code,
                region.name,
                region.level,
                region.synthetic,
                len(expected),
                len(expected) - len(missing),
                missing,
            )
        )
    levels = tuple(
        LevelCoverage(
            lvl,
            sum(1 for r in regions if r.level is lvl),
            sum(r.expected for r in regions if r.level is lvl),
            sum(r.implemented for r in regions if r.level is lvl),
        )
        for lvl in Level
        if level is None or lvl is level
    )
    return Coverage(levels, tuple(regions))
