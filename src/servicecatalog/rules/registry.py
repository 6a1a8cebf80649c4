"""The explicit registry of every rule family, and the runners of their checks.

Rule ids are stable kebab-case slugs and are never reused. Each rule's docstring is its user
documentation; ``servicecatalog rules`` prints it. The registry is a module of its own, not the
package's ``__init__``, so that importing one family (the loader imports ``rules.yaml_safety``)
imports no other (docs/architecture.md#adding-a-rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from .._paths import identity_path, item_code
from ..findings import Finding
from ..loader import LoadedDocument, Position
from . import (
    channels,
    configuration,
    deadlines,
    elements,
    forms,
    item_codes,
    legal_basis,
    levels,
    links,
    lists,
    manifest,
    materials,
    names,
    penalty,
    remedies,
    revision,
    schema,
    spreadsheet,
    synonyms,
    text,
    time_limits,
    visits,
    yaml_safety,
    yaml_style,
)
from ._base import (
    CheckedRule,
    Context,
    ImplementationEntry,
    ImplementationScope,
    ItemEntry,
    Rule,
    Source,
    Violation,
    data_text,
    load_source,
)

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "CheckedRule",
    "Context",
    "ImplementationEntry",
    "ImplementationScope",
    "ItemEntry",
    "Registry",
    "Rule",
    "Source",
    "Violation",
    "data_text",
    "finding_of",
    "load_source",
    "run_implementation_rules",
    "run_rules",
]

FAMILIES = (
    yaml_safety,
    yaml_style,
    schema,
    item_codes,
    names,
    text,
    legal_basis,
    materials,
    forms,
    time_limits,
    visits,
    channels,
    elements,
    remedies,
    lists,
    manifest,
    penalty,
    revision,
    deadlines,
    levels,
    synonyms,
    links,
    configuration,
    spreadsheet,
)


class Registry(Mapping[str, Rule]):
    """Every rule by id, in documentation order; ids are checked unique at import."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in self._rules:
                raise ValueError(f"rule id {rule.id} registered twice")
            self._rules[rule.id] = rule

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


REGISTRY = Registry(tuple(rule for family in FAMILIES for rule in family.RULES))


def run_rules(context: Context, registry: Registry = REGISTRY) -> list[Finding]:
    """Run every item and catalog check of ``registry`` over ``context``.

    Implementation checks run as each implementation list is loaded (see
    :func:`run_implementation_rules`). Findings carry the rules' default severities.
    """
    findings: list[Finding] = []
    for rule in registry.values():
        if not isinstance(rule, CheckedRule):
            continue
        for violation, document in rule.violations(context):
            findings.append(finding_of(rule, violation, document))
    return findings


def run_implementation_rules(
    entry: ImplementationEntry,
    document: LoadedDocument,
    scope: ImplementationScope,
    rules: Iterable[Rule],
) -> list[Finding]:
    """Run the implementation checks among ``rules`` on one implementation list."""
    findings = []
    for rule in rules:
        if isinstance(rule, CheckedRule) and rule.implementation_check is not None:
            for violation in rule.implementation_check(entry, scope):
                findings.append(finding_of(rule, violation, violation.document or document))
    return findings


def finding_of(rule: Rule, violation: Violation, document: LoadedDocument) -> Finding:
    """The finding a rule's violation makes, located in ``document``."""
    position: Position = (
        document.key_position(violation.loc) if violation.key else document.position(violation.loc)
    )
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=violation.message,
        message_en=violation.message_en,
        file=document.file,
        line=position.line,
        column=position.column,
        item=violation.item or item_code(document.data),
        path=identity_path(document.data, violation.loc) or None,
        related=violation.related,
    )
