"""The options the commands share (servicecatalog.cli.options): dates as written, choices read
from the model only when needed, each shared option defined once."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from servicecatalog.cli import main
from servicecatalog.cli.options import DATE, LazyChoice, fail_on_option, today_option

CLI = Path(__file__).resolve().parents[1] / "src" / "servicecatalog" / "cli"


@pytest.mark.parametrize("text", ["2026-02-28", "2024-02-29"])
def test_a_date_as_written(text: str) -> None:
    assert DATE.convert(text, None, None) == date.fromisoformat(text)
    assert DATE.convert(date(2026, 1, 1), None, None) == date(2026, 1, 1)


@pytest.mark.parametrize(
    "text", ["2026-02-29", "20260228", "2026-W01-1", "2026-2-28", "２０２６-01-01"]
)
def test_anything_else_is_refused_naming_the_form(text: str) -> None:
    with pytest.raises(click.BadParameter, match="is not a date written YYYY-MM-DD"):
        DATE.convert(text, None, None)


def test_a_lazy_choice_asks_for_its_values_once_and_only_when_needed() -> None:
    asked: list[int] = []

    def values() -> list[str]:
        asked.append(1)
        return ["省级", "市级"]

    choice = LazyChoice(values)
    assert asked == []
    assert choice.convert("市级", None, None) == "市级"
    with pytest.raises(click.BadParameter):
        choice.convert("国家级", None, None)
    assert list(choice.choices) == ["省级", "市级"]
    assert asked == [1]


def test_the_model_vocabularies_show_in_help_and_check_values() -> None:
    runner = CliRunner()
    assert "[省级|市级|县级|乡级|村级]" in runner.invoke(main, ["coverage", "--help"]).output
    result = runner.invoke(main, ["new", "220114043000", "--type", "no-such-type"])
    assert result.exit_code == 2
    assert "'no-such-type' is not one of '行政许可'" in result.output


def test_the_factories_keep_each_commands_help() -> None:
    @click.command()
    @fail_on_option("Exit 1 on this.")
    @today_option("Judge on this day.")
    def command(fail_on: str, today: date | None) -> None:
        click.echo(f"{fail_on} {today}")

    result = CliRunner().invoke(command, ["--fail-on", "warning", "--today", "2026-12-01"])
    assert result.output == "warning 2026-12-01\n"
    shown = CliRunner().invoke(command, ["--help"]).output
    assert "Exit 1 on this." in shown
    assert "Judge on this day." in shown


SHARED = ("--format", "--fail-on", "--today", "--templates", "--lang", "--catalog", "--quiet")


def test_each_shared_option_is_declared_in_options_only() -> None:
    declared: dict[str, list[str]] = {}
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in SHARED:
                declared.setdefault(str(node.value), []).append(path.name)
    assert declared == {name: ["options.py"] for name in SHARED}


# ---- where parses are kept: --cache-dir, --no-cache ------------------------------------------

BUNDLED = Path(__file__).resolve().parents[1] / "catalog"


def _packs(folder: Path) -> list[Path]:
    return sorted(folder.glob("parses/*.pack"))


def test_a_command_keeps_parses_in_the_cache_dir(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["--cache-dir", str(tmp_path), "validate", str(BUNDLED)])
    assert first.exit_code == 0, first.output
    assert len(_packs(tmp_path)) == 1
    again = runner.invoke(main, ["--cache-dir", str(tmp_path), "validate", str(BUNDLED)])
    assert (again.exit_code, again.output) == (first.exit_code, first.output)


def test_the_cache_dir_comes_from_the_environment(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["stats", "--catalog", str(BUNDLED)], env={"SERVICECATALOG_CACHE_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert len(_packs(tmp_path)) == 1


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        (["--no-cache"], {}),
        ([], {"SERVICECATALOG_NO_CACHE": "1"}),
    ],
    ids=["option", "environment"],
)
def test_no_cache_keeps_nothing(
    tmp_path: Path, arguments: list[str], environment: dict[str, str]
) -> None:
    result = CliRunner().invoke(
        main,
        [*arguments, "--cache-dir", str(tmp_path), "validate", str(BUNDLED)],
        env=environment,
    )
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


def test_the_default_cache_dir_is_under_xdg_cache_home(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["validate", str(BUNDLED)],
        env={"SERVICECATALOG_CACHE_DIR": None, "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert len(_packs(tmp_path / "servicecatalog")) == 1


def test_the_cache_options_are_in_the_help() -> None:
    shown = CliRunner().invoke(main, ["--help"]).output
    assert "--cache-dir DIRECTORY" in shown
    assert "--no-cache" in shown
