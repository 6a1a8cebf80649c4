"""Tests of `servicecatalog guide` and `servicecatalog site` (DESIGN §10): output, exit codes."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from conftest import BUNDLED_CATALOG, PENALTY_ITEM, SERVICE_ITEM, CatalogDir
from servicecatalog import load_catalog
from servicecatalog.cli import main
from servicecatalog.guides import SITE_MARKER, render_guide


@pytest.fixture
def catalog(catalog_copy: Callable[..., CatalogDir]) -> Path:
    return catalog_copy("catalog").path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_guide_prints_html_and_markdown(catalog: Path) -> None:
    loaded = load_catalog(catalog)
    item = loaded.item(SERVICE_ITEM)
    for fmt in ("html", "md"):
        result = run("guide", SERVICE_ITEM, "--format", fmt, "--catalog", catalog)
        assert result.exit_code == 0, result.output
        assert result.stdout == render_guide(item, fmt, catalog=loaded)


def test_guide_writes_a_file_with_output(catalog: Path, tmp_path: Path) -> None:
    target = tmp_path / "guide.md"
    result = run("guide", SERVICE_ITEM, "--format", "md", "--catalog", catalog, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# 失业保险金申领\n")


def test_guide_writes_docx(catalog: Path, tmp_path: Path) -> None:
    target = tmp_path / "guide.docx"
    result = run("guide", SERVICE_ITEM, "--format", "docx", "--catalog", catalog, "-o", target)
    assert result.exit_code == 0, result.output
    assert docx.Document(str(target)).paragraphs[0].text == "失业保险金申领"
    piped = run("guide", SERVICE_ITEM, "--format", "docx", "--catalog", catalog)
    assert piped.exit_code == 0  # stdout is not a terminal: the bytes go there
    assert docx.Document(BytesIO(piped.stdout_bytes)).paragraphs[0].text == "失业保险金申领"


def test_guide_prints_a_handout_with_a_qr_code_of_the_items_page(catalog: Path) -> None:
    shutil.copyfile(BUNDLED_CATALOG / "regions.yaml", catalog / "regions.yaml")
    (catalog / "implementations").mkdir()
    (catalog / "implementations" / "220102.yaml").write_text(
        'region: "220102"\nimplementations:\n'
        f'  - {{item: "{SERVICE_ITEM}", agency: 长春市南关区人力资源和社会保障局, phone: "12333"}}\n',
        encoding="utf-8",
    )
    manifest = catalog / "catalog.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "site: {base_url: https://example.gov.cn/guide/}\n",
        encoding="utf-8",
    )
    args = ("guide", SERVICE_ITEM, "--region", "220102", "--format", "handout", "--catalog")
    result = run(*args, catalog)
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<figure class="qr">' in page
    assert "<svg" in page
    assert "https://example.gov.cn/guide/items/220114043000.html#region-220102" in page
    assert '<a href="tel:12333">12333</a>' in page
    assert "长春市南关区人力资源和社会保障局" in page
    assert "业务经办流程" not in page  # the back office's steps are not the citizen's
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("site:")], encoding="utf-8")
    without = run(*args, catalog)
    assert without.exit_code == 0, without.output
    assert "<svg" not in without.stdout
    assert "南关区" in without.stdout


def test_guide_refuses_docx_to_a_terminal(catalog: Path) -> None:
    command = [sys.executable, "-m", "servicecatalog", "guide", SERVICE_ITEM]
    controller, terminal = pty.openpty()
    try:
        completed = subprocess.run(
            [*command, "--format", "docx", "--catalog", str(catalog)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert completed.returncode == 2
    assert b"-o FILE" in completed.stderr


def test_guide_exit_codes(catalog: Path, tmp_path: Path) -> None:
    unknown = run("guide", "220114999000", "--catalog", catalog)
    assert unknown.exit_code == 3
    assert "no item 220114999000" in unknown.stderr
    assert run("guide", SERVICE_ITEM, "--format", "pdf", "--catalog", catalog).exit_code == 2
    assert run("guide", SERVICE_ITEM, "--catalog", tmp_path / "missing").exit_code == 3


def test_site_builds_and_refuses_a_foreign_folder(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = run("site", out, "--catalog", catalog)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    assert (out / SITE_MARKER).is_file()
    assert run("site", out, "--catalog", catalog).exit_code == 0  # ours: replaced

    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("precious", encoding="utf-8")
    refused = run("site", home, "--catalog", catalog)
    assert refused.exit_code == 3
    assert SITE_MARKER in refused.stderr
    assert (home / "notes.txt").is_file()


def _site_command(*arguments: str | Path) -> tuple[int, str, str]:
    """``servicecatalog site`` in a process of its own (workers write to the real stdout)."""
    done = subprocess.run(
        [sys.executable, "-m", "servicecatalog", "site", *map(str, arguments)],
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_site_says_the_same_with_workers_or_without(catalog: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "guide.html").write_text('{% include "missing-" ~ item.code ~ ".html" %}', "utf-8")
    said = {}
    for jobs in ("1", "2"):
        out = tmp_path / "out"
        built = _site_command(out, "--catalog", catalog, "--jobs", jobs)
        failed = _site_command(out, "--catalog", catalog, "-j", jobs, "--templates", templates)
        said[jobs] = (built, failed)
        shutil.rmtree(out)
    assert said["1"] == said["2"]
    built, failed = said["1"]
    assert built == (0, f"{tmp_path / 'out' / 'index.html'}\n", f"2 item pages written to {out}\n")
    first = sorted(path.stem for path in (catalog / "items").glob("*.yaml"))[0]
    assert failed == (
        3,
        "",
        f"servicecatalog: error: template guide.html: missing-{first}.html\n",
    )


def test_site_jobs_must_be_at_least_one(catalog: Path, tmp_path: Path) -> None:
    result = run("site", tmp_path / "out", "--catalog", catalog, "--jobs", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in result.stderr
    assert not (tmp_path / "out").exists()


def test_templates_option_overrides_a_template_by_name(catalog: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "guide.md").write_text("# {{ view.name }}（自定义模板）\n", encoding="utf-8")
    result = run(
        "guide", SERVICE_ITEM, "--format", "md", "--catalog", catalog, "--templates", templates
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"# {load_catalog(catalog).item(SERVICE_ITEM).name}（自定义模板）\n"


# ---- a catalog with errors is not published -----------------------------------------------------


@pytest.fixture
def emptied(catalog: Path) -> Path:
    """The small catalog (two items) with one item file emptied: one item validates."""
    (catalog / "items" / f"{SERVICE_ITEM}.yaml").write_text("", encoding="utf-8")
    return catalog


@pytest.mark.parametrize(
    "command",
    [
        ["site", "OUT"],
        ["stats"],
        ["stats", "--format", "json"],
        ["coverage"],
        ["coverage", "--format", "json"],
        ["guide", PENALTY_ITEM],
    ],
)
def test_publishing_commands_refuse_an_invalid_catalog(
    emptied: Path, tmp_path: Path, command: list[str]
) -> None:
    arguments = [str(tmp_path / "site") if part == "OUT" else part for part in command]
    result = run(*arguments, "--catalog", emptied)
    assert result.exit_code == 1, result.output
    assert f"{SERVICE_ITEM}.yaml:1:1: error [yaml-empty-document]" in result.stderr
    assert "2 items: 1 error," in result.stderr
    assert "--allow-invalid" in result.stderr
    assert not (tmp_path / "site").exists()
    if "json" in command:
        payload = json.loads(result.stdout)
        assert payload["ok"] is False
        assert payload["counts"]["error"] == 1
    else:
        assert result.stdout == ""


def test_stats_with_allow_invalid_says_what_it_left_out(emptied: Path) -> None:
    result = run("stats", "--catalog", emptied, "--format", "json", "--allow-invalid")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["items"] == 1
    assert payload["left_out"] == [
        {
            "item": SERVICE_ITEM,
            "file": str(emptied / "items" / f"{SERVICE_ITEM}.yaml"),
            "reason": "文件为空（没有内容，或只有注释、“---”、null 或 ~）",
        }
    ]
    assert (
        f"leaving out 1 item file that does not validate\n  {SERVICE_ITEM}: the file is empty"
        in (result.stderr)
    )


def test_site_with_allow_invalid_says_what_it_left_out(emptied: Path, tmp_path: Path) -> None:
    result = run("site", tmp_path / "site", "--catalog", emptied, "--allow-invalid")
    assert result.exit_code == 0, result.output
    assert "1 item page written" in result.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "另有 1 个事项文件未通过校验，未予发布" in index


def test_guide_of_an_item_that_does_not_validate_says_why(emptied: Path) -> None:
    result = run("guide", SERVICE_ITEM, "--catalog", emptied)
    assert result.exit_code == 3
    assert result.stderr == (
        f"servicecatalog: error: item {SERVICE_ITEM} does not validate: the file is empty "
        "(nothing, or only comments, '---', null or ~)\n"
    )


def test_site_into_a_repository_is_refused_with_exit_3(catalog: Path, tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    (repository / SITE_MARKER).touch()
    result = run("site", repository, "--catalog", catalog)
    assert result.exit_code == 3
    assert "holds .git" in result.stderr
    assert (repository / ".git").is_dir()
