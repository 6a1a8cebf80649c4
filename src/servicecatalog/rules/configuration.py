"""Configuration: ``.servicecatalog.yaml``, its rule settings and its waivers.

The findings of this family are made by the configuration, below the rules layer, so the rules are
defined in ``_ruledefs/configuration.py`` (docs/architecture.md#adding-a-rule) and registered from
here.
"""

from __future__ import annotations

from .._ruledefs.configuration import (
    CONFIG_UNKNOWN_RULE,
    RULES,
    WAIVER_EXPIRED,
    WAIVER_UNUSED,
)

__all__ = [
    "CONFIG_UNKNOWN_RULE",
    "RULES",
    "WAIVER_EXPIRED",
    "WAIVER_UNUSED",
]
