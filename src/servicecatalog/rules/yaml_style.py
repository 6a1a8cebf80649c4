"""YAML style: values this loader reads as written but other YAML tools read differently. The
loader emits these findings."""

from __future__ import annotations

from ..findings import Severity
from ._base import Rule, emitted_rule


@emitted_rule(
    "yaml-unquoted-code", Severity.WARNING, "编码或电话号码未加引号", "a code written unquoted"
)
def yaml_unquoted_code() -> None:
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
    """


RULES: tuple[Rule, ...] = (yaml_unquoted_code,)
