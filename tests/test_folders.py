"""Tests of replacing a folder we own atomically (``_folders``), with a kind of folder of its own:
the marker, refusals, leftovers of killed builds, the lock and the exchange of names. The site's
own uses of it are in test_guides_site.py."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from servicecatalog import RenderError, _folders
from servicecatalog._folders import Legacy, Ownership, replace_folder

REPORTS = Ownership(
    marker=".reports",
    noun="report folder",
    command="make reports",
    note="made by the test",
    legacy=Legacy("old reports\n", re.compile(r"r[0-9]\.txt|\.reports"), frozenset()),
)


def fill(*names: str) -> Any:
    """A ``fill`` that writes each of ``names`` (with its folders) and says so."""

    def write(staging: Path) -> Iterable[str]:
        for name in names:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(name, encoding="utf-8")
        return names

    return write


def siblings(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir())


def test_a_folder_is_written_with_a_marker_listing_its_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    replace_folder(out, fill("b.txt", "sub/a.txt"), REPORTS)
    marker = json.loads((out / ".reports").read_text(encoding="utf-8"))
    assert marker == {
        "generator": "servicecatalog",
        "note": "made by the test",
        "files": ["b.txt", "sub/a.txt"],
    }
    replace_folder(out, fill("c.txt"), REPORTS)
    assert sorted(p.name for p in out.iterdir()) == [".reports", "c.txt"]
    assert siblings(out) == ["out"]


def test_a_folder_not_ours_is_refused_in_the_words_of_its_owner(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(RenderError) as raised:
        replace_folder(out, fill("a.txt"), REPORTS)
    assert raised.value.message == (
        f"{out}: refusing to replace a folder that is not empty and was not built by "
        "servicecatalog (it has no .reports file)"
    )
    (out / ".reports").write_text("[]", encoding="utf-8")
    with pytest.raises(RenderError, match="does not list the files of a report folder"):
        replace_folder(out, fill("a.txt"), REPORTS)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "precious"


def test_a_file_the_build_did_not_write_is_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_folder(out, fill("a.txt"), REPORTS)
    for number in range(7):
        (out / f"stray{number}").write_text("x", encoding="utf-8")
    with pytest.raises(RenderError) as raised:
        replace_folder(out, fill("a.txt"), REPORTS)
    assert raised.value.message == (
        f"{out}: refusing to replace the report folder: it holds files servicecatalog did not "
        "write (stray0, stray1, stray2, stray3, stray4, …); move them away first"
    )


def test_a_legacy_marker_stands_for_its_layout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".reports").write_text("old reports\n", encoding="utf-8")
    (out / "r1.txt").write_text("x", encoding="utf-8")
    replace_folder(out, fill("a.txt"), REPORTS)
    assert (out / "a.txt").is_file()
    assert not (out / "r1.txt").exists()


def test_a_folder_holding_what_is_protected_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out" / "data").mkdir(parents=True)
    with pytest.raises(RenderError, match=r"holds the data being reported$"):
        replace_folder(
            tmp_path / "out",
            fill("a.txt"),
            REPORTS,
            holding=tmp_path / "out" / "data",
            holding_what="the data being reported",
        )


def test_a_failing_fill_leaves_the_old_folder_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_folder(out, fill("a.txt"), REPORTS)

    def broken(staging: Path) -> Iterable[str]:
        (staging / "half.txt").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(RenderError) as raised:
        replace_folder(out, broken, REPORTS)
    assert raised.value.message == (
        f"{out}: cannot build the report folder: [Errno 28] No space left on device"
    )
    assert (out / "a.txt").read_text(encoding="utf-8") == "a.txt"
    assert siblings(out) == ["out"]


def test_a_second_build_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with (
        _folders.exclusive(out, REPORTS),
        pytest.raises(RenderError, match="another `make reports` is building this folder"),
    ):
        replace_folder(out, fill("a.txt"), REPORTS)
    replace_folder(out, fill("a.txt"), REPORTS)
    assert siblings(out) == ["out"]


def test_a_folder_renamed_away_by_a_killed_build_is_restored(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_folder(out, fill("a.txt"), REPORTS)
    os.rename(out, tmp_path / ".out.old-0123abcd")
    (tmp_path / ".out.building-89abcdef").mkdir()
    with pytest.raises(RenderError, match="was not built by servicecatalog"):
        replace_folder(out, fill("b.txt"), Ownership(".other", "other", "other", "note"))
    assert (out / "a.txt").is_file()  # restored before it was looked at
    assert siblings(out) == ["out"]


def test_names_are_exchanged_atomically(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("a", "utf-8")
    (second / "x").write_text("b", "utf-8")
    if not _folders.exchange(first, second):
        pytest.skip("this system cannot exchange names atomically")
    assert (first / "x").read_text("utf-8") == "b"
    assert (second / "x").read_text("utf-8") == "a"
