"""Answers kept between runs (servicecatalog.guides._kept_answers), and the search index's pinyin
kept with them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import BUNDLED_CATALOG
from servicecatalog import load_catalog, parse_cache
from servicecatalog.guides import search_index as search_index_module
from servicecatalog.guides._kept_answers import kept_answers
from servicecatalog.guides.search_index import search_script


def answers_file(folder: Path, kind: str = "pinyin") -> Path:
    return folder / "answers" / f"{kind}.json"


def keep(folder: Path, answers: dict[str, str], salt: str = "s1") -> None:
    with parse_cache(folder), kept_answers("pinyin", salt) as kept:
        for question, answer in answers.items():
            kept.put(question, answer)


def read(folder: Path, questions: list[str], salt: str = "s1") -> list[str | None]:
    with parse_cache(folder), kept_answers("pinyin", salt) as kept:
        return [kept.get(question) for question in questions]


def test_answers_are_kept_and_read_back(tmp_path: Path) -> None:
    keep(tmp_path, {"失业": "shi ye", "养老": "yang lao"})
    assert read(tmp_path, ["失业", "养老", "工伤"]) == ["shi ye", "yang lao", None]


def test_outside_a_cache_block_or_without_a_salt_nothing_is_kept(tmp_path: Path) -> None:
    with kept_answers("pinyin", "s1") as kept:
        kept.put("失业", "shi ye")
    with parse_cache(tmp_path), kept_answers("pinyin", None) as kept:
        kept.put("失业", "shi ye")
    assert list(tmp_path.iterdir()) == []


def test_answers_of_another_salt_are_not_taken(tmp_path: Path) -> None:
    keep(tmp_path, {"失业": "shi ye"})
    assert read(tmp_path, ["失业"], salt="s2") == [None]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        b"0123\n{}",
        pytest.param(None, id="one-bit"),
        pytest.param(b"list", id="not-an-object"),
        pytest.param(b"strings", id="not-strings"),
        pytest.param(b"nested", id="nested-past-any-bound"),
    ],
)
def test_a_damaged_file_is_taken_as_empty(tmp_path: Path, content: bytes | None) -> None:
    import hashlib

    keep(tmp_path, {"失业": "shi ye"})
    file = answers_file(tmp_path)
    whole = file.read_bytes()
    if content is None:
        content = whole[:-3] + bytes([whole[-3] ^ 1]) + whole[-2:]
    elif content in (b"list", b"strings", b"nested"):
        body = {
            b"list": b'["shi ye"]',
            b"strings": '{"salt":"s1","answers":{"失业":1}}'.encode(),
            b"nested": b"[" * 100_000 + b"]" * 100_000,
        }[content]
        content = hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b"\n" + body
    file.write_bytes(content)
    assert read(tmp_path, ["失业"]) == [None]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("kind", ["pipe", "link to a device"])
def test_a_pipe_or_a_device_in_place_of_the_file_is_replaced_not_read(
    tmp_path: Path, kind: str
) -> None:
    file = answers_file(tmp_path)
    file.parent.mkdir()
    if kind == "pipe":
        os.mkfifo(file)  # reading it would wait for a writer, for ever
    else:
        file.symlink_to("/dev/zero")  # reading it would never end
    keep(tmp_path, {"失业": "shi ye"})
    assert read(tmp_path, ["失业"]) == ["shi ye"]
    assert file.is_file()
    assert not file.is_symlink()


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    keep(tmp_path, {"失业": "shi ye"})
    file = answers_file(tmp_path)
    before = file.stat()
    assert read(tmp_path, ["失业"]) == ["shi ye"]
    after = file.stat()  # a write renames a new file over it: another inode
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_file_keeps_the_answers_used_and_as_many_others(tmp_path: Path) -> None:
    keep(tmp_path, {f"旧{number}": f"jiu {number}" for number in range(10)})
    with parse_cache(tmp_path), kept_answers("pinyin", "s1") as kept:
        kept.get("旧0")
        kept.put("新", "xin")
    kept_now = json.loads(answers_file(tmp_path).read_bytes().partition(b"\n")[2])["answers"]
    assert len(kept_now) == 4
    assert {"旧0", "新"} <= kept_now.keys()


def test_a_block_that_raises_writes_nothing(tmp_path: Path) -> None:
    def interrupted() -> None:
        with parse_cache(tmp_path), kept_answers("pinyin", "s1") as kept:
            kept.put("失业", "shi ye")
            raise KeyError

    with pytest.raises(KeyError):
        interrupted()
    assert not answers_file(tmp_path).exists()


def test_a_folder_that_cannot_be_written_keeps_nothing(tmp_path: Path) -> None:
    (tmp_path / "answers").write_text("a file where the folder would be", encoding="utf-8")
    keep(tmp_path, {"失业": "shi ye"})
    assert read(tmp_path, ["失业"]) == [None]


def test_the_search_index_is_the_same_with_its_pinyin_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = load_catalog(BUNDLED_CATALOG)
    without = search_script(catalog)
    with parse_cache(tmp_path):
        assert search_script(catalog) == without
        assert answers_file(tmp_path).is_file()

        def pinyin(text: str) -> str:
            raise AssertionError(f"the pinyin of {text} was asked again")

        monkeypatch.setattr(search_index_module, "_pinyin", pinyin)
        assert search_script(catalog) == without
