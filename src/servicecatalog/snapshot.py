"""A catalog compiled into one JSON file, for programs that start often and read it whole.

``servicecatalog build CATALOG -o catalog.json`` (or :func:`write_snapshot`) writes what
:func:`~servicecatalog.catalog.load_catalog` found: the manifest, the laws, the valid items, the
regions and implementation lists, the JSON Schema of every form's submission, the report's
findings and the calendar's override files, with
the tool version and the commit it was built from. :func:`load_snapshot` reads it back into a
:class:`~servicecatalog.catalog.Catalog` equal to the one loaded from the files, with no YAML
parsed and no rule run: one pydantic validation of the whole file.

A snapshot is the ``catalog.json`` the static site publishes; its first keys (``manifest``,
``laws``, ``items``, ``left_out``) are those the site always wrote. It is read only by the
version of servicecatalog that wrote it: another version is refused
(:class:`~servicecatalog.errors.SnapshotVersionError`), since its models may differ.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import from_json

from . import __version__
from ._files import ReadProblem, read_regular, write_atomically
from ._gc import collector_paused
from .catalog import Catalog
from .errors import CatalogInvalidError, SnapshotError, SnapshotVersionError
from .findings import Finding, Report
from .forms import form_schemas
from .model import Laws, Manifest, Referrals, Regions, Synonyms
from .model._values import JSON_AS_TEXT, JSON_AS_TYPED
from .schemas import CalendarOverrides
from .schemas import CatalogExport as Snapshot
from .workdays import OverrideFile, WorkdayCalendar

__all__ = ["SNAPSHOT_FORMAT", "Snapshot", "load_snapshot", "snapshot_data", "write_snapshot"]

SNAPSHOT_FORMAT = 1
"""The shape of the file; it changes only with the tool's version, which is checked too."""

_MAX_BYTES = 1024 * 1024 * 1024
"""A snapshot of the full provincial scale is some 30 MB; this bounds what is read all the same."""


def snapshot_data(
    catalog: Catalog, *, commit: str | None = None, modified: bool = False
) -> dict[str, Any]:
    """``catalog`` as the plain data of a snapshot (and of the site's ``catalog.json``).

    Raises :class:`SnapshotError` for a catalog whose ``catalog.yaml`` does not validate: there is
    nothing to describe it by.
    """
    if catalog.manifest is None:
        raise SnapshotError(f"{catalog.path}: catalog.yaml is invalid; a snapshot needs it")
    # Some containers per value of the catalog, all kept until the data is written, and no
    # cycle: the collector, left on, would examine the whole catalog again as they pile up.
    with collector_paused():
        return _snapshot_data(catalog, catalog.manifest, commit, modified)


def _snapshot_data(
    catalog: Catalog, manifest: Manifest, commit: str | None, modified: bool
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "manifest": manifest.model_dump(mode="json"),
        "laws": Laws(laws=tuple(catalog.laws.values())).model_dump(mode="json"),
        "items": [item.model_dump(mode="json") for item in catalog.items()],
    }
    left_out = catalog.left_out()
    if left_out:
        data["left_out"] = [
            {"item": entry.code, "file": entry.file, "reason": entry.reasons()}
            for entry in left_out
        ]
    data["regions"] = Regions(regions=tuple(catalog.regions.values())).model_dump(mode="json")
    data["implementations"] = [
        implementations.model_dump(mode="json")
        for _, implementations in sorted(catalog.implementation_lists.items())
    ]
    data["synonyms"] = Synonyms(synonyms=catalog.synonyms).model_dump(mode="json")
    data["form_schemas"] = form_schemas(catalog.items())
    data["referrals"] = Referrals(referrals=catalog.referrals).model_dump(mode="json")
    data["report"] = {
        "items": catalog.report.items,
        "findings": [_finding_data(finding) for finding in catalog.report.findings],
        "waived": [_finding_data(finding) for finding in catalog.report.waived],
    }
    calendar = catalog.calendar
    data["calendar"] = {
        "folder": None if calendar.overrides_dir is None else str(calendar.overrides_dir),
        "files": [
            {"name": file.path.name, "content": file.content.decode("utf-8")}
            for file in calendar.override_files
        ],
    }
    data["servicecatalog"] = {
        "tool": "servicecatalog",
        "version": __version__,
        "format": SNAPSHOT_FORMAT,
        "catalog": str(catalog.path),
        "commit": commit,
        "modified": modified,
    }
    return data


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {**asdict(finding), "severity": finding.severity.value, "related": list(finding.related)}


