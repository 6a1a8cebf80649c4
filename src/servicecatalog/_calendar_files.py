"""Calendar override files read outside a catalog's load: the files of a folder (the
``deadline`` command's catalog) or their contents (a snapshot's).

Each file is parsed by the strict loader and validated into a
:class:`~servicecatalog.model.HolidaySchedule`, as every catalog file is; the first problem
raises :class:`~servicecatalog.errors.CalendarError`, naming the file and the place.
:mod:`servicecatalog.workdays` imports this module on first use, so that a calendar without
override files never loads the YAML parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._files import ReadProblem, read_regular
from ._validation import validate_document
from .errors import CalendarError
from .findings import Finding, Severity
from .loader import load_content
from .model import HolidaySchedule

__all__ = ["ReadSchedule", "read_contents", "read_folder"]

_MAX_BYTES = 1024 * 1024
_SUFFIXES = (".yaml", ".yml")

ReadSchedule = tuple[Path, bytes, HolidaySchedule]
"""An override file's path, its content and the schedule it holds."""


def read_folder(folder: Path) -> list[ReadSchedule]:
    """The YAML files of ``folder``, read and validated; none when the folder does not exist."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise CalendarError(f"{folder}: the calendar overrides folder is not a folder")
    return read_contents(
        (path, read_regular(path, _MAX_BYTES))
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in _SUFFIXES
    )


def read_contents(files: Iterable[tuple[Path, bytes | ReadProblem]]) -> list[ReadSchedule]:
    """Each file's content parsed and validated, in order."""
    return [(path, *_read(path, content)) for path, content in files]


def _read(path: Path, content: bytes | ReadProblem) -> tuple[bytes, HolidaySchedule]:
    if isinstance(content, ReadProblem):
        raise CalendarError(f"{path}: {content.message_en}", path)
    document = load_content(content, str(path))
    errors = [f for f in document.findings if f.severity is Severity.ERROR]
    if errors:
        raise _error(path, errors[0])
    schedule, problems = validate_document(HolidaySchedule, document)
    if schedule is None:
        raise _error(path, problems[0])
    return content, schedule


def _error(path: Path, finding: Finding) -> CalendarError:
    where = path if finding.line is None else f"{path}:{finding.line}:{finding.column}"
    return CalendarError(f"{where}: {finding.message_en}", path)
