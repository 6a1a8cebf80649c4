"""QR codes kept between runs (servicecatalog.guides._qr_codes): drawn once, the same drawing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import segno

from conftest import BUNDLED_CATALOG
from servicecatalog import load_catalog, parse_cache
from servicecatalog.guides import _qr_codes, build_site
from servicecatalog.guides._qr_codes import UNUSED_DAYS, forget_unused, qr_svg

ADDRESS = "https://jilin-hrss.github.io/servicecatalog/items/220114001001.html"
TITLE = "扫码打开本事项的网上办事指南"


def drawn_by_segno(text: str = ADDRESS, title: str = TITLE) -> str:
    return segno.make(text, error="m").svg_inline(omitsize=True, title=title)


def kept_files(folder: Path) -> list[Path]:
    return sorted((folder / "qr-codes").glob("*.svg"))


def refuse_to_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    def drawn(text: str, title: str) -> str:
        raise AssertionError(f"{text} was drawn again")

    monkeypatch.setattr(_qr_codes, "_drawn", drawn)


def test_without_a_cache_folder_the_code_is_segnos_and_nothing_is_kept(tmp_path: Path) -> None:
    assert qr_svg(ADDRESS, TITLE) == drawn_by_segno()
    assert list(tmp_path.iterdir()) == []


def test_a_code_is_drawn_once_and_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with parse_cache(tmp_path):
        first = qr_svg(ADDRESS, TITLE)
        assert len(kept_files(tmp_path)) == 1
        refuse_to_draw(monkeypatch)
        assert qr_svg(ADDRESS, TITLE) == first == drawn_by_segno()


def test_the_text_and_the_title_each_make_another_code(tmp_path: Path) -> None:
    with parse_cache(tmp_path):
        qr_svg(ADDRESS, TITLE)
        other = qr_svg(ADDRESS + "#region-220102", TITLE)
        titled = qr_svg(ADDRESS, "<b>另一个标题</b>")
    assert len(kept_files(tmp_path)) == 3
    assert other == drawn_by_segno(ADDRESS + "#region-220102")
    assert titled == drawn_by_segno(title="<b>另一个标题</b>")
    assert "<b>" not in titled


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-5] + bytes([data[-5] ^ 1]) + data[-4:], id="one-bit"),
        pytest.param(lambda data: b"\0" * len(data), id="zeros"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\xff\xfe garbage \x80", id="garbage"),
    ],
)
def test_a_damaged_drawing_is_drawn_again_and_mended(tmp_path: Path, damage: object) -> None:
    with parse_cache(tmp_path):
        qr_svg(ADDRESS, TITLE)
        (file,) = kept_files(tmp_path)
        whole = file.read_bytes()
        file.write_bytes(damage(whole))  # type: ignore[operator]  # the parameters are functions
        assert qr_svg(ADDRESS, TITLE) == drawn_by_segno()
    assert file.read_bytes() == whole


def test_a_kept_file_with_markup_in_it_is_not_put_in_a_page(tmp_path: Path) -> None:
    """Even with a checksum that matches, only segno's shape is taken from a file."""
    import hashlib

    with parse_cache(tmp_path):
        qr_svg(ADDRESS, TITLE)
        (file,) = kept_files(tmp_path)
        hostile = drawn_by_segno().replace("</svg>", "<script>alert(1)</script></svg>").encode()
        check = hashlib.blake2b(hostile, digest_size=16).hexdigest().encode()
        file.write_bytes(check + b"\n" + hostile)
        assert qr_svg(ADDRESS, TITLE) == drawn_by_segno()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("kind", ["pipe", "link to a device", "large"])
def test_a_pipe_a_device_or_a_large_file_in_place_of_a_drawing_is_replaced_not_read(
    tmp_path: Path, kind: str
) -> None:
    with parse_cache(tmp_path):
        qr_svg(ADDRESS, TITLE)
        (file,) = kept_files(tmp_path)
        file.unlink()
        if kind == "pipe":
            os.mkfifo(file)  # reading it would wait for a writer, for ever
        elif kind == "link to a device":
            file.symlink_to("/dev/zero")  # reading it would never end
        else:
            file.write_bytes(b"0" * (_qr_codes._LARGEST + 1))
        assert qr_svg(ADDRESS, TITLE) == drawn_by_segno()
    assert file.is_file()
    assert not file.is_symlink()
    assert file.stat().st_size < 20_000


def test_a_folder_that_cannot_be_written_keeps_nothing_and_draws(tmp_path: Path) -> None:
    (tmp_path / "qr-codes").write_text("a file where the folder would be", encoding="utf-8")
    with parse_cache(tmp_path):
        assert qr_svg(ADDRESS, TITLE) == drawn_by_segno()
    assert (tmp_path / "qr-codes").is_file()


def test_drawings_unused_for_a_month_and_abandoned_temporaries_are_forgotten(
    tmp_path: Path,
) -> None:
    with parse_cache(tmp_path):
        qr_svg(ADDRESS, TITLE)
        (used,) = kept_files(tmp_path)
        qr_svg(ADDRESS + "#old", TITLE)
        (old,) = set(kept_files(tmp_path)) - {used}
        long_ago = time.time() - (UNUSED_DAYS + 1) * 86400
        for file in (used, old):
            os.utime(file, (long_ago, long_ago))
        abandoned = tmp_path / "qr-codes" / ".abandoned.svg.x1"
        recent = tmp_path / "qr-codes" / ".being-written.svg.x2"
        abandoned.touch()
        recent.touch()
        os.utime(abandoned, (time.time() - 7200,) * 2)
        qr_svg(ADDRESS, TITLE)  # reading a drawing marks it used
        forget_unused()
    assert {path.name for path in (tmp_path / "qr-codes").iterdir()} == {used.name, recent.name}


def test_forgetting_without_a_cache_folder_or_drawings_does_nothing(tmp_path: Path) -> None:
    forget_unused()
    with parse_cache(tmp_path):
        forget_unused()
    assert list(tmp_path.iterdir()) == []


def test_a_site_keeps_its_codes_from_every_worker_and_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = load_catalog(BUNDLED_CATALOG)
    alone = build_site(catalog, tmp_path / "alone", jobs=1)
    cache = tmp_path / "cache"
    with parse_cache(cache):
        build_site(catalog, tmp_path / "first", jobs=2)
        assert len(kept_files(cache)) == len(catalog.items())
        refuse_to_draw(monkeypatch)
        build_site(catalog, tmp_path / "kept", jobs=2)
    for name in ("first", "kept"):
        for page in sorted((alone / "items").glob("*-handout.html")):
            assert (tmp_path / name / "items" / page.name).read_bytes() == page.read_bytes()
