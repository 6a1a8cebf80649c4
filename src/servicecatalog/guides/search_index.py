"""The site's search index: what ``assets/site.js`` searches, computed when the site is built.

For every item the fields of :func:`servicecatalog.search.searchable` (name first, then code,
一件事, result, materials, conditions, FAQ questions) and the pinyin syllables of its name, from
``pypinyin`` — so that a citizen who types Latin letters (``shiye``, ``sybx``) finds it too.
Beside the items: the catalog's synonyms (``synonyms.yaml``), its referrals (``referrals.yaml``),
the services offered first when nothing is found (``site.popular``), and ``fold``, the
traditional characters that fold to the simplified characters the catalog uses, from OpenCC's
data (``養老保險`` finds 养老保险): only those characters, so the map stays small.

The script splits texts into character n-grams itself, in the browser, so the index holds each
text once. It is a script that assigns one global (``window.SERVICECATALOG_SEARCH``), not a JSON
file: a page opened from disk (``file://``) may run a script next to it, but not fetch a file.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import Any

from .._files import files_digest
from .._gc import collector_paused
from ..catalog import Catalog
from ..model import Item
from ..search import FIELDS, searchable
from ._kept_answers import KeptAnswers, kept_answers

__all__ = ["search_index", "search_script", "traditional_fold"]

# The CJK Unified Ideographs block: where every character a catalog and a query share lies.
_CJK = range(0x4E00, 0xA000)


def search_index(catalog: Catalog) -> dict[str, Any]:
    """The index: ``fields`` (ranked), ``synonyms`` (term → words), ``referrals``, ``popular``
    (codes), ``fold`` (traditional → simplified, one string of pairs) and one entry per item."""
    # pypinyin's dictionaries, loaded for the first index, are some 200,000 containers made at
    # once and kept: the collector, left on, would examine them, and the whole catalog beside
    # them, again and again as they pile up (most of the index's time at 2,000 items).
    with collector_paused():
        return _search_index(catalog)


def _search_index(catalog: Catalog) -> dict[str, Any]:
    items = catalog.items()
    site = catalog.manifest.site if catalog.manifest else None
    referrals = [
        referral.model_dump(mode="json", exclude_none=True) for referral in catalog.referrals
    ]
    synonyms = {synonym.term: list(synonym.means) for synonym in catalog.synonyms}
    with kept_answers("pinyin", _pinyin_salt()) as kept:
        entries = [_entry(item, kept) for item in items]
    known = {item.code for item in items}
    texts = [json.dumps(part, ensure_ascii=False) for part in (entries, synonyms, referrals)]
    return {
        "fields": list(FIELDS),
        "synonyms": synonyms,
        "referrals": referrals,
        "popular": [code for code in (site.popular if site else ()) if code in known],
        "fold": "".join(f"{t}{s}" for t, s in traditional_fold(texts).items()),
        "items": entries,
    }


def search_script(catalog: Catalog) -> str:
    """The index as the script ``assets/search-index.js``."""
    data = json.dumps(search_index(catalog), ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript; </script> never matters in a file of its own, but U+2028/9 did before
    # ES2019, so they are escaped like every other script-hostile character.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.SERVICECATALOG_SEARCH = {data};\n"


def traditional_fold(texts: Iterable[str]) -> dict[str, str]:
    """Traditional character → the simplified character OpenCC converts it to, for every
    simplified character that occurs in ``texts`` (what a query folded so can match)."""
    import opencc  # its dictionaries are loaded only to build a site

    used = {char for char in set("".join(texts)) if ord(char) in _CJK}
    characters = [chr(code) for code in _CJK]
    # One call over the whole block, a character a line: OpenCC converts phrases, never across
    # a line break, so each line is the conversion of its character alone.
    simplified = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    return {
        traditional: folded
        for traditional, folded in zip(characters, simplified, strict=True)
        if folded != traditional and len(folded) == 1 and folded in used
    }


def _entry(item: Item, kept: KeptAnswers) -> dict[str, Any]:
    pinyin = kept.get(item.name)
    entry: dict[str, Any] = {
        "code": item.code,
        "fields": {name: list(texts) for name, texts in searchable(item).items() if texts},
        "pinyin": kept.put(item.name, _pinyin(item.name)) if pinyin is None else pinyin,
    }
    if item.item_type.authority_initiated:
        entry["initiated"] = True  # ranked after what an applicant starts, where all else ties
    return entry


def _pinyin(text: str) -> str:
    """The pinyin syllables of the Chinese in ``text``, without tones, separated by spaces
    (``shi ye bao xian jin shen ling``): the script matches full pinyin and initials from
    syllable boundaries, and ranks an earlier syllable first."""
    segment, _ = _pinyin_tools()
    return " ".join(chain.from_iterable(map(_word_pinyin, segment(text))))


@cache
def _pinyin_salt() -> str | None:
    """What the pinyin kept between runs was made with: pypinyin's version (its ``__init__``)
    and this module; None when they cannot be read (nothing is kept then)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return None
    salt = files_digest([Path(spec.origin), Path(__file__)])
    return None if salt is None else salt.hex()


@cache
def _pinyin_tools() -> tuple[Callable[[str], list[str]], Callable[[str], list[list[str]]]]:
    """pypinyin's ``lazy_pinyin`` in its two steps: the words of a text (its phrase dictionary
    tells them apart) and the readings of one word."""
    from pypinyin import Style  # a large dictionary: loaded only to build a site
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    converter = DefaultConverter()
    return Pinyin(converter).seg, partial(
        converter.convert, style=Style.TONE, heteronym=False, errors="ignore", strict=True
    )


@cache
def _word_pinyin(word: str) -> tuple[str, ...]:
    """The toneless syllables of one word, once a build: names share their words (保险, 申领),
    and pypinyin copies a phrase's readings out of its dictionary every time it is asked."""
    _, readings = _pinyin_tools()
    # The readings as the dictionaries give them (with tone marks), each stripped once: pypinyin
    # would strip the marks of every syllable again (most of its time).
    toneless = map(_toneless, chain.from_iterable(readings(word)))
    return tuple(s for s in toneless if s.isascii() and s.isalpha())


@cache
def _toneless(syllable: str) -> str:
    """``syllable`` as pypinyin's ``Style.NORMAL`` writes it (``lǜ`` → ``lv``)."""
    from pypinyin import Style
    from pypinyin.style import convert

    return str(convert(syllable, Style.NORMAL, strict=True))
