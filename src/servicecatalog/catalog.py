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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from ._implementations import load_implementation_files
from ._paths import item_code
from ._tree import CatalogTree, FolderTree
from ._validation import validate_document
from .config import apply_config, load_config
from .errors import CalendarError
from .findings import Finding, Lang, Report, Severity
from .loader import DEFAULT_MAX_BYTES, LoadedDocument, Position, load_content
from .model import (
    Implementation,
    ImplementationList,
    Item,
    Law,
    Laws,
    Manifest,
    Region,
    Regions,
    Synonym,
    Synonyms,
)
from .rules import REGISTRY, Context, ImplementationScope, ItemEntry, Registry, run_rules
from .workdays import OverrideFile, WorkdayCalendar

__all__ = ["ITEM_SUFFIXES", "Catalog", "LeftOut", "load_catalog"]

M = TypeVar("M", Manifest, Laws, Item, Regions, Synonyms)

MANIFEST_FILE = "catalog.yaml"
LAWS_FILE = "laws.yaml"
ITEMS_DIR = "items"
CALENDAR_DIR = "calendar"
REGIONS_FILE = "regions.yaml"
SYNONYMS_FILE = "synonyms.yaml"
IMPLEMENTATIONS_DIR = "implementations"
ITEM_SUFFIXES = (".yaml", ".yml")


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
    invalid_files: dict[str, str] = field(default_factory=dict)
    """Item files that exist but did not validate: the code their name gives -> the file's
    name in findings."""
    synonyms: tuple[Synonym, ...] = ()
    """The search synonyms of ``synonyms.yaml`` (empty when the catalog has none)."""
    calendar: WorkdayCalendar = field(default_factory=WorkdayCalendar)
    """The working-day calendar with the catalog's ``calendar/`` overrides (without them, if they
    are invalid: ``calendar-invalid`` says so)."""

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
        return self._by_main.get(code[:9], [])

    def one_thing(self, name: str) -> list[Item]:
        """The items of the 一件事 ``name``, by code."""
        return self._by_one_thing.get(name, [])

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
        """The regions that implement the item ``code``, with their implementations, by region
        code (a region missing from ``regions.yaml`` is left out: its list is a finding)."""
        return self._implementers.get(code, [])

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
    path: str | Path | CatalogTree,
    *,
    today: date | None = None,
    config: Path | None = None,
    registry: Registry = REGISTRY,
    display: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Catalog:
    """Load and validate the catalog folder ``path`` (or a catalog read from git: a tree).

    ``today`` (default: the real date) is what revision dates and waivers are compared with;
    ``config`` is a ``.servicecatalog.yaml`` to use instead of the one discovered upward from
    ``path``. ``display`` replaces ``path`` in the file names of findings. ``workers`` is how
    many processes load implementation lists (default: one per core when there are many, else
    1); ``progress(done, total)`` is called as implementation lists are loaded. Raises
    :class:`~servicecatalog.errors.CatalogNotFoundError` when ``path`` is not a catalog folder.
    """
    tree = path if isinstance(path, CatalogTree) else FolderTree(Path(path), display)
    tree.check()
    context = Context(today=today or date.today())
    findings: list[Finding] = []

    manifest_document = _load(tree, MANIFEST_FILE)
    context.manifest_document = manifest_document
    context.manifest = _validated(Manifest, manifest_document, findings)

    if tree.exists(LAWS_FILE):
        context.laws_document = _load(tree, LAWS_FILE)
        laws = _validated(Laws, context.laws_document, findings)
        context.laws = {law.id: law for law in laws.laws} if laws else {}
    else:
        findings.append(_missing(tree, LAWS_FILE, "法规登记表", "the law registry"))

    calendar = context.calendar = _calendar(tree, findings)
    entries = _load_items(tree, context, findings)
    _load_regions(tree, context, findings)
    _load_synonyms(tree, context, findings)
    _load_implementations(tree, context, findings, _LoadOptions(registry, workers, progress))
    findings.extend(run_rules(context, registry))

    loaded_config = load_config(_config_document(tree, config), registry)
    kept, waived = apply_config(findings, loaded_config, context.today)
    report = Report.of(kept, items=len(entries) + len(context.broken_items), waived=waived)
    return Catalog(
        tree.folder or Path(tree.name),
        context.manifest,
        context.laws,
        report,
        entries,
        context.regions,
        {e.implementations.region: e.implementations for e in context.implementation_lists},
        dict(context.broken_items),
        context.synonyms,
        calendar,
    )


def _load(tree: CatalogTree, relative: str, *, positions: bool = True) -> LoadedDocument:
    content = tree.read(relative, DEFAULT_MAX_BYTES)
    return load_content(content, tree.display(relative), positions=positions)


def _yaml_names(tree: CatalogTree, folder: str) -> list[str]:
    """The YAML files of ``folder`` (hidden ones, editors' backups, are not catalog files)."""
    return [
        name
        for name in tree.names(folder) or ()
        if Path(name).suffix.lower() in ITEM_SUFFIXES and not name.startswith(".")
    ]


def _config_document(tree: CatalogTree, given: Path | None) -> Path | LoadedDocument | None:
    if given is not None:
        return given
    found = tree.find_config()
    return None if found is None else load_content(found.content, found.name)


