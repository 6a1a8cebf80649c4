"""Exceptions the library raises when input is unusable.

Validation problems are never raised: they are :class:`~servicecatalog.findings.Finding` values in a
:class:`~servicecatalog.findings.Report`. Exceptions are kept for input that cannot be used at all
(no such folder, a date the working-day calendar does not cover, an unknown git revision), and every
one of them derives from :class:`ServiceCatalogError` so a caller can catch them all at once.
"""

from __future__ import annotations

from pathlib import Path

from ._files import display_path
from ._text import counted

__all__ = [
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
]


class ServiceCatalogError(Exception):
    """Base class of every exception the library raises."""

    def __init__(self, message: str) -> None:
        # A path whose bytes were not UTF-8 is shown with \xNN, so the message prints anywhere.
        shown = display_path(message)
        super().__init__(shown)
        self.message = shown
        """The message, as ``str()`` of the exception gives it."""


class CatalogNotFoundError(ServiceCatalogError):
    """The path names no catalog folder (missing, not a folder, or without ``catalog.yaml``)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """The path given as the catalog."""
        self.reason = reason
        """Why it is no catalog (missing, not a folder, no ``catalog.yaml``)."""


class OutputInCatalogError(ServiceCatalogError):
    """An output (a report, a guide, a snapshot, a site, a new catalog) would be written inside
    a catalog folder, by its name or through a link: no command writes into a catalog, except
    ``new`` into its ``items/``."""

    def __init__(self, path: Path, catalog: Path) -> None:
        super().__init__(
            f"{path}: inside the catalog {catalog}; no command writes into a catalog (only new, "
            "into items/): write it outside the catalog folder"
        )
        self.path = path
        """The output that was refused."""
        self.catalog = catalog
        """The catalog folder it lies in."""


class CalendarError(ServiceCatalogError):
    """The working-day calendar cannot answer (bad override file, or a year nobody covers).

    For a bad override file, ``file`` is its path and ``loc`` the location of the offending value
    in it (keys and indexes, as in findings); both are empty otherwise.
    """

    def __init__(
        self, message: str, file: Path | None = None, loc: tuple[str | int, ...] = ()
    ) -> None:
        super().__init__(message)
        self.file = file
        """The bad override file; None when the calendar is short of a year."""
        self.loc = loc
        """Where in ``file`` the bad value is (keys and indexes); empty when ``file`` is None."""


_LAST_YEAR = 9999


class UnknownYearError(CalendarError):
    """A date falls in a year neither ``chinesecalendar`` nor an override file covers."""

    def __init__(self, year: int, override_file: Path) -> None:
        if year > _LAST_YEAR:
            message = "the count runs past 9999-12-31, the last day a date can name"
        else:
            message = (
                f"the working-day calendar does not cover {year}: add {override_file} "
                f"with the State Council's holiday schedule for {year}"
            )
        super().__init__(message)
        self.year = year
        """The year no calendar covers."""
        self.override_file = override_file
        """The override file that would cover it, with the State Council's holiday schedule."""


class GitSourceError(ServiceCatalogError):
    """A ``git:REV[:PATH]`` source cannot be read (unknown revision, no repository, no git)."""

    def __init__(self, spec: str, reason: str) -> None:
        super().__init__(f"{spec}: {reason}")
        self.spec = spec
        """The source as given (``git:REV[:PATH]``)."""
        self.reason = reason
        """Why git cannot read it."""


class RenderError(ServiceCatalogError):
    """A guide cannot be rendered (unknown format, broken template)."""


class WorkerError(ServiceCatalogError):
    """A worker process that loads files ended without an answer (killed, out of memory)."""


class CatalogInvalidError(ServiceCatalogError):
    """A catalog with errors was to be published (a site, figures): nothing is produced unless
    the caller allows an incomplete catalog explicitly."""

    def __init__(self, errors: int, left_out: int) -> None:
        super().__init__(
            f"the catalog has {counted(errors, 'error')} ({counted(left_out, 'item file')} "
            f"{'does' if left_out == 1 else 'do'} not validate and would be left out); fix "
            "them (servicecatalog validate shows them), or allow an incomplete catalog "
            "explicitly (--allow-invalid)"
        )
        self.errors = errors
        """How many error findings the catalog has."""
        self.left_out = left_out
        """How many item files do not validate and would be left out."""


class RegionError(ServiceCatalogError):
    """A guide was asked for a region that is unknown or does not implement the item.

    ``implementing`` holds (code, name) of the regions that do implement it.
    """

    def __init__(
        self, region: str, item: str, implementing: list[tuple[str, str]], *, known: bool
    ) -> None:
        shown = ", ".join(f"{code} {name}" for code, name in implementing[:_REGIONS_SHOWN])
        if len(implementing) > _REGIONS_SHOWN:
            shown += f" … ({len(implementing)} regions)"
        what = f"does not implement item {item}" if known else "is not a region of the catalog"
        where = f"it is implemented by {shown}" if implementing else "no region implements it"
        super().__init__(f"region {region} {what}; {where}")
        self.region = region
        """The region code asked for."""
        self.item = item
        """The code of the item the guide is of."""
        self.implementing = tuple(implementing)
        """(code, name) of each region that implements the item."""


_REGIONS_SHOWN = 20


class SnapshotError(ServiceCatalogError):
    """A file given as a catalog snapshot is not one: unreadable, not JSON, or not of the shape
    ``servicecatalog build`` writes."""


class SnapshotVersionError(SnapshotError):
    """A snapshot written by another version of servicecatalog, or in another format: build it
    again with this one. ``found_format`` is None where the file names no format number."""

    def __init__(
        self,
        path: Path,
        found: str,
        expected: str,
        found_format: int | None = None,
        expected_format: int | None = None,
    ) -> None:
        written = "no format number" if found_format is None else f"format {found_format}"
        super().__init__(
            f"{display_path(str(path))}: the snapshot was built by servicecatalog {found} "
            f"({written}), this is servicecatalog {expected}, which reads format "
            f"{expected_format}; build it again (servicecatalog build CATALOG -o FILE)"
        )
        self.found = found
        """The version of servicecatalog that wrote the snapshot."""
        self.expected = expected
        """The version of servicecatalog reading it (this one)."""
        self.found_format = found_format
        """The snapshot's format number; None where the file names none."""
        self.expected_format = expected_format
        """The format number this version reads."""
