"""The closed vocabularies: enums whose values are the official Chinese terms.

Files read naturally to the staff who maintain them and guides print the values verbatim, while
Python code uses English member names (``ItemType.ADMINISTRATIVE_LICENSE == "行政许可"``).
"""

from __future__ import annotations

from enum import StrEnum


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
