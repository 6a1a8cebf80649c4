"""Wheels of distributions installed in this environment, for installing them again offline.

pre-commit builds a hook's environment with pip. To run it without a network (and without
depending on an index being reachable), the test hands pip a folder of wheels made from what the
test environment already has installed: each distribution's files, as its ``RECORD`` lists them,
packed again with its metadata into a wheel of the same name, version and tag.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# Written again by the wheel itself, or by the installer that unpacks it.
_DROPPED = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def requirement_closure(names: Iterable[str]) -> list[importlib.metadata.Distribution]:
    """The installed distributions ``names`` need, themselves included, without extras."""
    found: dict[str, importlib.metadata.Distribution] = {}
    pending = list(names)
    while pending:
        name = canonicalize_name(pending.pop())
        if name in found:
            continue
        distribution = importlib.metadata.distribution(name)
        found[name] = distribution
        for text in distribution.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return sorted(found.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def build_wheel(distribution: importlib.metadata.Distribution, folder: Path) -> Path:
    """A wheel of the installed ``distribution`` in ``folder``."""
    files = [f for f in distribution.files or () if _packed(f)]
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    tag = _tag(distribution)
    name = re.sub(r"[-_.]+", "_", distribution.metadata["Name"])
    target = folder / f"{name}-{distribution.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in files:
            data = Path(str(file.locate())).read_bytes()
            wheel.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{file.as_posix()},sha256={digest.decode()},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def _packed(file: importlib.metadata.PackagePath) -> bool:
    parts = file.parts
    if parts[0] == ".." or "__pycache__" in parts or file.suffix == ".pyc":
        return False  # scripts (made again from entry points) and caches
    return not (parts[0].endswith(".dist-info") and parts[-1] in _DROPPED)


def _tag(distribution: importlib.metadata.Distribution) -> str:
    wheel = distribution.read_text("WHEEL") or ""
    tags = [tag.split("-") for tag in re.findall(r"^Tag: (\S+)$", wheel, flags=re.M)]
    if not tags:
        return "py3-none-any"
    # A wheel's name carries its tags compressed: py2.py3-none-any stands for two.
    return "-".join(".".join(dict.fromkeys(tag[part] for tag in tags)) for part in range(3))


def wheelhouse(folder: Path, names: Iterable[str]) -> Path:
    """``folder`` filled with wheels of ``names`` and of everything they need."""
    folder.mkdir(parents=True, exist_ok=True)
    for distribution in requirement_closure(names):
        build_wheel(distribution, folder)
    return folder
