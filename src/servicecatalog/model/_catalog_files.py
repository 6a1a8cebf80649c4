"""The catalog's files besides its items and implementation lists: ``catalog.yaml`` (the
manifest), ``laws.yaml``, ``regions.yaml``, ``synonyms.yaml`` and ``referrals.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    WrapSerializer,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ._values import (
    MAX_PUBLICATION_WORKING_DAYS,
    Day,
    Flag,
    FromText,
    LawId,
    ListSize,
    Text,
    _Frozen,
    _read_only,
    _serialized_as_dict,
    _to_int,
)
from ._vocabularies import (
    LawKind,
    Level,
)

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
        int, Field(ge=1, le=MAX_PUBLICATION_WORKING_DAYS), FromText(_to_int)
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


# ---- regions: the five levels ---------------------------------------------------------------


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
