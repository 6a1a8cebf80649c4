"""servicecatalog: service items standardized by the eight unifications (八统一).

Load a catalog folder as typed, immutable objects, validate it, and query it::

    import servicecatalog as sc
    catalog = sc.load_catalog("catalog")
    catalog.report.ok
    item = catalog.item("220114043000")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._project import VERSION as __version__
from .catalog import Catalog, load_catalog
from .codes import InvalidCodeError, ItemCode
from .diff import Change, Changes, Direction, diff_catalogs
from .errors import (
    CalendarError,
    CatalogInvalidError,
    CatalogNotFoundError,
    GitSourceError,
    RegionError,
    RenderError,
    ServiceCatalogError,
    UnknownYearError,
    WorkerError,
)
from .findings import Finding, Report, Severity
from .model import (
    Audience,
    Channel,
    CreditCode,
    DayUnit,
    DeadlineLimit,
    DiscretionEntry,
    Duration,
    Exemption,
    Faq,
    Fee,
    FieldType,
    Form,
    FormField,
    HandlingStep,
    HandlingType,
    Implementation,
    ImplementationList,
    IntermediaryService,
    Item,
    ItemType,
    Law,
    LawKind,
    Laws,
    LegalDuration,
    LegalEvent,
    LegalReference,
    LegalStage,
    Level,
    ListSpec,
    Manifest,
    Material,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
    Penalty,
    PenaltyKind,
    PowerSource,
    Publication,
    Region,
    Regions,
    Requirement,
    Responsibility,
    ResponsibilityStage,
    Result,
    ResultType,
    Revision,
    Role,
    Scope,
    ServiceStep,
    StagedLimit,
    StageSequence,
    TimeLimit,
)
from .workdays import WorkdayCalendar, is_working_day, next_working_day, working_days_between

if TYPE_CHECKING:
    from .guides import build_site, render_guide

_GUIDES = frozenset({"build_site", "render_guide"})


def __getattr__(name: str) -> Any:
    # The guides need Jinja2 and python-docx: loaded on first use, not by every import.
    if name in _GUIDES:
        from . import guides

        return getattr(guides, name)
    raise AttributeError(f"module 'servicecatalog' has no attribute {name!r}")


__all__ = [
    "Audience",
    "CalendarError",
    "Catalog",
    "CatalogInvalidError",
    "CatalogNotFoundError",
    "Change",
    "Changes",
    "Channel",
    "CreditCode",
    "DayUnit",
    "DeadlineLimit",
    "Direction",
    "DiscretionEntry",
    "Duration",
    "Exemption",
    "Faq",
    "Fee",
    "FieldType",
    "Finding",
    "Form",
    "FormField",
    "GitSourceError",
    "HandlingStep",
    "HandlingType",
    "Implementation",
    "ImplementationList",
    "IntermediaryService",
    "InvalidCodeError",
    "Item",
    "ItemCode",
    "ItemType",
    "Law",
    "LawKind",
    "Laws",
    "LegalDuration",
    "LegalEvent",
    "LegalReference",
    "LegalStage",
    "Level",
    "ListSpec",
    "Manifest",
    "Material",
    "MaterialForm",
    "MaterialSource",
    "OnlineDepth",
    "Penalty",
    "PenaltyKind",
    "PowerSource",
    "Publication",
    "Region",
    "RegionError",
    "Regions",
    "RenderError",
    "Report",
    "Requirement",
    "Responsibility",
    "ResponsibilityStage",
    "Result",
    "ResultType",
    "Revision",
    "Role",
    "Scope",
    "ServiceCatalogError",
    "ServiceStep",
    "Severity",
    "StageSequence",
    "StagedLimit",
    "TimeLimit",
    "UnknownYearError",
    "WorkdayCalendar",
    "WorkerError",
    "__version__",
    "build_site",
    "diff_catalogs",
    "is_working_day",
    "load_catalog",
    "next_working_day",
    "render_guide",
    "working_days_between",
]
