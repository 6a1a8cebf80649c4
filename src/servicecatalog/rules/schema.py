"""Schema: the structure and types of catalog files, as the models define them."""

from __future__ import annotations

from ..findings import Severity
from ._base import Rule, emitted_rule


@emitted_rule("schema-missing-key", Severity.ERROR, "缺少必填字段", "a required key is missing")
def schema_missing_key() -> None:
    """A required key is missing. The finding points at the mapping that should hold it.

    Every item states all eight elements; where an element is empty by nature it is written
    empty (``forms: []``, ``legal: null``) so that a reader sees it was considered.
    """


@emitted_rule("schema-unknown-key", Severity.ERROR, "未知字段", "an unknown key")
def schema_unknown_key() -> None:
    """A key the format does not define. Usually a typo; the finding suggests the closest key.

    Unknown keys are errors rather than ignored so a misspelt element is never silently lost.
    """


@emitted_rule("schema-invalid-value", Severity.ERROR, "取值无效", "an invalid value")
def schema_invalid_value() -> None:
    """A value has the wrong type or is not one of the allowed terms.

    Numbers are ASCII digits (full-width ``３`` is refused), booleans are ``true``/``false``
    (not ``yes``/``no``), dates are ``YYYY-MM-DD``, and closed vocabularies take the official
    Chinese terms exactly (``原件``, ``电子文件``, ``工作日``…).
    """


@emitted_rule("catalog-file-missing", Severity.ERROR, "缺少目录文件", "a catalog file is missing")
def catalog_file_missing() -> None:
    """A catalog folder holds ``catalog.yaml``, ``laws.yaml`` and an ``items/`` folder.

    Without ``laws.yaml`` no citation can be checked; without ``items/`` there is nothing to
    publish.
    """


RULES: tuple[Rule, ...] = (
    schema_missing_key,
    schema_unknown_key,
    schema_invalid_value,
    catalog_file_missing,
)
