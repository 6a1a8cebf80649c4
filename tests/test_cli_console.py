"""Colour and consoles (servicecatalog.cli.console): --color decides, then NO_COLOR, then
FORCE_COLOR, then whether the stream is a terminal."""

from __future__ import annotations

import io

import pytest

from servicecatalog.cli.console import colour, console, progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_always_and_never_decide() -> None:
    assert colour("always", io.StringIO())
    assert not colour("never", Terminal())


def test_auto_colours_a_terminal_only() -> None:
    assert colour("auto", Terminal())
    assert not colour("auto", io.StringIO())
    assert not colour("auto", object())


def test_no_color_then_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert colour("auto", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour("auto", Terminal())
    assert colour("always", Terminal())


def test_a_console_without_colour_writes_no_escape(capsys: pytest.CaptureFixture[str]) -> None:
    console(width=40, choice="never").print("[bold]bold[/bold] plain")
    assert capsys.readouterr().out == "bold plain\n"


def test_a_console_with_colour_styles(capsys: pytest.CaptureFixture[str]) -> None:
    console(width=40, choice="always").print("[bold]bold[/bold]")
    assert "\x1b[1m" in capsys.readouterr().out


def test_no_progress_bar_off_a_terminal() -> None:
    with progress_bar("validate") as update:
        assert update is None
    with progress_bar("validate", enabled=False) as update:
        assert update is None
