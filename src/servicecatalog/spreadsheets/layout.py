"""The layout of a catalog workbook: its sheets, their columns, and how a cell holds a value.

One table describes every sheet for both directions: :mod:`.export` writes the columns in this
order under these headers, :mod:`.reading` finds them by header (or an alias of it) in any order.
Headers are the national element names; aliases are the names departments use for the same
element (事项名称 for 主项名称, 承诺时限 for 承诺办结时限 …), and a mapping file adds more.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Final

from ..model import (
    Audience,
    Channel,
    DayUnit,
    Exemption,
    FieldType,
    ItemType,
    LawKind,
    Level,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
    PenaltyKind,
    PowerSource,
    RemedyRelation,
    Requirement,
    ResponsibilityStage,
    ResultType,
    Role,
    Scope,
)

__all__ = [
    "CHILD_ELEMENTS",
    "NONE_LISTED",
    "NOTICE_HEADERS",
    "NOT_APPLICABLE",
    "SHEETS",
    "Column",
    "Kind",
    "Sheet",
]


class Kind(StrEnum):
    """How a column's cells hold values."""

    TEXT = "text"
    CODE = "code"
    """Digits kept as text (基本编码, 区划代码): a number in such a cell may have lost zeros."""
    PHONE = "phone"
    """A telephone number: text, as an area code's leading zero is lost in a number."""
    INT = "int"
    BOOL = "bool"
    """是 or 否."""
    DATE = "date"
    ENUM = "enum"
    """One term of a closed vocabulary (a data-validation list in the workbook)."""
    ENUMS = "enums"
    """Terms of a closed vocabulary separated by 、."""
    LINES = "lines"
    """One text a line (受理条件)."""
    LIMIT = "limit"
    """A legal time limit written as a phrase: ``15 工作日``, ``60 工作日，可延长 30 工作日`` …"""


NONE_LISTED: Final = "无"
"""A cell that says an element was written and is empty ([]), as opposed to a blank cell: not
written at all (a warning names what a guide needs)."""
NOT_APPLICABLE: Final = "不适用"
"""A cell that says an element was written as null (no result, no quantity limit)."""


@dataclass(frozen=True)
class Column:
    """One column: its header (a national element name), its key, how its cells hold values."""

    header: str
    key: str
    kind: Kind = Kind.TEXT
    vocabulary: type[Enum] | None = None
    aliases: tuple[str, ...] = ()
    width: int = 16
    required: bool = False
    derived: bool = False
    """Written for the reader (事项名称 beside a code, 实施编码) and ignored when read back."""
    digits: tuple[int, ...] = ()
    """For codes: the lengths a code may have (12 for 基本编码; 6, 9, 12 for a region)."""

    @property
    def terms(self) -> tuple[str, ...]:
        """The values of the column's vocabulary (empty for open columns)."""
        if self.vocabulary is None:
            return ()
        return tuple(str(member.value) for member in self.vocabulary)


