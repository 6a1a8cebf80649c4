"""What the site's search looks through, field by field, in the order results are ranked.

A citizen types a name (失业保险金), a code, a material they hold (身份证), a condition or a 一件事;
the site's search (``assets/search-index.js``) looks through these fields of every item, with the
catalog's synonyms (``synonyms.yaml``: 社保卡 → 社会保障卡) and, for Latin letters, the pinyin of the
name (``sybx``, ``shiye``). A match in an earlier field ranks higher.
"""

from __future__ import annotations

from .model import Item

__all__ = ["FIELDS", "searchable"]

FIELDS = ("name", "code", "one_thing", "result", "materials", "conditions", "faq")
"""The fields searched, highest-ranked first."""


def searchable(item: Item) -> dict[str, tuple[str, ...]]:
    """The texts of ``item`` the search looks through, by field."""
    return {
        "name": (item.name,),
        "code": (item.code,),
        "one_thing": (item.one_thing,) if item.one_thing else (),
        "result": (item.result.name,) if item.result and item.result.name else (),
        "materials": tuple(material.name for material in item.materials),
        "conditions": item.conditions,
        "faq": tuple(entry.question for entry in item.faq or ()),
    }
