"""Schema: the structure and types of catalog files, as the models define them.

Schema validation and catalog loading detect these rules, partly below the rules layer: this
module defines them and imports only the base layer, so that ``_validation`` can import it without
loading any other family (docs/architecture.md#adding-a-rule).
"""

from __future__ import annotations

from .._rule import Rule, emitted_rule
from ..findings import Severity

SCHEMA_MISSING_KEY = emitted_rule(
    __name__,
    "schema-missing-key",
    Severity.ERROR,
    "缺少必填字段",
    "a required key is missing",
    """A required key is missing. The finding points at the mapping that should hold it.

    Every item states all eight elements; where an element is empty by nature it is written
    empty (``forms: []``, ``legal: null``) so that a reader sees it was considered.

    中文
    ----
    缺少必填字段。问题定位在应当包含该字段的映射上。

    每个事项都写明全部八个要素；某个要素本来为空时也要写成空值（``forms: []``、``legal: null``），让
    读者看到它已被考虑过。
    """,
)


SCHEMA_UNKNOWN_KEY = emitted_rule(
    __name__,
    "schema-unknown-key",
    Severity.ERROR,
    "未知字段",
    "an unknown key",
    """A key the format does not define. Usually a typo; the finding suggests the closest key.

    Unknown keys are errors rather than ignored so a misspelt element is never silently lost.

    中文
    ----
    出现了格式中没有定义的字段，通常是拼写错误；问题中会提示最接近的字段名。

    未知字段按错误处理而不是忽略，以免拼错的要素被悄悄丢掉。
    """,
)


SCHEMA_INVALID_VALUE = emitted_rule(
    __name__,
    "schema-invalid-value",
    Severity.ERROR,
    "取值无效",
    "an invalid value",
    """A value has the wrong type or is not one of the allowed terms.

    Numbers are ASCII digits (full-width ``３`` is refused), booleans are ``true``/``false``
    (not ``yes``/``no``), dates are ``YYYY-MM-DD``, and closed vocabularies take the official
    Chinese terms exactly (``原件``, ``电子文件``, ``工作日``…).

    中文
    ----
    取值的类型不对，或者不是允许的取值之一。

    数字用半角阿拉伯数字书写（全角的 ``３`` 不行），布尔值写 ``true``/``false``（不是 ``yes``/``no``），
    日期写成 ``YYYY-MM-DD``，封闭词表的取值必须与官方中文术语完全一致（``原件``、``电子文件``、
    ``工作日`` 等）。
    """,
)


CATALOG_FILE_MISSING = emitted_rule(
    __name__,
    "catalog-file-missing",
    Severity.ERROR,
    "缺少目录文件",
    "a catalog file is missing",
    """A catalog folder holds ``catalog.yaml``, ``laws.yaml`` and an ``items/`` folder.

    Without ``laws.yaml`` no citation can be checked; without ``items/`` there is nothing to
    publish.

    中文
    ----
    目录文件夹中应有 ``catalog.yaml``、``laws.yaml`` 和 ``items/`` 文件夹。

    没有 ``laws.yaml`` 就无法核对任何法规引用；没有 ``items/`` 就没有可以发布的事项。
    """,
)


RULES: tuple[Rule, ...] = (
    SCHEMA_MISSING_KEY,
    SCHEMA_UNKNOWN_KEY,
    SCHEMA_INVALID_VALUE,
    CATALOG_FILE_MISSING,
)
