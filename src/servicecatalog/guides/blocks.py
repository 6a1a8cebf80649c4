"""The one intermediate view of a service guide (办事指南) that every renderer draws: a
:class:`GuideView` of title facts and an ordered tuple of :class:`Section` s, each made of a few
kinds of display :data:`Block` (label–value facts, a paragraph, a numbered list, a table, questions
and answers, the implementing regions). Every string in it is final display text and *not yet
escaped*: escaping belongs to each output format. :mod:`.view` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = [
    "QA",
    "Block",
    "Facts",
    "FormLink",
    "GuideView",
    "ItemLink",
    "ListRef",
    "LocalView",
    "Numbered",
    "Paragraph",
    "Regions",
    "Section",
    "Summary",
    "Table",
]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs, laid out as a two-column table."""

    rows: tuple[tuple[str, str], ...]
    kind: ClassVar[str] = "facts"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text."""

    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Numbered:
    """A numbered list (受理条件)."""

    entries: tuple[str, ...]
    kind: ClassVar[str] = "numbered"


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``caption`` (a form's name) is shown as a sub-heading."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class FormLink:
    """A form of the item and the material it is filed as: the site links its 空白表格 and
    示例样表 (``<code>.<form id>.html``, ``<code>.<form id>.sample.html``) from the material."""

    form_id: str
    name: str
    material: str | None
    """The name of the material this form is, or none when no material refers to it."""
    blank: str
    """The file name of the blank form's page."""
    sample: str | None
    """The file name of the sample's page; none when no field gives an example."""


@dataclass(frozen=True)
class QA:
    """Questions and answers (常见问题): each with the articles the answer rests on."""

    entries: tuple[tuple[str, str, str], ...]
    """(question, answer, basis) triples."""
    kind: ClassVar[str] = "qa"


@dataclass(frozen=True)
class LocalView:
    """One region's implementation of an item, as a guide shows it (办理地点、时间和咨询)."""

    region: str
    """The region's code."""
    region_name: str
    level: str
    agency: str
    online_url: str | None
    phone: str | None
    address: str | None
    facts: Facts


@dataclass(frozen=True)
class Regions:
    """Every region that implements the item, one selected: the site's item pages show them all
    (readable without JavaScript) with a selector."""

    entries: tuple[LocalView, ...]
    selected: str | None
    kind: ClassVar[str] = "regions"


Block = Facts | Paragraph | Numbered | Table | QA | Regions
"""What a section is made of; templates tell the kinds apart by ``block.kind``."""


@dataclass(frozen=True)
class Section:
    """One numbered section of the guide: ``key`` is a stable id (an HTML anchor).

    ``folded`` marks what citizens rarely need (the back-office 业务经办流程): an HTML page folds
    it; Markdown and the hall's DOCX print it in full.
    """

    key: str
    title: str
    blocks: tuple[Block, ...]
    folded: bool = False


@dataclass(frozen=True)
class Summary:
    """The citizen's answers, in one box before the administrative sections (办事指引): what to
    bring, how long, what it costs, how many visits, where and whom to call, and what to do if
    refused. Where and the phones are the local implementation's (``GuideView.local``) or, on the
    site, the region picker's."""

    materials: tuple[str, ...]
    """The names of the materials the applicant hands in (not those had otherwise)."""
    exempt: int
    """How many listed materials the applicant need not hand in (数据共享, 电子证照, 告知承诺)."""
    time_limit: str
    fee: str
    visits: str | None
    """到现场次数, for items one applies for."""
    refused: str
    """What to do if the application is refused or the decision is disputed (every guide has
    a 救济途径 section to link to)."""


@dataclass(frozen=True)
class ListRef:
    """A list (清单) an item is on: its id in catalog.yaml and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class ItemLink:
    """Another item a guide links to: its code and the name to show."""

    code: str
    name: str


@dataclass(frozen=True)
class GuideView:
    """Everything a guide shows, as display strings, in the order it shows them."""

    code: str
    name: str
    item_type: str
    department: str
    authority: str | None
    """The authority that keeps the catalog (from the manifest's name), where it can be told."""
    area: str | None
    """The province the catalog serves, from the manifest's province code."""
    catalog_name: str
    lists: tuple[ListRef, ...]
    visits: str
    changed_on: str
    version: str
    sections: tuple[Section, ...]
    template: str = "application"
    """``application`` for items one applies for, ``authority`` for items the authority
    initiates (行政处罚 行政强制 行政检查 行政征收): no application sections there."""
    audience: tuple[str, ...] = ()
    result: str | None = None
    """The name of what the applicant receives (办理结果)."""
    local: LocalView | None = None
    """The implementation the guide is for (a region's agency, address, phones)."""
    regions: tuple[LocalView, ...] = ()
    """Every region that implements the item."""
    organizer: str | None = None
    """主办单位 of the catalog, for the footer."""
    description: str = ""
    """One sentence on what the guide tells (a page's meta description)."""
    main_item: str | None = None
    """The main item's name, where this is one of its sub-items (a breadcrumb)."""
    siblings: tuple[ItemLink, ...] = ()
    """The other sub-items of the same main item."""
    one_thing: tuple[ItemLink, ...] = ()
    """The other items of the same 一件事."""
    forms: tuple[FormLink, ...] = ()
    """The item's forms, each with the material it is filed as and its pages' file names."""
    """The other items of the same 一件事 that an applicant starts (never a penalty, an
    inspection or a coercive measure)."""
    summary: Summary | None = None
    """The citizen's answers, shown first on an HTML page."""
    citizen_sections: tuple[str, ...] = ()
    """The keys of the sections a handout prints: what the applicant needs, none of the back
    office's."""

    def section(self, key: str) -> Section:
        """The section with ``key``; ``KeyError`` if the guide has none (``penalty``)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)
