"""Changes between two versions of a catalog, classified by what they do to the applicant's burden.

Items are matched by code; materials, steps and forms by id; form fields by name; conditions by
text; laws by id. Positions never matter, so reordering a list is no change and renaming a
material keeps its identity.

Every change has a stable ``kind`` with a fixed ``direction``. The burden decreases are the reform's
减条件、减环节、减时限、减证明: a condition, step, material or working day removed; a material newly
exempted (三个不提交), made optional or deferrable (容缺后补); fewer visits. Their opposites are
burden increases; everything else (names, citations, channels) is neutral. ``servicecatalog diff
--kinds`` lists them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from .model import (
    Form,
    FormField,
    HandlingStep,
    Item,
    Law,
    LegalReference,
    Material,
    Requirement,
    ServiceStep,
)

__all__ = [
    "ELEMENTS",
    "KINDS",
    "CatalogVersion",
    "Change",
    "Changes",
    "Direction",
    "KindSpec",
    "diff_catalogs",
    "diff_items",
]


T = TypeVar("T")


class Direction(StrEnum):
    """What a change does to the burden on the applicant."""

    INCREASE = "burden-increase"
    DECREASE = "burden-decrease"
    NEUTRAL = "neutral"


ELEMENTS = (
    "main_item_name",
    "sub_item_name",
    "legal_basis",
    "materials",
    "service_process",
    "handling_process",
    "time_limit",
    "forms",
    "conditions",
    "visits",
    "meta",
)
"""The eight unified elements, then conditions, visits, and everything else (meta)."""

PUBLISHED_ELEMENTS = frozenset(ELEMENTS[:9])
"""A change to one of these must be published within the working-day limit (DESIGN §9)."""


@dataclass(frozen=True, slots=True)
class KindSpec:
    """A kind of change: its element, its direction and what it means."""

    element: str
    direction: Direction
    description: str
    description_en: str


_I, _D, _N = Direction.INCREASE, Direction.DECREASE, Direction.NEUTRAL

KINDS: dict[str, KindSpec] = {
    "item-added": KindSpec("meta", _N, "新增事项", "item added"),
    "item-removed": KindSpec("meta", _N, "删除事项", "item removed"),
    "main-item-name-changed": KindSpec(
        "main_item_name", _N, "主项名称变更", "main-item name changed"
    ),
    "sub-item-name-changed": KindSpec("sub_item_name", _N, "子项名称变更", "sub-item name changed"),
    "legal-basis-added": KindSpec("legal_basis", _N, "新增适用依据", "legal basis added"),
    "legal-basis-removed": KindSpec("legal_basis", _N, "删除适用依据", "legal basis removed"),
    "legal-basis-articles-changed": KindSpec(
        "legal_basis", _N, "适用依据条款变更", "articles of a legal basis changed"
    ),
    "material-added": KindSpec("materials", _I, "新增申请材料", "material added"),
    "material-removed": KindSpec("materials", _D, "减少申请材料（减证明）", "material removed"),
    "material-exempted": KindSpec(
        "materials", _D, "材料改为免提交（三个不提交）", "material no longer to be submitted"
    ),
    "material-exemption-removed": KindSpec(
        "materials", _I, "材料取消免提交，须申请人提交", "material must be submitted again"
    ),
    "material-exemption-changed": KindSpec(
        "materials", _N, "材料免提交方式变更", "how a material is had changed"
    ),
    "material-made-optional": KindSpec("materials", _D, "材料改为非必要", "material made optional"),
    "material-made-deferrable": KindSpec(
        "materials", _D, "必要材料改为容缺后补", "required material made deferrable"
    ),
    "material-made-required": KindSpec("materials", _I, "材料改为必要", "material made required"),
    "material-optional-made-deferrable": KindSpec(
        "materials", _I, "非必要材料改为容缺后补", "optional material made deferrable"
    ),
    "material-copies-increased": KindSpec("materials", _I, "材料份数增加", "more copies"),
    "material-copies-decreased": KindSpec("materials", _D, "材料份数减少", "fewer copies"),
    "material-renamed": KindSpec("materials", _N, "材料名称变更", "material renamed"),
    "material-form-changed": KindSpec("materials", _N, "材料形式变更", "material form changed"),
    "material-source-changed": KindSpec("materials", _N, "材料来源变更", "material source changed"),
    "material-legal-basis-changed": KindSpec(
        "materials", _N, "材料依据变更", "legal basis of a material changed"
    ),
    "material-form-reference-changed": KindSpec(
        "materials", _N, "材料对应表单变更", "form of a material changed"
    ),
    "service-step-added": KindSpec("service_process", _I, "办事流程增加环节", "service step added"),
    "service-step-removed": KindSpec(
        "service_process", _D, "办事流程减少环节（减环节）", "service step removed"
    ),
    "service-step-now-on-site": KindSpec(
        "service_process", _I, "环节改为须到现场", "step now on site"
    ),
    "service-step-now-remote": KindSpec(
        "service_process", _D, "环节改为无需到现场", "step no longer on site"
    ),
    "service-step-changed": KindSpec(
        "service_process", _N, "办事环节名称或渠道变更", "service step renamed or channel changed"
    ),
    "handling-step-added": KindSpec(
        "handling_process", _I, "经办流程增加环节", "handling step added"
    ),
    "handling-step-removed": KindSpec(
        "handling_process", _D, "经办流程减少环节（减环节）", "handling step removed"
    ),
    "handling-days-increased": KindSpec(
        "handling_process", _I, "经办环节用时增加", "handling step takes longer"
    ),
    "handling-days-decreased": KindSpec(
        "handling_process", _D, "经办环节用时减少", "handling step takes less time"
    ),
    "handling-step-changed": KindSpec(
        "handling_process", _N, "经办环节名称或角色变更", "handling step renamed or role changed"
    ),
    "committed-days-increased": KindSpec("time_limit", _I, "承诺时限延长", "committed time longer"),
    "committed-days-decreased": KindSpec(
        "time_limit", _D, "承诺时限缩短（减时限）", "committed time shorter"
    ),
    "committed-unit-changed": KindSpec(
        "time_limit", _N, "承诺时限计算单位变更", "unit of the committed time changed"
    ),
    "legal-limit-set": KindSpec("time_limit", _N, "写明法定时限", "legal time limit stated"),
    "legal-limit-removed": KindSpec(
        "time_limit", _N, "删除法定时限（法律法规未规定）", "legal time limit removed"
    ),
    "legal-limit-changed": KindSpec("time_limit", _N, "法定时限变更", "legal time limit changed"),
    "legal-limit-basis-changed": KindSpec(
        "time_limit", _N, "法定时限依据条款变更", "article setting the legal limit changed"
    ),
    "form-added": KindSpec("forms", _I, "新增表单", "form added"),
    "form-removed": KindSpec("forms", _D, "删除表单", "form removed"),
    "form-renamed": KindSpec("forms", _N, "表单名称变更", "form renamed"),
    "form-field-added": KindSpec("forms", _I, "表单增加填写项", "form field added"),
    "form-field-removed": KindSpec("forms", _D, "表单减少填写项", "form field removed"),
    "form-field-made-required": KindSpec("forms", _I, "填写项改为必填", "form field made required"),
    "form-field-made-optional": KindSpec("forms", _D, "填写项改为选填", "form field made optional"),
    "form-field-type-changed": KindSpec("forms", _N, "填写项类型变更", "form field type changed"),
    "condition-added": KindSpec("conditions", _I, "增加受理条件", "condition added"),
    "condition-removed": KindSpec("conditions", _D, "减少受理条件（减条件）", "condition removed"),
    "visits-increased": KindSpec("visits", _I, "到现场次数增加", "more on-site visits"),
    "visits-decreased": KindSpec("visits", _D, "到现场次数减少", "fewer on-site visits"),
    "fee-introduced": KindSpec("meta", _I, "开始收费", "fee introduced"),
    "fee-abolished": KindSpec("meta", _D, "取消收费", "fee abolished"),
    "fee-changed": KindSpec("meta", _N, "收费标准或依据变更", "fee standard or basis changed"),
    "metadata-changed": KindSpec(
        "meta", _N, "事项类型、处室、清单、层级等变更", "type, department, lists or levels changed"
    ),
    "penalty-changed": KindSpec("meta", _N, "处罚内容变更", "penalty changed"),
    "law-added": KindSpec("meta", _N, "法规登记表新增法规", "law registered"),
    "law-removed": KindSpec("meta", _N, "法规登记表删除法规", "law removed from the registry"),
    "law-changed": KindSpec("meta", _N, "法规信息变更", "law's name, kind, issuer or date changed"),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One change: which item, which element, what kind, which way, where, from what to what."""

    item: str | None
    element: str
    kind: str
    direction: Direction
    path: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a change."""
        return {
            "item": self.item,
            "element": self.element,
            "kind": self.kind,
            "direction": self.direction.value,
            "path": self.path,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Changes:
    """All changes between two catalogs, in item and element order."""

    changes: tuple[Change, ...]

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
        """Codes of the items with changes, in order."""
        return list(dict.fromkeys(c.item for c in self.changes if c.item is not None))

    def for_item(self, code: str) -> list[Change]:
        """The changes of one item."""
        return [change for change in self.changes if change.item == code]


class CatalogVersion(Protocol):
    """What the diff reads of a catalog version (a :class:`~servicecatalog.Catalog` is one)."""

    @property
    def laws(self) -> Mapping[str, Law]:
        """The registered laws by id."""

    @property
    def invalid_codes(self) -> frozenset[str]:
        """Codes of the item files that did not validate."""

    def items(self) -> list[Item]:
        """The valid items."""


def diff_catalogs(old: CatalogVersion, new: CatalogVersion) -> Changes:
    """The changes that turn catalog ``old`` into catalog ``new``.

    An item whose file does not validate on either side is left out: its file is there, so it
    was neither added nor removed, and what changed in it cannot be told.
    """
    changes: list[Change] = []
    old_items = {item.code: item for item in old.items()}
    new_items = {item.code: item for item in new.items()}
    unknown = old.invalid_codes | new.invalid_codes
    for code in sorted((old_items.keys() | new_items.keys()) - unknown):
        before, after = old_items.get(code), new_items.get(code)
        if before is None and after is not None:
            changes.append(_change(code, "item-added", code, None, after.name))
        elif after is None and before is not None:
            changes.append(_change(code, "item-removed", code, before.name, None))
        elif before is not None and after is not None:
            changes.extend(diff_items(before, after))
    changes.extend(_diff_laws(old.laws, new.laws))
    return Changes(tuple(changes))


def diff_items(old: Item, new: Item) -> list[Change]:
    """The changes from one version of an item to the next (same code)."""
    code = new.code
    found: list[Change] = []
    if old.main_item_name != new.main_item_name:
        found.append(
            _change(
                code,
                "main-item-name-changed",
                "main_item_name",
                old.main_item_name,
                new.main_item_name,
            )
        )
    if old.sub_item_name != new.sub_item_name:
        found.append(
            _change(
                code, "sub-item-name-changed", "sub_item_name", old.sub_item_name, new.sub_item_name
            )
        )
    found.extend(_diff_legal_basis(code, "legal_basis", old, new))
    found.extend(_diff_materials(code, old.materials, new.materials))
    found.extend(_diff_service_steps(code, old, new))
    found.extend(_diff_handling_steps(code, old, new))
    found.extend(_diff_time_limit(code, old, new))
    found.extend(_diff_forms(code, old.forms, new.forms))
    found.extend(_diff_conditions(code, old.conditions, new.conditions))
    if old.visits != new.visits:
        kind = "visits-decreased" if new.visits < old.visits else "visits-increased"
        found.append(_change(code, kind, "visits", old.visits, new.visits))
    found.extend(_diff_meta(code, old, new))
    return found


# ---- helpers --------------------------------------------------------------------------------


def _change(item: str | None, kind: str, path: str, old: Any, new: Any) -> Change:
    spec = KINDS[kind]
    return Change(item, spec.element, kind, spec.direction, path, _plain(old), _plain(new))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_plain(element) for element in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def _by_key(elements: Sequence[T], key: str) -> dict[str, T]:
    return {getattr(element, key): element for element in elements}


def _matched(
    code: str,
    old: Sequence[T],
    new: Sequence[T],
    key: str,
    path: str,
    kinds: tuple[str, str],
    modified: Callable[[str, T, T], Iterator[Change]],
) -> Iterator[Change]:
    """Elements of two versions matched by ``key`` (in new order, then the removed ones): the
    added and removed ones as ``kinds``, the ones in both through ``modified(where, old, new)``."""
    added, removed = kinds
    before, after = _by_key(old, key), _by_key(new, key)
    for name, element in after.items():
        where = f"{path}[{name}]"
        earlier = before.get(name)
        if earlier is None:
            yield _change(code, added, where, None, element)
        else:
            yield from modified(where, earlier, element)
    for name, element in before.items():
        if name not in after:
            yield _change(code, removed, f"{path}[{name}]", element, None)


def _amount(code: str, kinds: tuple[str, str], path: str, old: int, new: int) -> Iterator[Change]:
    """A count that changed: ``kinds`` is (the kind when it fell, the kind when it rose)."""
    if old != new:
        yield _change(code, kinds[0] if new < old else kinds[1], path, old, new)


def _citations(references: Sequence[LegalReference]) -> dict[str, frozenset[str]]:
    """Citations as law -> articles: their order in the file carries no meaning."""
    cited: dict[str, set[str]] = {}
    for reference in references:
        cited.setdefault(reference.law, set()).update(reference.articles)
    return {law: frozenset(articles) for law, articles in cited.items()}


def _diff_legal_basis(code: str, path: str, old: Item, new: Item) -> Iterator[Change]:
    before_cited, after_cited = _citations(old.legal_basis), _citations(new.legal_basis)

    def articles(where: str, before: LegalReference, after: LegalReference) -> Iterator[Change]:
        if before_cited[before.law] != after_cited[after.law]:
            yield _change(
                code,
                "legal-basis-articles-changed",
                f"{where}.articles",
                before.articles,
                after.articles,
            )

    kinds = ("legal-basis-added", "legal-basis-removed")
    yield from _matched(code, old.legal_basis, new.legal_basis, "law", path, kinds, articles)


_REQUIREMENT_KINDS = {
    (Requirement.REQUIRED, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.DEFERRABLE, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.REQUIRED, Requirement.DEFERRABLE): "material-made-deferrable",
    (Requirement.OPTIONAL, Requirement.REQUIRED): "material-made-required",
    (Requirement.DEFERRABLE, Requirement.REQUIRED): "material-made-required",
    (Requirement.OPTIONAL, Requirement.DEFERRABLE): "material-optional-made-deferrable",
}


def _diff_materials(
    code: str, old: Sequence[Material], new: Sequence[Material]
) -> Iterator[Change]:
    def modified(where: str, before: Material, after: Material) -> Iterator[Change]:
        return _diff_material(code, where, before, after)

    kinds = ("material-added", "material-removed")
    yield from _matched(code, old, new, "id", "materials", kinds, modified)


def _diff_material(code: str, where: str, old: Material, new: Material) -> Iterator[Change]:
    if old.name != new.name:
        yield _change(code, "material-renamed", f"{where}.name", old.name, new.name)
    if old.exempt_by != new.exempt_by:
        if old.exempt_by is None:
            kind = "material-exempted"
        elif new.exempt_by is None:
            kind = "material-exemption-removed"
        else:
            kind = "material-exemption-changed"
        yield _change(code, kind, f"{where}.exempt_by", old.exempt_by, new.exempt_by)
    if old.requirement != new.requirement:
        kind = _REQUIREMENT_KINDS[(old.requirement, new.requirement)]
        yield _change(code, kind, f"{where}.requirement", old.requirement, new.requirement)
    copies = ("material-copies-decreased", "material-copies-increased")
    yield from _amount(code, copies, f"{where}.copies", old.copies, new.copies)
    for attribute, kind in (
        ("form", "material-form-changed"),
        ("source", "material-source-changed"),
        ("form_id", "material-form-reference-changed"),
    ):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            yield _change(code, kind, f"{where}.{attribute}", before, after)
    if _citations(old.legal_basis) != _citations(new.legal_basis):
        yield _change(
            code,
            "material-legal-basis-changed",
            f"{where}.legal_basis",
            old.legal_basis,
            new.legal_basis,
        )


def _diff_service_steps(code: str, old: Item, new: Item) -> Iterator[Change]:
    def modified(where: str, before: ServiceStep, after: ServiceStep) -> Iterator[Change]:
        if before.on_site != after.on_site:
            kind = "service-step-now-on-site" if after.on_site else "service-step-now-remote"
            yield _change(code, kind, f"{where}.on_site", before.on_site, after.on_site)
        if (before.name, before.channel) != (after.name, after.channel):
            yield _change(
                code,
                "service-step-changed",
                where,
                {"name": before.name, "channel": before.channel.value},
                {"name": after.name, "channel": after.channel.value},
            )

    kinds = ("service-step-added", "service-step-removed")
    steps = (old.service_process, new.service_process)
    yield from _matched(code, *steps, "id", "service_process", kinds, modified)


def _diff_handling_steps(code: str, old: Item, new: Item) -> Iterator[Change]:
    def modified(where: str, before: HandlingStep, after: HandlingStep) -> Iterator[Change]:
        days = ("handling-days-decreased", "handling-days-increased")
        yield from _amount(
            code, days, f"{where}.working_days", before.working_days, after.working_days
        )
        if (before.name, before.role) != (after.name, after.role):
            yield _change(
                code,
                "handling-step-changed",
                where,
                {"name": before.name, "role": before.role.value},
                {"name": after.name, "role": after.role.value},
            )

    kinds = ("handling-step-added", "handling-step-removed")
    steps = (old.handling_process, new.handling_process)
    yield from _matched(code, *steps, "id", "handling_process", kinds, modified)


def _diff_time_limit(code: str, old: Item, new: Item) -> Iterator[Change]:
    before, after = old.time_limit.committed, new.time_limit.committed
    if before.unit == after.unit:
        days = ("committed-days-decreased", "committed-days-increased")
        yield from _amount(code, days, "time_limit.committed.days", before.days, after.days)
    else:
        # 10 工作日 → 15 自然日 is no more and no less by itself: a new unit is reported with
        # both limits whole, never as a rise or fall of the number.
        yield _change(
            code,
            "committed-unit-changed",
            "time_limit.committed",
            _limit(before),
            _limit(after),
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
    yield _change(code, kind, "time_limit.legal", _limit(legal_before), _limit(legal_after))


def _limit(limit: BaseModel | None) -> Any:
    """A time limit as plain data, without the keys it leaves unset (no extension, no basis)."""
    return None if limit is None else limit.model_dump(mode="json", exclude_none=True)


def _without_bases(limit: BaseModel) -> Any:
    data = limit.model_dump(mode="json")
    data.pop("basis", None)
    for stage in data.get("stages", ()):
        stage.pop("basis", None)
    return data


def _diff_forms(code: str, old: Sequence[Form], new: Sequence[Form]) -> Iterator[Change]:
    def modified(where: str, before: Form, after: Form) -> Iterator[Change]:
        if before.name != after.name:
            yield _change(code, "form-renamed", f"{where}.name", before.name, after.name)
        yield from _matched(
            code,
            before.fields,
            after.fields,
            "name",
            f"{where}.fields",
            ("form-field-added", "form-field-removed"),
            changed_field,
        )

    def changed_field(where: str, before: FormField, after: FormField) -> Iterator[Change]:
        if before.required != after.required:
            kind = "form-field-made-required" if after.required else "form-field-made-optional"
            yield _change(code, kind, f"{where}.required", before.required, after.required)
        if before.type != after.type:
            yield _change(code, "form-field-type-changed", f"{where}.type", before.type, after.type)

    yield from _matched(code, old, new, "id", "forms", ("form-added", "form-removed"), modified)


def _diff_conditions(code: str, old: Sequence[str], new: Sequence[str]) -> Iterator[Change]:
    before, after = set(old), set(new)
    for condition in new:
        if condition not in before:
            yield _change(code, "condition-added", f"conditions[{condition}]", None, condition)
    for condition in old:
        if condition not in after:
            yield _change(code, "condition-removed", f"conditions[{condition}]", condition, None)


_META_FIELDS = ("item_type", "department", "one_thing")
_META_SETS = ("lists", "levels")


def _diff_meta(code: str, old: Item, new: Item) -> Iterator[Change]:
    for attribute in _META_FIELDS:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            yield _change(code, "metadata-changed", attribute, before, after)
    for attribute in _META_SETS:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if set(before) != set(after):
            yield _change(code, "metadata-changed", attribute, before, after)
    if old.fee != new.fee:
        if old.fee.charged != new.fee.charged:
            kind = "fee-introduced" if new.fee.charged else "fee-abolished"
        else:
            kind = "fee-changed"
        yield _change(code, kind, "fee", old.fee, new.fee)
    if old.penalty != new.penalty:
        yield _change(code, "penalty-changed", "penalty", old.penalty, new.penalty)


def _diff_laws(old: Mapping[str, Law], new: Mapping[str, Law]) -> Iterator[Change]:
    for law_id in sorted(old.keys() | new.keys()):
        before, after = old.get(law_id), new.get(law_id)
        where = f"laws[{law_id}]"
        if before is None:
            yield _change(None, "law-added", where, None, after)
        elif after is None:
            yield _change(None, "law-removed", where, before, None)
        elif before != after:
            yield _change(None, "law-changed", where, before, after)
