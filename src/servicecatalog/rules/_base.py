"""A rule and its check: what checks see (:class:`Context`), what they report (:class:`Violation`)
and the decorators that register them (docs/architecture.md#adding-a-rule).

A checked rule's docstring is its user documentation, in English and then in Chinese (see
:mod:`servicecatalog._rule`, where :class:`Rule` itself is defined, below the loader, so that the
modules that detect a rule while reading files can make its findings from the object).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .._files import ReadProblem
from .._parse_cache import ParsePack
from .._rule import Rule, emitted_rule, split_doc
from ..findings import Severity
from ..loader import LoadedDocument, Loc, load_content, load_file
from ..model import ImplementationList, Item, Law, Level, Manifest, Referral, Region, Synonym
from ..workdays import WorkdayCalendar

__all__ = [
    "CatalogCheck",
    "CheckedRule",
    "Context",
    "ImplementationCheck",
    "ImplementationEntry",
    "ImplementationScope",
    "ItemCheck",
    "ItemEntry",
    "Rule",
    "Source",
    "Violation",
    "catalog_check",
    "catalog_rule",
    "emitted_rule",
    "implementation_rule",
    "item_rule",
    "list_text",
    "load_source",
    "split_doc",
]


def list_text(entry: ImplementationEntry) -> str:
    """Every string of an implementation list, joined by spaces in no particular order: what a
    search for a character or a word that no space makes or hides looks at first, before walking
    the list value by value.

    The strings of the file as it was read (``entry.text``) where the loader kept them: every
    value of the list comes from them (its entries and the defaults merged into them), and they
    are a fraction of the merged list's. Otherwise the list's own values, walked."""
    if entry.text is not None:
        return entry.text
    strings: list[str] = []
    pending: list[object] = [entry.implementations]
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, tuple):
            pending.extend(node)
        elif isinstance(node, BaseModel):
            pending.extend(vars(node).values())
    return " ".join(strings)


def located_strings(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string value of a file's plain ``data`` with its location (keys are the schema's
    business)."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from located_strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from located_strings(value, (*loc, index))


def data_text(data: Any) -> str:
    """Every string value of a file's plain ``data``, joined by spaces in no particular order:
    what a search that no space can make or hide looks at first, before walking the file value
    by value with locations."""
    strings: list[str] = []
    pending = [data]
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return " ".join(strings)


def searched(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Register ``pattern`` for :func:`document_holds` (at import, by the rule module that
    searches for it); returns it."""
    _SEARCHED.setdefault(pattern, len(_SEARCHED))
    return pattern


def document_holds(context: Context, document: LoadedDocument, pattern: re.Pattern[str]) -> bool:
    """Whether a string value of ``document`` holds a match of ``pattern`` (registered with
    :func:`searched`): one search over the values joined, where a space can neither make nor
    hide a match. The values are joined once in a load for every registered pattern, and only
    the answers are kept (in ``context.memo``, for as long as the load)."""
    answers = context.memo.get(_ANSWERS_KEY)
    if not isinstance(answers, dict):
        answers = context.memo[_ANSWERS_KEY] = {}
    found = answers.get(id(document))
    if found is None:
        text = data_text(document.data)
        found = answers[id(document)] = frozenset(
            number for searched, number in _SEARCHED.items() if searched.search(text)
        )
    return _SEARCHED[pattern] in found


_SEARCHED: dict[re.Pattern[str], int] = {}
_ANSWERS_KEY = "_base.searched-documents"


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


def load_source(
    source: Source, file: str, *, positions: bool = True, pack: ParsePack | None = None
) -> LoadedDocument:
    """Parse the file named ``file`` from ``source`` (or take its parse from ``pack``)."""
    if isinstance(source, Path):
        return load_file(source, file, positions=positions, pack=pack)
    return load_content(source, file, positions=positions, pack=pack)


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
    text: str | None = None
    """The file's values joined (:func:`data_text`), where it was just read: see
    :func:`list_text`."""
    pack: ParsePack | None = field(default=None, compare=False, repr=False)
    """The pack of the load it came from: read again while the catalog loads, the file's parse
    comes from there (see :mod:`.._parse_cache`)."""

    def load_document(self) -> LoadedDocument:
        """The parsed file, read again."""
        return load_source(self.source, self.file, pack=self.pack)


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


@dataclass(frozen=True)
class CheckedRule(Rule):
    """A rule and its check, which runs in the rules layer (its ``scope`` says on what)."""

    item_check: ItemCheck | None = None
    catalog_check: CatalogCheck | None = None
    implementation_check: ImplementationCheck | None = None
    """Run on each implementation list as it is loaded (possibly in a worker process)."""

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


CheckScope = Literal["item", "catalog", "implementation"]
_CHECK_FIELDS: dict[CheckScope, str] = {
    "item": "item_check",
    "catalog": "catalog_check",
    "implementation": "implementation_check",
}


def _rule_of(
    function: Callable[..., Any], scope: CheckScope, header: tuple[str, Severity, str, str]
) -> CheckedRule:
    rule_id, severity, summary, summary_en = header
    doc, doc_zh = split_doc(inspect.getdoc(function) or "")
    return CheckedRule(
        rule_id,
        severity,
        summary,
        summary_en,
        doc,
        _family(function),
        scope,
        doc_zh=doc_zh,
        **{_CHECK_FIELDS[scope]: function},
    )


def item_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[ItemCheck], CheckedRule]:
    """Register ``function(item, context)`` as the check of rule ``rule_id``."""
    return lambda function: _rule_of(function, "item", (rule_id, severity, summary, summary_en))


def catalog_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[CatalogCheck], CheckedRule]:
    """Register ``function(context)`` as the catalog-wide check of rule ``rule_id``."""
    return lambda function: _rule_of(function, "catalog", (rule_id, severity, summary, summary_en))


def implementation_rule(
    rule_id: str, severity: Severity, summary: str, summary_en: str
) -> Callable[[ImplementationCheck], CheckedRule]:
    """Register ``function(entry, scope)`` as a check run on every implementation list."""
    header = (rule_id, severity, summary, summary_en)
    return lambda function: _rule_of(function, "implementation", header)


def catalog_check(rule: Rule) -> Callable[[CatalogCheck], CheckedRule]:
    """Register ``function(context)`` as the catalog-wide check of ``rule``, a rule defined with
    :func:`emitted_rule` because another module makes its findings too: its id, severity and
    documentation stay the definition's."""
    assert rule.scope == "catalog", f"{rule.id} is not a catalog rule"
    fields = {name: getattr(rule, name) for name in Rule.__dataclass_fields__}
    return lambda function: CheckedRule(**fields, catalog_check=function)
