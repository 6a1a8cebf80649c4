"""The differs of each element: what a change of an item, a material, a step, a form (and its
fields) or an implementation means for the applicant, as the kinds of ``kinds.EXPLICIT_KINDS``;
and ``KINDS``, those kinds with the generic ``<field>-changed`` of every field no differ reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from ..fields import FIELD_ELEMENTS, Element
from ..kinds import EXPLICIT_KINDS, NEUTRAL_REASON, Direction, KindSpec
from ..model import (
    Faq,
    Form,
    FormField,
    HandlingStep,
    Implementation,
    IntermediaryService,
    Item,
    LegalReference,
    Material,
    Requirement,
    Scope,
    ServiceStep,
)
from ._comparison import (
    At,
    Comparison,
    Differ,
    Found,
    amount,
    change,
    field_kind,
    flag,
    matched,
    plain,
    presence,
    ranked,
    sets,
    stated,
)

# ---- items ----------------------------------------------------------------------------------


def _citations(references: Sequence[LegalReference]) -> dict[str, frozenset[str]]:
    """Citations as law -> articles: their order in the file carries no meaning."""
    cited: dict[str, set[str]] = {}
    for reference in references:
        cited.setdefault(reference.law, set()).update(reference.articles)
    return {law: frozenset(articles) for law, articles in cited.items()}


def _legal_basis(at: At, old: Item, new: Item) -> Iterator[Found]:
    before_cited, after_cited = _citations(old.legal_basis), _citations(new.legal_basis)

    def articles(where: At, before: LegalReference, after: LegalReference) -> Iterator[Found]:
        if before_cited[before.law] != after_cited[after.law]:
            yield change(
                where.to("articles"),
                "legal-basis-articles-changed",
                before.articles,
                after.articles,
            )

    kinds = ("legal-basis-added", "legal-basis-removed")
    _, differ = matched("legal_basis", lambda r: r.law, kinds, articles)
    yield from differ(at, old, new)


_REQUIREMENT_KINDS = {
    (Requirement.REQUIRED, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.DEFERRABLE, Requirement.OPTIONAL): "material-made-optional",
    (Requirement.REQUIRED, Requirement.DEFERRABLE): "material-made-deferrable",
    (Requirement.OPTIONAL, Requirement.REQUIRED): "material-made-required",
    (Requirement.DEFERRABLE, Requirement.REQUIRED): "material-made-required",
    (Requirement.OPTIONAL, Requirement.DEFERRABLE): "material-optional-made-deferrable",
}


def _exemption(at: At, old: Material, new: Material) -> Iterator[Found]:
    if old.exempt_by is None:
        kind = "material-exempted"
    elif new.exempt_by is None:
        kind = "material-exemption-removed"
    else:
        kind = "material-exemption-changed"
    yield change(at.to("exempt_by"), kind, old.exempt_by, new.exempt_by)


def _requirement(at: At, old: Material, new: Material) -> Iterator[Found]:
    kind = _REQUIREMENT_KINDS[(old.requirement, new.requirement)]
    yield change(at.to("requirement"), kind, old.requirement, new.requirement)


def _material_basis(at: At, old: Material, new: Material) -> Iterator[Found]:
    if _citations(old.legal_basis) != _citations(new.legal_basis):
        yield change(
            at.to("legal_basis"), "material-legal-basis-changed", old.legal_basis, new.legal_basis
        )


_MATERIAL = Comparison(
    Material,
    "material-",
    (
        field_kind("material-renamed", "name"),
        (("exempt_by",), _exemption),
        (("requirement",), _requirement),
        amount(("material-copies-decreased", "material-copies-increased"), "copies"),
        field_kind("material-form-changed", "form"),
        field_kind("material-source-changed", "source"),
        field_kind("material-form-reference-changed", "form_id"),
        (("legal_basis",), _material_basis),
    ),
)


def _added_material(material: Material) -> str:
    return "material-added" if material.exempt_by is None else "material-added-not-submitted"


def _removed_material(material: Material) -> str:
    return "material-removed" if material.exempt_by is None else "material-removed-not-submitted"


def _step_changed(kind: str, *names: str) -> tuple[tuple[str, ...], Differ]:
    """A step renamed, or given another channel or role: reported with both whole."""

    def differ(at: At, old: Any, new: Any) -> Iterator[Found]:
        yield change(
            at,
            kind,
            {name: plain(getattr(old, name)) for name in names},
            {name: plain(getattr(new, name)) for name in names},
        )

    return names, differ


def _on_site(at: At, old: ServiceStep, new: ServiceStep) -> Iterator[Found]:
    kind = "service-step-now-on-site" if new.on_site else "service-step-now-remote"
    yield change(at.to("on_site"), kind, old.on_site, new.on_site)


_SERVICE_STEP = Comparison(
    ServiceStep,
    "service-step-",
    ((("on_site",), _on_site), _step_changed("service-step-changed", "name", "channel")),
)
_HANDLING_STEP = Comparison(
    HandlingStep,
    "handling-step-",
    (
        amount(("handling-days-decreased", "handling-days-increased"), "working_days"),
        _step_changed("handling-step-changed", "name", "role"),
    ),
)


def _required(at: At, old: FormField, new: FormField) -> Iterator[Found]:
    kind = "form-field-made-required" if new.required else "form-field-made-optional"
    yield change(at.to("required"), kind, old.required, new.required)


def _options(at: At, old: FormField, new: FormField) -> Iterator[Found]:
    where = at.to("options")
    if old.options is None or new.options is None:
        yield change(where, "form-field-options-stated", old.options, new.options)
        return
    added = [option for option in new.options if option not in old.options]
    removed = [option for option in old.options if option not in new.options]
    if added:
        yield change(where, "form-field-options-added", None, added)
    if removed:
        yield change(where, "form-field-options-removed", removed, None)


def _max_length(at: At, old: FormField, new: FormField) -> Iterator[Found]:
    # No limit is the most room: a limit set is a decrease of room, a limit lifted an increase.
    before = old.max_length if old.max_length is not None else float("inf")
    after = new.max_length if new.max_length is not None else float("inf")
    kind = (
        "form-field-max-length-decreased" if after < before else "form-field-max-length-increased"
    )
    yield change(at.to("max_length"), kind, old.max_length, new.max_length)


_FORM_FIELD = Comparison(
    FormField,
    "form-field-",
    (
        (("required",), _required),
        field_kind("form-field-type-changed", "type"),
        (("options",), _options),
        flag(("form-field-made-multiple", "form-field-made-single"), "multiple"),
        (("max_length",), _max_length),
    ),
    key="name",
)
_FORM = Comparison(
    Form,
    "form-",
    (
        field_kind("form-renamed", "name"),
        matched(
            "fields",
            lambda f: f.name,
            ("form-field-added", "form-field-removed"),
            _FORM_FIELD.changes,
        ),
    ),
)


def _time_limit(at: At, old: Item, new: Item) -> Iterator[Found]:
    before, after = old.time_limit.committed, new.time_limit.committed
    if before.unit == after.unit and before.days != after.days:
        kind = (
            "committed-days-decreased" if after.days < before.days else "committed-days-increased"
        )
        yield change(at.to("time_limit.committed.days"), kind, before.days, after.days)
    elif before.unit != after.unit:
        # 10 工作日 → 15 自然日 is no more and no less by itself: a new unit is reported with
        # both limits whole, never as a rise or fall of the number.
        yield change(
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
    yield change(at.to("time_limit.legal"), kind, _limit(legal_before), _limit(legal_after))


def _limit(limit: BaseModel | None) -> Any:
    """A time limit as plain data, without the keys it leaves unset (no extension, no basis)."""
    return None if limit is None else limit.model_dump(mode="json", exclude_none=True)


def _without_bases(limit: BaseModel) -> Any:
    data = limit.model_dump(mode="json")
    data.pop("basis", None)
    for stage in data.get("stages", ()):
        stage.pop("basis", None)
    return data


def _conditions(at: At, old: Item, new: Item) -> Iterator[Found]:
    before, after = set(old.conditions), set(new.conditions)
    for condition in new.conditions:
        if condition not in before:
            yield change(at.to("conditions").keyed(condition), "condition-added", None, condition)
    for condition in old.conditions:
        if condition not in after:
            yield change(at.to("conditions").keyed(condition), "condition-removed", condition, None)


_META_FIELDS = ("item_type", "department", "one_thing", "lists", "levels")
_UNORDERED = frozenset({"lists", "levels"})


def _meta(at: At, old: Item, new: Item) -> Iterator[Found]:
    for name in _META_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        same = set(before) == set(after) if name in _UNORDERED else before == after
        if not same:
            yield change(at.to(name), "metadata-changed", before, after)


def _fee(at: At, old: Item, new: Item) -> Iterator[Found]:
    if old.fee.charged != new.fee.charged:
        kind = "fee-introduced" if new.fee.charged else "fee-abolished"
    else:
        kind = "fee-changed"
    yield change(at.to("fee"), kind, old.fee, new.fee)


def _faq_changed(at: At, old: Faq, new: Faq) -> Iterator[Found]:
    yield change(at, "faq-changed", old, new)


def _intermediary_changed(
    at: At, old: IntermediaryService, new: IntermediaryService
) -> Iterator[Found]:
    yield change(at, "intermediary-service-changed", old, new)


_SCOPES = tuple(Scope)
"""通办范围, widest first (全国通办 … 不通办)."""

ITEM = Comparison(
    Item,
    "",
    (
        field_kind("main-item-name-changed", "main_item_name"),
        field_kind("sub-item-name-changed", "sub_item_name"),
        (("legal_basis",), _legal_basis),
        matched(
            "materials",
            lambda m: m.id,
            ("material-added", "material-removed"),
            _MATERIAL.changes,
            _added_material,
            _removed_material,
        ),
        matched(
            "service_process",
            lambda s: s.id,
            ("service-step-added", "service-step-removed"),
            _SERVICE_STEP.changes,
        ),
        matched(
            "handling_process",
            lambda s: s.id,
            ("handling-step-added", "handling-step-removed"),
            _HANDLING_STEP.changes,
        ),
        (("time_limit",), _time_limit),
        matched("forms", lambda f: f.id, ("form-added", "form-removed"), _FORM.changes),
        (("conditions",), _conditions),
        amount(("visits-decreased", "visits-increased"), "visits"),
        (_META_FIELDS, _meta),
        (("fee",), _fee),
        field_kind("penalty-changed", "penalty"),
        stated("audience", "audience-changed", sets("audience-removed", "audience-added")),
        stated(
            "online_depth",
            "online-depth-changed",
            sets("online-depth-reduced", "online-depth-increased"),
        ),
        stated("scope", "scope-changed", ranked(_SCOPES, "scope-widened", "scope-narrowed")),
        matched("faq", lambda q: q.question, ("faq-added", "faq-removed"), _faq_changed),
        matched(
            "intermediary_services",
            lambda s: s.name,
            ("intermediary-service-added", "intermediary-service-removed"),
            _intermediary_changed,
        ),
        presence(
            (
                "quantity-limit-introduced",
                "quantity-limit-abolished",
                "quantity-limit-changed",
            ),
            "quantity_limit",
        ),
    ),
)


# ---- implementations ------------------------------------------------------------------------


def _mail_delivery(at: At, old: Implementation, new: Implementation) -> Iterator[Found]:
    if old.mail_delivery is None or new.mail_delivery is None:
        kind = "implementation-mail-delivery-changed"
    elif new.mail_delivery:
        kind = "implementation-mail-delivery-offered"
    else:
        kind = "implementation-mail-delivery-withdrawn"
    yield change(at.to("mail_delivery"), kind, old.mail_delivery, new.mail_delivery)


IMPLEMENTATION = Comparison(
    Implementation,
    "implementation-",
    (
        presence(
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
    ITEM,
    _MATERIAL,
    _SERVICE_STEP,
    _HANDLING_STEP,
    _FORM,
    _FORM_FIELD,
    IMPLEMENTATION,
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
        found[IMPLEMENTATION.generic_kind(name)] = _generic(IMPLEMENTATION, name, element)
    return found


def _generic(comparison: Comparison, name: str, element: Element) -> KindSpec:
    # A local field is its own element (办理地点); any other names the field within its element.
    own = comparison is IMPLEMENTATION
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
