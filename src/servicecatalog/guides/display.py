"""Display formatting shared by the guide and index views: how a section number, a count of
visits, a duration, a law citation, a list's title or a form field's type reads in a guide
(``十二、``, ``1次（只跑一次）``, ``《失业保险条例》第十六条``). Every result is display text, not
yet escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog import Catalog
from ..codes import province_name
from ..model import Duration, FieldType, LegalReference, Manifest

__all__ = [
    "FIELD_TYPE_NAMES",
    "NOT_SET",
    "area_served",
    "authority",
    "chinese_number",
    "citations",
    "duration_text",
    "law_name",
    "list_title",
    "organizer",
    "visits_label",
]

NOT_SET = "—"
"""Shown in a cell or fact that has no value, so no table cell is ever empty."""

FIELD_TYPE_NAMES = {
    FieldType.TEXT: "文本",
    FieldType.NUMBER: "数字",
    FieldType.DATE: "日期",
    FieldType.ID_NUMBER: "身份证件号码",
    FieldType.PHONE: "电话号码",
    FieldType.CHOICE: "选项",
    FieldType.FILE: "附件",
}
"""How a form field's type is named in a guide's 表单内容."""

_DIGITS = "零一二三四五六七八九"


def organizer(manifest: Manifest | None) -> str | None:
    """主办单位: the manifest's ``organizer``, or the authority its name begins with."""
    return manifest.publisher if manifest is not None else None


def list_title(manifest: Manifest | None, list_id: str) -> str:
    spec = manifest.lists.get(list_id) if manifest else None
    return spec.title if spec else list_id


def authority(manifest: Manifest | None) -> str | None:
    """The authority that keeps the catalog, from the manifest's name, where it can be told."""
    return manifest.authority if manifest is not None else None


def area_served(manifest: Manifest | None) -> str | None:
    """The province a catalog serves (schema.org ``areaServed``), from its province code."""
    return province_name(manifest.province) if manifest else None


def law_name(reference: LegalReference, catalog: Catalog) -> str:
    law = catalog.laws.get(reference.law)
    return law.name if law else f"未登记的法规（{reference.law}）"


def citations(references: Iterable[LegalReference], catalog: Catalog) -> str:
    """``《中华人民共和国社会保险法》第五十条；《失业保险条例》第十六条``, or a dash."""
    cited = [f"《{law_name(ref, catalog)}》{'、'.join(ref.articles)}" for ref in references]
    return "；".join(cited) or NOT_SET


def duration_text(duration: Duration) -> str:
    return duration.text()


def visits_label(visits: int) -> str:
    if visits == 0:
        return "0次（零跑动）"
    if visits == 1:
        return "1次（只跑一次）"
    return f"{visits}次"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers, below 100)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[ones] if ones or not head else "")
