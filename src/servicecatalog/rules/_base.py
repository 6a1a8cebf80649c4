"""What a rule is: an id, a default severity, a summary, its docstring, and a check.

A rule's docstring is its user documentation, in English and then in Chinese: the Chinese text
follows a heading ``中文`` underlined with dashes. ``servicecatalog rules RULE_ID`` prints one of
them (``--lang``), and ``docs/rules.md`` both.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .._files import ReadProblem
from ..findings import Lang, Severity
from ..loader import LoadedDocument, Loc, load_content, load_file
from ..model import ImplementationList, Item, Law, Level, Manifest, Referral, Region, Synonym
from ..workdays import WorkdayCalendar

__all__ = [
    "CatalogCheck",
    "Context",
    "ImplementationCheck",
    "ImplementationEntry",
    "ImplementationScope",
    "ItemCheck",
    "ItemEntry",
    "Rule",
    "Source",
    "Violation",
    "catalog_rule",
    "emitted_rule",
    "implementation_rule",
    "item_rule",
    "list_text",
    "load_source",
    "split_doc",
]


class _ListText:
    """The text of the implementation list last asked about: the rules that search a list's
    text ask in turn about each list as it is loaded, which is walked once, not once a rule."""

    implementations: ImplementationList | None = None
    text = ""


def list_text(implementations: ImplementationList) -> str:
    """Every string of ``implementations`` (its fields, tuples of them, nested models), joined
    by spaces in no particular order: what a search for a character or a word that no space
    makes or hides looks at first, before walking the list value by value."""
    if _ListText.implementations is not implementations:
        strings: list[str] = []
        pending: list[object] = [implementations]
        while pending:
            node = pending.pop()
            if isinstance(node, str):
                strings.append(node)
            elif isinstance(node, tuple):
                pending.extend(node)
            elif isinstance(node, BaseModel):
                pending.extend(vars(node).values())
        _ListText.implementations, _ListText.text = implementations, " ".join(strings)
    return _ListText.text


@dataclass(frozen=True, slots=True)
class Violation:
    """What a check reports: where (document and location), about which item, and why.

    ``document`` may be left out by item checks: the item's own file is meant.
    """

    loc: Loc
    message: str
    message_en: str
    document: LoadedDocument | None = None
    item: str | None = None
    key: bool = False
    """Point at the key of the value at ``loc`` rather than at the value."""
    related: tuple[str, ...] = ()
    """Other files (as findings name them) that take part: the finding's ``related``."""


@dataclass(frozen=True, slots=True)
class ItemEntry:
    """A valid item and the document it was loaded from."""

    item: Item
    document: LoadedDocument


Source = Path | bytes | ReadProblem
"""Where a file's content comes from: a path to read, the bytes read from git, or why it cannot
be read."""


def load_source(source: Source, file: str, *, positions: bool = True) -> LoadedDocument:
    """Parse the file named ``file`` from ``source``."""
    if isinstance(source, Path):
        return load_file(source, file, positions=positions)
    return load_content(source, file, positions=positions)


@dataclass(frozen=True, slots=True)
class ImplementationEntry:
    """A valid implementation list, the name of its file and where to read it again.

    Implementation lists are many (tens of thousands at provincial scale) and may be loaded in
    worker processes, so their parsed documents are not kept: :meth:`load_document` reads the file
    again for the rare finding that needs a position after loading.
    """

    implementations: ImplementationList
    file: str
    source: Source

    def load_document(self) -> LoadedDocument:
        """The parsed file, read again."""
        return load_source(self.source, self.file)


@dataclass(frozen=True)
class ImplementationScope:
    """What implementation checks see: the items' levels, every item code, the regions."""

    item_levels: Mapping[str, tuple[Level, ...]]
    known_items: frozenset[str]
    regions: Mapping[str, Region]


