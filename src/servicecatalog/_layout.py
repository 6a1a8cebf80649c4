"""The names of a catalog folder's files and folders: the layout every reader and writer shares."""

from __future__ import annotations

from pathlib import Path

from .errors import CatalogNotFoundError

__all__ = [
    "CALENDAR_DIR",
    "CATALOG_FOLDER",
    "IMPLEMENTATIONS_DIR",
    "ITEMS_DIR",
    "ITEM_SUFFIXES",
    "LAWS_FILE",
    "MANIFEST_FILE",
    "READ_FILES",
    "READ_FOLDERS",
    "REFERRALS_FILE",
    "REGIONS_FILE",
    "SYNONYMS_FILE",
    "find_catalog",
]

MANIFEST_FILE = "catalog.yaml"
CATALOG_FOLDER = "catalog"
"""Where a repository keeps its catalog when the catalog is not at its root."""
LAWS_FILE = "laws.yaml"
ITEMS_DIR = "items"
CALENDAR_DIR = "calendar"
REGIONS_FILE = "regions.yaml"
SYNONYMS_FILE = "synonyms.yaml"
REFERRALS_FILE = "referrals.yaml"
IMPLEMENTATIONS_DIR = "implementations"
ITEM_SUFFIXES = (".yaml", ".yml")

READ_FILES = frozenset({MANIFEST_FILE, LAWS_FILE, REGIONS_FILE, SYNONYMS_FILE, REFERRALS_FILE})
"""The files the catalog reads at its root; ``.servicecatalog.yaml``, hidden, is found apart."""
READ_FOLDERS = (ITEMS_DIR, IMPLEMENTATIONS_DIR, CALENDAR_DIR)
"""The folders whose YAML files (directly inside, not in subfolders) the catalog reads."""


def find_catalog(cwd: Path | None = None) -> Path:
    """The catalog a command given none works on: the current folder when it holds
    ``catalog.yaml`` (a catalog at its repository's root, as ``init`` makes it), else its
    ``catalog`` folder; raises :class:`CatalogNotFoundError` naming both."""
    here = cwd or Path.cwd()
    if (here / MANIFEST_FILE).is_file():
        return Path(".")
    if (here / CATALOG_FOLDER).is_dir():
        return Path(CATALOG_FOLDER)
    raise CatalogNotFoundError(
        here,
        f"no catalog here: neither ./{MANIFEST_FILE} nor ./{CATALOG_FOLDER}/ exists; name the "
        "catalog folder",
    )
