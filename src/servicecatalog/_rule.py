"""What a rule is: an id, a default severity, a summary, its documentation and its family.
(docs/architecture.md#adding-a-rule)

A rule's documentation is in English and then in Chinese: the Chinese text follows a heading
``中文`` underlined with dashes. ``servicecatalog rules RULE_ID`` prints one of them (``--lang``),
and ``docs/rules.md`` both.

The rules layer adds the checks (``rules._base.CheckedRule``). A rule whose findings are made below
it — while a file is read, validated or configured — is a plain :class:`Rule`, defined in a family
module of ``rules/`` that imports only the base layer, so that the module that detects it makes
its findings from the object (:meth:`Rule.finding`), never from its id spelled again.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Literal

from .findings import Finding, Lang, Severity

__all__ = ["Rule", "Scope", "emitted_rule", "split_doc"]

Scope = Literal["item", "catalog", "implementation", "emitted"]
"""Where a rule's check runs: on each item, on the whole catalog, on each implementation list as
it is loaded, or not in the rules layer at all (its findings are emitted where it is detected)."""


@dataclass(frozen=True)
class Rule:
    """A rule. Its ``doc`` and ``doc_zh`` (in English and in Chinese) are its user
    documentation."""

    id: str
    severity: Severity
    summary: str
    summary_en: str
    doc: str
    family: str
    scope: Scope
    doc_zh: str = ""
    """The documentation in Chinese, the language of the staff who maintain catalogs."""

    def documentation(self, lang: Lang = "zh") -> str:
        """The documentation in ``lang``."""
        return self.doc if lang == "en" else self.doc_zh

    def summary_in(self, lang: Lang = "zh") -> str:
        """The summary in ``lang``."""
        return self.summary_en if lang == "en" else self.summary

    def finding(
        self,
        message: str,
        message_en: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        item: str | None = None,
        path: str | None = None,
        related: tuple[str, ...] = (),
    ) -> Finding:
        """A finding of this rule, with its id and its default severity."""
        return Finding(
            rule=self.id,
            severity=self.severity,
            message=message,
            message_en=message_en,
            file=file,
            line=line,
            column=column,
            item=item,
            path=path,
            related=related,
        )


_ZH_HEADING = "中文"


def split_doc(docstring: str) -> tuple[str, str]:
    """The English and the Chinese part of a rule's docstring (``""`` for a part it lacks)."""
    lines = docstring.splitlines()
    for index in range(len(lines) - 1):
        underline = lines[index + 1]
        if lines[index] == _ZH_HEADING and underline and set(underline) == {"-"}:
            english = "\n".join(lines[:index]).strip()
            return english, "\n".join(lines[index + 2 :]).strip()
    return docstring.strip(), ""


def emitted_rule(
    module: str,
    rule_id: str,
    severity: Severity,
    summary: str,
    summary_en: str,
    doc: str,
    scope: Scope = "emitted",
) -> Rule:
    """A rule of the family ``module`` (its ``__name__``) whose findings the module that detects
    it makes; ``doc`` is written as a docstring is."""
    english, chinese = split_doc(inspect.cleandoc(doc))
    family = module.rsplit(".", 1)[-1]
    return Rule(rule_id, severity, summary, summary_en, english, family, scope, doc_zh=chinese)