@dataclass(frozen=True)
class Sheet:
    """One data sheet: its name, its columns, and the names departments give it."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    required: bool = False


def _code(header: str = "基本编码", *aliases: str, derived: bool = False) -> Column:
    return Column(
        header,
        "code",
        Kind.CODE,
        aliases=aliases or ("事项编码", "事项代码"),
        width=15,
        required=not derived,
        derived=derived,
        digits=(12,),
    )


_ITEM_NAME = Column("事项名称", "item_name", derived=True, width=28)
"""Beside the code on every child sheet, so that a clerk sees which item a row belongs to."""

ITEMS = Sheet(
    "事项",
    (
        _code(),
        Column("实施编码", "implementation_code", derived=True, width=34),
        Column("主项名称", "main_item_name", aliases=("事项名称", "主项"), width=28, required=True),
        Column("子项名称", "sub_item_name", aliases=("子项",), width=24),
        Column(
            "事项类型",
            "item_type",
            Kind.ENUM,
            ItemType,
            ("权力类型", "事项类别"),
            12,
            required=True,
        ),
        Column("所属清单", "lists", Kind.TEXT, aliases=("清单",), width=28, required=True),
        Column("承办处室", "department", aliases=("承办机构", "责任处室"), width=24, required=True),
        Column("一件事", "one_thing", width=14),
        Column("行使层级", "levels", Kind.ENUMS, Level, width=16, required=True),
        Column("受理条件", "conditions", Kind.LINES, aliases=("申请条件",), width=40),
        Column(
            "到办事现场次数",
            "visits",
            Kind.INT,
            aliases=("到现场次数", "跑动次数"),
            width=10,
            required=True,
        ),
        Column("法定办结时限", "legal_limit", Kind.LIMIT, aliases=("法定时限",), width=24),
        Column(
            "承诺办结时限",
            "committed_days",
            Kind.INT,
            aliases=("承诺时限",),
            width=10,
            required=True,
        ),
        Column("承诺时限单位", "committed_unit", Kind.ENUM, DayUnit, width=10, required=True),
        Column("办件类型", "handling_type", derived=True, width=10),
        Column("是否收费", "fee_charged", Kind.BOOL, aliases=("收费",), width=8, required=True),
        Column("收费标准", "fee_standard", width=24),
        Column("处罚的行为", "penalty_conduct", aliases=("违法行为",), width=30),
        Column("处罚的种类", "penalty_kinds", Kind.ENUMS, PenaltyKind, aliases=("处罚种类",)),
        Column("处罚的幅度", "penalty_range", aliases=("处罚幅度",), width=30),
        Column("服务对象", "audience", Kind.ENUMS, Audience, width=16),
        Column("办理结果类型", "result_type", Kind.ENUM, ResultType, aliases=("结果类型",)),
        Column("办理结果名称", "result_name", aliases=("审批结果名称", "办理结果"), width=24),
        Column("办理结果样本", "result_sample", aliases=("审批结果样本",), width=16),
        Column("网上办理深度", "online_depth", Kind.ENUMS, OnlineDepth, width=40),
        Column("通办范围", "scope", Kind.ENUM, Scope, width=12),
        Column("数量限制", "quantity_limit", width=16),
        Column("常见问题", "faq", width=10),
        Column("中介服务", "intermediary_services", width=10),
        Column("责任事项", "responsibilities", width=10),
        Column("裁量基准", "discretion", width=20),
        Column("救济关系", "remedy_relation", Kind.ENUM, RemedyRelation, width=10),
        Column("版本号", "version", Kind.INT, aliases=("版本",), width=8, required=True),
        Column("变更日期", "changed_on", Kind.DATE, aliases=("更新日期",), width=12, required=True),
        Column("公开日期", "published_on", Kind.DATE, aliases=("发布日期",), width=12),
    ),
    aliases=("事项清单", "事项目录"),
    required=True,
)

CHILD_ELEMENTS: Final = {
    "faq": "常见问题",
    "intermediary_services": "中介服务",
    "responsibilities": "责任事项",
    "discretion": "裁量基准",
}
"""Item elements held as rows of their own sheet; the 事项 sheet's cell of the same name says
how many rows there are (a count), that the element is written and empty (无), or — blank —
that it is not written at all."""

MATERIALS = Sheet(
    "申请材料",
    (
        _code(),
        _ITEM_NAME,
        Column("材料编号", "id", aliases=("编号",), width=8, required=True),
        Column("材料名称", "name", width=32, required=True),
        Column("材料形式", "form", Kind.ENUM, MaterialForm, aliases=("材料类型",), required=True),
        Column("份数", "copies", Kind.INT, aliases=("纸质材料份数",), width=6, required=True),
        Column(
            "来源渠道", "source", Kind.ENUM, MaterialSource, aliases=("材料来源",), required=True
        ),
        Column("必要性", "requirement", Kind.ENUM, Requirement, aliases=("材料必要性", "是否必要")),
        Column("免提交方式", "exempt_by", Kind.ENUM, Exemption, aliases=("免提交",)),
        Column("对应表单", "form_id", aliases=("表单编号",), width=10),
    ),
    aliases=("材料清单", "申请材料目录"),
)

SERVICE_PROCESS = Sheet(
    "办理流程",
    (
        _code(),
        _ITEM_NAME,
        Column("环节编号", "id", width=8, required=True),
        Column("环节名称", "name", aliases=("办理环节",), width=36, required=True),
        Column("办理渠道", "channel", Kind.ENUM, Channel, aliases=("办理方式",), required=True),
        Column("是否到现场", "on_site", Kind.BOOL, aliases=("到现场",), width=10, required=True),
    ),
    aliases=("办事流程",),
)

HANDLING_PROCESS = Sheet(
    "业务经办流程",
    (
        _code(),
        _ITEM_NAME,
        Column("环节编号", "id", width=8, required=True),
        Column("环节名称", "name", aliases=("办理环节",), width=36, required=True),
        Column("办理角色", "role", Kind.ENUM, Role, aliases=("岗位", "角色"), required=True),
        Column(
            "办理时限（工作日）",
            "working_days",
            Kind.INT,
            aliases=("工作日", "办理时限"),
            width=10,
            required=True,
        ),
    ),
    aliases=("内部流程", "审批流程"),
)

LEGAL_BASIS = Sheet(
    "设定依据",
    (
        _code(),
        _ITEM_NAME,
        Column("依据对象", "owner", aliases=("对象",), width=14),
        Column("法律法规名称", "law", aliases=("依据名称", "法律法规"), width=36, required=True),
        Column("条款", "articles", aliases=("条款号", "依据条款"), width=30, required=True),
    ),
    aliases=("适用依据", "法律依据"),
)

FORMS = Sheet(
    "表单",
    (
        _code(),
        _ITEM_NAME,
        Column("表单编号", "id", width=8, required=True),
        Column("表单名称", "name", width=28, required=True),
        Column("字段名称", "field", aliases=("字段",), width=24, required=True),
        Column("字段类型", "type", Kind.ENUM, FieldType, width=10, required=True),
        Column("是否必填", "required", Kind.BOOL, aliases=("必填",), width=8, required=True),
        Column("选项", "options", Kind.LINES, aliases=("可选项",), width=30),
        Column("多选", "multiple", Kind.BOOL, aliases=("可多选",), width=8),
        Column("填写说明", "help", aliases=("填表说明",), width=30),
        Column("示例", "example", aliases=("填写示例",), width=24),
        Column("最大长度", "max_length", Kind.INT, aliases=("最大字数",), width=8),
        Column("单位", "unit", aliases=("计量单位",), width=8),
        Column("表单说明", "description", width=30),
    ),
    aliases=("表单内容",),
)

FAQ = Sheet(
    "常见问题",
    (
        _code(),
        _ITEM_NAME,
        Column("序号", "number", Kind.INT, width=6, required=True),
        Column("问题", "question", width=36, required=True),
        Column("解答", "answer", aliases=("答复",), width=60, required=True),
    ),
)

RESPONSIBILITIES = Sheet(
    "责任事项",
    (
        _code(),
        _ITEM_NAME,
        Column("责任环节", "stage", Kind.ENUM, ResponsibilityStage, width=10, required=True),
        Column("责任内容", "duty", aliases=("责任事项",), width=60, required=True),
    ),
)

DISCRETION = Sheet(
    "裁量基准",
    (
        _code(),
        _ITEM_NAME,
        Column("违法情形", "circumstance", aliases=("情形",), width=40, required=True),
        Column("处罚标准", "penalty", aliases=("处罚",), width=40, required=True),
    ),
)

REMEDY_ROUTES = Sheet(
    "救济途径",
    (
        _code(),
        _ITEM_NAME,
        Column("序号", "number", Kind.INT, width=6, required=True),
        Column("途径", "title", aliases=("救济途径",), width=30, required=True),
        Column("说明", "text", aliases=("途径说明",), width=60, required=True),
    ),
)

INTERMEDIARY = Sheet(
    "中介服务",
    (
        _code(),
        _ITEM_NAME,
        Column("序号", "number", Kind.INT, width=6, required=True),
        Column("中介服务名称", "name", aliases=("中介服务",), width=36, required=True),
    ),
)

IMPLEMENTATIONS = Sheet(
    "实施清单",
    (
        Column(
            "区划代码",
            "region",
            Kind.CODE,
            aliases=("行政区划代码",),
            width=12,
            required=True,
            digits=(6, 9, 12),
        ),
        Column("区划名称", "region_name", derived=True, width=14),
        _code(),
        _ITEM_NAME,
        Column("实施主体", "agency", aliases=("实施机构",), width=30, required=True),
        Column("实施主体编码", "credit_code", aliases=("统一社会信用代码",), width=20),
        Column("权力来源", "power_source", Kind.ENUM, PowerSource, width=12),
        Column("实施编码", "implementation_code", derived=True, width=34),
        Column("办理地点", "address", aliases=("地址",), width=30),
        Column("办理时间", "hours", width=30),
        Column("咨询电话", "phone", Kind.PHONE, aliases=("咨询方式",), width=14),
        Column("办理窗口", "window", aliases=("窗口",), width=20),
        Column("网上办理地址", "online_url", width=30),
        Column("监督投诉电话", "complaint_phone", Kind.PHONE, aliases=("投诉电话",), width=14),
        Column("结果邮寄送达", "mail_delivery", Kind.BOOL, aliases=("支持物流快递",), width=8),
        Column("预约方式", "appointment", width=20),
        Column("清单版本号", "list_version", Kind.INT, width=8),
        Column("清单变更日期", "list_changed_on", Kind.DATE, width=12),
        Column("清单公开日期", "list_published_on", Kind.DATE, width=12),
    ),
)

MANIFEST = Sheet(
    "目录",
    (
        Column("项目", "field", width=20, required=True),
        Column("值", "value", width=48),
    ),
)
MANIFEST_FIELDS: Final = {
    "name": "目录名称",
    "organizer": "主办单位",
    "province": "省级代码",
    "department": "部门代码",
    "working_days": "公开时限（工作日）",
    "timezone": "时区",
    "base_url": "网站地址",
    "popular": "常用服务",
}
"""The rows of the 目录 sheet: catalog.yaml's scalars, by key (``base_url`` and ``popular`` are
``site``'s; ``popular`` is item codes joined by 、)."""
SITE_FIELDS: Final = ("base_url", "popular")

