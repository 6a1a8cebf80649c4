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
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from _corpus import BOUNDS, CORPUS, PENALTY_ITEM, SERVICE_ITEM, small_catalog
from servicecatalog import load_catalog
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


@pytest.mark.slow
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


# ---- 1. bounds: a finding at the value, in every format ----------------------------------------


@pytest.mark.parametrize("breakage", sorted(BOUNDS))
def test_a_number_beyond_its_bound_is_a_finding_at_its_value(breakage: str, tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    before = {path: path.read_text(encoding="utf-8") for path in catalog.rglob("*.yaml")}
    BOUNDS[breakage](catalog)
    [changed] = [p for p, text in before.items() if p.read_text(encoding="utf-8") != text]
    lines = changed.read_text(encoding="utf-8").splitlines()
    loaded = load_catalog(catalog, today=date.fromisoformat(TODAY))  # raises nothing
    [finding] = [
        f for f in loaded.report.for_rule("schema-invalid-value") if f.file == str(changed)
    ]
    assert finding.line is not None
    assert finding.column is not None
    assert re.match(r"[0-9]{2,}", lines[finding.line - 1][finding.column - 1 :]), finding
    runner = CliRunner()
    for fmt in ("text", "json", "github", "sarif"):
        result = runner.invoke(
            main, ["validate", str(catalog), "--format", fmt, "--today", TODAY, "--lang", "en"]
        )
        assert result.exit_code == 1, (fmt, result.output)
        assert f"{finding.line}" in result.stdout
        if fmt in ("json", "sarif"):
            json.loads(result.stdout)


def test_a_limit_of_five_years_is_the_bound_in_each_unit(tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    item = catalog / "items" / f"{SERVICE_ITEM}.yaml"
    text = item.read_text(encoding="utf-8")
    for days, unit, ok in (
        (1250, "工作日", True),
        (1251, "工作日", False),
        (1830, "自然日", True),
        (1831, "自然日", False),
        (60, "月", True),
        (61, "月", False),
    ):
        limit = f"committed: {{days: {days}, unit: {unit}}}"
        item.write_text(text.replace("committed: {days: 3, unit: 工作日}", limit), encoding="utf-8")
        report = load_catalog(catalog, today=date.fromisoformat(TODAY)).report
        found = [f.text("en") for f in report.for_rule("schema-invalid-value")]
        assert (found == []) is ok, (days, unit, found)
        if not ok:
            assert found == [f"a time limit is at most five years ({days - 1} {unit}), not {days}"]


# ---- 2. a lost report: one line on stderr, exit 3, for every command and format ---------------

LOST_OUTPUT = re.compile(r"servicecatalog: error: the output could not be written: .+")


def _writing_commands(catalog: Path, out: Path) -> dict[str, list[str]]:
    """Every command and format that writes to stdout, over the small catalog."""
    guide = ["guide", SERVICE_ITEM, "--catalog", str(catalog)]
    return {
        **{
            f"validate-{fmt}": ["validate", str(catalog), "--format", fmt, "--today", TODAY]
            for fmt in ("text", "json", "github", "sarif")
        },
        **{
            f"diff-{fmt}": ["diff", str(catalog), str(catalog), "--format", fmt, "--today", TODAY]
            for fmt in ("text", "json", "markdown")
        },
        **{f"diff-kinds-{fmt}": ["diff", "--kinds", "--format", fmt] for fmt in ("text", "json")},
        **{
            f"stats-{fmt}": ["stats", "--catalog", str(catalog), "--format", fmt]
            for fmt in ("text", "json")
        },
        **{
            f"coverage-{fmt}": ["coverage", "--catalog", str(catalog), "--format", fmt]
            for fmt in ("text", "json")
        },
        **{f"guide-{fmt}": [*guide, "--format", fmt] for fmt in ("html", "md", "docx")},
        **{f"rules-{fmt}": ["rules", "--format", fmt] for fmt in ("text", "json", "markdown")},
        "rules-one": ["rules", "visits-exceed-one"],
        "site": ["site", str(out / "site"), "--catalog", str(catalog)],
        "build": ["build", str(catalog), "-o", str(out / "catalog.json")],
        "deadline": ["deadline", "2026-09-30"],
        "schema": ["schema", "-o", str(out / "schemas")],
        "init": ["init", str(out / "new"), "--name", "测试单位政务服务事项目录"],
        "new": ["new", "220114999000", "--type", "公共服务", "--catalog", str(catalog)],
        "version": ["--version"],
        "help": ["--help"],
        "usage-error-json": ["validate", str(catalog), "--format", "json", "--no-such-option"],
        "unusable-json": ["validate", str(out / "nothing"), "--format", "json"],
    }


def _run_with_broken_stdout(
    arguments: list[str], how: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "servicecatalog", *arguments]
    if how == "full":
        with open("/dev/full", "w") as full:
            return subprocess.run(
                command,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                cwd=cwd,
                timeout=120,
                check=False,
            )
    if how == "closed":
        return subprocess.run(
            ["sh", "-c", '"$@" >&-', "sh", *command],
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            timeout=120,
            check=False,
        )
    read, write = os.pipe()
    os.close(read)  # a reader that has gone: every write is a broken pipe
    try:
        return subprocess.run(
            command,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("how", ["full", "closed", "broken-pipe"])
def test_a_report_that_cannot_be_written_is_an_error(how: str, tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    out = tmp_path / "out"
    out.mkdir()
    commands = _writing_commands(catalog, out)

    def run(item: tuple[str, list[str]]) -> tuple[str, subprocess.CompletedProcess[str]]:
        return item[0], _run_with_broken_stdout(item[1], how, tmp_path)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, commands.items()))
    for name, result in results:
        where = f"{how}: {name}: exit {result.returncode}\n{result.stderr}"
        assert result.returncode == 3, where
        assert "Traceback" not in result.stderr, where
        errors = [line for line in result.stderr.splitlines() if line.startswith("servicecatalog:")]
        assert errors, where
        assert LOST_OUTPUT.fullmatch(errors[-1]), where
        assert "internal error" not in result.stderr, where


def test_a_report_written_whole_exits_as_usual_with_stdout_closed(tmp_path: Path) -> None:
    """Only a lost report is an error: with --output-file nothing goes to stdout."""
    catalog = small_catalog(tmp_path / "catalog")
    report = tmp_path / "report.json"
    arguments = ["validate", str(catalog), "--format", "json", "-o", str(report), "--today", TODAY]
    result = _run_with_broken_stdout(arguments, "closed", tmp_path)
    written = json.loads(report.read_text(encoding="utf-8"))
    assert result.returncode == (0 if written["ok"] else 1), result.stderr
    assert "could not be written" not in result.stderr


# ---- 3. files the catalog does not read ---------------------------------------------------------


@pytest.mark.parametrize(
    "relative", ["items/2027/broken.yaml", "notes.yaml", "items/2027", "calendar/README.md"]
)
def test_a_named_path_the_catalog_does_not_read_is_unusable(tmp_path: Path, relative: str) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    CORPUS["broken-item-in-a-subfolder"](catalog)
    CORPUS["notes-yaml"](catalog)
    (catalog / "calendar").mkdir()
    (catalog / "calendar" / "README.md").write_text("# 说明\n", encoding="utf-8")
    runner = CliRunner()
    for fmt in ("text", "json", "github", "sarif"):
        result = runner.invoke(main, ["validate", str(catalog / relative), "--format", fmt])
        assert result.exit_code == 3, (fmt, result.output)
        assert "the catalog reads" in result.stderr or "catalog files" in result.stderr
        if fmt == "json":
            assert json.loads(result.stdout)["ok"] is False
        if fmt == "sarif":
            [run] = json.loads(result.stdout)["runs"]
            assert run["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize("breakage", ["item-in-a-subfolder", "implementations-a-file"])
def test_what_is_not_read_fails_every_command_that_publishes(breakage: str, tmp_path: Path) -> None:
    """An item in a subfolder, lists in a file: never a green report, a snapshot or a site
    silently without them."""
    catalog = small_catalog(tmp_path / "catalog")
    CORPUS[breakage](catalog)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(catalog), "--format", "json", "--today", TODAY])
    assert result.exit_code == 1
    assert "file-not-read" in {f["rule"] for f in json.loads(result.stdout)["findings"]}
    for arguments in (
        ["build", str(catalog), "-o", str(tmp_path / "catalog.json")],
        ["site", str(tmp_path / "site"), "--catalog", str(catalog)],
        ["stats", "--catalog", str(catalog)],
        ["coverage", "--catalog", str(catalog)],
    ):
        result = runner.invoke(main, arguments)
        assert result.exit_code == 1, (arguments, result.output)
        assert "file-not-read" in result.stderr
    assert not (tmp_path / "catalog.json").exists()


# ---- 7. no command writes into a catalog ----------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_no_command_writes_into_a_catalog(tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    (tmp_path / "link").symlink_to(catalog)
    before = _tree(catalog)
    guide = ["guide", SERVICE_ITEM, "--catalog", str(catalog)]
    attempts = {
        "build over the manifest": ["build", str(catalog), "-o", str(catalog / "catalog.yaml")],
        "build through a link": ["build", str(catalog), "-o", str(tmp_path / "link" / "c.json")],
        "validate -o json": [
            "validate",
            str(catalog),
            "--format",
            "json",
            "-o",
            str(catalog / "r.json"),
        ],
        "validate -o sarif": [
            "validate",
            str(catalog),
            "--format",
            "sarif",
            "-o",
            str(catalog / "items" / "r.sarif"),
        ],
        "validate -o text": ["validate", str(catalog), "-o", str(catalog / "laws.yaml")],
        "guide html": [*guide, "-o", str(catalog / "items" / "x.yaml")],
        "guide md": [*guide, "--format", "md", "-o", str(catalog / "x.md")],
        "guide docx": [*guide, "--format", "docx", "-o", str(catalog / "x.docx")],
        "site": ["site", str(catalog / "site"), "--catalog", str(catalog)],
        "site over the catalog": ["site", str(catalog), "--catalog", str(catalog)],
        "schema": ["schema", "-o", str(catalog / "schemas")],
        "init": ["init", str(catalog / "nested"), "--name", "测试单位政务服务事项目录"],
        "usage error with -o": [
            "validate",
            str(catalog),
            "--format",
            "json",
            "-o",
            str(catalog / "e.json"),
            "--bad",
        ],
    }
    runner = CliRunner()
    for name, arguments in attempts.items():
        result = runner.invoke(main, arguments)
        assert result.exit_code in (2, 3), (name, result.output)
        assert "Traceback" not in result.stderr
        if "json" in arguments:
            assert json.loads(result.stdout)["ok"] is False
        assert _tree(catalog) == before, name


def test_new_writes_only_into_the_catalogs_own_items(tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(catalog / "items", elsewhere)
    (catalog / "items").symlink_to(elsewhere)
    before = _tree(elsewhere)
    runner = CliRunner()
    result = runner.invoke(
        main, ["new", "220114999000", "--type", "公共服务", "--catalog", str(catalog)]
    )
    assert result.exit_code == 3, result.output
    assert "not a folder inside the catalog" in result.stderr
    assert _tree(elsewhere) == before
    (catalog / "items").unlink()
    (catalog / "items").mkdir()
    result = runner.invoke(
        main, ["new", "220114999000", "--type", "公共服务", "--catalog", str(catalog)]
    )
    assert result.exit_code == 0, result.output
    assert (catalog / "items" / "220114999000.yaml").is_file()


# ---- 8. a snapshot of another format -------------------------------------------------------------


def test_a_snapshot_of_another_format_names_both_format_numbers(tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    snapshot = tmp_path / "catalog.json"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(catalog), "-o", str(snapshot)]).exit_code == 0
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    data["servicecatalog"]["format"] += 1
    snapshot.write_text(json.dumps(data), encoding="utf-8")
    found, expected = data["servicecatalog"]["format"], data["servicecatalog"]["format"] - 1
    for arguments in (
        ["stats", "--catalog", str(snapshot), "--format", "json"],
        ["coverage", "--catalog", str(snapshot)],
        ["guide", SERVICE_ITEM, "--catalog", str(snapshot)],
        ["site", str(tmp_path / "site"), "--catalog", str(snapshot)],
    ):
        result = runner.invoke(main, arguments)
        assert result.exit_code == 3, result.output
        assert f"(format {found})" in result.stderr
        assert f"which reads format {expected}" in result.stderr


def test_an_output_that_is_no_folder_or_file_is_unusable(tmp_path: Path) -> None:
    """A file where a folder is to be written, a folder where a file is: exit 3, one line."""
    catalog = small_catalog(tmp_path / "catalog")
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    a_folder = tmp_path / "a-folder"
    a_folder.mkdir()
    runner = CliRunner()
    for arguments in (
        ["schema", "-o", str(a_file)],
        ["init", str(a_file), "--name", "测试单位政务服务事项目录"],
        ["site", str(a_file), "--catalog", str(catalog)],
        ["build", str(catalog), "-o", str(a_folder / "missing" / "c.json")],
        [
            "guide",
            SERVICE_ITEM,
            "--catalog",
            str(catalog),
            "-o",
            str(a_folder / "missing" / "g.html"),
        ],
    ):
        result = runner.invoke(main, arguments)
        # click refuses a file given for a folder option as a usage error
        assert result.exit_code in (2, 3), (arguments, result.output)
        assert isinstance(result.exception, SystemExit), (arguments, result.output)
        assert "internal error" not in result.stderr
