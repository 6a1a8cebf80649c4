"""Identity paths: where in an item a value stands, named by ids rather than positions.

``("materials", 1, "legal_basis", 0)`` becomes ``materials[M2].legal_basis[0]`` when the second
material's id is M2; form fields are named by their ``name``. The diff and findings both use these
paths, so a reviewer can find the element whatever its position in the file.
"""

from __future__ import annotations

from typing import Any

from .loader import Loc

__all__ = ["identity_path", "item_code"]

_KEYED_BY = {"fields": "name"}
_DEFAULT_KEY = "id"


def identity_path(data: Any, loc: Loc) -> str:
    """The identity path of ``loc`` within ``data`` (the raw document)."""
    parts: list[str] = []
    node = data
    parent_key: str | int | None = None
    for step in loc:
        if isinstance(step, int):
            element = node[step] if isinstance(node, list) and step < len(node) else None
            parts.append(f"[{_element_key(element, parent_key, step)}]")
        else:
            parts.append(f".{step}" if parts else step)
            element = node.get(step) if isinstance(node, dict) else None
        node = element
        parent_key = step
    return "".join(parts)


def _element_key(element: Any, parent_key: str | int | None, index: int) -> str:
    key_name = _KEYED_BY.get(parent_key, _DEFAULT_KEY) if isinstance(parent_key, str) else None
    if isinstance(element, dict) and key_name is not None:
        key = element.get(key_name)
        if isinstance(key, str) and key and "[" not in key and "]" not in key:
            return key
    return str(index)


def item_code(data: Any) -> str | None:
    """The ``code`` of an item document's raw data, if it has a string one."""
    code = data.get("code") if isinstance(data, dict) else None
    return code if isinstance(code, str) else None
