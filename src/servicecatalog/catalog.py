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

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from ._paths import identity_path
from ._validation import validate_document
from .config import apply_config, find_config, load_config
from .errors import CalendarError, CatalogNotFoundError
from .findings import Finding, Report, Severity
from .loader import LoadedDocument, load_file
from .model import Implementation, ImplementationList, Item, Law, Laws, Manifest, Region, Regions
from .rules import REGISTRY, Context, ItemEntry, Registry, run_rules
from .rules._base import ImplementationEntry
from .rules.levels import UNIFIED_KEYS
from .workdays import WorkdayCalendar

__all__ = ["ITEM_SUFFIXES", "Catalog", "load_catalog"]

M = TypeVar("M", Manifest, Laws, Item, Regions)

MANIFEST_FILE = "catalog.yaml"
LAWS_FILE = "laws.yaml"
ITEMS_DIR = "items"
CALENDAR_DIR = "calendar"
REGIONS_FILE = "regions.yaml"
IMPLEMENTATIONS_DIR = "implementations"
ITEM_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Catalog:
    """A loaded catalog: its manifest, laws and valid items, and the report of its findings."""

    path: Path
    manifest: Manifest | None
    laws: dict[str, Law]
    report: Report
    _entries: dict[str, ItemEntry]
    regions: dict[str, Region] = field(default_factory=dict)
    """Regions of ``regions.yaml`` by code (empty when the catalog has none)."""
    implementation_lists: dict[str, ImplementationList] = field(default_factory=dict)
    """Valid implementation lists by region code."""

    def implementations(self, region: str) -> tuple[Implementation, ...]:
        """The items region ``region`` implements (empty if it has no implementation list)."""
        found = self.implementation_lists.get(region)
        return found.implementations if found else ()

    def item(self, code: str) -> Item:
        """The item with ``code``; ``KeyError`` if the catalog has no valid item of that code."""
        return self._entries[code].item

    def items(self, list: str | None = None) -> list[Item]:
        """The valid items ordered by code; with ``list``, only those on that list."""
        items = [entry.item for _, entry in sorted(self._entries.items())]
        if list is None:
            return items
        return [item for item in items if list in item.lists]

    def law(self, law_id: str) -> Law:
        """The law registered as ``law_id``; ``KeyError`` if there is none."""
        return self.laws[law_id]

    def document(self, code: str) -> LoadedDocument:
        """The parsed file of the item ``code`` (raw data and positions)."""
        return self._entries[code].document

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self._entries)


def load_catalog(
    path: str | Path,
    *,
    today: date | None = None,
    config: Path | None = None,
    registry: Registry = REGISTRY,
    display: str | None = None,
) -> Catalog:
    """Load and validate the catalog folder ``path``.

    ``today`` (default: the real date) is what revision dates and waivers are compared with;
    ``config`` is a ``.servicecatalog.yaml`` to use instead of the one discovered upward from
    ``path``. ``display`` replaces ``path`` in the file names of findings (for a catalog read
    from git into a temporary folder). Raises
    :class:`~servicecatalog.errors.CatalogNotFoundError` when ``path`` is not a catalog folder.
    """
    root = Path(path)
    _check_root(root)
    shown = _Names(root, display)
    context = Context(today=today or date.today())
    findings: list[Finding] = []

    manifest_document = shown.load(MANIFEST_FILE)
    context.manifest_document = manifest_document
    context.manifest = _validated(Manifest, manifest_document, findings)

    laws_path = root / LAWS_FILE
    if laws_path.is_file():
        context.laws_document = shown.load(LAWS_FILE)
        laws = _validated(Laws, context.laws_document, findings)
        context.laws = {law.id: law for law in laws.laws} if laws else {}
    else:
        findings.append(_missing(shown, LAWS_FILE, "法规登记表", "the law registry"))

    context.calendar = _calendar(root, shown, findings)
    entries = _load_items(root, shown, context, findings)
    _load_regions(root, shown, context, findings)
    _load_implementations(root, shown, context, findings)
    findings.extend(run_rules(context, registry))

    loaded_config = load_config(config or find_config(root.resolve()), registry)
    kept, waived = apply_config(findings, loaded_config, context.today)
    report = Report.of(kept, items=len(entries) + len(context.broken_items), waived=waived)
    return Catalog(
        root,
        context.manifest,
        context.laws,
        report,
        entries,
        context.regions,
        {e.implementations.region: e.implementations for e in context.implementation_lists},
    )


def _calendar(root: Path, shown: _Names, findings: list[Finding]) -> WorkdayCalendar | None:
    folder = root / CALENDAR_DIR
    try:
        return WorkdayCalendar(folder)
    except CalendarError as error:
        findings.append(
            Finding(
                rule="calendar-invalid",
                severity=Severity.ERROR,
                message=f"工作日历覆盖文件有误：{error.message}",
                message_en=f"a working-day override file is invalid: {error.message}",
                file=shown.name(CALENDAR_DIR),
            )
        )
        return WorkdayCalendar()


