"""YAML style: values this loader reads as written but other YAML tools read differently.

The loader detects these rules, below the rules layer: this module defines them and imports only
the base layer, so that it can import it without loading any other family
(docs/architecture.md#adding-a-rule).
"""

from __future__ import annotations

from .._rule import Rule, emitted_rule
from ..findings import Severity

YAML_UNQUOTED_CODE = emitted_rule(
    __name__,
    "yaml-unquoted-code",
    Severity.WARNING,
    "编码或电话号码未加引号",
    "a code written unquoted",
    """A code, a region code or a phone number is written without quotes (``code:
    220114043000``, ``department: 0114``, ``phone: 12333``).

    servicecatalog reads every value as the text it is, so the file validates. Other YAML tools do
    not: editors, ``check-jsonschema`` and portal backends read the value as a number — ``0114``
    becomes 76 (YAML 1.1, an octal number) or 114 (YAML 1.2) — and our own JSON Schemas refuse a
    number where a code belongs. Quote it: ``department: "0114"``. The keys checked, in every
    catalog file: ``code``, ``province``, ``department``, ``region``, ``parent``, ``item``,
    ``phone`` and ``complaint_phone``.

    中文
    ----
    编码、区划代码或电话号码没有加引号（如 ``code: 220114043000``、``department: 0114``、
    ``phone: 12333``）。

    servicecatalog 把每个值都按原样读作文本，所以文件能通过校验；其他 YAML 工具却不是这样：编辑器、
    ``check-jsonschema`` 和门户后台会把它读成数字——``0114`` 在 YAML 1.1 中是八进制数 76，在 YAML 1.2
    中是 114——本项目发布的 JSON Schema 也不接受在编码处出现数字。请加上引号：``department: "0114"``。
    在所有目录文件中检查的键：``code``、``province``、``department``、``region``、``parent``、
    ``item``、``phone`` 和 ``complaint_phone``。
    """,
)


YAML_UNQUOTED_DATE = emitted_rule(
    __name__,
    "yaml-unquoted-date",
    Severity.WARNING,
    "日期未加引号",
    "a date written unquoted",
    """A date (or a date and time) is written without quotes (``changed_on: 2026-12-01``,
    ``effective: 1995-01-01``), as a value or as a key, in any catalog file.

    servicecatalog reads every value as the text it is, and so do YAML 1.2 tools
    (``check-jsonschema``). YAML 1.1 tools do not: js-yaml (which JavaScript toolchains, ajv and
    editors use) and PyYAML's ``safe_load`` read an unquoted date as a timestamp, and our own
    JSON Schemas, which want a date as text, refuse it there. Quote it so that every reader gets
    the same value: ``changed_on: "2026-12-01"``.

    中文
    ----
    日期（或日期加时间）没有加引号（如 ``changed_on: 2026-12-01``、``effective: 1995-01-01``），
    无论作为值还是作为键，在任何目录文件中。

    servicecatalog 把每个值都按原样读作文本，YAML 1.2 工具（``check-jsonschema``）也是如此；
    YAML 1.1 工具却不是：js-yaml（JavaScript 工具链、ajv 和编辑器使用它）和 PyYAML 的 ``safe_load``
    会把未加引号的日期读成时间戳，本项目发布的 JSON Schema 要求日期为文本，在那里就不通过。
    请加上引号，让所有读取方得到同样的值：``changed_on: "2026-12-01"``。
    """,
)


RULES: tuple[Rule, ...] = (YAML_UNQUOTED_CODE, YAML_UNQUOTED_DATE)
