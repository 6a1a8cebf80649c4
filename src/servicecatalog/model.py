"""The typed, immutable model of a catalog: items with their eight elements, the manifest, laws.

Every model is a frozen pydantic model that forbids unknown keys. Closed vocabularies are enums whose
values are the official Chinese terms, so files read naturally to the staff who maintain them and
guides print them verbatim, while Python code uses English member names
(``ItemType.ADMINISTRATIVE_LICENSE == "行政许可"``).

The loader hands every scalar over as a string; the field types below turn strings into integers,
booleans and dates strictly (``"yes"`` is not a boolean, ``"2026-1-2"`` is not a date), and accept
native Python values too, so items can also be built in code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    SerializerFunctionWrapHandler,
    Tag,
    ValidationInfo,
    WrapSerializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Audience",
    "Channel",
    "CreditCode",
    "DayUnit",
    "DeadlineLimit",
    "DiscretionEntry",
    "Duration",
    "Exemption",
    "Faq",
    "Fee",
    "FieldType",
    "Form",
    "FormField",
    "HandlingStep",
    "HandlingType",
    "Implementation",
    "ImplementationDefaults",
    "ImplementationList",
    "ImplementationListFile",
    "IntermediaryService",
    "Item",
    "ItemRemedies",
    "ItemType",
    "Law",
    "LawKind",
    "Laws",
    "LegalDuration",
    "LegalEvent",
    "LegalLimit",
    "LegalReference",
    "LegalStage",
    "Level",
    "ListSpec",
    "ListedImplementation",
    "Manifest",
    "Material",
    "MaterialForm",
    "MaterialSource",
    "OnlineDepth",
    "Penalty",
    "PenaltyKind",
    "PowerSource",
    "Publication",
    "Referral",
    "Referrals",
    "Region",
    "Regions",
    "RemedyRelation",
    "Requirement",
    "Responsibility",
    "ResponsibilityStage",
    "Result",
    "ResultType",
    "Revision",
    "Role",
    "Scope",
    "ServiceStep",
    "SiteSettings",
    "StageSequence",
    "StagedLimit",
    "StatutoryRoute",
    "Synonym",
    "Synonyms",
    "TimeLimit",
    "credit_code_check",
]


# ---- strict scalars -------------------------------------------------------------------------

_INTEGER = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# More digits than any bound of the model has: refused before int() is asked to convert them
# (Python refuses 4,300 digits and more with a ValueError of its own).
_MAX_DIGITS = 18


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        if not _INTEGER.fullmatch(value):
            raise PydanticCustomError(
                "whole_number", "expected a whole number written in ASCII digits"
            )
        if len(value.lstrip("0")) > _MAX_DIGITS:
            raise PydanticCustomError(
                "whole_number_too_large",
                "{zh}",
                {
                    "zh": f"数值过大（超过 {_MAX_DIGITS} 位）",
                    "en": f"the number is too large (more than {_MAX_DIGITS} digits)",
                },
            )
        return int(value)
    if isinstance(value, bool):
        raise PydanticCustomError("whole_number", "expected a whole number, not a boolean")
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise PydanticCustomError("true_or_false", "expected true or false")
    return value


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "iso_date", "expected a valid date written YYYY-MM-DD"
            ) from None
    return value


# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check
# character over the first 17 with weights 3^(i-1) mod 31.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(pow(3, index, 31) for index in range(17))


def credit_code_check(code: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters of ``code``."""
    total = sum(
        _CREDIT_ALPHABET.index(char) * weight
        for char, weight in zip(code[:17], _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def _to_credit_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if len(value) != 18 or any(char not in _CREDIT_ALPHABET for char in value):
        raise PydanticCustomError(
            "credit_code",
            "{zh}",
            {
                "zh": "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
                "en": "a unified social credit code is 18 digits or capital letters "
                "(no I, O, S, V or Z)",
            },
        )
    expected = credit_code_check(value)
    if value[17] != expected:
        raise PydanticCustomError(
            "credit_code",
            "{zh}",
            {
                "zh": f"统一社会信用代码的校验位应为 {expected}，实际是 {value[17]}"
                "（GB 32100-2015）",
                "en": f"the check character of the unified social credit code should be "
                f"{expected}, not {value[17]} (GB 32100-2015)",
            },
        )
    return value


# Every count of the model has a bound that means something, so that no number can overflow a
# date or a loop further on.
MAX_COPIES = 99
"""Paper copies of one material."""
MAX_VISITS = 99
"""On-site visits of one item (more than 1 is already ``visits-exceed-one``)."""
MAX_LIST_SIZE = 100_000
"""Items a list may be declared to hold."""
MAX_VERSION = 99_999_999
"""A revision's version (room for versions written as dates, 20261202)."""
MAX_PUBLICATION_WORKING_DAYS = 250
"""Working days allowed for publishing a change: about a year of them."""
MAX_FIELD_LENGTH = 100_000
"""Characters a form field's entry may be limited to."""
MAX_STAGES = 20
"""Stages of one legal limit (statutes name two or three)."""
MAX_LIMIT = {"工作日": 1250, "自然日": 1830, "月": 60}
"""The longest time limit in each unit: five years (250 working days, 366 natural days or 12
months a year). No statute gives an authority more to handle one application; a larger number
is a typing error, and would run past every calendar."""

# The bound of a limit depends on its unit (Duration checks it); the schema gives the largest.
LimitDays = Annotated[
    int,
    Field(ge=0, json_schema_extra={"maximum": max(MAX_LIMIT.values())}),
    BeforeValidator(_to_int),
]
Copies = Annotated[int, Field(ge=0, le=MAX_COPIES), BeforeValidator(_to_int)]
Visits = Annotated[int, Field(ge=0, le=MAX_VISITS), BeforeValidator(_to_int)]
StepDays = Annotated[int, Field(ge=0, le=MAX_LIMIT["工作日"]), BeforeValidator(_to_int)]
ListSize = Annotated[int, Field(ge=0, le=MAX_LIST_SIZE), BeforeValidator(_to_int)]
Flag = Annotated[bool, BeforeValidator(_to_bool)]
Day = Annotated[date, BeforeValidator(_to_date)]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
LawId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
CreditCode = Annotated[str, BeforeValidator(_to_credit_code)]
"""统一社会信用代码, checked with its GB 32100-2015 check character."""


def _read_only(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    # A frozen model only stops its fields from being reassigned; a dict field would still be
    # changed in place by every reader (manifest.lists.pop(...)) for every later one.
    return MappingProxyType(dict(mapping))


def _serialized_as_dict(
    mapping: Mapping[Any, Any], serialize: SerializerFunctionWrapHandler
) -> Any:
    return serialize(dict(mapping))


class _Frozen(BaseModel):
    # Import time: a model's validator is built when it first validates (defer_build), and the
    # docstrings under the fields, which pydantic would read from the source of every class as it
    # is made, are read by the schema generator when the JSON Schemas are written
    # (servicecatalog.schemas): the model itself has no use for them.
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=False,
        validate_default=False,
        defer_build=True,
    )


# ---- vocabularies ---------------------------------------------------------------------------


class ItemType(StrEnum):
    """事项类型: the kind of power or service an item is."""

    ADMINISTRATIVE_LICENSE = "行政许可"
    ADMINISTRATIVE_PENALTY = "行政处罚"
    ADMINISTRATIVE_COERCION = "行政强制"
    ADMINISTRATIVE_LEVY = "行政征收"
    ADMINISTRATIVE_PAYMENT = "行政给付"
    ADMINISTRATIVE_INSPECTION = "行政检查"
    ADMINISTRATIVE_CONFIRMATION = "行政确认"
    ADMINISTRATIVE_REWARD = "行政奖励"
    ADMINISTRATIVE_RULING = "行政裁决"
    OTHER_ADMINISTRATIVE_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"

    @property
    def authority_initiated(self) -> bool:
        """True for powers the authority starts itself, which need no application materials."""
        return self in _AUTHORITY_INITIATED


_AUTHORITY_INITIATED = frozenset(
    {
        ItemType.ADMINISTRATIVE_PENALTY,
        ItemType.ADMINISTRATIVE_COERCION,
        ItemType.ADMINISTRATIVE_INSPECTION,
        ItemType.ADMINISTRATIVE_LEVY,
    }
)


class Level(StrEnum):
    """行使层级: the five levels that implement items."""

    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡级"
    VILLAGE = "村级"


class MaterialForm(StrEnum):
    """材料形式."""

    ORIGINAL = "原件"
    COPY = "复印件"
    ORIGINAL_OR_COPY = "原件或复印件"
    ELECTRONIC = "电子文件"


class MaterialSource(StrEnum):
    """来源渠道: who produces a material."""

    APPLICANT = "申请人自备"
    GOVERNMENT = "政府部门核发"
    OTHER_INSTITUTION = "其他机构出具"
    FILLED_BY_APPLICANT = "申请人填写"


class Requirement(StrEnum):
    """材料必要性."""

    REQUIRED = "必要"
    OPTIONAL = "非必要"
    DEFERRABLE = "容缺后补"


class Exemption(StrEnum):
    """How a material is had without the applicant submitting it (三个不提交)."""

    DATA_SHARING = "数据共享"
    ELECTRONIC_LICENSE = "电子证照"
    COMMITMENT = "告知承诺"


class Channel(StrEnum):
    """办理渠道 of a service-process step."""

    ONLINE = "网上办理"
    WINDOW = "窗口办理"
    MAIL = "邮寄"
    SELF_SERVICE = "自助终端"
    MOBILE = "移动端"
    FIELD_CHECK = "实地核查"
    """Officers come to the applicant (a site inspection): not a visit of the applicant."""

    @property
    def remote(self) -> bool:
        """True for channels that need no trip of the applicant to an office."""
        return self is not Channel.WINDOW


class Role(StrEnum):
    """The role of a back-office handling step."""

    ACCEPT = "受理"
    REVIEW = "审查"
    DECIDE = "决定"
    COMPLETE = "办结"
    DELIVER = "送达"


class DayUnit(StrEnum):
    """How a time limit counts: working days, natural days or calendar months.

    Statutes count in all three (行政许可法 第八十二条: working days; 行政处罚法 第六十条: days;
    民办教育促进法 第十七条: "三个月"). A month is not a fixed number of days, so a limit in months
    is kept in months rather than written as "90 自然日".
    """

    WORKING = "工作日"
    NATURAL = "自然日"
    MONTH = "月"


class StageSequence(StrEnum):
    """How the stages of a multi-stage legal limit relate to one application."""

    CONSECUTIVE = "依次"
    """One application passes every stage in turn (转出地, 转入地 …): the limits add up."""
    SEPARATE = "分别"
    """Each stage is an application and a decision of its own (筹设, 正式设立 …)."""
    BY_CASE = "按情形"
    """The statute sets one limit for each kind of case (一般情形 60日, 事实清楚的 15日): an
    application is held to one of them, so the committed limit, which serves every case, must
    fit each."""


class LegalEvent(StrEnum):
    """An event a legal limit is counted back from ("before the licence expires")."""

    LICENSE_EXPIRY = "行政许可有效期届满"


class RemedyRelation(StrEnum):
    """How the route a statute sets for an item stands to the general remedies (复议、诉讼)."""

    REPLACES = "替代"
    """The statutory route is the only one: no 行政复议 or 行政诉讼 against the item's act
    (劳动争议仲裁 → 人民法院; 劳动能力鉴定 → 再次鉴定, whose conclusion is final)."""
    PRECEDES = "前置"
    """The statutory route comes first; 行政复议 and 行政诉讼 remain open after it."""


class FieldType(StrEnum):
    """The type of a form field."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    CHOICE = "choice"
    FILE = "file"


class PenaltyKind(StrEnum):
    """行政处罚的种类, as listed by the Administrative Penalty Law (2021), article 9."""

    WARNING = "警告"
    CIRCULATED_CRITICISM = "通报批评"
    FINE = "罚款"
    CONFISCATION_OF_ILLEGAL_GAINS = "没收违法所得"
    CONFISCATION_OF_ILLEGAL_PROPERTY = "没收非法财物"
    SUSPENSION_OF_LICENSE = "暂扣许可证件"
    LOWERING_OF_QUALIFICATION = "降低资质等级"
    REVOCATION_OF_LICENSE = "吊销许可证件"
    RESTRICTION_OF_BUSINESS = "限制开展生产经营活动"
    SUSPENSION_OF_BUSINESS = "责令停产停业"
    CLOSURE = "责令关闭"
    RESTRICTION_OF_PRACTICE = "限制从业"
    ADMINISTRATIVE_DETENTION = "行政拘留"


class LawKind(StrEnum):
    """The rank of a legal source."""

    LAW = "法律"
    ADMINISTRATIVE_REGULATION = "行政法规"
    DEPARTMENTAL_RULE = "部门规章"
    LOCAL_REGULATION = "地方性法规"
    LOCAL_GOVERNMENT_RULE = "地方政府规章"
    NORMATIVE_DOCUMENT = "规范性文件"


class Audience(StrEnum):
    """服务对象: who can be the applicant, or the party, of an item."""

    NATURAL_PERSON = "自然人"
    ENTERPRISE = "企业法人"
    PUBLIC_INSTITUTION = "事业法人"
    SOCIAL_ORGANIZATION = "社会组织法人"
    UNINCORPORATED_ENTERPRISE = "非法人企业"
    ADMINISTRATIVE_ORGAN = "行政机关"
    OTHER_ORGANIZATION = "其他组织"


class ResultType(StrEnum):
    """办理结果类型."""

    LICENSE = "证照"
    APPROVAL = "批文"
    OTHER = "其他"
    NONE = "无"


class OnlineDepth(StrEnum):
    """网上办理深度: how far an item can be handled on the internet, stage by stage."""

    CONSULTATION = "互联网咨询"
    RECEIPT = "互联网收件"
    PRE_REVIEW = "互联网预审"
    ACCEPTANCE = "互联网受理"
    HANDLING = "互联网办理"
    RESULT_FEEDBACK = "互联网办理结果信息反馈"
    ELECTRONIC_LICENSE = "互联网电子证照反馈"


class Scope(StrEnum):
    """通办范围: where an application may be made, whatever the applicant's registration."""

    NATIONWIDE = "全国通办"
    CROSS_PROVINCE = "跨省通办"
    PROVINCE = "全省通办"
    CITY = "全市通办"
    COUNTY = "全县通办"
    NONE = "不通办"


class ResponsibilityStage(StrEnum):
    """The stage of a power's exercise a duty (责任事项) belongs to."""

    FILING = "立案"
    INVESTIGATION = "调查"
    REVIEW = "审查"
    NOTIFICATION = "告知"
    DECISION = "决定"
    DELIVERY = "送达"
    ENFORCEMENT = "执行"
    OTHER = "其他"


class PowerSource(StrEnum):
    """权力来源: how the implementing agency holds the power. The digit after each is the one
    the 实施编码 carries (1 法定本级行使 … 6 同级委托)."""

    STATUTORY = "法定本级行使"
    DELEGATED_DOWN = "上级下放"
    AUTHORIZED_BY_SUPERIOR = "上级授权"
    AUTHORIZED_BY_PEER = "同级授权"
    ENTRUSTED_BY_SUPERIOR = "上级委托"
    ENTRUSTED_BY_PEER = "同级委托"

    @property
    def digit(self) -> str:
        """The digit of the source in the 实施编码."""
        return str(list(PowerSource).index(self) + 1)


class HandlingType(StrEnum):
    """办件类型, derived from the committed limit: 0 days is 即办件."""

    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


# ---- the item -------------------------------------------------------------------------------


class LegalReference(_Frozen):
    """A citation: a law of the registry and the articles cited, as the statute numbers them."""

    law: LawId
    """The id of a law in ``laws.yaml``."""
    articles: tuple[Text, ...] = Field(min_length=1)
    """Articles as written in the statute, e.g. ``第四十五条`` or ``第四十五条第二款``."""


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


_UNIT_WORDS = {
    DayUnit.WORKING: ("个工作日", "working day"),
    DayUnit.NATURAL: ("个自然日", "calendar day"),
    DayUnit.MONTH: ("个月", "month"),
}


class Duration(_Frozen):
    """A number of days (or months) and how they are counted."""

    days: LimitDays
    """How many units of ``unit``: working days, natural days or months; at most five years
    (1250 工作日, 1830 自然日, 60 月)."""
    unit: DayUnit
    """How ``days`` are counted: 工作日, 自然日 or 月."""

    @model_validator(mode="after")
    def _at_most_five_years(self) -> Duration:
        maximum = MAX_LIMIT[self.unit.value]
        if self.days > maximum:
            raise PydanticCustomError(
                "duration_too_long",
                "{zh}",
                {
                    "zh": f"时限不能超过五年（{maximum} {self.unit.value}），实际是 {self.days}",
                    "en": f"a time limit is at most five years ({maximum} {self.unit.value}), "
                    f"not {self.days}",
                    "at": "days",
                },
            )
        return self

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``20个工作日`` (``20 working days``): the guides' wording, which ``str()`` gives too,
        in Chinese."""
        chinese, english = _UNIT_WORDS[self.unit]
        if lang == "en":
            return f"{self.days} {english}{'' if self.days == 1 else 's'}"
        return f"{self.days}{chinese}"

    def __str__(self) -> str:
        return self.text()


class LegalDuration(Duration):
    """A legal limit of a number of days or months, and the article that sets it."""

    extension: Duration | None = None
    """How much longer the statute lets the authority take in complex cases, with approval
    (可以延长); the committed limit is measured against the limit itself, not the extension."""
    basis: LegalReference | None = None
    """The article that sets the limit, e.g. 社会保险经办条例 第十八条."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``20个工作日（经批准可延长10个工作日）`` (``20 working days (extendable by 10 working
        days with approval)``); the article is not part of it."""
        limit = Duration.text(self, lang)
        if self.extension is None:
            return limit
        if lang == "en":
            return f"{limit} (extendable by {self.extension.text(lang)} with approval)"
        return f"{limit}（经批准可延长{self.extension.text(lang)}）"


class LegalStage(LegalDuration):
    """One stage of a multi-stage legal limit (筹设, 正式设立; 转出地审核 …)."""

    name: Text
    """The stage as the statute names it."""


class StagedLimit(_Frozen):
    """A legal limit set stage by stage, where one number would misstate the statute."""

    stages: tuple[LegalStage, ...] = Field(min_length=2, max_length=MAX_STAGES)
    """At most 20: each stage is counted from every start day of the calendar."""
    sequence: StageSequence
    """依次: one application passes every stage and the limits add up; 分别: each stage is its
    own application and decision, and the committed limit must fit each."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The stages one by one and how they relate, as the guides print them: ``筹设30个工作日；
        正式设立20个工作日（各阶段分别申请、分别计算）``; consecutive stages in one unit with
        their total."""
        english = lang == "en"
        stages = ("; " if english else "；").join(
            f"{stage.name}{' ' if english else ''}{stage.text(lang)}" for stage in self.stages
        )
        if self.sequence is StageSequence.SEPARATE:
            note = (
                "each stage applied for and counted separately"
                if english
                else "各阶段分别申请、分别计算"
            )
        elif self.sequence is StageSequence.BY_CASE:
            note = "whichever fits the case" if english else "按情形分别适用"
        else:
            note = "one after another" if english else "依次办理"
            units = {stage.unit for stage in self.stages}
            if len(units) == 1:
                total = Duration(days=sum(stage.days for stage in self.stages), unit=units.pop())
                note += f", {total.text(lang)} in all" if english else f"，合计{total.text(lang)}"
        return f"{stages} ({note})" if english else f"{stages}（{note}）"

    def __str__(self) -> str:
        return self.text()


class DeadlineLimit(_Frozen):
    """A legal limit that is a day rather than a duration: a decision before an event."""

    before: LegalEvent
    """The decision is due before this event, e.g. 行政许可有效期届满 (行政许可法 第五十条第二款)."""
    basis: LegalReference | None = None
    """The article that sets the deadline."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``行政许可有效期届满前作出决定`` (``a decision before 行政许可有效期届满``)."""
        if lang == "en":
            return f"a decision before {self.before.value}"
        return f"{self.before.value}前作出决定"

    def __str__(self) -> str:
        return self.text()