def _calendar(tree: CatalogTree, findings: list[Finding]) -> WorkdayCalendar:
    """The calendar with the catalog's overrides. Each override file is first read by the strict
    loader, whose findings (an emptied file, a tag, a FIFO) stand for it; the calendar is made
    of the files that pass."""
    names = tree.names(CALENDAR_DIR)
    if names is None and tree.exists(CALENDAR_DIR):
        findings.append(_calendar_finding(tree, CalendarError("calendar/ is not a folder")))
        return WorkdayCalendar()
    files: list[OverrideFile] = []
    for name in names or ():
        relative = f"{CALENDAR_DIR}/{name}"
        if Path(name).suffix.lower() not in ITEM_SUFFIXES:
            continue
        content = tree.read(relative, DEFAULT_MAX_BYTES)
        document = load_content(content, tree.display(relative), positions=False)
        findings.extend(document.findings)
        if document.usable and isinstance(content, bytes):
            files.append((Path(tree.display(relative)), content))
    try:
        return WorkdayCalendar(Path(tree.display(CALENDAR_DIR)), files=files)
    except CalendarError as error:
        findings.append(_calendar_finding(tree, error))
        return WorkdayCalendar()


def _calendar_finding(tree: CatalogTree, error: CalendarError) -> Finding:
    """``calendar-invalid`` at the offending value of the override file, where it is known."""
    file, position, what = tree.display(CALENDAR_DIR), None, error.message
    if error.file is not None:
        relative = f"{CALENDAR_DIR}/{error.file.name}"
        file = tree.display(relative)
        what = what.removeprefix(f"{error.file}: ")
        document = _load(tree, relative)
        if document.data is not None:
            position = document.position(error.loc)
        elif document.findings and document.findings[0].line is not None:
            first = document.findings[0]
            position = Position(first.line or 1, first.column or 1)
    return Finding(
        rule="calendar-invalid",
        severity=Severity.ERROR,
        message=f"工作日历覆盖文件有误，暂按 chinesecalendar 数据计算：{what}",
        message_en=f"invalid working-day override (chinesecalendar's data is used meanwhile): {what}",
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
    )


@dataclass(frozen=True)
class _LoadOptions:
    registry: Registry
    workers: int | None
    progress: Callable[[int, int], None] | None


def _validated(
    model: type[M], document: LoadedDocument, findings: list[Finding], item: str | None = None
) -> M | None:
    findings.extend(replace(f, item=item) if item else f for f in document.findings)
    if not document.usable:
        return None
    value, problems = validate_document(model, document, item)
    findings.extend(problems)
    return value


def _load_items(
    tree: CatalogTree, context: Context, findings: list[Finding]
) -> dict[str, ItemEntry]:
    names = tree.names(ITEMS_DIR)
    if names is None:
        findings.append(_missing(tree, ITEMS_DIR + "/", "事项文件夹", "the items folder"))
        return {}
    entries: dict[str, ItemEntry] = {}
    for name in _yaml_names(tree, ITEMS_DIR):
        document = _load(tree, f"{ITEMS_DIR}/{name}")
        stem = Path(name).stem
        item = _validated(Item, document, findings, item=item_code(document.data) or stem)
        if item is None:
            context.broken_items[stem] = document.file
            continue
        entry = ItemEntry(item, document)
        context.items.append(entry)
        entries.setdefault(item.code, entry)
    return entries


def _load_regions(tree: CatalogTree, context: Context, findings: list[Finding]) -> None:
    if not tree.exists(REGIONS_FILE):
        return
    context.regions_document = _load(tree, REGIONS_FILE, positions=False)
    regions = _validated(Regions, context.regions_document, findings)
    if regions is not None:
        context.region_list = regions.regions
        context.regions = {}
        for region in regions.regions:
            context.regions.setdefault(region.code, region)


def _load_synonyms(tree: CatalogTree, context: Context, findings: list[Finding]) -> None:
    if not tree.exists(SYNONYMS_FILE):
        return
    context.synonyms_document = _load(tree, SYNONYMS_FILE)
    synonyms = _validated(Synonyms, context.synonyms_document, findings)
    if synonyms is not None:
        context.synonyms = synonyms.synonyms


def _load_implementations(
    tree: CatalogTree,
    context: Context,
    findings: list[Finding],
    options: _LoadOptions,
) -> None:
    if tree.names(IMPLEMENTATIONS_DIR) is None:
        return
    jobs = [
        (
            tree.source(f"{IMPLEMENTATIONS_DIR}/{name}"),
            tree.display(f"{IMPLEMENTATIONS_DIR}/{name}"),
        )
        for name in _yaml_names(tree, IMPLEMENTATIONS_DIR)
    ]
    if options.progress is not None:
        options.progress(0, len(jobs))
    scope = ImplementationScope(
        item_levels={entry.item.code: entry.item.levels for entry in context.items},
        known_items=frozenset(entry.item.code for entry in context.items)
        | frozenset(context.broken_items),
        regions=context.regions,
    )
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if options.progress is not None:
            options.progress(done, len(jobs))

    entries, found = load_implementation_files(
        jobs, scope, list(options.registry.values()), options.workers, advance
    )
    context.implementation_lists.extend(entries)
    findings.extend(found)


def _missing(tree: CatalogTree, name: str, what_zh: str, what_en: str) -> Finding:
    return Finding(
        rule="catalog-file-missing",
        severity=Severity.ERROR,
        message=f"目录缺少{what_zh} {name}",
        message_en=f"the catalog has no {name} ({what_en})",
        file=tree.display(name),
    )
