"""Changes between two versions of a catalog, classified by what they do to the applicant's burden.

Items are matched by code; materials, steps and forms by id; form fields by name; conditions by
text; FAQs by question; laws by id; regions by code; implementations by region and item. Positions
never matter, so reordering a list is no change and renaming a material keeps its identity.

Every field of every model is compared (:data:`~servicecatalog.fields.FIELD_ELEMENTS` lists them):
a field with a specific differ gets the kinds written for it below; any other field that changed
is reported as a generic ``<field>-changed``, neutral. A change to an implementation list carries
the list's ``region``; the implementations are compared with their list's defaults merged in, so a
changed default is a change of every entry that inherits it.

Every change has a stable ``kind`` with a fixed ``direction`` and the reason for it. The burden
decreases are the reform's 减条件、减环节、减时限、减证明, fewer visits and more online: a condition,
step, material or day removed; a material newly exempted (三个不提交), optional or deferrable; more
people who may apply, a wider 通办范围, a deeper 网上办理深度, a region that newly handles an item.
Their opposites are burden increases; what neither adds nor removes work for the applicant (names,
citations, addresses, phones) is neutral. ``servicecatalog diff --kinds`` lists them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from .fields import FIELD_ELEMENTS, Element, ElementGroup
from .kinds import EXPLICIT_KINDS, NEUTRAL_REASON, Direction, KindSpec
from .model import (
    Faq,
    Form,
    FormField,
    HandlingStep,
    Implementation,
    ImplementationList,
    IntermediaryService,
    Item,
    Law,
    LegalReference,
    Material,
    Region,
    Requirement,
    Scope,
    ServiceStep,
)

__all__ = [
    "ELEMENTS",
    "KINDS",
    "PUBLISHED_ELEMENTS",
    "CatalogVersion",
    "Change",
    "Changes",
    "Direction",
    "KindSpec",
    "diff_catalogs",
    "diff_implementation_lists",
    "diff_items",
]


T = TypeVar("T")


ELEMENTS: tuple[str, ...] = tuple(element.key for element in Element)
"""Every element a change can belong to: the eight, conditions, visits, the national guide
elements, the local elements of implementation lists, ``meta`` and ``internal``."""

PUBLISHED_ELEMENTS = frozenset(element.key for element in Element if element.published)
"""A change to one of these must be published within the working-day limit
(docs/architecture.md#publication)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change: which item (and which region's list), which element, what kind, which way,
    where, from what to what."""

    item: str | None
    """The code of the item changed; None for a change of the law registry or the regions."""
    element: str
    """The element it belongs to (one of the eight, ``conditions``, ``meta``, ``internal``, …)."""
    kind: str
    """Its stable kind (``servicecatalog diff --kinds`` lists them with their directions)."""
    direction: Direction
    """Which way it moves the applicant's burden."""
    path: str
    """Where the value sits (``materials[M5]``, ``legal_basis[labor-law].articles``)."""
    old: Any
    """The value before; None for something added."""
    new: Any
    """The value after; None for something removed."""
    region: str | None = None
    """The region whose implementation list changed; None for a change of the item itself."""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a change."""
        return {
            "item": self.item,
            "region": self.region,
            "element": self.element,
            "kind": self.kind,
            "direction": self.direction.value,
            "path": self.path,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Changes:
    """All changes between two catalogs: items by code, then laws, regions and implementation
    lists by region."""

    changes: tuple[Change, ...]
    """Every change, in that order."""

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def counts(self) -> dict[str, int]:
        """Number of changes per direction, every direction present."""
        counted = Counter(change.direction.value for change in self.changes)
        return {direction.value: counted[direction.value] for direction in Direction}

    def items(self) -> list[str]:
        """Codes of the items whose own files changed, in order."""
        return list(
            dict.fromkeys(c.item for c in self.changes if c.item is not None and c.region is None)
        )

    def for_item(self, code: str) -> list[Change]:
        """The changes of one item's own file (not of the lists that implement it)."""
        return [c for c in self.changes if c.item == code and c.region is None]

    def regions(self) -> list[str]:
        """Codes of the regions whose implementation lists changed, in order."""
        return list(dict.fromkeys(c.region for c in self.changes if c.region is not None))

    def for_region(self, region: str) -> list[Change]:
        """The changes of one region's implementation list."""
        return [c for c in self.changes if c.region == region]

    def catalog_wide(self) -> list[Change]:
        """The changes of the law registry and the regions."""
        return [c for c in self.changes if c.item is None and c.region is None]


class CatalogVersion(Protocol):
    """What the diff reads of a catalog version (a :class:`~servicecatalog.Catalog` is one)."""

    @property
    def laws(self) -> Mapping[str, Law]:
        """The registered laws by id."""

    @property
    def regions(self) -> Mapping[str, Region]:
        """The regions by code."""

    @property
    def implementation_lists(self) -> Mapping[str, ImplementationList]:
        """The valid implementation lists by region, defaults merged."""

    @property
    def invalid_codes(self) -> frozenset[str]:
        """Codes of the item files that did not validate."""

    @property
    def invalid_regions(self) -> frozenset[str]:
        """Regions whose implementation list did not validate."""

    def items(self) -> list[Item]:
        """The valid items."""


def diff_catalogs(old: CatalogVersion, new: CatalogVersion) -> Changes:
    """The changes that turn catalog ``old`` into catalog ``new``.

    An item or implementation list whose file does not validate on either side is left out: its
    file is there, so it was neither added nor removed, and what changed in it cannot be told.
    """
    changes: list[Change] = []
    old_items = {item.code: item for item in old.items()}
    new_items = {item.code: item for item in new.items()}
    unknown = old.invalid_codes | new.invalid_codes
    for code in sorted((old_items.keys() | new_items.keys()) - unknown):
        before, after = old_items.get(code), new_items.get(code)
        at = _At(code, None, "")
        if before is None and after is not None:
            changes.append(_change(at.to(code), "item-added", None, after.name))
        elif after is None and before is not None:
            changes.append(_change(at.to(code), "item-removed", before.name, None))
        elif before is not None and after is not None:
            changes.extend(diff_items(before, after))
    changes.extend(_diff_keyed(old.laws, new.laws, "laws", "law"))
    changes.extend(_diff_keyed(old.regions, new.regions, "regions", "region"))
    skipped = old.invalid_regions | new.invalid_regions
    old_lists, new_lists = old.implementation_lists, new.implementation_lists
    for region in sorted((old_lists.keys() | new_lists.keys()) - skipped):
        changes.extend(
            diff_implementation_lists(region, old_lists.get(region), new_lists.get(region))
        )
    return Changes(tuple(changes))


def diff_items(old: Item, new: Item) -> list[Change]:
    """The changes from one version of an item to the next (same code)."""
    return list(_ITEM.changes(_At(new.code, None, ""), old, new))


def diff_implementation_lists(
    region: str, old: ImplementationList | None, new: ImplementationList | None
) -> list[Change]:
    """The changes of region ``region``'s implementation list (either side may be absent):
    implementations added, removed, and each merged field changed."""
    before = {i.item: i for i in old.implementations} if old else {}
    after = {i.item: i for i in new.implementations} if new else {}
    found: list[Change] = []
    for code in [*after, *(code for code in before if code not in after)]:
        at = _At(code, region, f"implementations[{code}]")
        earlier, later = before.get(code), after.get(code)
        if earlier is None:
            found.append(_change(at, "implementation-added", None, later))
        elif later is None:
            found.append(_change(at, "implementation-removed", earlier, None))
        else:
            found.extend(_IMPLEMENTATION.changes(at, earlier, later))
    return found


# ---- the machinery --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _At:
    """Where a change is: the item, the region (for implementation lists), the path."""

    item: str | None
    region: str | None
    path: str

    def to(self, name: str) -> _At:
        """The field ``name`` here."""
        return _At(self.item, self.region, f"{self.path}.{name}" if self.path else name)

    def keyed(self, name: str) -> _At:
        """The element ``name`` of the list here."""
        return _At(self.item, self.region, f"{self.path}[{name}]")


def _change(at: _At, kind: str, old: Any, new: Any) -> Change:
    spec = KINDS[kind]
    return Change(
        at.item, spec.element, kind, spec.direction, at.path, _plain(old), _plain(new), at.region
    )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_plain(element) for element in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


Differ = Callable[[_At, Any, Any], Iterator[Change]]
"""Compares two versions of one model instance at a place; yields the changes found."""


@dataclass(frozen=True)
class _Comparison:
    """How two versions of one model are compared: the differs written for some of its fields
    (each claims the fields it reads), and a generic change for every other published field."""

    model: type[BaseModel]
    prefix: str
    """What generic kinds of this model start with (``material-``)."""
    differs: tuple[tuple[tuple[str, ...], Differ], ...]
    key: str | None = None
    """The field instances are matched by, which two matched versions share."""

    @cached_property
    def unclaimed(self) -> tuple[str, ...]:
        """Fields no differ reads (identities and revisions are never compared)."""
        claimed = {name for names, _ in self.differs for name in names} | {self.key}
        return tuple(
            name
            for name, element in FIELD_ELEMENTS[self.model].items()
            if name not in claimed and element.group is not ElementGroup.INTERNAL
        )

    def generic_kind(self, name: str) -> str:
        """The kind of a change of field ``name`` that no differ reads."""
        return f"{self.prefix}{name.replace('_', '-')}-changed"

    def changes(self, at: _At, old: Any, new: Any) -> Iterator[Change]:
        for names, differ in self.differs:
            if any(getattr(old, name) != getattr(new, name) for name in names):
                yield from differ(at, old, new)
        for name in self.unclaimed:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                yield _change(at.to(name), self.generic_kind(name), before, after)


def _field_kind(kind: str, name: str) -> tuple[tuple[str, ...], Differ]:
    """A differ that reports any change of field ``name`` as ``kind``."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        yield _change(at.to(name), kind, getattr(old, name), getattr(new, name))

    return (name,), differ


def _amount(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A count that fell (``kinds[0]``) or rose (``kinds[1]``)."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        yield _change(at.to(name), kinds[0] if after < before else kinds[1], before, after)

    return (name,), differ


def _flag(kinds: tuple[str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """A yes/no that became yes (``kinds[0]``) or no (``kinds[1]``)."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        yield _change(at.to(name), kinds[0] if after else kinds[1], before, after)

    return (name,), differ


def _presence(kinds: tuple[str, str, str], name: str) -> tuple[tuple[str, ...], Differ]:
    """An optional value that was set (``kinds[0]``), dropped (``kinds[1]``) or changed
    (``kinds[2]``)."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        kind = kinds[0] if before is None else kinds[1] if after is None else kinds[2]
        yield _change(at.to(name), kind, before, after)

    return (name,), differ


def _matched(
    name: str,
    key: Callable[[Any], str],
    kinds: tuple[str, str],
    modified: Callable[[_At, Any, Any], Iterator[Change]],
    added_kind: Callable[[Any], str] | None = None,
    removed_kind: Callable[[Any], str] | None = None,
) -> tuple[tuple[str, ...], Differ]:
    """The elements of list field ``name`` matched by ``key`` (in new order, then the removed
    ones): the added and removed ones as ``kinds`` (or as ``added_kind(element)`` and
    ``removed_kind(element)`` say), the ones in both through ``modified``. A list left out of the
    file (None) compares as empty."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before = {key(e): e for e in getattr(old, name) or ()}
        after = {key(e): e for e in getattr(new, name) or ()}
        for identity, element in after.items():
            where = at.to(name).keyed(identity)
            earlier = before.get(identity)
            if earlier is None:
                kind = added_kind(element) if added_kind else kinds[0]
                yield _change(where, kind, None, element)
            elif earlier != element:
                yield from modified(where, earlier, element)
        for identity, element in before.items():
            if identity not in after:
                kind = removed_kind(element) if removed_kind else kinds[1]
                yield _change(at.to(name).keyed(identity), kind, element, None)

    return (name,), differ


def _stated(
    name: str, changed: str, compare: Callable[[_At, Any, Any], Iterator[Change]]
) -> tuple[tuple[str, ...], Differ]:
    """An optional element: stated or dropped (None on one side) is ``changed``; between two
    stated values, ``compare`` tells."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        before, after = getattr(old, name), getattr(new, name)
        if before is None or after is None:
            yield _change(at.to(name), changed, before, after)
        else:
            yield from compare(at.to(name), before, after)

    return (name,), differ


def _sets(increase: str, decrease: str) -> Callable[[_At, Any, Any], Iterator[Change]]:
    """Members gained (``decrease``: more people, more stages online) or lost (``increase``)."""

    def compare(at: _At, before: Any, after: Any) -> Iterator[Change]:
        gained = [value for value in after if value not in before]
        lost = [value for value in before if value not in after]
        if gained:
            yield _change(at, decrease, None, gained)
        if lost:
            yield _change(at, increase, lost, None)

    return compare


def _ranked(
    order: Sequence[Any], wider: str, narrower: str
) -> Callable[[_At, Any, Any], Iterator[Change]]:
    """A value on a scale (``order``, widest first)."""

    def compare(at: _At, before: Any, after: Any) -> Iterator[Change]:
        kind = wider if order.index(after) < order.index(before) else narrower
        yield _change(at, kind, before, after)

    return compare


# ---- items ----------------------------------------------------------------------------------


def _citations(references: Sequence[LegalReference]) -> dict[str, frozenset[str]]:
    """Citations as law -> articles: their order in the file carries no meaning."""
    cited: dict[str, set[str]] = {}
    for reference in references:
        cited.setdefault(reference.law, set()).update(reference.articles)
    return {law: frozenset(articles) for law, articles in cited.items()}


def _legal_basis(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before_cited, after_cited = _citations(old.legal_basis), _citations(new.legal_basis)

    def articles(where: _At, before: LegalReference, after: LegalReference) -> Iterator[Change]:
        if before_cited[before.law] != after_cited[after.law]:
            yield _change(
                where.to("articles"),
                "legal-basis-articles-changed",
                before.articles,
                after.articles,
            )

    kinds = ("legal-basis-added", "legal-basis-removed")
    _, differ = _matched("legal_basis", lambda r: r.law, kinds, articles)
    yield from differ(at, old, new)


_REQUIREMENT_KINDS = {
    (Requirement.REQUIRED, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.DEFERRABLE, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.REQUIRED, Requirement.DEFERRABLE): "material-made-deferrable",
    (Requirement.OPTIONAL, Requirement.REQUIRED): "material-made-required",
    (Requirement.DEFERRABLE, Requirement.REQUIRED): "material-made-required",
    (Requirement.OPTIONAL, Requirement.DEFERRABLE): "material-optional-made-deferrable",
}


def _exemption(at: _At, old: Material, new: Material) -> Iterator[Change]:
    if old.exempt_by is None:
        kind = "material-exempted"
    elif new.exempt_by is None:
        kind = "material-exemption-removed"
    else:
        kind = "material-exemption-changed"
    yield _change(at.to("exempt_by"), kind, old.exempt_by, new.exempt_by)


def _requirement(at: _At, old: Material, new: Material) -> Iterator[Change]:
    kind = _REQUIREMENT_KINDS[(old.requirement, new.requirement)]
    yield _change(at.to("requirement"), kind, old.requirement, new.requirement)


def _material_basis(at: _At, old: Material, new: Material) -> Iterator[Change]:
    if _citations(old.legal_basis) != _citations(new.legal_basis):
        yield _change(
            at.to("legal_basis"), "material-legal-basis-changed", old.legal_basis, new.legal_basis
        )


_MATERIAL = _Comparison(
    Material,
    "material-",
    (
        _field_kind("material-renamed", "name"),
        (("exempt_by",), _exemption),
        (("requirement",), _requirement),
        _amount(("material-copies-decreased", "material-copies-increased"), "copies"),
        _field_kind("material-form-changed", "form"),
        _field_kind("material-source-changed", "source"),
        _field_kind("material-form-reference-changed", "form_id"),
        (("legal_basis",), _material_basis),
    ),
)


def _added_material(material: Material) -> str:
    return "material-added" if material.exempt_by is None else "material-added-not-submitted"


def _removed_material(material: Material) -> str:
    return "material-removed" if material.exempt_by is None else "material-removed-not-submitted"


def _step_changed(kind: str, *names: str) -> tuple[tuple[str, ...], Differ]:
    """A step renamed, or given another channel or role: reported with both whole."""

    def differ(at: _At, old: Any, new: Any) -> Iterator[Change]:
        yield _change(
            at,
            kind,
            {name: _plain(getattr(old, name)) for name in names},
            {name: _plain(getattr(new, name)) for name in names},
        )

    return names, differ


def _on_site(at: _At, old: ServiceStep, new: ServiceStep) -> Iterator[Change]:
    kind = "service-step-now-on-site" if new.on_site else "service-step-now-remote"
    yield _change(at.to("on_site"), kind, old.on_site, new.on_site)


_SERVICE_STEP = _Comparison(
    ServiceStep,
    "service-step-",
    ((("on_site",), _on_site), _step_changed("service-step-changed", "name", "channel")),
)
_HANDLING_STEP = _Comparison(
    HandlingStep,
    "handling-step-",
    (
        _amount(("handling-days-decreased", "handling-days-increased"), "working_days"),
        _step_changed("handling-step-changed", "name", "role"),
    ),
)


def _required(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    kind = "form-field-made-required" if new.required else "form-field-made-optional"
    yield _change(at.to("required"), kind, old.required, new.required)


def _options(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    where = at.to("options")
    if old.options is None or new.options is None:
        yield _change(where, "form-field-options-stated", old.options, new.options)
        return
    added = [option for option in new.options if option not in old.options]
    removed = [option for option in old.options if option not in new.options]
    if added:
        yield _change(where, "form-field-options-added", None, added)
    if removed:
        yield _change(where, "form-field-options-removed", removed, None)


def _max_length(at: _At, old: FormField, new: FormField) -> Iterator[Change]:
    # No limit is the most room: a limit set is a decrease of room, a limit lifted an increase.
    before = old.max_length if old.max_length is not None else float("inf")
    after = new.max_length if new.max_length is not None else float("inf")
    kind = (
        "form-field-max-length-decreased" if after < before else "form-field-max-length-increased"
    )
    yield _change(at.to("max_length"), kind, old.max_length, new.max_length)


_FORM_FIELD = _Comparison(
    FormField,
    "form-field-",
    (
        (("required",), _required),
        _field_kind("form-field-type-changed", "type"),
        (("options",), _options),
        _flag(("form-field-made-multiple", "form-field-made-single"), "multiple"),
        (("max_length",), _max_length),
    ),
    key="name",
)
_FORM = _Comparison(
    Form,
    "form-",
    (
        _field_kind("form-renamed", "name"),
        _matched(
            "fields",
            lambda f: f.name,
            ("form-field-added", "form-field-removed"),
            _FORM_FIELD.changes,
        ),
    ),
)


def _time_limit(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before, after = old.time_limit.committed, new.time_limit.committed
    if before.unit == after.unit and before.days != after.days:
        kind = (
            "committed-days-decreased" if after.days < before.days else "committed-days-increased"
        )
        yield _change(at.to("time_limit.committed.days"), kind, before.days, after.days)
    elif before.unit != after.unit:
        # 10 工作日 → 15 自然日 is no more and no less by itself: a new unit is reported with
        # both limits whole, never as a rise or fall of the number.
        yield _change(
            at.to("time_limit.committed"), "committed-unit-changed", _limit(before), _limit(after)
        )
    legal_before, legal_after = old.time_limit.legal, new.time_limit.legal
    if legal_before == legal_after:
        return
    if legal_before is None:
        kind = "legal-limit-set"
    elif legal_after is None:
        kind = "legal-limit-removed"
    elif _without_bases(legal_before) == _without_bases(legal_after):
        kind = "legal-limit-basis-changed"
    else:
        kind = "legal-limit-changed"
    yield _change(at.to("time_limit.legal"), kind, _limit(legal_before), _limit(legal_after))


def _limit(limit: BaseModel | None) -> Any:
    """A time limit as plain data, without the keys it leaves unset (no extension, no basis)."""
    return None if limit is None else limit.model_dump(mode="json", exclude_none=True)


def _without_bases(limit: BaseModel) -> Any:
    data = limit.model_dump(mode="json")
    data.pop("basis", None)
    for stage in data.get("stages", ()):
        stage.pop("basis", None)
    return data


def _conditions(at: _At, old: Item, new: Item) -> Iterator[Change]:
    before, after = set(old.conditions), set(new.conditions)
    for condition in new.conditions:
        if condition not in before:
            yield _change(at.to("conditions").keyed(condition), "condition-added", None, condition)
    for condition in old.conditions:
        if condition not in after:
            yield _change(
                at.to("conditions").keyed(condition), "condition-removed", condition, None
            )


_META_FIELDS = ("item_type", "department", "one_thing", "lists", "levels")
_UNORDERED = frozenset({"lists", "levels"})


def _meta(at: _At, old: Item, new: Item) -> Iterator[Change]:
    for name in _META_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        same = set(before) == set(after) if name in _UNORDERED else before == after
        if not same:
            yield _change(at.to(name), "metadata-changed", before, after)


def _fee(at: _At, old: Item, new: Item) -> Iterator[Change]:
    if old.fee.charged != new.fee.charged:
        kind = "fee-introduced" if new.fee.charged else "fee-abolished"
    else:
        kind = "fee-changed"
    yield _change(at.to("fee"), kind, old.fee, new.fee)


def _faq_changed(at: _At, old: Faq, new: Faq) -> Iterator[Change]:
    yield _change(at, "faq-changed", old, new)


def _intermediary_changed(
    at: _At, old: IntermediaryService, new: IntermediaryService
) -> Iterator[Change]:
    yield _change(at, "intermediary-service-changed", old, new)


_SCOPES = tuple(Scope)
"""通办范围, widest first (全国通办 … 不通办)."""

_ITEM = _Comparison(
    Item,
    "",
    (
        _field_kind("main-item-name-changed", "main_item_name"),
        _field_kind("sub-item-name-changed", "sub_item_name"),
        (("legal_basis",), _legal_basis),
        _matched(
            "materials",
            lambda m: m.id,
            ("material-added", "material-removed"),
            _MATERIAL.changes,
            _added_material,
            _removed_material,
        ),
        _matched(
            "service_process",
            lambda s: s.id,
            ("service-step-added", "service-step-removed"),
            _SERVICE_STEP.changes,
        ),
        _matched(
            "handling_process",
            lambda s: s.id,
            ("handling-step-added", "handling-step-removed"),
            _HANDLING_STEP.changes,
        ),
        (("time_limit",), _time_limit),
        _matched("forms", lambda f: f.id, ("form-added", "form-removed"), _FORM.changes),
        (("conditions",), _conditions),
        _amount(("visits-decreased", "visits-increased"), "visits"),
        (_META_FIELDS, _meta),
        (("fee",), _fee),
        _field_kind("penalty-changed", "penalty"),
        _stated("audience", "audience-changed", _sets("audience-removed", "audience-added")),
        _stated(
            "online_depth",
            "online-depth-changed",
            _sets("online-depth-reduced", "online-depth-increased"),
        ),
        _stated("scope", "scope-changed", _ranked(_SCOPES, "scope-widened", "scope-narrowed")),
        _matched("faq", lambda q: q.question, ("faq-added", "faq-removed"), _faq_changed),
        _matched(
            "intermediary_services",
            lambda s: s.name,
            ("intermediary-service-added", "intermediary-service-removed"),
            _intermediary_changed,
        ),
        _presence(
            (
                "quantity-limit-introduced",
                "quantity-limit-abolished",
                "quantity-limit-changed",
            ),
            "quantity_limit",
        ),
    ),
)


# ---- laws, regions, implementation lists -----------------------------------------------------


def _diff_keyed(
    old: Mapping[str, BaseModel], new: Mapping[str, BaseModel], path: str, kind: str
) -> Iterator[Change]:
    """Laws or regions matched by id: ``<kind>-added``, ``-removed``, ``-changed``."""
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        at = _At(None, None, f"{path}[{key}]")
        if before is None:
            yield _change(at, f"{kind}-added", None, after)
        elif after is None:
            yield _change(at, f"{kind}-removed", before, None)
        elif before != after:
            yield _change(at, f"{kind}-changed", before, after)


def _mail_delivery(at: _At, old: Implementation, new: Implementation) -> Iterator[Change]:
    if old.mail_delivery is None or new.mail_delivery is None:
        kind = "implementation-mail-delivery-changed"
    elif new.mail_delivery:
        kind = "implementation-mail-delivery-offered"
    else:
        kind = "implementation-mail-delivery-withdrawn"
    yield _change(at.to("mail_delivery"), kind, old.mail_delivery, new.mail_delivery)


_IMPLEMENTATION = _Comparison(
    Implementation,
    "implementation-",
    (
        _presence(
            (
                "implementation-online-url-added",
                "implementation-online-url-removed",
                "implementation-online-url-changed",
            ),
            "online_url",
        ),
        (("mail_delivery",), _mail_delivery),
    ),
)

_COMPARISONS = (
    _ITEM,
    _MATERIAL,
    _SERVICE_STEP,
    _HANDLING_STEP,
    _FORM,
    _FORM_FIELD,
    _IMPLEMENTATION,
)


def _generic_kinds() -> dict[str, KindSpec]:
    """A kind for every field no differ reads, and the two of the implementation fields whose
    generic change is written beside their specific ones."""
    found: dict[str, KindSpec] = {}
    for comparison in _COMPARISONS:
        for name in comparison.unclaimed:
            kind = comparison.generic_kind(name)
            if kind not in EXPLICIT_KINDS:
                element = FIELD_ELEMENTS[comparison.model][name]
                found[kind] = _generic(comparison, name, element)
    for name in ("online_url", "mail_delivery"):
        element = FIELD_ELEMENTS[Implementation][name]
        found[_IMPLEMENTATION.generic_kind(name)] = _generic(_IMPLEMENTATION, name, element)
    return found


def _generic(comparison: _Comparison, name: str, element: Element) -> KindSpec:
    # A local field is its own element (办理地点); any other names the field within its element.
    own = comparison is _IMPLEMENTATION
    field = "" if own else f"（{comparison.model.__name__}.{name}）"
    field_en = "" if own else f" ({comparison.model.__name__}.{name})"
    return KindSpec(
        element.key,
        Direction.NEUTRAL,
        f"{element.label('zh')}变更{field}",
        f"{element.label('en')} changed{field_en}",
        *NEUTRAL_REASON,
    )


KINDS: Mapping[str, KindSpec] = MappingProxyType({**EXPLICIT_KINDS, **_generic_kinds()})
"""Every kind of change by id, with its element, direction, meaning and reason."""
