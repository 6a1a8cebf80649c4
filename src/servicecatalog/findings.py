"""Validation results as values: :class:`Finding`, :class:`Severity` and :class:`Report`.

A finding names the rule that raised it, where in which file the offending value stands, the item it
concerns and the identity path of the element (``materials[M2].legal_basis``). Messages exist in
Chinese, the language of the staff who maintain the catalog, and in English.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from ._text import escape

__all__ = ["Finding", "Lang", "Report", "Severity"]

Lang = Literal["zh", "en"]


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for info: higher is more serious."""
        return _RANKS[self]

    def at_least(self, threshold: Severity) -> bool:
        """True when this severity is as serious as ``threshold`` or more."""
        return self.rank >= threshold.rank


_RANKS = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the catalog.

    ``line`` and ``column`` are 1-based and point at the offending value; both are ``None`` for a
    finding about a file as a whole (for example one that cannot be decoded) or about no file.
    """

    rule: str
    """The id of the rule that found it (kebab-case, stable; ``servicecatalog rules`` lists them)."""
    severity: Severity
    """How grave it is; configuration can change a rule's severity."""
    message: str
    """The message in Chinese (``text()`` gives it escaped, in either language)."""
    message_en: str
    """The message in English."""
    file: str | None = None
    """The file it is in; None for a finding about no file."""
    line: int | None = None
    """1-based line of the offending value; None for a file as a whole."""
    column: int | None = None
    """1-based column of the offending value; None for a file as a whole."""
    item: str | None = None
    """The code of the item it is about, if it is about one."""
    path: str | None = None
    """Where in the document the value is (``time_limit.committed.days``, ``materials[M2]``; a
    sheet and cell in a workbook); None for a document as a whole."""
    related: tuple[str, ...] = ()
    """Other files that take part in the finding (the earlier of two duplicates, the items of a
    list whose size is wrong): validating one of them alone reports it too."""

    def text(self, lang: Lang = "zh") -> str:
        """The message in ``lang``, with control, bidirectional and invisible characters escaped
        (``\\uXXXX``): a message that quotes catalog text can never break a line of output or
        reorder it. Every output format shows messages through this."""
        return escape(self.message_en if lang == "en" else self.message)

    def with_severity(self, severity: Severity) -> Finding:
        """A copy with another severity (configuration can change a rule's severity)."""
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, position and rule, the order a reader expects."""
        return (self.file or "", self.line or 0, self.column or 0, self.rule, self.path or "")

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The documented JSON shape of a finding."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.text(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "item": self.item,
            "path": self.path,
        }


@dataclass(frozen=True)
class Report:
    """The findings of one validation run and the number of items it looked at."""

    findings: tuple[Finding, ...] = ()
    """The findings, sorted by file and position."""
    items: int = 0
    """How many items the run looked at."""
    waived: tuple[Finding, ...] = field(default=())
    """Findings a waiver of the configuration silenced; they do not count."""

    @classmethod
    def of(cls, findings: Iterable[Finding], items: int, waived: Iterable[Finding] = ()) -> Report:
        """A report with ``findings`` sorted by file and position."""
        return cls(
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            items=items,
            waived=tuple(sorted(waived, key=Finding.sort_key)),
        )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def ok(self) -> bool:
        """True when the report holds no error."""
        return not self.at_least(Severity.ERROR)

    def at_least(self, threshold: Severity) -> list[Finding]:
        """The findings as serious as ``threshold`` or more."""
        return [f for f in self.findings if f.severity.at_least(threshold)]

    def for_rule(self, rule: str) -> list[Finding]:
        """The findings of one rule."""
        return [f for f in self.findings if f.rule == rule]

    def for_item(self, code: str) -> list[Finding]:
        """The findings about one item."""
        return [f for f in self.findings if f.item == code]

    def merged(self, others: Sequence[Finding]) -> Report:
        """A report with ``others`` added."""
        return Report.of([*self.findings, *others], self.items, self.waived)

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The documented JSON shape of a report."""
        return {
            "ok": self.ok,
            "items": self.items,
            "counts": self.counts,
            "findings": [f.to_dict(lang) for f in self.findings],
        }
