"""servicecatalog.cache: which folder keeps parses, for a block of code and by default."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from servicecatalog.cache import cache_folder, default_cache_folder, parse_cache


def test_a_block_names_the_folder_and_the_folder_before_it_comes_back(tmp_path: Path) -> None:
    assert cache_folder() is None
    with parse_cache(tmp_path / "a"):
        assert cache_folder() == tmp_path / "a"
        with parse_cache(None):
            assert cache_folder() is None
        with parse_cache(str(tmp_path / "b")):
            assert cache_folder() == tmp_path / "b"
        assert cache_folder() == tmp_path / "a"
    assert cache_folder() is None


def test_the_folder_comes_back_after_an_exception(tmp_path: Path) -> None:
    with pytest.raises(KeyError), parse_cache(tmp_path):
        raise KeyError
    assert cache_folder() is None


@pytest.mark.skipif(sys.platform == "win32", reason="%LOCALAPPDATA% there")
def test_the_default_folder_follows_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_folder() == tmp_path / "servicecatalog"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: absolute only
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_folder() == tmp_path / "home" / ".cache" / "servicecatalog"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_folder() == tmp_path / "home" / ".cache" / "servicecatalog"
