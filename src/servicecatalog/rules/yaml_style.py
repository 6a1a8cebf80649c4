"""YAML style: values this loader reads as written but other YAML tools read differently.

The findings of this family are made by the loader, below the rules layer, so the rules are defined
in ``_ruledefs/yaml_style.py`` (docs/architecture.md#adding-a-rule) and registered from here.
"""

from __future__ import annotations

from .._ruledefs.yaml_style import (
    RULES,
    YAML_UNQUOTED_CODE,
    YAML_UNQUOTED_DATE,
)

__all__ = [
    "RULES",
    "YAML_UNQUOTED_CODE",
    "YAML_UNQUOTED_DATE",
]