def _legal_form(value: Any) -> str:
    """The form of a legal limit, told by its keys (YAML) or its class (built in code)."""
    if isinstance(value, dict):
        if "stages" in value or "sequence" in value:
            return "StagedLimit"
        if "before" in value:
            return "DeadlineLimit"
        return "LegalDuration"
    if isinstance(value, StagedLimit | DeadlineLimit):
        return type(value).__name__
    return "LegalDuration"


def _plain_duration(value: Any) -> Any:
    # Items built in code before legal limits had their own model pass a plain Duration.
    if type(value) is Duration:
        return value.model_dump()
    return value


LegalLimit = Annotated[
    Annotated[LegalDuration, Tag("LegalDuration")]
    | Annotated[StagedLimit, Tag("StagedLimit")]
    | Annotated[DeadlineLimit, Tag("DeadlineLimit")],
    Discriminator(_legal_form),
    BeforeValidator(_plain_duration),
]
"""法定办结时限 in one of its three forms: a duration, stages, or a deadline before an event."""

LEGAL_LIMIT_FORMS = frozenset({"LegalDuration", "StagedLimit", "DeadlineLimit"})
"""The tags pydantic puts into error locations of a legal limit; they name no key of the file."""


class TimeLimit(_Frozen):
    """办理时限: the legal limit (where a statute sets one) and the committed limit."""

    legal: LegalLimit | None
    """法定办结时限; null where no statute sets one (say so in a comment beside it)."""
    committed: Duration
    """承诺办结时限; 0 days is 即办件."""


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
    max_length: (
        Annotated[int, Field(ge=1, le=MAX_FIELD_LENGTH), BeforeValidator(_to_int)] | None
    ) = None
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

    version: Annotated[int, Field(ge=1, le=MAX_VERSION), BeforeValidator(_to_int)]
    """1 or more; raised with every change of the eight elements or the conditions."""
    changed_on: Day
    """The day the item's conditions last changed."""
    published_on: Day | None
    """The day that change was published; null while it is pending."""


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


