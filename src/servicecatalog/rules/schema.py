"""Schema: the structure and types of catalog files, as the models define them.

The findings of this family are made by schema validation and catalog loading, below the rules
layer, so the rules are defined in ``_ruledefs/schema.py`` (docs/architecture.md#adding-a-rule) and
registered from here.
"""

from __future__ import annotations

from .._ruledefs.schema import (
    CATALOG_FILE_MISSING,
    RULES,
    SCHEMA_INVALID_VALUE,
    SCHEMA_MISSING_KEY,
    SCHEMA_UNKNOWN_KEY,
)

__all__ = [
    "CATALOG_FILE_MISSING",
    "RULES",
    "SCHEMA_INVALID_VALUE",
    "SCHEMA_MISSING_KEY",
    "SCHEMA_UNKNOWN_KEY",
]
