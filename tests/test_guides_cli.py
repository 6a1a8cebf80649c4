"""Tests of `servicecatalog guide` and `servicecatalog site` (DESIGN §10): output, exit codes."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from conftest import SERVICE_ITEM, CatalogDir
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


def test_templates_option_overrides_a_template_by_name(catalog: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "guide.md").write_text("# {{ view.name }}（自定义模板）\n", encoding="utf-8")
    result = run(
        "guide", SERVICE_ITEM, "--format", "md", "--catalog", catalog, "--templates", templates
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"# {load_catalog(catalog).item(SERVICE_ITEM).name}（自定义模板）\n"
