"""The catalog: a folder of YAML files loaded, validated, indexed and queried.

```
catalog/
  catalog.yaml        the manifest: name, codes, the four lists, the publication rule
  laws.yaml           the registry of laws every citation resolves in
  items/<code>.yaml   one file per item
  calendar/<year>.yaml  optional working-day overrides
```

:func:`load_catalog` raises only when the folder is unusable (missing, or without
``catalog.yaml``); every problem inside it is a finding in :attr:`Catalog.report`, and the items that
did validate are available all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .findings import Finding, Lang, Report, Severity
from .model import (
    Implementation,
    ImplementationList,
    Item,
    Law,
    Manifest,
    Referral,
    Region,
    Synonym,
)
from .workdays import WorkdayCalendar

if TYPE_CHECKING:
    from ._tree import CatalogTree
    from .loader import LoadedDocument
    from .rules.registry import ImplementationEntry, Registry

__all__ = ["Catalog", "LeftOut", "load_catalog"]


@dataclass(frozen=True)
class LeftOut:
    """An item file that did not validate: its code (from the file name), the file, the errors."""

    code: str
    file: str
    errors: tuple[Finding, ...]

    def reasons(self, lang: Lang = "zh", limit: int = 3) -> str:
        """The first errors' messages, joined: why the item was left out."""
        shown = ("；" if lang == "zh" else "; ").join(f.text(lang) for f in self.errors[:limit])
        more = len(self.errors) - limit
        if more > 0:
            shown += f"（另有 {more} 个错误）" if lang == "zh" else f" (and {more} more)"
        return shown


@dataclass(frozen=True, kw_only=True)
class Catalog:
    """A loaded catalog: its manifest, laws and valid items, and the report of its findings.

    Immutable: every mapping it hands out is read-only (a ``MappingProxyType`` over a copy of
    what it was made with), and every list a query returns is the caller's own, so nothing a
    reader does changes the catalog for the next one.
    """

    path: Path
    """The catalog folder (the file, for a catalog read from a snapshot)."""
    manifest: Manifest | None
    """The manifest of ``catalog.yaml``; None when it is missing or does not validate."""
    laws: Mapping[str, Law]
    """The laws of ``laws.yaml`` by id."""
    report: Report
    """The findings of loading and validating the catalog."""
    _items: Mapping[str, Item]
    _documents: Mapping[str, LoadedDocument] = field(default_factory=dict, repr=False)
    regions: Mapping[str, Region] = field(default_factory=dict)
    """Regions of ``regions.yaml`` by code (empty when the catalog has none)."""
    implementation_lists: Mapping[str, ImplementationList] = field(default_factory=dict)
    """Valid implementation lists by region code."""
    invalid_files: Mapping[str, str] = field(default_factory=dict)
    """Item files that exist but did not validate: the code their name gives -> the file's
    name in findings."""
    synonyms: tuple[Synonym, ...] = ()
    """The search synonyms of ``synonyms.yaml`` (empty when the catalog has none)."""
    calendar: WorkdayCalendar = field(default_factory=WorkdayCalendar)
    """The working-day calendar with the catalog's ``calendar/`` overrides (without them, if they
    are invalid: ``calendar-invalid`` says so)."""
    referrals: tuple[Referral, ...] = ()
    """The topics of ``referrals.yaml`` that other departments handle (empty when none)."""
    invalid_lists: Mapping[str, str] = field(default_factory=dict)
    """Implementation files that exist but did not validate: the region their name gives -> the
    file's name in findings."""
    _implementation_entries: Mapping[str, ImplementationEntry] = field(
        default_factory=dict, repr=False
    )

    @property
    def invalid_regions(self) -> frozenset[str]:
        """Regions (file names) of implementation files that exist but did not validate."""
        return frozenset(self.invalid_lists)

    def implementation_file(self, region: str) -> str:
        """The file of region ``region``'s implementation list, as findings name it."""
        entry = self._implementation_entries.get(region)
        return entry.file if entry else f"implementations/{region}.yaml"

    def implementation_document(self, region: str) -> LoadedDocument | None:
        """The parsed implementation list of ``region``, read again for the positions of a
        finding; None when the catalog was read from a snapshot."""
        entry = self._implementation_entries.get(region)
        return entry.load_document() if entry else None

    def __post_init__(self) -> None:
        for name in _MAPPINGS:
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def invalid_codes(self) -> frozenset[str]:
        """Codes (file names) of item files that exist but did not validate."""
        return frozenset(self.invalid_files)

    def left_out(self) -> list[LeftOut]:
        """The item files that did not validate, each with the errors found in it: what a guide,
        a site or a figure built from this catalog leaves out, and why."""
        return [
            LeftOut(
                code, file, tuple(f for f in self.report.at_least(Severity.ERROR) if f.file == file)
            )
            for code, file in sorted(self.invalid_files.items())
        ]

    def sub_items(self, code: str) -> list[Item]:
        """The items of the main item of ``code`` (the first 9 digits), by code."""
        return list(self._by_main.get(code[:9], ()))

    def one_thing(self, name: str) -> list[Item]:
        """The items of the 一件事 ``name``, by code."""
        return list(self._by_one_thing.get(name, ()))

    @cached_property
    def _by_main(self) -> dict[str, list[Item]]:
        found: dict[str, list[Item]] = {}
        for item in self.items():
            found.setdefault(item.code[:9], []).append(item)
        return found

    @cached_property
    def _by_one_thing(self) -> dict[str, list[Item]]:
        found: dict[str, list[Item]] = {}
        for item in self.items():
            if item.one_thing is not None:
                found.setdefault(item.one_thing, []).append(item)
        return found

    def implementers(self, code: str) -> list[tuple[Region, Implementation]]:
        """Who handles the item ``code``: the regions whose implementation lists name it, each
        with its implementation (agency, address, hours, phones, defaults merged in), by region
        code; empty for an item no list names (a region missing from ``regions.yaml`` is left
        out: its list is a finding)."""
        return list(self._implementers.get(code, ()))

    @cached_property
    def _implementers(self) -> dict[str, list[tuple[Region, Implementation]]]:
        found: dict[str, list[tuple[Region, Implementation]]] = {}
        for code, listed in sorted(self.implementation_lists.items()):
            region = self.regions.get(code)
            if region is None:
                continue
            for implementation in listed.implementations:
                found.setdefault(implementation.item, []).append((region, implementation))
        return found

    def implementations(self, region: str) -> tuple[Implementation, ...]:
        """The items region ``region`` implements, defaults merged in (empty if it has no
        implementation list); ``KeyError`` for a region ``regions.yaml`` does not name, as
        ``catalog.regions[region]``."""
        found = self.implementation_lists.get(region)
        if found is None and region not in self.regions:
            raise KeyError(region)
        return found.implementations if found else ()

    def item(self, code: str) -> Item:
        """The item with ``code``; ``KeyError`` if the catalog has no valid item of that code."""
        return self._items[code]

    def items(self, list: str | None = None) -> list[Item]:
        """The valid items ordered by code; with ``list``, only those on that list."""
        items = [item for _, item in sorted(self._items.items())]
        if list is None:
            return items
        return [item for item in items if list in item.lists]

    def law(self, law_id: str) -> Law:
        """The law registered as ``law_id``; ``KeyError`` if there is none."""
        return self.laws[law_id]

    def document(self, code: str) -> LoadedDocument:
        """The parsed file of the item ``code`` (raw data and positions); ``KeyError`` if the
        catalog has no valid item of that code, or was loaded from a snapshot, which keeps no
        files."""
        if code in self._items and code not in self._documents:
            raise KeyError(f"{code}: a catalog loaded from a snapshot keeps no item files")
        return self._documents[code]

    def __contains__(self, code: object) -> bool:
        return code in self._items

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self._items)


