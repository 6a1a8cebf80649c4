"""The names of a catalog folder's files and folders: the layout every reader and writer shares."""

from __future__ import annotations

__all__ = [
    "CALENDAR_DIR",
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
]

MANIFEST_FILE = "catalog.yaml"
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
