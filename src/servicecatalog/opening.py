"""One way to open a catalog, whatever names it: a folder, a snapshot file, or a git revision.

Every command reaches its catalog through :func:`open_catalog`. Given nothing, it finds the catalog
as a person standing in the repository means it: the current folder when it holds
``catalog.yaml`` (a catalog at its repository's root, as ``servicecatalog init`` makes it), else
its ``catalog`` folder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ._layout import MANIFEST_FILE
from ._validation import validate_document
from .catalog import Catalog, load_catalog
from .loader import load_file
from .model import Manifest
from .sources import GIT_PREFIX, find_catalog, open_source

__all__ = ["catalog_spec", "open_catalog", "read_manifest"]


def catalog_spec(spec: str | Path | None, cwd: Path | None = None) -> str:
    """``spec`` as given, or the catalog found from ``cwd`` (see :func:`find_catalog`)."""
    if spec is None:
        return str(find_catalog(cwd))
    return str(spec)


def open_catalog(
    spec: str | Path | None = None,
    *,
    today: date | None = None,
    cwd: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Catalog:
    """The catalog ``spec`` names: a folder, a snapshot file (``servicecatalog build``), or
    ``git:REV[:PATH]``; None finds it from ``cwd`` (default: the current folder).

    Raises :class:`~servicecatalog.errors.CatalogNotFoundError` when there is none,
    :class:`~servicecatalog.errors.GitSourceError` for a revision git cannot read, and the
    snapshot errors for a file that is not a snapshot of this version.
    """
    named = catalog_spec(spec, cwd)
    if not named.startswith(GIT_PREFIX):
        path = Path(named) if cwd is None else cwd / named  # an absolute path stays itself
        if path.is_file():
            from .snapshot import load_snapshot

            return load_snapshot(path)
        named = str(path)
    return load_catalog(open_source(named, cwd), today=today, progress=progress)


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of the catalog folder ``folder`` alone, without loading the catalog; None
    when it has none or it does not validate (``validate`` says why)."""
    file = folder / MANIFEST_FILE
    if not file.is_file():
        return None
    manifest, _ = validate_document(Manifest, load_file(file))
    return manifest
