"""The item: one service or power item, its eight unified elements and what surrounds them."""

from __future__ import annotations

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ._durations import (
    TimeLimit,
)
from ._item_parts import (
    DiscretionEntry,
    Faq,
    Fee,
    Form,
    HandlingStep,
    IntermediaryService,
    ItemRemedies,
    Material,
    Penalty,
    Responsibility,
    Result,
    Revision,
    ServiceStep,
)
from ._values import (
    LegalReference,
    Text,
    Visits,
    _Frozen,
)
from ._vocabularies import (
    Audience,
    HandlingType,
    ItemType,
    Level,
    OnlineDepth,
    Scope,
)


class Item(_Frozen):
    """One service or power item, its eight unified elements and what surrounds them."""

    code: Text
    """The 12-digit basic code (基本编码): province, department, main item, sub-item."""
    lists: tuple[Text, ...] = Field(min_length=1)
    """Ids of the lists (declared in catalog.yaml) the item belongs to."""
    item_type: ItemType
    """事项类型: one of the ten kinds of power, or 公共服务."""
    department: Text
    """The responsible division (承办处室)."""
    one_thing: Text | None = None
    """The 一件事 bundle the item belongs to, if any."""
    levels: tuple[Level, ...] = Field(min_length=1)
    """行使层级: the levels that implement the item (at least one)."""
    main_item_name: Text
    """1 主项名称."""
    sub_item_name: Text | None
    """2 子项名称; null when the item has no sub-items."""
    legal_basis: tuple[LegalReference, ...]
    """3 适用依据."""
    materials: tuple[Material, ...]
    """4 申请材料; empty only for items the authority initiates."""
    service_process: tuple[ServiceStep, ...] = Field(min_length=1)
    """5 办事流程."""
    handling_process: tuple[HandlingStep, ...] = Field(min_length=1)
    """6 业务经办流程."""
    time_limit: TimeLimit
    """7 办理时限."""
    forms: tuple[Form, ...]
    """8 表单内容; empty when the item has no form."""
    conditions: tuple[Text, ...]
    """受理条件; empty only for items the authority initiates, which have no application."""
    visits: Visits
    """到办事现场次数: 0 零跑动, 1 只跑一次."""
    fee: Fee
    """Whether the item is charged and on what basis."""
    penalty: Penalty | None
    """处罚的行为、种类、幅度; set for 行政处罚 items, null for the others."""
    revision: Revision
    """The item's version and the dates of its last change and its publication."""

    # ---- national guide elements (docs/format.md#national-guide-elements); absent in catalogs
    # written before them ----
    audience: tuple[Audience, ...] | None = Field(default=None, min_length=1)
    """服务对象: who may apply (or, for a penalty, who may be the party)."""
    result: Result | None = None
    """办理结果; null for items the authority initiates without a result."""
    online_depth: tuple[OnlineDepth, ...] | None = None
    """网上办理深度: the stages that can be done on the internet ([] for none)."""
    scope: Scope | None = None
    """通办范围."""
    faq: tuple[Faq, ...] | None = None
    """常见问题, each answer with the articles it rests on."""
    intermediary_services: tuple[IntermediaryService, ...] | None = None
    """中介服务 the application needs ([] for none)."""
    quantity_limit: Text | None = None
    """数量限制, where a statute limits how many licences are granted."""
    responsibilities: tuple[Responsibility, ...] | None = None
    """责任事项 of a power item, stage by stage."""
    discretion: Text | tuple[DiscretionEntry, ...] | None = None
    """裁量基准 of a 行政处罚 item: a text, or circumstances with their penalties."""
    remedies: ItemRemedies | None = None
    """救济途径 particular to the item (a statutory route; what makes a public service
    reviewable); absent: the guide derives them from the item's type alone."""

    @field_validator("conditions")
    @classmethod
    def _conditions_of_applications(
        cls, conditions: tuple[str, ...], info: ValidationInfo
    ) -> tuple[str, ...]:
        # Only an item someone applies for has conditions of acceptance; a penalty or an
        # inspection has none, and writing some would invent them.
        item_type = info.data.get("item_type")
        if not conditions and isinstance(item_type, ItemType) and not item_type.authority_initiated:
            raise PydanticCustomError(
                "conditions_required",
                "{zh}",
                {
                    "zh": "依申请事项应写明受理条件",
                    "en": "an item one applies for must state its conditions (受理条件)",
                },
            )
        return conditions

    @property
    def handling_type(self) -> HandlingType:
        """办件类型: 即办件 when the committed limit is 0 days, else 承诺件."""
        if self.time_limit.committed.days == 0:
            return HandlingType.IMMEDIATE
        return HandlingType.PROMISED

    def given(self, key: str) -> bool:
        """True when the file wrote ``key`` (even as null or []), False when it left it out."""
        return key in self.model_fields_set

    @property
    def name(self) -> str:
        """The full name: the main item, and the sub-item after a dash where there is one."""
        if self.sub_item_name is None:
            return self.main_item_name
        return f"{self.main_item_name}（{self.sub_item_name}）"

    def material(self, material_id: str) -> Material:
        """The material with ``material_id``; ``KeyError`` if the item has none."""
        for material in self.materials:
            if material.id == material_id:
                return material
        raise KeyError(material_id)

    def form(self, form_id: str) -> Form:
        """The form with ``form_id``; ``KeyError`` if the item has none."""
        for form in self.forms:
            if form.id == form_id:
                return form
        raise KeyError(form_id)