@dataclass
class Context:
    """What catalog-wide checks see: every valid item, the manifest, the laws, today's date."""

    today: date
    manifest: Manifest | None = None
    manifest_document: LoadedDocument | None = None
    laws: dict[str, Law] = field(default_factory=dict)
    laws_document: LoadedDocument | None = None
    items: list[ItemEntry] = field(default_factory=list)
    calendar: WorkdayCalendar | None = None
    """The working-day calendar with the catalog's overrides; None if it could not be made."""
    regions: dict[str, Region] = field(default_factory=dict)
    region_list: tuple[Region, ...] = ()
    """The regions in file order, duplicates included (``regions`` keeps the first of a code)."""
    regions_document: LoadedDocument | None = None
    implementation_lists: list[ImplementationEntry] = field(default_factory=list)
    synonyms: tuple[Synonym, ...] = ()
    synonyms_document: LoadedDocument | None = None
    referrals: tuple[Referral, ...] = ()
    referrals_document: LoadedDocument | None = None
    broken_items: dict[str, str] = field(default_factory=dict)
    """Item files that did not validate: the code their name gives, and the file's name in
    findings. Catalog-wide counts take them into account."""
    memo: dict[str, object] = field(default_factory=dict)
    """What one rule found that others of its family reuse in the same run, by a key the
    family's module owns (the text rules share which documents need a close look)."""


ItemCheck = Callable[[Item, Context], Iterable[Violation]]
CatalogCheck = Callable[[Context], Iterable[Violation]]
ImplementationCheck = Callable[[ImplementationEntry, ImplementationScope], Iterable[Violation]]
Scope = Literal["item", "catalog", "implementation", "emitted"]


@dataclass(frozen=True)
class Rule:
    """A registered rule. Its ``doc`` and ``doc_zh`` (the check's docstring, in English and in
    Chinese) are its user documentation."""

    id: str
    severity: Severity
    summary: str
    summary_en: str
    doc: str
    family: str
    scope: Scope
    item_check: ItemCheck | None = None
    catalog_check: CatalogCheck | None = None
    implementation_check: ImplementationCheck | None = None
    """Run on each implementation list as it is loaded (possibly in a worker process)."""
    doc_zh: str = ""
    """The documentation in Chinese, the language of the staff who maintain catalogs."""

    def documentation(self, lang: Lang = "zh") -> str:
        """The documentation in ``lang``."""
        return self.doc if lang == "en" else self.doc_zh

    def summary_in(self, lang: Lang = "zh") -> str:
        """The summary in ``lang``."""
        return self.summary_en if lang == "en" else self.summary

    def violations(self, context: Context) -> Iterator[tuple[Violation, LoadedDocument]]:
        """Run the check; pair each violation with the document it concerns."""
        if self.item_check is not None:
            for entry in context.items:
                for violation in self.item_check(entry.item, context):
                    yield violation, violation.document or entry.document
        elif self.catalog_check is not None:
            for violation in self.catalog_check(context):
                if violation.document is not None:
                    yield violation, violation.document


def _family(function: Callable[..., object]) -> str:
    return function.__module__.rsplit(".", 1)[-1]


def _rule_of(
    function: Callable[..., Any], scope: Scope, header: tuple[str, Severity, str, str]
) -> Rule:
    rule_id, severity, summary, summary_en = header
    doc, doc_zh = split_doc(inspect.getdoc(function) or "")
    checks = {
        "item": {"item_check": function},
        "catalog": {"catalog_check": function},
        "implementation": {"implementation_check": function},
        "emitted": {},
    }[scope]
    return Rule(
        rule_id,
        severity,
        summary,
        summary_en,
        doc,
        _family(function),
        scope,
        doc_zh=doc_zh,
        **checks,
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


def item_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[ItemCheck], Rule]:
    """Register ``function(item, context)`` as the check of rule ``rule_id``."""
    return lambda function: _rule_of(function, "item", (rule_id, severity, summary, summary_en))


def catalog_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[CatalogCheck], Rule]:
    """Register ``function(context)`` as the catalog-wide check of rule ``rule_id``."""
    return lambda function: _rule_of(function, "catalog", (rule_id, severity, summary, summary_en))


def implementation_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[ImplementationCheck], Rule]:
    """Register ``function(entry, scope)`` as a check run on every implementation list."""
    header = (rule_id, severity, summary, summary_en)
    return lambda function: _rule_of(function, "implementation", header)


def emitted_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[Callable[[], None]], Rule]:
    """Document a rule whose findings another stage emits (the loader, schema validation)."""
    return lambda function: _rule_of(function, "emitted", (rule_id, severity, summary, summary_en))
