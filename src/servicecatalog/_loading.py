"""Loading a catalog: its files read, parsed, validated and checked by every rule.

:func:`servicecatalog.catalog.load_catalog` imports this module on first use, so that importing
the package, or reading a snapshot, does not load the YAML parser, the rules or the worker pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath
from typing import TypeVar

from ._gc import collector_paused
from ._implementations import load_implementation_files
from ._layout import (
    CALENDAR_DIR,
    IMPLEMENTATIONS_DIR,
    ITEM_SUFFIXES,
    ITEMS_DIR,
    LAWS_FILE,
    MANIFEST_FILE,
    READ_FILES,
    READ_FOLDERS,
    REFERRALS_FILE,
    REGIONS_FILE,
    SYNONYMS_FILE,
)
from ._parallel_parsing import load_documents
from ._parse_cache import ParsePack, open_pack
from ._paths import item_code
from ._sharing import FieldsSets, share_fields_sets
from ._today import today_in
from ._tree import CatalogTree, FolderTree
from ._validation import validate_document
from .config import apply_config, load_config
from .errors import CalendarError
from .findings import Finding, Report
from .loader import DEFAULT_MAX_BYTES, LoadedDocument, load_content
from .model import (
    HolidaySchedule,
    ImplementationList,
    Item,
    Law,
    Laws,
    Manifest,
    Referral,
    Referrals,
    Region,
    Regions,
    Synonym,
    Synonyms,
)
from .rules.deadlines import CALENDAR_INVALID
from .rules.registry import (
    REGISTRY,
    Context,
    ImplementationEntry,
    ImplementationScope,
    ItemEntry,
    Registry,
    run_rules,
)
from .rules.schema import CATALOG_FILE_MISSING
from .rules.yaml_safety import FILE_NOT_READ, FILE_UNKNOWN
from .workdays import OverrideFile, WorkdayCalendar

__all__ = ["LoadedParts", "Options", "load_parts"]

M = TypeVar("M", Manifest, Laws, Item, Regions, Synonyms, Referrals, HolidaySchedule)


@dataclass(frozen=True)
class Options:
    """How to load: see :func:`servicecatalog.catalog.load_catalog`."""

    today: date | None
    """The day revision dates and waivers are compared with; None: today in the catalog's time
    zone."""
    config: Path | None = None
    registry: Registry | None = None
    display: str | None = None
    workers: int | None = None
    progress: Callable[[int, int], None] | None = None


@dataclass(frozen=True)
class LoadedParts:
    """What a :class:`~servicecatalog.catalog.Catalog` is made of."""

    path: Path
    manifest: Manifest | None
    laws: dict[str, Law]
    report: Report
    items: dict[str, Item]
    documents: Mapping[str, LoadedDocument]
    regions: dict[str, Region]
    implementation_lists: dict[str, ImplementationList]
    invalid_files: dict[str, str]
    synonyms: tuple[Synonym, ...]
    calendar: WorkdayCalendar
    referrals: tuple[Referral, ...]
    invalid_lists: dict[str, str]
    """Implementation files that did not validate: the region their name gives -> the file."""
    implementation_entries: dict[str, ImplementationEntry]
    """The valid implementation lists by region, with their files."""


def load_parts(path: str | Path | CatalogTree, options: Options) -> LoadedParts:
    """Load and validate the catalog at ``path``; raise only when it is not a catalog.

    Within :func:`~servicecatalog.parse_cache`, the files' parses are read from the cache and
    kept there (see :mod:`._parse_cache`)."""
    tree = path if isinstance(path, CatalogTree) else FolderTree(Path(path), options.display)
    tree.check()
    pack = None if tree.identity is None else open_pack(tree.identity)
    with collector_paused():
        try:
            parts = _load_parts(tree, pack, options)
        except BaseException:
            if pack is not None:
                pack.abandon()  # an interrupted load leaves the pack as it was
            raise
        if pack is not None:
            pack.close()
    return parts


def _load_parts(tree: CatalogTree, pack: ParsePack | None, options: Options) -> LoadedParts:
    registry = REGISTRY if options.registry is None else options.registry
    findings: list[Finding] = []
    manifest_document = _load(tree, pack, MANIFEST_FILE)
    manifest = _validated(Manifest, manifest_document, findings)
    today = options.today or today_in(manifest.timezone if manifest else None)
    context = Context(today=today, manifest=manifest, manifest_document=manifest_document)

    if tree.exists(LAWS_FILE):
        context.laws_document = _load(tree, pack, LAWS_FILE)
        laws = _validated(Laws, context.laws_document, findings)
        context.laws = {law.id: law for law in laws.laws} if laws else {}
    else:
        findings.append(_missing(tree, LAWS_FILE, "法规登记表", "the law registry"))

    calendar = context.calendar = _calendar(tree, findings)
    entries = _load_items(tree, pack, context, findings, options.workers)
    _load_regions(tree, pack, context, findings)
    _load_synonyms(tree, pack, context, findings)
    _load_referrals(tree, pack, context, findings)
    invalid_lists = _load_implementations(tree, context, findings, registry, options, pack)
    findings.extend(_files_not_read(tree))
    findings.extend(run_rules(context, registry))

    loaded_config = load_config(_config_document(tree, options.config), registry)
    kept, waived = apply_config(findings, loaded_config, context.today)
    report = Report.of(kept, items=len(entries) + len(context.broken_items), waived=waived)
    return LoadedParts(
        tree.folder or Path(tree.name),
        context.manifest,
        context.laws,
        report,
        {code: entry.item for code, entry in entries.items()},
        {code: entry.document for code, entry in entries.items()},
        context.regions,
        {e.implementations.region: e.implementations for e in context.implementation_lists},
        dict(context.broken_items),
        context.synonyms,
        calendar,
        context.referrals,
        invalid_lists,
        {e.implementations.region: e for e in context.implementation_lists},
    )


def _load(
    tree: CatalogTree,
    pack: ParsePack | None,
    relative: str,
    *,
    positions: bool = True,
) -> LoadedDocument:
    """Parse the file ``relative`` of ``tree``, or take its parse from ``pack``."""
    content = tree.read(relative, DEFAULT_MAX_BYTES)
    return load_content(content, tree.display(relative), positions=positions, pack=pack)


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
    """The calendar with the catalog's overrides. Each override file is read by the strict loader
    and validated into a :class:`~servicecatalog.model.HolidaySchedule`, as every file is; the
    calendar is made of the files that pass, and checks that their schedules are consistent."""
    names = tree.names(CALENDAR_DIR)
    if names is None and tree.exists(CALENDAR_DIR):
        findings.append(_calendar_finding(tree, CalendarError("calendar/ is not a folder"), {}))
        return WorkdayCalendar()
    files: list[OverrideFile] = []
    documents: dict[str, LoadedDocument] = {}
    for name in names or ():
        relative = f"{CALENDAR_DIR}/{name}"
        if Path(name).suffix.lower() not in ITEM_SUFFIXES:
            continue
        content = tree.read(relative, DEFAULT_MAX_BYTES)
        # Positions while parsing: the few small files are parsed once, a finding or not.
        document = documents[relative] = load_content(content, tree.display(relative))
        schedule = _validated(HolidaySchedule, document, findings)
        if schedule is not None and isinstance(content, bytes):
            files.append(OverrideFile(Path(tree.display(relative)), content, schedule))
    try:
        return WorkdayCalendar(Path(tree.display(CALENDAR_DIR)), files=files)
    except CalendarError as error:
        findings.append(_calendar_finding(tree, error, documents))
        return WorkdayCalendar()


def _calendar_finding(
    tree: CatalogTree, error: CalendarError, documents: Mapping[str, LoadedDocument]
) -> Finding:
    """``calendar-invalid`` at the offending value of the override file, where it is known."""
    file, position, what = tree.display(CALENDAR_DIR), None, error.message
    if error.file is not None:
        relative = f"{CALENDAR_DIR}/{error.file.name}"
        file = tree.display(relative)
        what = what.removeprefix(f"{error.file}: ")
        position = documents[relative].position(error.loc)
    return CALENDAR_INVALID.finding(
        f"工作日历覆盖文件有误，暂按 chinesecalendar 数据计算：{what}",
        f"invalid working-day override (chinesecalendar's data is used meanwhile): {what}",
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
    )


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
    tree: CatalogTree,
    pack: ParsePack | None,
    context: Context,
    findings: list[Finding],
    workers: int | None,
) -> dict[str, ItemEntry]:
    names = tree.names(ITEMS_DIR)
    if names is None:
        if tree.exists(ITEMS_DIR):
            findings.append(_not_a_folder(tree, ITEMS_DIR))
        else:
            findings.append(_missing(tree, ITEMS_DIR + "/", "事项文件夹", "the items folder"))
        return {}
    entries: dict[str, ItemEntry] = {}
    fields_sets: FieldsSets = {}
    names = _yaml_names(tree, ITEMS_DIR)
    # Positions are kept as compact marks, looked up only if a finding asks: most files have none.
    relatives = [f"{ITEMS_DIR}/{name}" for name in names]
    documents = load_documents(
        [(relative, tree.display(relative)) for relative in relatives],
        lambda relative: tree.read(relative, DEFAULT_MAX_BYTES),
        pack,
        workers,
    )
    for name, document in zip(names, documents, strict=True):
        stem = Path(name).stem
        item = _validated(Item, document, findings, item=item_code(document.data) or stem)
        if item is None:
            context.broken_items[stem] = document.file
            continue
        share_fields_sets(item, fields_sets)
        entry = ItemEntry(item, document)
        context.items.append(entry)
        entries.setdefault(item.code, entry)
    return entries


def _load_regions(
    tree: CatalogTree, pack: ParsePack | None, context: Context, findings: list[Finding]
) -> None:
    if not tree.exists(REGIONS_FILE):
        return
    context.regions_document = _load(tree, pack, REGIONS_FILE, positions=False)
    regions = _validated(Regions, context.regions_document, findings)
    if regions is not None:
        context.region_list = regions.regions
        context.regions = {}
        for region in regions.regions:
            context.regions.setdefault(region.code, region)


def _load_synonyms(
    tree: CatalogTree, pack: ParsePack | None, context: Context, findings: list[Finding]
) -> None:
    if not tree.exists(SYNONYMS_FILE):
        return
    context.synonyms_document = _load(tree, pack, SYNONYMS_FILE)
    synonyms = _validated(Synonyms, context.synonyms_document, findings)
    if synonyms is not None:
        context.synonyms = synonyms.synonyms


def _load_referrals(
    tree: CatalogTree, pack: ParsePack | None, context: Context, findings: list[Finding]
) -> None:
    if not tree.exists(REFERRALS_FILE):
        return
    context.referrals_document = _load(tree, pack, REFERRALS_FILE)
    referrals = _validated(Referrals, context.referrals_document, findings)
    if referrals is not None:
        context.referrals = referrals.referrals


def _load_implementations(
    tree: CatalogTree,
    context: Context,
    findings: list[Finding],
    registry: Registry,
    options: Options,
    pack: ParsePack | None,
) -> dict[str, str]:
    """Load the implementation lists into ``context``; return the files that did not validate,
    by the region their name gives."""
    if tree.names(IMPLEMENTATIONS_DIR) is None:
        if tree.exists(IMPLEMENTATIONS_DIR):
            findings.append(_not_a_folder(tree, IMPLEMENTATIONS_DIR))
        return {}
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
        jobs, scope, list(registry.values()), options.workers, advance, pack
    )
    context.implementation_lists.extend(entries)
    findings.extend(found)
    loaded = {entry.file for entry in entries}
    return {PurePath(file).stem: file for _, file in jobs if file not in loaded}


_HELD_IN = {
    ITEMS_DIR: ("事项文件", "item files", "<事项编码>.yaml", "<code>.yaml"),
    IMPLEMENTATIONS_DIR: (
        "实施清单",
        "implementation lists",
        "<区划代码>.yaml",
        "<region code>.yaml",
    ),
}


def _not_a_folder(tree: CatalogTree, name: str) -> Finding:
    """``file-not-read``: ``name`` should be a folder of catalog files, but is a file or a git
    submodule, so none of them is read."""
    what_zh, what_en, file_zh, file_en = _HELD_IN[name]
    if tree.submodule(name):
        zh = (
            f"{name} 是 git 子模块：版本中只记录子模块的提交，没有其中的文件，{what_zh}无法读取；"
            f"请把{what_zh}提交到目录自己的仓库中"
        )
        en = (
            f"{name} is a git submodule: a revision holds only its commit, not its files, so no "
            f"{what_en[:-1]} can be read; commit the {what_en} into the catalog's own repository"
        )
    else:
        zh = f"{name} 不是文件夹，{what_zh}无法读取；{what_zh}应为 {name}/{file_zh}"
        en = f"{name} is not a folder, so no {what_en[:-1]} is read; {what_en} are {name}/{file_en}"
    return FILE_NOT_READ.finding(
        zh,
        en,
        file=tree.display(name),
    )


# A catalog folder is shallow; the bounds keep a link to a large tree from slowing a load.
_MAX_SCAN_DEPTH = 8
_MAX_SCANNED = 100_000


def _files_not_read(tree: CatalogTree) -> list[Finding]:
    """A finding for every YAML file in the catalog that no reader reads: ``file-not-read`` in
    the subfolders of the folders of catalog files, ``file-unknown`` elsewhere. Hidden files and
    folders (``.git``, ``.github``) are not the catalog's; linked folders are not entered."""
    found: list[Finding] = []
    for relative in _yaml_files(tree):
        top, _, rest = relative.partition("/")
        if (not rest and top in READ_FILES) or (top in READ_FOLDERS and "/" not in rest):
            continue
        found.append(_not_read(tree, relative, top if top in READ_FOLDERS and rest else None))
    return found


