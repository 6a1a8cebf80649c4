"""How a command ends (servicecatalog.cli.exits and the group): a usage error or an unusable
input still gives the JSON or SARIF document asked for, read from the command line by click's
own parser whatever made it fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from servicecatalog.cli import EXIT_UNUSABLE, EXIT_USAGE, main


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "--format", "json", "--no-such-option"],
        ["validate", "--format=json", "--fail-on", "never"],
        ["validate", "--no-such-option", "--format", "json"],
        ["diff", "a", "b", "c", "--format", "json"],
        ["stats", "--format", "json", "--from", "yesterday"],
    ],
    ids=" ".join,
)
def test_a_usage_error_is_a_json_error_when_json_was_asked(arguments: list[str]) -> None:
    status, stdout, stderr = run(*arguments)
    assert status == EXIT_USAGE
    document = json.loads(stdout)
    assert document["ok"] is False
    assert document["error"] in stderr


def test_a_usage_error_is_a_sarif_log_when_sarif_was_asked() -> None:
    status, stdout, _ = run("validate", "--format", "sarif", "--jobs", "0")
    assert status == EXIT_USAGE
    log = json.loads(stdout)
    assert log["version"] == "2.1.0"
    assert "--jobs" in json.dumps(log)


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "--no-such-option"],
        ["validate", "--format", "github", "--no-such-option"],
        ["rules", "--format", "sarif"],  # a format the command does not offer
        ["--no-such-option", "validate", "--format", "json"],  # no command was reached
    ],
    ids=" ".join,
)
def test_otherwise_a_usage_error_is_text_on_stderr_only(arguments: list[str]) -> None:
    status, stdout, stderr = run(*arguments)
    assert status == EXIT_USAGE
    assert stdout == ""
    assert "Error:" in stderr


def test_an_unusable_input_is_a_json_error_too(tmp_path: Path) -> None:
    status, stdout, stderr = run("validate", str(tmp_path / "missing"), "--format", "json")
    assert status == EXIT_UNUSABLE
    assert json.loads(stdout) == {"ok": False, "error": json.loads(stdout)["error"]}
    assert stderr.startswith("servicecatalog: error: ")


def test_the_error_document_goes_into_the_report_file_asked_for(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    status, stdout, _ = run("validate", "--format", "json", "-o", str(report), "--jobs", "0")
    assert status == EXIT_USAGE
    assert stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["ok"] is False
