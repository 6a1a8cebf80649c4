"""servicecatalog: service items standardized by the eight unifications (八统一).

Load a catalog folder as typed, immutable objects, validate it, and query it::

    import servicecatalog as sc
    catalog = sc.load_catalog("catalog")
    catalog.report.ok
    item = catalog.item("220114043000")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _project

# Assigned rather than imported so that it carries its docstring into the API reference.
__version__ = _project.VERSION
"""The version of servicecatalog installed (PEP 440), as ``servicecatalog --version`` prints it."""

if TYPE_CHECKING:
    from .cache import (
        default_cache_folder,
        parse_cache,
    )
    from .catalog import (
        Catalog,
        load_catalog,
    )
    from .codes import (
        InvalidCodeError,
        ItemCode,
    )
    from .diff import (
        Change,
        Changes,
        Direction,
        diff_catalogs,
    )
    from .errors import (
        CalendarError,
        CatalogInvalidError,
        CatalogNotFoundError,
        GitSourceError,
        OutputInCatalogError,
        RegionError,
        RenderError,
        ServiceCatalogError,
        SnapshotError,
        SnapshotVersionError,
        UnknownYearError,
        WorkerError,
    )
    from .findings import (
        Finding,
        Report,
        Severity,
    )
    from .forms import (
        form_format_checker,
        form_schema,
    )
    from .guides import (
        build_site,
        render_guide,
    )
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
        ImplementationDefaults,
        ImplementationList,
        ImplementationListFile,
        IntermediaryService,
        Item,
        ItemRemedies,
        ItemType,
        Law,
        LawKind,
        Laws,
        LegalDuration,
        LegalEvent,
        LegalReference,
        LegalStage,
        Level,
        ListedImplementation,
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
        RemedyRelation,
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
        StatutoryRoute,
        TimeLimit,
    )
    from .opening import (
        open_catalog,
    )
    from .snapshot import (
        load_snapshot,
        write_snapshot,
    )
    from .workdays import (
        WorkdayCalendar,
        is_working_day,
        next_working_day,
        working_days_between,
    )

CreditCode: Any  # type: ignore[no-redef]  # bound on first use like the other names (below)
"""统一社会信用代码, as a field's type: 18 digits or capital letters (no I, O, S, V or Z), checked
with its GB 32100-2015 check character."""

# Every public name but the version is loaded on first use, not by the import: a program that
# imports the package to run one command waits for no model to be built (pydantic makes each
# class when its module is imported), no YAML parser, no calendar tables, no Jinja2. The
# names are the modules' own objects; the imports above tell type checkers what they are.
_LAZY = {
    **dict.fromkeys(
        (
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
            "StageSequence",
            "StagedLimit",
            "StatutoryRoute",
            "TimeLimit",
        ),
        "model",
    ),
    **dict.fromkeys(
        (
            "CalendarError",
            "CatalogInvalidError",
            "CatalogNotFoundError",
            "GitSourceError",
            "OutputInCatalogError",
            "RegionError",
            "RenderError",
            "ServiceCatalogError",
            "SnapshotError",
            "SnapshotVersionError",
            "UnknownYearError",
            "WorkerError",
        ),
        "errors",
    ),
    **dict.fromkeys(
        (
            "InvalidCodeError",
            "ItemCode",
        ),
        "codes",
    ),
    **dict.fromkeys(
        (
            "Finding",
            "Report",
            "Severity",
        ),
        "findings",
    ),
    **dict.fromkeys(
        (
            "Catalog",
            "load_catalog",
        ),
        "catalog",
    ),
    **dict.fromkeys(
        (
            "Change",
            "Changes",
            "Direction",
            "diff_catalogs",
        ),
        "diff",
    ),
    **dict.fromkeys(
        (
            "form_format_checker",
            "form_schema",
        ),
        "forms",
    ),
    **dict.fromkeys(
        (
            "build_site",
            "render_guide",
        ),
        "guides",
    ),
    **dict.fromkeys(
        (
            "default_cache_folder",
            "parse_cache",
        ),
        "cache",
    ),
    **dict.fromkeys(
        ("open_catalog",),
        "opening",
    ),
    **dict.fromkeys(
        (
            "load_snapshot",
            "write_snapshot",
        ),
        "snapshot",
    ),
    **dict.fromkeys(
        (
            "WorkdayCalendar",
            "is_working_day",
            "next_working_day",
            "working_days_between",
        ),
        "workdays",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'servicecatalog' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    # The public names only: not the machinery of this file (importlib, TYPE_CHECKING, Any,
    # annotations) nor the submodules an import leaves behind.
    return sorted(__all__)


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
    "ImplementationDefaults",
    "ImplementationList",
    "ImplementationListFile",
    "IntermediaryService",
    "InvalidCodeError",
    "Item",
    "ItemCode",
    "ItemRemedies",
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
    "ListedImplementation",
    "Manifest",
    "Material",
    "MaterialForm",
    "MaterialSource",
    "OnlineDepth",
    "OutputInCatalogError",
    "Penalty",
    "PenaltyKind",
    "PowerSource",
    "Publication",
    "Region",
    "RegionError",
    "Regions",
    "RemedyRelation",
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
    "SnapshotError",
    "SnapshotVersionError",
    "StageSequence",
    "StagedLimit",
    "StatutoryRoute",
    "TimeLimit",
    "UnknownYearError",
    "WorkdayCalendar",
    "WorkerError",
    "__version__",
    "build_site",
    "default_cache_folder",
    "diff_catalogs",
    "form_format_checker",
    "form_schema",
    "is_working_day",
    "load_catalog",
    "load_snapshot",
    "next_working_day",
    "open_catalog",
    "parse_cache",
    "render_guide",
    "working_days_between",
    "write_snapshot",
]