_MAPPINGS = (
    "laws",
    "_items",
    "_documents",
    "regions",
    "implementation_lists",
    "invalid_files",
    "invalid_lists",
    "_implementation_entries",
)


def load_catalog(
    path: str | Path | CatalogTree,
    *,
    today: date | None = None,
    config: Path | None = None,
    registry: Registry | None = None,
    display: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Catalog:
    """Load and validate the catalog folder ``path`` (or a catalog read from git: a tree).

    ``today`` (default: today's date in the catalog's time zone, China Standard Time unless
    ``catalog.yaml`` names another) is what revision dates and waivers are compared with;
    ``config`` is a ``.servicecatalog.yaml`` to use instead of the one discovered upward from
    ``path``. ``registry`` is the rules to run (default: every rule). ``display`` replaces
    ``path`` in the file names of findings. ``workers`` is how many processes parse the item
    files and load implementation lists (default: one per core when there are many, else 1);
    ``progress(done, total)`` is called as implementation lists are loaded. Raises
    :class:`~servicecatalog.errors.CatalogNotFoundError` when ``path`` is not a catalog folder.
    """
    # The loader, the rules and the worker pool are loaded here, on first use: a program that
    # only imports the package, or reads a snapshot, never pays for them.
    from ._loading import Options, load_parts

    parts = load_parts(path, Options(today, config, registry, display, workers, progress))
    return Catalog(
        path=parts.path,
        manifest=parts.manifest,
        laws=parts.laws,
        report=parts.report,
        _items=parts.items,
        _documents=parts.documents,
        regions=parts.regions,
        implementation_lists=parts.implementation_lists,
        invalid_files=parts.invalid_files,
        synonyms=parts.synonyms,
        calendar=parts.calendar,
        referrals=parts.referrals,
        invalid_lists=parts.invalid_lists,
        _implementation_entries=parts.implementation_entries,
    )
