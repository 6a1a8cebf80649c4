"""YAML safety: what the strict loader refuses (docs/format.md#how-every-file-is-read).

The findings of this family are made by the loader and the file reader, below the rules layer, so
the rules are defined in ``_ruledefs/yaml_safety.py`` (docs/architecture.md#adding-a-rule) and
registered from here.
"""

from __future__ import annotations

from .._ruledefs.yaml_safety import (
    FILE_NOT_READ,
    FILE_NOT_REGULAR,
    FILE_OUTSIDE_CATALOG,
    FILE_UNKNOWN,
    RULES,
    YAML_ALIAS,
    YAML_DUPLICATE_KEY,
    YAML_EMPTY_DOCUMENT,
    YAML_ENCODING,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_SYNTAX,
    YAML_TAG,
    YAML_TOO_DEEP,
    YAML_TOO_LARGE,
    YAML_UNREADABLE,
)

__all__ = [
    "FILE_NOT_READ",
    "FILE_NOT_REGULAR",
    "FILE_OUTSIDE_CATALOG",
    "FILE_UNKNOWN",
    "RULES",
    "YAML_ALIAS",
    "YAML_DUPLICATE_KEY",
    "YAML_EMPTY_DOCUMENT",
    "YAML_ENCODING",
    "YAML_MULTIPLE_DOCUMENTS",
    "YAML_SYNTAX",
    "YAML_TAG",
    "YAML_TOO_DEEP",
    "YAML_TOO_LARGE",
    "YAML_UNREADABLE",
]
