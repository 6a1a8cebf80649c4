"""The parts of an item: materials, the two processes, forms, fee, penalty, result and the
national guide elements, remedies and the revision.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._values import (
    MAX_FIELD_LENGTH,
    MAX_VERSION,
    Copies,
    Day,
    Flag,
    FromText,
    LegalReference,
    StepDays,
    Text,
    _Frozen,
    _to_int,
)
from ._vocabularies import (
    Channel,
    Exemption,
    FieldType,
    MaterialForm,
    MaterialSource,
    PenaltyKind,
    RemedyRelation,
    Requirement,
    ResponsibilityStage,
    ResultType,
    Role,
)


class Material(_Frozen):
    """申请材料: one material the application needs."""

    id: Annotated[str, Field(pattern=r"^M[1-9][0-9]*$")]
    """Stable id within the item (M1, M2, …); the diff matches materials by it."""
    name: Text
    """The material's name; no catch-alls (其他材料, 相关材料…)."""
    form: MaterialForm
    """原件, 复印件, 原件或复印件 or 电子文件."""
    copies: Copies
    """Number of paper copies; 0 where only an electronic file is needed."""
    source: MaterialSource
    """Where it comes from: 申请人自备, 政府部门核发, 其他机构出具 or 申请人填写."""
    requirement: Requirement
    """必要, 非必要 or 容缺后补 (accepted without it, supplied later)."""
    exempt_by: Exemption | None
    """How the material is had without submission (null: the applicant submits it); must be set
    where a government department issued the material."""
    form_id: str | None = None
    """The id of the item's form this material is filled on."""
    legal_basis: tuple[LegalReference, ...] = ()
    """The legal basis for demanding this material (没有法律法规依据的一律取消)."""


class ServiceStep(_Frozen):
    """办事流程: one step as the applicant meets it."""

    id: Annotated[str, Field(pattern=r"^S[1-9][0-9]*$")]
    """Stable id within the item (S1, S2, …); the diff matches steps by it."""
    name: Text
    """The step's name, as the applicant meets it."""
    channel: Channel
    """How the step is done: 网上办理, 窗口办理, 邮寄, 自助终端, 移动端 or 实地核查."""
    on_site: Flag
    """True when the applicant must come to the hall for this step."""


class HandlingStep(_Frozen):
    """业务经办流程: one back-office step."""

    id: Annotated[str, Field(pattern=r"^H[1-9][0-9]*$")]
    """Stable id within the item (H1, H2, …); the diff matches steps by it."""
    name: Text
    """The step's name."""
    role: Role
    """What the step does: 受理, 审查, 决定, 办结 or 送达."""
    working_days: StepDays
    """Official working days the step takes (0: the same day)."""


class FormField(_Frozen):
    """One field of a form: its name, its type and what a correct entry is."""

    name: Text
    """The field's name, as the form prints it."""
    type: FieldType
    """What the field takes (text, number, date, ID number, phone, choice, file)."""
    required: Flag
    """True when the form is incomplete without it."""
    options: tuple[Text, ...] | None = Field(default=None, min_length=1)
    """The choices of a ``choice`` field, in the order the form prints them."""
    multiple: Flag = False
    """A ``choice`` field that takes several of its options (ticked together)."""
    help: Text | None = None
    """填写说明: how to fill the field in, printed under it on the form and in the guide."""
    example: Text | None = None
    """The entry shown on the 示例样表, written as the applicant would write it; the field's type
    must accept it (several options of a ``multiple`` field are joined by ``、``)."""
    max_length: Annotated[int, Field(ge=1, le=MAX_FIELD_LENGTH), FromText(_to_int)] | None = None
    """The most characters the entry may have (at most 100,000)."""
    unit: Text | None = None
    """The unit of a ``number`` field (元, 人, 月), printed after the box."""


class Form(_Frozen):
    """表单内容: a form the applicant fills in."""

    id: Annotated[str, Field(pattern=r"^F[1-9][0-9]*$")]
    """Stable id within the item (F1, F2, …); the diff matches forms by it."""
    name: Text
    """The form's name."""
    description: Text | None = None
    """Who fills the form in and how it is handed in, printed above its fields."""
    fields: tuple[FormField, ...] = Field(min_length=1)
    """The fields, in the order the form prints them (at least one)."""