LISTS = Sheet(
    "清单",
    (
        Column("清单标识", "id", width=14, required=True),
        Column("清单名称", "title", width=32, required=True),
        Column("应有事项数", "expected", Kind.INT, width=10),
        Column("从属清单", "subset_of", width=14),
    ),
)

LAWS = Sheet(
    "法律法规",
    (
        Column("编号", "id", width=36, required=True),
        Column("名称", "name", width=40, required=True),
        Column("效力级别", "kind", Kind.ENUM, LawKind, width=12, required=True),
        Column("制定机关", "issuer", width=30, required=True),
        Column("施行日期", "effective", Kind.DATE, width=12, required=True),
        Column("现行版本施行日期", "current_since", Kind.DATE, width=12),
        Column("现行版本文件", "current_document", width=40),
    ),
)

REGIONS = Sheet(
    "行政区划",
    (
        Column("区划代码", "code", Kind.CODE, width=14, required=True, digits=(6, 9, 12)),
        Column("区划名称", "name", width=20, required=True),
        Column("层级", "level", Kind.ENUM, Level, width=8, required=True),
        Column("上级区划代码", "parent", Kind.CODE, width=14, digits=(6, 9, 12)),
        Column("合成数据", "synthetic", Kind.BOOL, width=8),
    ),
)

