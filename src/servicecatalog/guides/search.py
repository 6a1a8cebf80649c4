"""The site's search index: what ``assets/site.js`` searches, computed when the site is built.

For every item the fields of :func:`servicecatalog.search.searchable` (name first, then code,
一件事, result, materials, conditions, FAQ questions) and the pinyin of its name — full
(``shiyebaoxianjinshenling``) and initials (``sybxjsl``), from ``pypinyin`` — so that a citizen
who types Latin letters finds it too; and the catalog's synonyms. The index is a script that
assigns one global (``window.SERVICECATALOG_SEARCH``), not a JSON file: a page opened from disk
(``file://``) may run a script next to it, but not fetch a file.
"""

from __future__ import annotations

import json
from typing import Any

from ..catalog import Catalog
from ..model import Item
from ..search import FIELDS, searchable

__all__ = ["search_index", "search_script"]


def search_index(catalog: Catalog) -> dict[str, Any]:
    """The index: ``fields`` (ranked), ``synonyms`` (term → words) and one entry per item."""
    return {
        "fields": list(FIELDS),
        "synonyms": {synonym.term: list(synonym.means) for synonym in catalog.synonyms},
        "items": [_entry(item) for item in catalog.items()],
    }


def search_script(catalog: Catalog) -> str:
    """The index as the script ``assets/search-index.js``."""
    data = json.dumps(search_index(catalog), ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript; </script> never matters in a file of its own, but U+2028/9 did before
    # ES2019, so they are escaped like every other script-hostile character.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.SERVICECATALOG_SEARCH = {data};\n"


def _entry(item: Item) -> dict[str, Any]:
    full, initials = _pinyin(item.name)
    return {
        "code": item.code,
        "fields": {name: list(texts) for name, texts in searchable(item).items() if texts},
        "pinyin": full,
        "initials": initials,
    }


def _pinyin(text: str) -> tuple[str, str]:
    """The pinyin of the Chinese in ``text``, without tones: in full, and initials."""
    from pypinyin import Style, lazy_pinyin  # a large dictionary: loaded only to build a site

    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s.isascii() and s.isalpha()]
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables), "".join(s for s in initials if s.isascii() and s.isalpha())