class Fee(_Frozen):
    """Whether the item is charged and on what basis."""

    charged: Flag
    """True when the item is charged for."""
    standard: Text | None = None
    """收费标准: what is charged; null when the item is free."""
    legal_basis: tuple[LegalReference, ...] = ()
    """The articles that allow the charge."""


class Penalty(_Frozen):
    """处罚的行为、种类、幅度 of an administrative penalty item."""

    conduct: Text
    """违法行为: the conduct penalized."""
    kinds: tuple[PenaltyKind, ...] = Field(min_length=1)
    """处罚种类: at least one kind of penalty."""
    range: Text
    """处罚幅度: the range of the penalty."""


class Result(_Frozen):
    """办理结果: what the applicant receives."""

    type: ResultType
    """证照, 批文, 其他 or 无."""
    name: Text | None = None
    """The result's name, e.g. 劳务派遣经营许可证; null when the type is 无."""
    sample: Text | None = None
    """A sample of the result: a path under ``catalog/samples/``, or null."""


class Faq(_Frozen):
    """常见问题: a question citizens ask, and its answer with the articles it rests on."""

    question: Text
    """The question, as citizens ask it; the diff matches FAQs by it."""
    answer: Text
    """The answer."""
    legal_basis: tuple[LegalReference, ...] = Field(min_length=1)
    """The articles the answer rests on (at least one)."""


class IntermediaryService(_Frozen):
    """中介服务: a service of a third party the application needs, and why."""

    name: Text
    """The service's name."""
    legal_basis: tuple[LegalReference, ...] = Field(min_length=1)
    """The articles that require it (at least one)."""


class Responsibility(_Frozen):
    """责任事项: a duty of the authority at one stage of exercising a power."""

    stage: ResponsibilityStage
    """The stage of exercising the power (立案, 调查, 审查, 告知, 决定, 送达, 执行, 其他)."""
    duty: Text
    """The authority's duty at that stage."""


class DiscretionEntry(_Frozen):
    """One line of a penalty's 裁量基准: the circumstance and the penalty for it."""

    circumstance: Text
    """The circumstance of the conduct."""
    penalty: Text
    """The penalty for it."""


class StatutoryRoute(_Frozen):
    """One remedy a statute sets for this item, in the words the guide prints, and its basis."""

    title: Text
    """What the party does, e.g. 向人民法院提起诉讼, 申请再次鉴定."""
    text: Text
    """Who may do it, within what time and before whom, as the cited articles say."""
    legal_basis: tuple[LegalReference, ...] = Field(min_length=1)
    """The articles that set the route."""


class ItemRemedies(_Frozen):
    """救济途径 particular to an item; the general ones are derived from the item's type."""

    relation: RemedyRelation | None = None
    """How ``routes`` stand to the general 行政复议 and 行政诉讼: 替代 or 前置."""
    routes: tuple[StatutoryRoute, ...] = ()
    """The routes a statute sets for this item, in the order the party takes them."""
    reviewable_under: tuple[LegalReference, ...] = ()
    """公共服务 items: the articles that make refusing the service an act open to 行政复议
    (行政复议法 第十一条 …); without them the guide gives the complaint route."""

    @model_validator(mode="after")
    def _routes_with_relation(self) -> ItemRemedies:
        # A route without its relation leaves the guide unable to say whether 行政复议 remains,
        # and a relation without routes relates nothing.
        if bool(self.routes) != (self.relation is not None):
            raise PydanticCustomError(
                "routes_and_relation",
                "{zh}",
                {
                    "zh": "routes 与 relation（替代 或 前置）应当同时写明",
                    "en": "routes and their relation (替代 or 前置) go together",
                },
            )
        return self


class Revision(_Frozen):
    """The version of the item and the dates of its last change and its publication."""

    version: Annotated[int, Field(ge=1, le=MAX_VERSION), FromText(_to_int)]
    """1 or more; raised with every change of the eight elements or the conditions."""
    changed_on: Day
    """The day the item's conditions last changed."""
    published_on: Day | None
    """The day that change was published; null while it is pending."""
