"""What the site's search looks through (servicecatalog.search, servicecatalog.guides.search)."""

from __future__ import annotations

import json

import pytest

from conftest import BUNDLED_CATALOG, SERVICE_ITEM
from servicecatalog import Catalog, load_catalog
from servicecatalog.guides.search import search_index, search_script
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
    assert entry["pinyin"] == "shiyebaoxianjinshenling"
    assert entry["initials"] == "sybxjsl"
    assert index["synonyms"]["社保卡"] == ["社会保障卡"]
    assert index["fields"] == list(FIELDS)
    assert len(index["items"]) == len(bundled)


def test_pinyin_keeps_only_the_chinese_of_a_name(bundled: Catalog) -> None:
    index = search_index(bundled)
    # 220114001001 is 社会保险登记（企业参保登记）: the brackets and their words count, no punctuation.
    entry = next(e for e in index["items"] if e["code"] == "220114001001")
    assert entry["initials"] == "shbxdjqycbdj"
    assert entry["pinyin"].isascii()
    assert entry["pinyin"].isalpha()


def test_the_script_is_one_assignment_of_json(bundled: Catalog) -> None:
    script = search_script(bundled)
    prefix = "window.SERVICECATALOG_SEARCH = "
    assert script.startswith(prefix)
    assert script.endswith(";\n")
    assert json.loads(script[len(prefix) : -2]) == search_index(bundled)
