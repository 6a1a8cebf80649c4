"""Item codes (基本编码): ``AA DDDD MMM SSS``.

``AA`` is the province (22 Jilin, 00 national), ``DDDD`` the department (0114 human resources and
social security), ``MMM`` the main item and ``SSS`` the sub-item (``000``: the item has none).
The layout follows national and provincial catalogs; GB/T 39554.1-2020 governs the coding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import ServiceCatalogError

__all__ = [
    "NO_SUB_ITEM",
    "PROVINCES",
    "InvalidCodeError",
    "ItemCode",
    "describe_code_problem",
    "province_name",
]

NO_SUB_ITEM = "000"
_CODE = re.compile(r"[0-9]{12}")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class InvalidCodeError(ServiceCatalogError, ValueError):
    """A string is not a 12-digit item code."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code!r} is not an item code: {reason}")
        self.code = code
        """The string that is no item code."""
        self.reason = reason
        """What is wrong with it."""


@dataclass(frozen=True, slots=True, order=True)
class ItemCode:
    """A parsed item code."""

    province: str
    """Digits 1-2, the province (``22``, Jilin)."""
    department: str
    """Digits 3-6, the department."""
    main: str
    """Digits 7-9, the main item."""
    sub: str
    """Digits 10-12, the sub-item (``000``: none)."""

    @classmethod
    def parse(cls, code: str) -> ItemCode:
        """Parse ``code``; raise :class:`InvalidCodeError` if it is not 12 ASCII digits."""
        problem = describe_code_problem(code)
        if problem is not None:
            raise InvalidCodeError(code, problem[1])
        return cls(code[:2], code[2:6], code[6:9], code[9:])

    @property
    def main_code(self) -> str:
        """The first nine digits, shared by a main item and all its sub-items."""
        return f"{self.province}{self.department}{self.main}"

    @property
    def has_sub_item(self) -> bool:
        """True unless the sub-item part is ``000``."""
        return self.sub != NO_SUB_ITEM

    def __str__(self) -> str:
        return f"{self.main_code}{self.sub}"


def describe_code_problem(code: str) -> tuple[str, str] | None:
    """Why ``code`` is not a valid item code, in Chinese and English; ``None`` if it is valid."""
    if _CODE.fullmatch(code):
        return None
    ascii_code = code.translate(_FULL_WIDTH_DIGITS)
    if ascii_code != code and _CODE.fullmatch(ascii_code):
        return (
            f"编码 “{code}” 使用了全角数字，应为半角数字 “{ascii_code}”",
            f"code '{code}' uses full-width digits; write '{ascii_code}'",
        )
    return (
        f"编码 “{code}” 应为 12 位数字（省 2 位、部门 4 位、主项 3 位、子项 3 位）",
        f"code '{code}' must be 12 digits (province 2, department 4, main item 3, sub-item 3)",
    )


PROVINCES: Mapping[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}
"""The province-level divisions of GB/T 2260 by their two-digit code, the ``AA`` of an item
code and of a region code (``22``: 吉林省)."""


def province_name(code: str) -> str | None:
    """The name of the province ``code`` (``22`` → 吉林省), or None for no GB/T 2260 province."""
    return PROVINCES.get(code)
