"""Five levels: ``implementations/<region-code>.yaml``, the items one region implements and what
is local about them.
"""

from __future__ import annotations

from ._item_parts import (
    Revision,
)
from ._values import (
    CreditCode,
    Flag,
    Text,
    _Frozen,
)
from ._vocabularies import (
    PowerSource,
)


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
