"""The names of a catalog folder's files and folders: the layout every reader and writer shares."""

from __future__ import annotations

__all__ = [
    "CALENDAR_DIR",
    "IMPLEMENTATIONS_DIR",
    "ITEMS_DIR",
    "ITEM_SUFFIXES",
    "LAWS_FILE",
    "MANIFEST_FILE",
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
