"""``.servicecatalog.yaml``: rule severities, rules turned off, and waivers that expire.

```yaml
rules:
  materials-missing: info        # error | warning | info | off
waivers:
  - rule: visits-exceed-one
    item: "220114001000"
    reason: 需现场核验原件，2027 年起改为电子证照
    expires: 2027-03-31
```

The file is found by looking in the catalog folder and then in each folder above it; the first one
found applies. A waiver suppresses the findings of one rule for one item until it expires; an
expired waiver is itself an error and suppresses nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import Field

from ._validation import validate_document
from .findings import Finding, Severity
from .loader import LoadedDocument, load_file
from .model import Day, Text, _Frozen
from .rules.configuration import CONFIG_UNKNOWN_RULE, WAIVER_EXPIRED, WAIVER_UNUSED

__all__ = [
    "CONFIG_FILE_NAME",
    "Config",
    "LoadedConfig",
    "RuleSetting",
    "Waiver",
    "apply_config",
    "find_config",
    "load_config",
]

CONFIG_FILE_NAME = ".servicecatalog.yaml"


class RuleSetting(StrEnum):
    """What a configuration can make of a rule."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


class Waiver(_Frozen):
    """Findings of ``rule`` about ``item`` are accepted, for ``reason``, until ``expires``."""

    rule: Text
    item: Text
    reason: Text
    expires: Day


class Config(_Frozen):
    """The content of ``.servicecatalog.yaml``."""

    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration, the document it came from (if any) and the problems found in it."""

    config: Config
    document: LoadedDocument | None = None
    findings: tuple[Finding, ...] = ()


def find_config(start: Path) -> Path | None:
    """The nearest ``.servicecatalog.yaml`` in ``start`` or a folder above it.

    Anything of that name but a folder counts, so that a FIFO or a broken link is reported
    rather than silently passed over for a configuration further up.
    """
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE_NAME
        if os.path.lexists(candidate) and not candidate.is_dir():
            return candidate
    return None


def load_config(source: Path | LoadedDocument | None, known_rules: Iterable[str]) -> LoadedConfig:
    """Load the configuration at ``source`` (a file, or one already parsed); ``None`` gives the
    defaults."""
    if source is None:
        return LoadedConfig(Config())
    document = load_file(source) if isinstance(source, Path) else source
    if not document.usable:
        return LoadedConfig(Config(), document, document.findings)
    config, findings = validate_document(Config, document)
    if config is None:
        return LoadedConfig(Config(), document, (*document.findings, *findings))
    unknown = _unknown_rules(config, document, set(known_rules))
    return LoadedConfig(config, document, (*document.findings, *unknown))


def _unknown_rules(config: Config, document: LoadedDocument, known: set[str]) -> list[Finding]:
    located: list[tuple[tuple[str | int, ...], str]] = [
        (("rules", rule_id), rule_id) for rule_id in config.rules
    ]
    located += [(("waivers", i, "rule"), w.rule) for i, w in enumerate(config.waivers)]
    findings = []
    for loc, rule_id in located:
        if rule_id not in known:
            position = document.key_position(loc) if loc[0] == "rules" else document.position(loc)
            findings.append(
                CONFIG_UNKNOWN_RULE.finding(
                    f"规则 “{rule_id}” 不存在（servicecatalog rules 列出全部规则）",
                    f"there is no rule '{rule_id}' (servicecatalog rules lists them)",
                    file=document.file,
                    line=position.line,
                    column=position.column,
                )
            )
    return findings


def apply_config(
    findings: Iterable[Finding], loaded: LoadedConfig, today: date
) -> tuple[list[Finding], list[Finding]]:
    """Apply settings and waivers: return (findings that stand, findings waived)."""
    settings: Mapping[str, RuleSetting] = loaded.config.rules
    active = {(w.rule, w.item): w for w in loaded.config.waivers if w.expires >= today}
    used: set[tuple[str, str]] = set()
    kept: list[Finding] = [*loaded.findings]
    waived: list[Finding] = []
    for finding in findings:
        setting = settings.get(finding.rule)
        if setting is RuleSetting.OFF:
            continue
        if setting is not None:
            finding = finding.with_severity(Severity(setting.value))
        key = (finding.rule, finding.item or "")
        if key in active:
            used.add(key)
            waived.append(finding)
        else:
            kept.append(finding)
    kept.extend(_waiver_findings(loaded, today, used))
    return kept, waived


def _waiver_findings(
    loaded: LoadedConfig, today: date, used: set[tuple[str, str]]
) -> list[Finding]:
    document = loaded.document
    if document is None:
        return []
    findings = []
    for index, waiver in enumerate(loaded.config.waivers):
        if waiver.expires < today:
            rule = WAIVER_EXPIRED
            message = f"规则 {waiver.rule} 对事项 {waiver.item} 的豁免已于 {waiver.expires} 过期"
            message_en = (
                f"the waiver of {waiver.rule} for item {waiver.item} expired on {waiver.expires}"
            )
            loc: tuple[str | int, ...] = ("waivers", index, "expires")
        elif (waiver.rule, waiver.item) not in used:
            rule = WAIVER_UNUSED
            message = f"规则 {waiver.rule} 对事项 {waiver.item} 的豁免没有匹配任何问题，可以删除"
            message_en = f"the waiver of {waiver.rule} for item {waiver.item} matches nothing"
            loc = ("waivers", index)
        else:
            continue
        position = document.position(loc)
        setting = loaded.config.rules.get(rule.id)
        if setting is RuleSetting.OFF:
            continue
        finding = rule.finding(
            message,
            message_en,
            file=document.file,
            line=position.line,
            column=position.column,
            item=waiver.item,
        )
        findings.append(finding.with_severity(Severity(setting.value)) if setting else finding)
    return findings
