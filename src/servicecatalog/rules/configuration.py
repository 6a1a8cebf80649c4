"""Configuration: ``.servicecatalog.yaml``, its rule settings and its waivers."""

from __future__ import annotations

from ..findings import Severity
from ._base import Rule, emitted_rule


@emitted_rule("config-unknown-rule", Severity.ERROR, "配置引用了不存在的规则", "unknown rule id")
def config_unknown_rule() -> None:
    """``.servicecatalog.yaml`` names a rule id that does not exist.

    Rule ids are stable and never reused, so an unknown id is a typo: the setting or waiver it
    carries would silently do nothing.
    """


@emitted_rule("waiver-expired", Severity.ERROR, "豁免已过期", "a waiver has expired")
def waiver_expired() -> None:
    """A waiver's ``expires`` date has passed (compared with ``--today``).

    Waivers are temporary by design: when one expires, either the item is fixed or the waiver is
    renewed with a new reason. The waived findings are reported again meanwhile.
    """


@emitted_rule("waiver-unused", Severity.INFO, "豁免未被使用", "a waiver matches nothing")
def waiver_unused() -> None:
    """A waiver matches no finding: the problem it excused is gone, so the waiver can go too."""


RULES: tuple[Rule, ...] = (config_unknown_rule, waiver_expired, waiver_unused)