def write_snapshot(
    catalog: Catalog,
    target: str | Path,
    *,
    commit: str | None = None,
    modified: bool = False,
    allow_invalid: bool = False,
) -> Path:
    """Write the snapshot of ``catalog`` to ``target``, whole or not at all; return the path.

    A catalog with errors raises :class:`~servicecatalog.errors.CatalogInvalidError` unless
    ``allow_invalid`` (the snapshot then lists the item files left out, under ``left_out``).
    ``commit`` and ``modified`` record where the catalog was read from (see
    :func:`servicecatalog.sources.source_commit`).
    """
    if not catalog.report.ok and not allow_invalid:
        raise CatalogInvalidError(catalog.report.counts["error"], len(catalog.invalid_files))
    path = Path(target)
    text = json.dumps(
        snapshot_data(catalog, commit=commit, modified=modified),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    try:
        write_atomically(path, text + "\n")
    except OSError as error:
        raise SnapshotError(f"{path}: cannot write: {error.strerror or error}") from None
    return path


def load_snapshot(path: str | Path) -> Catalog:
    """The catalog a snapshot holds: equal, item by item, to the one it was built from.

    Raises :class:`~servicecatalog.errors.SnapshotVersionError` for a snapshot another version of
    servicecatalog wrote, and :class:`~servicecatalog.errors.SnapshotError` for a file that is
    not a snapshot (or cannot be read).
    """
    file = Path(path)
    raw = read_regular(file, _MAX_BYTES)
    if isinstance(raw, ReadProblem):
        raise SnapshotError(f"{file}: {raw.message_en}")
    try:
        with collector_paused():
            snapshot = Snapshot.model_validate_json(raw)
    except ValidationError as error:
        _check_version(file, _header(file, raw))
        where, what = _first_problem(error)
        raise SnapshotError(f"{file}: not a servicecatalog snapshot ({where}: {what})") from None
    _check_version(file, snapshot.servicecatalog.model_dump())
    with collector_paused():
        return _catalog(file, snapshot)


def _first_problem(error: ValidationError) -> tuple[str, str]:
    """Where the file first went wrong, and how. A flag, count or date is tried as its JSON
    type, then converted as catalog text: the conversion's error says what was expected."""
    problems = error.errors(include_url=False)
    first = next((p for p in problems if p["loc"][-1:] != (JSON_AS_TYPED,)), problems[0])
    steps = first["loc"][:-1] if first["loc"][-1:] == (JSON_AS_TEXT,) else first["loc"]
    return ".".join(str(step) for step in steps) or "the file", first["msg"]


def _header(file: Path, raw: bytes) -> dict[str, Any]:
    """The ``servicecatalog`` object of a file that did not validate, to tell a snapshot of
    another version from a file that is no snapshot at all."""
    try:
        data = from_json(raw)
    except ValueError as error:
        raise SnapshotError(f"{file}: not a servicecatalog snapshot: not JSON ({error})") from None
    header = data.get("servicecatalog") if isinstance(data, dict) else None
    return header if isinstance(header, dict) else {}


def _check_version(file: Path, header: dict[str, Any]) -> None:
    version, layout = header.get("version"), header.get("format")
    if isinstance(version, str) and (version != __version__ or layout != SNAPSHOT_FORMAT):
        found_format = layout if isinstance(layout, int) and not isinstance(layout, bool) else None
        raise SnapshotVersionError(file, version, __version__, found_format, SNAPSHOT_FORMAT)


def _calendar(overrides: CalendarOverrides) -> WorkdayCalendar:
    """The calendar of the override files the snapshot carries, read as the catalog read them."""
    folder = None if overrides.folder is None else Path(overrides.folder)
    if not overrides.files:
        return WorkdayCalendar(folder, files=[])
    # Only a catalog with overrides has them parsed again: the YAML loader is loaded for them.
    from ._calendar_files import read_contents

    read = read_contents(
        ((folder or Path()) / entry.name, entry.content.encode("utf-8"))
        for entry in overrides.files
    )
    return WorkdayCalendar(folder, files=[OverrideFile(*each) for each in read])


def _catalog(file: Path, snapshot: Snapshot) -> Catalog:
    regions: dict[str, Any] = {}
    for region in snapshot.regions.regions:
        regions.setdefault(region.code, region)
    return Catalog(
        path=file,
        manifest=snapshot.manifest,
        laws={law.id: law for law in snapshot.laws.laws},
        report=Report(snapshot.report.findings, snapshot.report.items, snapshot.report.waived),
        _items={item.code: item for item in snapshot.items},
        regions=regions,
        implementation_lists={entry.region: entry for entry in snapshot.implementations},
        invalid_files={entry.item: entry.file for entry in snapshot.left_out},
        synonyms=snapshot.synonyms.synonyms,
        calendar=_calendar(snapshot.calendar),
        referrals=snapshot.referrals.referrals,
    )
