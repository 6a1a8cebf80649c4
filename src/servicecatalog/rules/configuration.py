"""Configuration: ``.servicecatalog.yaml``, its rule settings and its waivers.

The configuration (``config``) detects these rules, below the rules layer: this module defines
them and imports only the base layer, so that ``config`` can import it without loading any other
family (docs/architecture.md#adding-a-rule).
"""

from __future__ import annotations

from .._rule import Rule, emitted_rule
from ..findings import Severity

CONFIG_UNKNOWN_RULE = emitted_rule(
    __name__,
    "config-unknown-rule",
    Severity.ERROR,
    "配置引用了不存在的规则",
    "unknown rule id",
    """``.servicecatalog.yaml`` names a rule id that does not exist.

    Rule ids are stable and never reused, so an unknown id is a typo: the setting or waiver it
    carries would silently do nothing.

    中文
    ----
    ``.servicecatalog.yaml`` 中写了不存在的规则编号。

    规则编号稳定且永不复用，所以未知编号就是拼写错误：它所带的设置或豁免会悄悄失效。
    """,
)


WAIVER_EXPIRED = emitted_rule(
    __name__,
    "waiver-expired",
    Severity.ERROR,
    "豁免已过期",
    "a waiver has expired",
    """A waiver's ``expires`` date has passed (compared with ``--today``).

    Waivers are temporary by design: when one expires, either the item is fixed or the waiver is
    renewed with a new reason. The waived findings are reported again meanwhile.

    中文
    ----
    豁免的 ``expires`` 日期已过（与 ``--today`` 比较）。

    豁免本来就是临时的：到期时，要么事项已经改好，要么以新的理由续期。在此之前，被豁免的问题会重新报
    告。
    """,
)


WAIVER_UNUSED = emitted_rule(
    __name__,
    "waiver-unused",
    Severity.INFO,
    "豁免未被使用",
    "a waiver matches nothing",
    """A waiver matches no finding: the problem it excused is gone, so the waiver can go too.

    中文
    ----
    豁免没有匹配任何问题：它所豁免的问题已经不存在，这条豁免也可以删除了。
    """,
)


RULES: tuple[Rule, ...] = (CONFIG_UNKNOWN_RULE, WAIVER_EXPIRED, WAIVER_UNUSED)
