"""One way to open a catalog, whatever names it: a folder, a snapshot file, or a git revision.

Every command reaches its catalog through :func:`open_catalog` (``build`` through
:func:`open_catalog_at_commit`, which also says which commit it read). Given nothing, it finds the
catalog as a person standing in the repository means it: the current folder when it holds
``catalog.yaml`` (a catalog at its repository's root, as ``servicecatalog init`` makes it), else
its ``catalog`` folder.

The loader, the rules and git are imported on first use: ``servicecatalog deadline`` outside a
catalog needs none of them (docs/architecture.md#the-command-line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ._layout import CALENDAR_DIR, MANIFEST_FILE, find_catalog
from .errors import CatalogNotFoundError

if TYPE_CHECKING:
    from ._tree import CatalogTree
    from .catalog import Catalog
    from .model import Manifest
    from .sources import SourceCommit
    from .workdays import WorkdayCalendar

__all__ = [
    "PublicationSettings",
    "catalog_spec",
    "open_catalog",
    "open_catalog_at_commit",
    "publication_settings",
    "read_manifest",
]

_GIT_PREFIX = "git:"


def catalog_spec(spec: str | Path | None, cwd: Path | None = None) -> str:
    """``spec`` as given, or the catalog found from ``cwd`` (see :func:`find_catalog`)."""
    if spec is None:
        return str(find_catalog(cwd))
    return str(spec)


def open_catalog(
    spec: str | Path | None = None,
    *,
    today: date | None = None,
    config: Path | None = None,
    workers: int | None = None,
    cwd: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    snapshot: bool = True,
) -> Catalog:
    """The catalog ``spec`` names: a folder, a snapshot file (``servicecatalog build``), or
    ``git:REV[:PATH]``; None finds it from ``cwd`` (default: the current folder).

    ``today``, ``config``, ``workers`` and ``progress`` are :func:`~servicecatalog.load_catalog`'s
    for a folder or a revision. ``snapshot=False`` reads a file as a folder would be read (so
    that it is refused as no catalog folder), for the commands that compare or compile sources.

    Raises :class:`~servicecatalog.errors.CatalogNotFoundError` when there is none,
    :class:`~servicecatalog.errors.GitSourceError` for a revision git cannot read, and the
    snapshot errors for a file that is not a snapshot of this version.
    """
    from .catalog import load_catalog

    named = catalog_spec(spec, cwd)
    if not named.startswith(_GIT_PREFIX):
        path = Path(named) if cwd is None else cwd / named  # an absolute path stays itself
        if snapshot and path.is_file():
            from .snapshot import load_snapshot

            return load_snapshot(path)
        named = str(path)
    tree = _tree(named, cwd)
    return load_catalog(tree, today=today, config=config, workers=workers, progress=progress)


def open_catalog_at_commit(
    spec: str | Path | None = None,
    *,
    cwd: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Catalog, SourceCommit | None]:
    """The catalog folder or revision ``spec`` names (as :func:`open_catalog` with
    ``snapshot=False``), and the commit it was read from: the revision's, or the HEAD of the
    repository holding the folder (None outside one)."""
    from .catalog import load_catalog
    from .sources import source_commit

    named = catalog_spec(spec, cwd)
    if cwd is not None and not named.startswith(_GIT_PREFIX):
        named = str(cwd / named)
    tree = _tree(named, cwd)
    return load_catalog(tree, progress=progress), source_commit(tree)


def _tree(named: str, cwd: Path | None) -> CatalogTree:
    from .sources import open_source

    return open_source(named, cwd)


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of the catalog folder ``folder`` alone, without loading the catalog; None
    when it has none or it does not validate (``validate`` says why)."""
    file = folder / MANIFEST_FILE
    if not file.is_file():
        return None
    from ._validation import validate_document
    from .loader import load_file
    from .model import Manifest

    manifest, _ = validate_document(Manifest, load_file(file))
    return manifest


@dataclass(frozen=True, slots=True)
class PublicationSettings:
    """What a publication deadline is computed with: the catalog's folder (None without a
    catalog), its ``publication.working_days`` and its time zone (None when its
    ``catalog.yaml`` is missing or does not validate)."""

    folder: Path | None
    working_days: int | None
    timezone: str | None

    def calendar(self) -> WorkdayCalendar:
        """The State Council's schedule, overridden by the catalog's ``calendar/<year>.yaml``."""
        from .workdays import WorkdayCalendar

        return WorkdayCalendar(self.folder / CALENDAR_DIR if self.folder else None)

    def today(self) -> date:
        """Today in the catalog's time zone (China Standard Time unless it names another)."""
        from ._today import today_in

        return today_in(self.timezone)


def publication_settings(
    folder: Path | None = None, *, cwd: Path | None = None
) -> PublicationSettings:
    """The publication settings of the catalog folder ``folder`` (raises
    :class:`CatalogNotFoundError` when it is none), else of the catalog found from ``cwd``
    (default: the current folder), else of no catalog."""
    if folder is not None and not folder.is_dir():
        raise CatalogNotFoundError(folder, "no such folder")
    if folder is None:
        try:
            found = find_catalog(cwd)
        except CatalogNotFoundError:
            return PublicationSettings(None, None, None)
        folder = found if cwd is None else cwd / found
    manifest = read_manifest(folder)
    if manifest is None:
        return PublicationSettings(folder, None, None)
    return PublicationSettings(folder, manifest.publication.working_days, manifest.timezone)
