"""What the site's search looks through (servicecatalog.search, servicecatalog.guides.search_index)."""

from __future__ import annotations

import gc
import json

import pytest

from conftest import BUNDLED_CATALOG, SERVICE_ITEM
from servicecatalog import Catalog, load_catalog
from servicecatalog.guides.search_index import (
    _pinyin,
    search_index,
    search_script,
    traditional_fold,
)
from servicecatalog.search import FIELDS, searchable


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


def test_fields_are_ranked_name_first() -> None:
    assert FIELDS == ("name", "code", "one_thing", "result", "materials", "conditions", "faq")


def test_searchable_texts_of_an_item(bundled: Catalog) -> None:
    fields = searchable(bundled.item(SERVICE_ITEM))
    assert fields["name"] == ("失业保险金申领",)
    assert fields["code"] == (SERVICE_ITEM,)
    assert fields["one_thing"] == ("失业一件事",)
    assert "居民身份证或社会保障卡" in fields["materials"]
    assert "非因本人意愿中断就业" in fields["conditions"]
    assert fields["faq"][0].endswith("？")


def test_the_index_carries_pinyin_and_synonyms(bundled: Catalog) -> None:
    index = search_index(bundled)
    entry = next(e for e in index["items"] if e["code"] == SERVICE_ITEM)
    assert entry["pinyin"] == "shi ye bao xian jin shen ling"
    assert index["synonyms"]["社保卡"] == ["社会保障卡"]
    assert index["fields"] == list(FIELDS)
    assert len(index["items"]) == len(bundled)


def test_pinyin_keeps_only_the_chinese_of_a_name(bundled: Catalog) -> None:
    index = search_index(bundled)
    # 220114001001 is 社会保险登记（企业参保登记）: the brackets and their words count, no punctuation.
    entry = next(e for e in index["items"] if e["code"] == "220114001001")
    syllables = entry["pinyin"].split(" ")
    assert "".join(s[0] for s in syllables) == "shbxdjqycbdj"
    assert all(s.isascii() and s.isalpha() for s in syllables)


@pytest.mark.parametrize(
    "name",
    [
        "绿色通道办理",  # ü is written v
        "银行行长的行为",  # one character, three readings, told apart by the phrase dictionary
        "女职工生育津贴（产假）",
        "嗯呣",  # syllables without a vowel carry their tone on a consonant
        "ABC 123",
    ],
)
def test_pinyin_is_what_pypinyin_writes_without_tones(name: str) -> None:
    from pypinyin import lazy_pinyin

    expected = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalpha()]
    assert _pinyin(name) == " ".join(expected)


def test_the_script_is_one_assignment_of_json(bundled: Catalog) -> None:
    script = search_script(bundled)
    prefix = "window.SERVICECATALOG_SEARCH = "
    assert script.startswith(prefix)
    assert script.endswith(";\n")
    assert json.loads(script[len(prefix) : -2]) == search_index(bundled)


def test_traditional_characters_fold_to_the_catalogs_simplified_ones(bundled: Catalog) -> None:
    fold = search_index(bundled)["fold"]
    pairs = dict(zip(fold[::2], fold[1::2], strict=True))
    assert pairs["養"] == "养"
    assert pairs["險"] == "险"
    assert pairs["勞"] == "劳"
    # Only what the catalog uses: 鬱 (郁) is in no item, so it is not carried.
    assert "鬱" not in pairs
    assert len(pairs) < 2000


def test_the_fold_of_texts_is_limited_to_their_characters() -> None:
    assert traditional_fold(["失业保险"]) == {"業": "业", "險": "险"}
    assert traditional_fold(["abc"]) == {}


def test_the_index_carries_referrals_and_popular_services(bundled: Catalog) -> None:
    index = search_index(bundled)
    departments = {referral["department"]: referral for referral in index["referrals"]}
    assert departments["医疗保障局"]["phone"] == "12393"
    assert "医保" in departments["医疗保障局"]["terms"]
    assert departments["住房公积金管理中心"]["phone"] == "12329"
    assert bundled.manifest is not None
    assert bundled.manifest.site is not None
    assert index["popular"] == list(bundled.manifest.site.popular)


def test_items_the_authority_initiates_are_marked(bundled: Catalog) -> None:
    entries = {entry["code"]: entry for entry in search_index(bundled)["items"]}
    assert entries["220114200000"]["initiated"] is True  # a 行政处罚
    assert "initiated" not in entries[SERVICE_ITEM]


def test_every_name_has_the_pinyin_pypinyin_writes(bundled: Catalog) -> None:
    """Readings are kept a word at a time: each name, asked twice, as pypinyin reads it whole."""
    from pypinyin import lazy_pinyin

    names = [item.name for item in bundled.items()]
    for name in names + names:
        expected = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalpha()]
        assert _pinyin(name) == " ".join(expected), name


def test_the_index_is_made_with_the_collector_paused(bundled: Catalog) -> None:
    """pypinyin's dictionaries, loaded for the first index, and the entries are made without a
    collection examining them (and the catalog) as they pile up; the collector is on after."""
    collections: list[str] = []

    def note(phase: str, _: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(note)
    try:
        search_index(bundled)
    finally:
        gc.callbacks.remove(note)
    assert collections == []
    assert gc.isenabled()
