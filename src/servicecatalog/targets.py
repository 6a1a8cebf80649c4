"""What the paths given to ``servicecatalog validate`` name: whole catalogs, or files and folders
inside one, each with the catalog it belongs to.

A path is a catalog folder (one that holds ``catalog.yaml``): the whole catalog is checked. Any
other file or folder belongs to the nearest folder at or above it that holds ``catalog.yaml``, as
check-jsonschema and yamllint take the files a commit touches: the catalog is loaded whole (the
catalog-wide rules need every item), and the report keeps

* the findings located in the files named, or in the folders named;
* the findings those files take part in: about an item they hold (an implementation list
  naming it, a waiver of it), or naming them among the files involved (the earlier of two
  duplicates, the items of a list whose size is wrong).

A ``.servicecatalog.yaml`` outside any catalog configures the catalogs in the folders directly
below it that find it first; naming it checks those catalogs' findings located in it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ._layout import ITEM_SUFFIXES, MANIFEST_FILE, READ_FILES, READ_FOLDERS, find_catalog
from .catalog import Catalog
from .config import CONFIG_FILE_NAME, find_config
from .errors import CatalogNotFoundError, OutputInCatalogError
from .findings import Finding, Report

__all__ = [
    "Target",
    "catalog_root",
    "checked_files",
    "refuse_output_in_catalog",
    "select",
    "targets",
]


@dataclass(frozen=True)
class Target:
    """One catalog to load, and what of it was named.

    ``catalog`` is the folder as findings name it: as given, or relative to the current folder
    when it was found above a relative path. ``named`` holds the real paths of the files and
    folders named inside it; empty when the catalog was named as a whole.
    """

    catalog: Path
    named: frozenset[str] = frozenset()

    @property
    def whole(self) -> bool:
        """True when the catalog was named as a whole."""
        return not self.named


def catalog_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds ``catalog.yaml`` (lexically absolute:
    symbolic links in ``path`` are kept), or None."""
    absolute = Path(os.path.abspath(path))
    start = absolute if absolute.is_dir() else absolute.parent
    for folder in (start, *start.parents):
        if (folder / MANIFEST_FILE).is_file():
            return folder
    return None


def refuse_output_in_catalog(path: Path) -> None:
    """Raise :class:`OutputInCatalogError` when writing ``path`` (a file or a folder) would write
    inside a catalog folder: one at or above it by its name, or where its links lead."""
    for candidate in dict.fromkeys([Path(os.path.abspath(path)), Path(os.path.realpath(path))]):
        for folder in (candidate, *candidate.parents):
            if (folder / MANIFEST_FILE).is_file():
                raise OutputInCatalogError(path, folder)


def targets(paths: Sequence[Path]) -> list[Target]:
    """The catalogs that ``paths`` name, in the order first named (none: the catalog found
    from the current folder); raises :class:`CatalogNotFoundError` for a path that does not
    exist or lies in no catalog, or when none is named and none is found."""
    paths = paths or (find_catalog(),)
    whole: dict[Path, None] = {}
    named: dict[Path, set[str]] = {}
    for path in paths:
        if not os.path.lexists(path):
            raise CatalogNotFoundError(path, "no such file or folder")
        for root, is_whole in _roots(path):
            shown = root if path.is_absolute() else Path(os.path.relpath(root))
            if is_whole:
                whole[shown] = None
            else:
                named.setdefault(shown, set()).add(os.path.realpath(path))
    order = list(dict.fromkeys([*whole, *named]))
    return [
        Target(root, frozenset() if root in whole else frozenset(named[root])) for root in order
    ]


def _roots(path: Path) -> list[tuple[Path, bool]]:
    """The catalog folders ``path`` belongs to, each with whether it names the catalog whole."""
    absolute = Path(os.path.abspath(path))
    if absolute.is_dir() and (absolute / MANIFEST_FILE).is_file():
        return [(absolute, True)]
    root = catalog_root(path)
    if root is not None:
        _require_catalog_file(path, absolute.relative_to(root).parts, absolute.is_dir())
        return [(root, False)]
    if absolute.name == CONFIG_FILE_NAME:
        configured = _configured_catalogs(absolute)
        if configured:
            return [(folder, False) for folder in configured]
    raise CatalogNotFoundError(
        path, f"not in a catalog: no {MANIFEST_FILE} in its folder or any folder above"
    )


def _require_catalog_file(path: Path, parts: tuple[str, ...], folder: bool) -> None:
    """Raise :class:`CatalogNotFoundError` unless ``parts`` (from the catalog's root) name a
    file the catalog reads, or a folder of them: a report on a file nobody reads would be an
    empty green one."""
    if folder:
        if len(parts) == 1 and parts[0] in READ_FOLDERS:
            return
        reason = "not a folder of catalog files (items/, implementations/, calendar/)"
    else:
        name = parts[-1]
        yaml = Path(name).suffix.lower() in ITEM_SUFFIXES and not name.startswith(".")
        if (len(parts) == 1 and name in (*READ_FILES, CONFIG_FILE_NAME)) or (
            len(parts) == 2 and parts[0] in READ_FOLDERS and yaml
        ):
            return
        reason = (
            "not a file the catalog reads (catalog.yaml, laws.yaml, regions.yaml, synonyms.yaml, "
            "referrals.yaml, .servicecatalog.yaml, or a YAML file directly in items/, "
            "implementations/ or calendar/)"
        )
    raise CatalogNotFoundError(path, reason)


def _configured_catalogs(config: Path) -> list[Path]:
    """The catalogs in the folders directly below ``config`` whose configuration it is."""
    found = []
    for child in sorted(config.parent.iterdir()):
        if (child / MANIFEST_FILE).is_file() and find_config(child.resolve()) == config.resolve():
            found.append(Path(os.path.abspath(child)))
    return found


def select(catalog: Catalog, target: Target) -> Report:
    """The part of the report of ``catalog`` (loaded from ``target``) that concerns what
    ``target`` named; its ``items`` counts the item files named."""
    report = catalog.report
    if target.whole:
        return report
    files = {item.code: catalog.document(item.code).file for item in catalog}
    files.update(catalog.invalid_files)
    codes = {code for code, file in files.items() if _is_named(file, target.named)}
    kept = [finding for finding in report if _concerns(finding, target.named, codes)]
    waived = [finding for finding in report.waived if _concerns(finding, target.named, codes)]
    return Report.of(kept, items=len(codes), waived=waived)


def _concerns(finding: Finding, named: frozenset[str], codes: set[str]) -> bool:
    if finding.item is not None and finding.item in codes:
        return True
    return any(_is_named(file, named) for file in (finding.file, *finding.related) if file)


def _is_named(file: str, named: frozenset[str]) -> bool:
    real = os.path.realpath(file)
    return any(real == path or real.startswith(path + os.sep) for path in named)


def checked_files(target: Target) -> list[str]:
    """The YAML files ``target`` checks, named as findings name them (under ``target.catalog``):
    every one of a whole catalog, else those named and those in the folders named."""
    root = os.path.realpath(target.catalog)
    starts = [root] if target.whole else sorted(target.named)
    found: set[str] = set()
    for start in starts:
        if os.path.isfile(start):
            found.add(start)
            continue
        for folder, subfolders, names in os.walk(start):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            found.update(os.path.join(folder, name) for name in names if _is_yaml(name))
    return [
        str(target.catalog / os.path.relpath(file, root))
        for file in sorted(found)
        if file.startswith(root + os.sep)
    ]


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))
