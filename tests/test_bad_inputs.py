"""No input ends in a traceback or a hang: every command over every bad input of the corpus.

``validate``, ``diff``, ``site``, ``guide``, ``stats``, ``coverage`` and ``build`` each run on a
small catalog broken in one of the ways of ``tests/_corpus.py`` (empty, unreadable, mis-encoded,
hostile, special files, numbers beyond every bound, files the catalog does not read …). Each must
end with a documented exit code and nothing on stderr that looks like a Python traceback or an
internal error; machine formats stay well-formed.

Then one test per class of the third trust round (issue 18), over every command and format it
touches: bounds are findings at their values; a lost report (a full disk, a closed stdout, a
closed pipe) is one line on stderr and exit 3; a named path the catalog does not read exits 3;
no command writes into a catalog.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from _corpus import CORPUS, PENALTY_ITEM, SERVICE_ITEM, small_catalog
from servicecatalog.cli import main

TODAY = "2026-11-27"

COMMANDS: dict[str, list[str]] = {
    "validate-text": ["validate", "{catalog}", "--today", TODAY],
    "validate-json": ["validate", "{catalog}", "--format", "json", "--today", TODAY],
    "validate-sarif": ["validate", "{catalog}", "--format", "sarif", "--today", TODAY],
    "validate-github": ["validate", "{catalog}", "--format", "github", "--today", TODAY],
    "diff-text": ["diff", "{good}", "{catalog}", "--today", TODAY],
    "diff-json": ["diff", "{good}", "{catalog}", "--format", "json", "--today", TODAY],
    "diff-markdown": ["diff", "{catalog}", "{good}", "--format", "markdown", "--today", TODAY],
    "site": ["site", "{out}", "--catalog", "{catalog}"],
    "site-allow-invalid": ["site", "{out}", "--catalog", "{catalog}", "--allow-invalid"],
    "guide-html": ["guide", PENALTY_ITEM, "--catalog", "{catalog}", "--allow-invalid"],
    "guide-docx": [
        "guide",
        SERVICE_ITEM,
        "--format",
        "docx",
        "--catalog",
        "{catalog}",
        "-o",
        "{out}.docx",
        "--allow-invalid",
    ],
    "guide-md": ["guide", SERVICE_ITEM, "--format", "md", "--catalog", "{catalog}"],
    "stats-json": ["stats", "--catalog", "{catalog}", "--format", "json", "--allow-invalid"],
    "stats-text": ["stats", "--catalog", "{catalog}"],
    "coverage-json": ["coverage", "--catalog", "{catalog}", "--format", "json", "--allow-invalid"],
    "coverage-text": ["coverage", "--catalog", "{catalog}"],
    "build": ["build", "{catalog}", "-o", "{out}.json"],
    "build-allow-invalid": ["build", "{catalog}", "-o", "{out}.json", "--allow-invalid"],
    "validate-an-item-json": [
        "validate",
        f"{{catalog}}/items/{SERVICE_ITEM}.yaml",
        "--format",
        "json",
        "--today",
        TODAY,
    ],
}
MACHINE = {
    "validate-json",
    "validate-sarif",
    "diff-json",
    "stats-json",
    "coverage-json",
    "validate-an-item-json",
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_catalog(tmp_path_factory.mktemp("good") / "catalog")


@pytest.mark.parametrize("breakage", sorted(CORPUS))
def test_no_command_ends_in_a_traceback(breakage: str, good: Path, tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    CORPUS[breakage](catalog)
    runner = CliRunner()
    for name, template in COMMANDS.items():
        out = tmp_path / f"out-{name}"
        arguments = [part.format(catalog=catalog, good=good, out=out) for part in template]
        result = runner.invoke(main, arguments)
        where = f"{breakage}: {name}: exit {result.exit_code}\n{result.stderr}"
        assert result.exit_code in (0, 1, 3), where
        assert isinstance(result.exception, SystemExit | None), where
        assert "Traceback" not in result.stderr, where
        assert "internal error" not in result.stderr, where
        if name in MACHINE:
            json.loads(result.stdout)


def test_a_fifo_does_not_hang_a_real_process(tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    for breakage in ("item-fifo", "implementation-fifo", "calendar-fifo", "config-fifo"):
        CORPUS[breakage](catalog)
    result = subprocess.run(
        [sys.executable, "-m", "servicecatalog", "validate", str(catalog), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    rules = {finding["rule"] for finding in json.loads(result.stdout)["findings"]}
    assert "file-not-regular" in rules
    assert "Traceback" not in result.stderr