# ---- manifest and laws ----------------------------------------------------------------------


def _is_time_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


class ListSpec(_Frozen):
    """One of the lists (四张清单) a catalog declares."""

    title: Text
    """The list's title, e.g. 权力事项清单."""
    expected: ListSize | None = None
    """How many items the list must hold; null: no fixed size."""
    subset_of: str | None = None
    """Another list every item of this one must also be on."""


class Publication(_Frozen):
    """The publication rule: changes are published within this many working days."""

    working_days: Annotated[
        int, Field(ge=1, le=MAX_PUBLICATION_WORKING_DAYS), BeforeValidator(_to_int)
    ] = 1
    """Official working days within which a change must be published (1 to 250)."""


class SiteSettings(_Frozen):
    """``site`` of ``catalog.yaml``: where the citizens' site is published."""

    base_url: Annotated[str, Field(pattern=r"^https?://[^\s/?#]+/(\S*/)?$")] | None = None
    """The address the site is published at, ending in ``/`` (``https://…/``): QR codes on
    handouts and canonical links point under it; without it neither is written."""
    popular: tuple[Annotated[str, Field(pattern=r"^[0-9]{12}$")], ...] = ()
    """The codes of the most used services, offered first when a search finds nothing."""


class Manifest(_Frozen):
    """``catalog.yaml``: what the catalog is and which lists it keeps."""

    name: Text
    """The catalog's name, as the guides and the site print it."""
    province: Annotated[str, Field(pattern=r"^[0-9]{2}$")]
    """The two-digit province code (22 Jilin)."""
    department: Annotated[str, Field(pattern=r"^[0-9]{4}$")]
    """The four-digit department code (0114 human resources and social security)."""
    lists: Annotated[
        Mapping[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")], ListSpec],
        AfterValidator(_read_only),
        WrapSerializer(_serialized_as_dict),
    ]  # read-only in Python, a mapping like any other in files and JSON
    """The lists the catalog keeps (四张清单), by id; items name them in ``lists``."""
    # The default is made without validating, so that no validator is built at import.
    publication: Publication = Publication.model_construct()
    """How soon a change must be published (1 working day unless ``catalog.yaml`` says)."""
    organizer: Text | None = None
    """主办单位: the authority responsible for the catalog and the sites built from it (printed
    in their footers); when absent, what precedes 政务服务事项目录 in ``name``."""
    timezone: Text | None = None
    """The IANA time zone whose date is "today" for deadlines and revision dates (default
    Asia/Shanghai, China Standard Time)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        if zone is not None and not _is_time_zone(zone):
            raise PydanticCustomError(
                "unknown_time_zone",
                "{zh}",
                {
                    "zh": f"未知的时区 “{zone}”：应为 IANA 时区名，如 Asia/Shanghai",
                    "en": f"unknown time zone '{zone}': write an IANA zone name such as "
                    "Asia/Shanghai",
                },
            )
        return zone

    site: SiteSettings | None = None
    """The citizens' site: its address and the services it offers first."""

    @property
    def authority(self) -> str | None:
        """The authority ``name`` begins with: 吉林省人力资源和社会保障厅 of
        吉林省人力资源和社会保障厅政务服务事项目录; None when the name names none (政务服务事项目录
        alone, or a name without 事项目录)."""
        for suffix in CATALOG_NAME_SUFFIXES:
            if self.name.endswith(suffix):
                return self.name.removesuffix(suffix) or None
        return None

    @property
    def publisher(self) -> str | None:
        """主办单位: ``organizer``, else the :attr:`authority` of the name; None when neither
        says (rule ``organizer-unknown``)."""
        return self.organizer if self.organizer is not None else self.authority


CATALOG_NAME_SUFFIXES = ("政务服务事项目录", "事项目录")
"""A catalog is named "<authority>政务服务事项目录" (or "<authority>事项目录")."""


class Law(_Frozen):
    """A law, regulation or rule that items cite."""

    id: LawId
    """The kebab-case id items cite it by (``law: social-insurance-law``)."""
    name: Text
    """The full official name, e.g. 中华人民共和国社会保险法."""
    kind: LawKind
    """法律, 行政法规, 部门规章, 地方性法规, 地方政府规章 or 规范性文件."""
    issuer: Text
    """Who made the text cited (for a rule two ministries issued, both)."""
    effective: Day
    """The day it first came into force."""
    current_since: Day | None = None
    """The day the version cited (the current text) came into force; null while not recorded."""
    current_document: Text | None = None
    """What made the version cited: its 令号 or 文号 (国务院令第586号), or the amending decision."""


class Laws(_Frozen):
    """``laws.yaml``: the registry every ``law:`` id must resolve in."""

    laws: tuple[Law, ...]
    """Every registered law, regulation and rule."""


# ---- search: the words citizens type ---------------------------------------------------------


class Synonym(_Frozen):
    """A word citizens type (社保卡) and the words the catalog uses for it (社会保障卡)."""

    term: Text
    means: tuple[Text, ...] = Field(min_length=1)


class Synonyms(_Frozen):
    """``synonyms.yaml``: what the site's search also looks for when a term is typed."""

    synonyms: tuple[Synonym, ...]


class Referral(_Frozen):
    """A topic another department handles (医疗保险: 医疗保障局), shown when a search names it."""

    terms: tuple[Text, ...] = Field(min_length=1)
    """The words that name the topic (医保, 医疗保险); a query containing one shows the referral."""
    department: Text
    """The department that handles it (医疗保障局)."""
    phone: Text | None = None
    """Its hotline (12393)."""
    url: Text | None = None
    """Its online service address."""
    note: Text
    """One sentence for the citizen (医疗保险和生育保险由医疗保障部门办理。)."""


class Referrals(_Frozen):
    """``referrals.yaml``: topics other departments handle, for the site's search."""

    referrals: tuple[Referral, ...]


# ---- five levels: regions and implementation lists ------------------------------------------


class Region(_Frozen):
    """A region that implements items: the province, a city, a county, a township or a village."""

    code: Annotated[str, Field(pattern=r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$")]
    """The division code: 6 digits (GB/T 2260) for province, city and county; 9 for a township
    and 12 for a village (statistical division codes)."""
    name: Text
    """The region's official name, e.g. 长春市."""
    level: Level
    """The region's level (省级 for the province … 村级)."""
    parent: str | None = None
    """The code of the region one level up; null for the province."""
    synthetic: Flag = False
    """True for generated regions (benchmark townships and villages): not real places."""


class Regions(_Frozen):
    """``regions.yaml``: every region of the province that implements items."""

    regions: tuple[Region, ...]
    """Every region, the province included."""


class ImplementationDefaults(_Frozen):
    """``defaults`` of an implementation list: what every entry inherits unless it sets its own.

    A county names its agency, address, hours and phones once; an entry is then just its item.
    """

    agency: Text | None = None
    """The implementing agency (实施主体), e.g. 长春市人力资源和社会保障局."""
    address: Text | None = None
    """办理地点."""
    hours: Text | None = None
    """办理时间."""
    phone: Text | None = None
    """咨询电话."""
    window: Text | None = None
    """办理窗口."""
    online_url: Text | None = None
    """网上办理地址."""
    complaint_phone: Text | None = None
    """监督投诉电话."""
    power_source: PowerSource | None = None
    """权力来源 of the agency for this item."""
    credit_code: CreditCode | None = None
    """实施主体的统一社会信用代码; null where the real one is not known (never invented)."""
    mail_delivery: Flag | None = None
    """Whether the result can be sent by post (办理结果邮寄送达)."""
    appointment: Text | None = None
    """预约方式: how to book an appointment, where one is offered."""


class ListedImplementation(ImplementationDefaults):
    """An entry of an implementation list as written: the item, and what it sets itself."""

    item: Text
    """The code of the item implemented."""


class Implementation(ListedImplementation):
    """实施清单 entry: one item as one region's agency handles it — only what is local — with the
    list's defaults merged in.

    The eight elements, conditions, time limits and visits stay as the province defined them
    (八统一 across the five levels), so an implementation cannot carry them.
    """

    agency: Text
    """The implementing agency (实施主体), in the entry or the list's defaults."""
    power_source: PowerSource = PowerSource.STATUTORY
    """权力来源 of the agency for this item (法定本级行使 unless the entry or defaults say)."""

    @property
    def implementation_code(self) -> str | None:
        """实施编码 (31 characters): credit code, the power source's digit and the item's code;
        None while the credit code is not known."""
        if self.credit_code is None:
            return None
        return f"{self.credit_code}{self.power_source.digit}{self.item}"


class ImplementationList(_Frozen):
    """The items one region implements, each with the list's defaults merged in (what every
    reader sees), and the list's revision."""

    region: Text
    """The code of the region whose list it is."""
    revision: Revision | None = None
    """When the list last changed and when that change was published; absent in lists written
    before lists had revisions (a warning)."""
    implementations: tuple[Implementation, ...] = ()
    """The region's entries, the list's defaults merged in."""


class ImplementationListFile(_Frozen):
    """``implementations/<region-code>.yaml`` as written: entries may leave to ``defaults``
    whatever they share."""

    region: Text
    """The code of the region whose list it is (the file's name)."""
    revision: Revision | None = None
    """When the list last changed and when that change was published."""
    defaults: ImplementationDefaults | None = None
    """Inherited by every entry that does not set its own value."""
    implementations: tuple[ListedImplementation, ...] = ()
    """The entries as written."""
