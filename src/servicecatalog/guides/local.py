"""Where an item is done: one region's implementation as a guide shows it (办理地点、时间和咨询),
and which region a guide is for.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..errors import RegionError
from ..model import Implementation, Item, Region
from ..remedies import is_reviewable, reconsideration_body
from .blocks import Facts, LocalView
from .display import NOT_SET

__all__ = ["chosen_region", "fact", "local_view"]


def chosen_region(
    item: Item,
    catalog: Catalog,
    region: str | None,
    implementers: list[tuple[Region, Implementation]],
) -> str | None:
    """The region a guide of ``item`` is for: ``region`` if it implements the item, else the
    province where it does, else None; a :class:`~servicecatalog.errors.RegionError` when
    ``region`` does not implement it."""
    codes = [found.code for found, _ in implementers]
    if region is None:
        province = f"{catalog.manifest.province}0000" if catalog.manifest else None
        return province if province in codes else None
    if region in codes:
        return region
    raise RegionError(
        region,
        item.code,
        [(found.code, found.name) for found, _ in implementers],
        known=region in catalog.regions,
    )


def local_view(item: Item, region: Region, implementation: Implementation) -> LocalView:
    """``region``'s implementation of ``item``: its agency, place, hours and phones, and its
    people's government as the body of reconsideration."""
    rows = [("实施地区", region.name), ("实施主体", implementation.agency)]
    if implementation.implementation_code is not None:
        rows.append(("实施编码", implementation.implementation_code))
    rows += [
        ("权力来源", implementation.power_source.value),
        ("办理地点", implementation.address or NOT_SET),
        ("办理时间", implementation.hours or NOT_SET),
        ("办理窗口", implementation.window or NOT_SET),
        ("咨询电话", implementation.phone or NOT_SET),
        ("监督投诉电话", implementation.complaint_phone or NOT_SET),
    ]
    if implementation.online_url is not None:
        rows.append(("网上办理地址", implementation.online_url))
    if implementation.appointment is not None:
        rows.append(("预约方式", implementation.appointment))
    if implementation.mail_delivery is not None:
        rows.append(("结果送达", _delivery(implementation.mail_delivery)))
    if is_reviewable(item):
        rows.append(("行政复议机关", reconsideration_body(region)))
    return LocalView(
        region=region.code,
        region_name=region.name,
        level=region.level.value,
        agency=implementation.agency,
        online_url=implementation.online_url,
        phone=implementation.phone,
        address=implementation.address,
        facts=Facts(tuple(rows)),
    )


def _delivery(mail: bool) -> str:
    return "可选择邮寄送达，或到窗口领取" if mail else "到窗口领取"


def fact(facts: Facts, label: str) -> str:
    """The value of the fact ``label``, or :data:`~.display.NOT_SET`."""
    return next((value for name, value in facts.rows if name == label), NOT_SET)