def _yaml_files(tree: CatalogTree) -> Iterator[str]:
    pending: list[tuple[str, int]] = [("", 0)]
    scanned = 0
    while pending and scanned < _MAX_SCANNED:
        folder, depth = pending.pop()
        for name in tree.names(folder) or ():
            scanned += 1
            if name.startswith("."):
                continue
            relative = f"{folder}/{name}" if folder else name
            if tree.names(relative) is not None:
                if depth < _MAX_SCAN_DEPTH and not tree.link(relative):
                    pending.append((relative, depth + 1))
            elif Path(name).suffix.lower() in ITEM_SUFFIXES:
                yield relative


def _not_read(tree: CatalogTree, relative: str, folder: str | None) -> Finding:
    if folder is not None:
        return FILE_NOT_READ.finding(
            f"该文件不会被读取：{folder}/ 中的文件应直接放在 {folder}/ 下，不能放在子文件夹里；"
            f"请把它移到 {folder}/（或移出目录）",
            f"this file is not read: the files of {folder}/ lie directly in it, not in "
            f"a subfolder; move it into {folder}/ (or out of the catalog)",
            file=tree.display(relative),
        )
    return FILE_UNKNOWN.finding(
        "目录不读取该文件：目录只读取 catalog.yaml、laws.yaml、regions.yaml、synonyms.yaml、"
        "referrals.yaml 及直接放在 items/、implementations/、calendar/ 中的 YAML 文件；"
        "请改名、移出目录文件夹，或改用其他扩展名",
        "the catalog does not read this file: it reads catalog.yaml, laws.yaml, "
        "regions.yaml, synonyms.yaml, referrals.yaml and the YAML files directly in items/, "
        "implementations/ and calendar/; rename it, move it out of the catalog folder, or give "
        "it another extension",
        file=tree.display(relative),
    )


def _missing(tree: CatalogTree, name: str, what_zh: str, what_en: str) -> Finding:
    return CATALOG_FILE_MISSING.finding(
        f"目录缺少{what_zh} {name}",
        f"the catalog has no {name} ({what_en})",
        file=tree.display(name),
    )