@dataclass(frozen=True)
class _Names:
    """Loads files of the catalog and names them for findings (``display`` in place of root)."""

    root: Path
    display: str | None

    def name(self, relative: str) -> str:
        if self.display is None:
            return str(self.root / relative)
        return f"{self.display.rstrip('/')}/{relative}"

    def load(self, relative: str) -> LoadedDocument:
        return load_file(self.root / relative, self.name(relative))


def _check_root(root: Path) -> None:
    if not root.exists():
        raise CatalogNotFoundError(root, "no such folder")
    if not root.is_dir():
        raise CatalogNotFoundError(root, "not a folder")
    if not (root / MANIFEST_FILE).is_file():
        raise CatalogNotFoundError(root, f"not a catalog: {MANIFEST_FILE} is missing")


def _validated(
    model: type[M], document: LoadedDocument, findings: list[Finding], item: str | None = None
) -> M | None:
    findings.extend(document.findings)
    if not document.usable:
        return None
    value, problems = validate_document(model, document, item)
    findings.extend(problems)
    return value


def _load_items(
    root: Path, shown: _Names, context: Context, findings: list[Finding]
) -> dict[str, ItemEntry]:
    items_dir = root / ITEMS_DIR
    if not items_dir.is_dir():
        findings.append(_missing(shown, ITEMS_DIR + "/", "事项文件夹", "the items folder"))
        return {}
    entries: dict[str, ItemEntry] = {}
    for file in sorted(items_dir.iterdir()):
        if file.suffix not in ITEM_SUFFIXES or file.name.startswith("."):
            continue
        document = shown.load(f"{ITEMS_DIR}/{file.name}")
        item = _validated(Item, document, findings, item=_code_of(document) or file.stem)
        if item is None:
            context.broken_items.add(file.stem)
            continue
        entry = ItemEntry(item, document)
        context.items.append(entry)
        entries.setdefault(item.code, entry)
    return entries


def _load_regions(root: Path, shown: _Names, context: Context, findings: list[Finding]) -> None:
    if not (root / REGIONS_FILE).is_file():
        return
    context.regions_document = shown.load(REGIONS_FILE)
    regions = _validated(Regions, context.regions_document, findings)
    if regions is not None:
        context.regions = {region.code: region for region in regions.regions}


def _load_implementations(
    root: Path, shown: _Names, context: Context, findings: list[Finding]
) -> None:
    folder = root / IMPLEMENTATIONS_DIR
    if not folder.is_dir():
        return
    for file in sorted(folder.iterdir()):
        if file.suffix not in ITEM_SUFFIXES or file.name.startswith("."):
            continue
        document = shown.load(f"{IMPLEMENTATIONS_DIR}/{file.name}")
        findings.extend(document.findings)
        if not document.usable:
            continue
        data = _without_unified_elements(document, findings)
        implementations, problems = validate_document(ImplementationList, document, data=data)
        findings.extend(problems)
        if implementations is not None:
            context.implementation_lists.append(ImplementationEntry(implementations, document))


def _without_unified_elements(document: LoadedDocument, findings: list[Finding]) -> Any:
    """The document's data without the unified elements its implementations carry; each one
    carried is reported as ``implementation-overrides-unified-element``."""
    data = document.data
    entries = data.get("implementations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return data
    cleaned = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and any(key in entry for key in UNIFIED_KEYS):
            for key in (key for key in entry if key in UNIFIED_KEYS):
                findings.append(_override_finding(document, index, key, entry.get("item")))
            entry = {key: value for key, value in entry.items() if key not in UNIFIED_KEYS}
        cleaned.append(entry)
    return {**data, "implementations": cleaned}


def _override_finding(document: LoadedDocument, index: int, key: str, item: object) -> Finding:
    loc = ("implementations", index, key)
    position = document.key_position(loc)
    return Finding(
        rule="implementation-overrides-unified-element",
        severity=Severity.ERROR,
        message=f"实施清单不得改写统一要素 “{key}”：该要素由省级统一规定（八统一）",
        message_en=f"an implementation may not override the unified element '{key}': the "
        "province defines it for every level",
        file=document.file,
        line=position.line,
        column=position.column,
        item=item if isinstance(item, str) else None,
        path=identity_path(document.data, loc),
    )


def _missing(shown: _Names, name: str, what_zh: str, what_en: str) -> Finding:
    return Finding(
        rule="catalog-file-missing",
        severity=Severity.ERROR,
        message=f"目录缺少{what_zh} {name}",
        message_en=f"the catalog has no {name} ({what_en})",
        file=shown.name(name),
    )


def _code_of(document: LoadedDocument) -> str | None:
    code = document.data.get("code") if isinstance(document.data, dict) else None
    return code if isinstance(code, str) else None