SHEETS: Final = (
    ITEMS,
    MATERIALS,
    SERVICE_PROCESS,
    HANDLING_PROCESS,
    LEGAL_BASIS,
    FORMS,
    FAQ,
    RESPONSIBILITIES,
    DISCRETION,
    INTERMEDIARY,
    REMEDY_ROUTES,
    IMPLEMENTATIONS,
    MANIFEST,
    LISTS,
    LAWS,
    REGIONS,
)
"""Every data sheet, in the workbook's order (the lists' notice tables follow them)."""

NOTICE_HEADERS: Final = ("序号", "事项名称", "子项", "事项类型", "基本编码", "实施主体", "设定依据")
"""The columns of a list's notice table (公示表), as the seed department published its lists."""

OWNER_ITEM: Final = "事项"
OWNER_MATERIAL: Final = "申请材料"
OWNER_FEE: Final = "收费"
OWNER_LEGAL_LIMIT: Final = "法定时限"
OWNER_FAQ: Final = "常见问题"
OWNER_INTERMEDIARY: Final = "中介服务"
OWNER_REMEDY_ROUTE: Final = "救济途径"
OWNER_REVIEWABLE: Final = "行政复议依据"
"""What a row of 设定依据 is the basis of: the item, ``申请材料 M2``, ``收费``, ``法定时限`` (or
``法定时限 筹设`` for a stage), ``常见问题 2``, ``中介服务 1``, ``救济途径 1`` and
``行政复议依据`` (the articles that make refusing a public service reviewable)."""
