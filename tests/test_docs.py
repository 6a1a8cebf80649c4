"""The documentation in the repository keeps up with the code: docs/format.md names every key and
term of the formats, docs/templates.md every name a template sees, and the recipes of README and
docs/ci.md are the ones this version writes and tests (the pre-commit test runs the same
configuration). tests/test_readme_examples.py runs their console examples."""

from __future__ import annotations

import dataclasses
import re
from enum import StrEnum
from pathlib import Path

import pytest
from pydantic import BaseModel

from servicecatalog import _project, model
from servicecatalog.config import Config, Waiver
from servicecatalog.guides import blocks, environment, index, view
from servicecatalog.scaffold import ci_workflow, pre_commit_config

ROOT = Path(__file__).resolve().parents[1]
FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
TEMPLATES = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")

FORMAT_MODELS = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type)
    and issubclass(cls, BaseModel)
    and cls.__module__.startswith(f"{model.__name__}.")
] + [Config, Waiver]
ENUMS = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type)
    and issubclass(cls, StrEnum)
    and cls.__module__.startswith(f"{model.__name__}.")
]


@pytest.mark.parametrize("cls", FORMAT_MODELS, ids=lambda cls: cls.__name__)
def test_format_md_names_every_key(cls: type[BaseModel]) -> None:
    # A key that is a Python keyword (``from``) is the alias of its field (``from_``).
    keys = [info.alias or name for name, info in cls.model_fields.items()]
    missing = [key for key in keys if f"`{key}`" not in FORMAT]
    assert missing == [], f"docs/format.md does not document {cls.__name__}: {missing}"


@pytest.mark.parametrize("enum", ENUMS, ids=lambda cls: cls.__name__)
def test_format_md_names_every_term(enum: type[StrEnum]) -> None:
    missing = [member.value for member in enum if f"`{member.value}`" not in FORMAT]
    assert missing == [], f"docs/format.md does not list {enum.__name__}: {missing}"


VIEWS = [
    blocks.GuideView,
    blocks.Section,
    blocks.ListRef,
    blocks.Facts,
    blocks.Paragraph,
    blocks.Numbered,
    blocks.Table,
    index.IndexView,
    index.ListGroup,
    index.IndexRow,
    index.LeftOutRow,
]


@pytest.mark.parametrize("cls", VIEWS, ids=lambda cls: cls.__name__)
def test_templates_md_names_every_attribute(cls: type) -> None:
    missing = [
        f.name
        for f in dataclasses.fields(cls)
        if f"`{f.name}`" not in TEMPLATES and not re.search(rf"`[a-z.]*\.{f.name}`", TEMPLATES)
    ]
    assert missing == [], f"docs/templates.md does not document {cls.__name__}: {missing}"


def test_templates_md_names_every_template_and_kind() -> None:
    folder = ROOT / "src" / "servicecatalog" / "guides" / "templates"
    for path in folder.rglob("*"):
        if path.is_file():
            assert f"`{path.relative_to(folder).as_posix()}`" in TEMPLATES, path.name
    for kind in (blocks.Facts, blocks.Paragraph, blocks.Numbered, blocks.Table):
        assert f"`{kind.kind}`" in TEMPLATES
    for key in environment.PROJECT:
        assert f"`project.{key}`" in TEMPLATES


def test_templates_md_names_every_section_key() -> None:
    keys = set(re.findall(r'\("([a-z-]+)", "[^"]+", ', Path(view.__file__).read_text("utf-8")))
    assert keys
    listed = TEMPLATES.split("The keys of an item one\napplies for, in order:")[1].split("\n\n")[0]
    assert set(re.findall(r"`([a-z-]+)`", listed)) - {"application", "authority"} >= keys


# ---- README --------------------------------------------------------------------------------------


def _blocks(language: str, document: str = CI) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", document, flags=re.S)


def test_readme_cites_no_design_document() -> None:
    assert "DESIGN" not in README


def _source_texts() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted((ROOT / "src").rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _anchors(document: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown document (code blocks left out)."""
    prose = re.sub(r"^```.*?^```", "", document, flags=re.S | re.M)
    headings = re.findall(r"^#{1,6} +(.+?) *$", prose, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_source_cites_no_design_document() -> None:
    citing = [name for name, text in _source_texts().items() if "DESIGN" in text]
    assert citing == [], "cite docs/architecture.md or docs/format.md by section instead"


def test_source_citations_name_sections_that_exist() -> None:
    cited = {
        (name, document, anchor)
        for name, text in _source_texts().items()
        for document, anchor in re.findall(r"docs/([\w-]+\.md)#([\w-]+)", text)
    }
    assert {"architecture.md", "format.md"} <= {document for _, document, _ in cited}
    anchors = {
        document: _anchors((ROOT / "docs" / document).read_text(encoding="utf-8"))
        for _, document, _ in cited
    }
    dangling = sorted(
        f"{name}: docs/{doc}#{anchor}" for name, doc, anchor in cited if anchor not in anchors[doc]
    )
    assert dangling == []


def test_anchors_are_githubs() -> None:
    assert _anchors(
        "# The file formats\n```yaml\n# a comment\n```\n## `calendar/<year>.yaml`\n"
    ) == {
        "the-file-formats",
        "calendaryearyaml",
    }


@pytest.mark.parametrize(
    "link",
    [
        "docs/format.md",
        "docs/rules.md",
        "docs/templates.md",
        "docs/architecture.md",
        "docs/commands.md",
        "docs/ci.md",
        "docs/python.md",
        "docs/items.md",
        "benchmarks/README.md",
        "LICENSE",
        "CHANGELOG.md",
    ],
)
def test_readme_links_the_documents(link: str) -> None:
    assert f"]({link}" in README
    assert (ROOT / link).is_file()


def test_readme_pre_commit_recipe_is_the_one_init_writes_and_the_test_runs() -> None:
    assert pre_commit_config() in _blocks("yaml")


def test_readme_workflow_is_the_one_init_writes_for_a_catalog_folder() -> None:
    assert ci_workflow("catalog") in _blocks("yaml")


def test_readme_installs_this_version_under_its_name() -> None:
    assert f"pip install {_project.DISTRIBUTION}=={_project.VERSION}" in README
    assert f"`{_project.TAG}`" in README  # the tag a release creates
    assert "<the URL of this repository>" not in README


def test_readme_says_the_index_release_is_pending_and_installs_as_the_recipes_do() -> None:
    install = README[README.index("## Install\n") : README.index("## Reference")]
    assert "pending" in install
    assert _project.INSTALL_COMMAND in install
    assert f"pip wheel . -w {_project.WHEELHOUSE}" in install
    assert "python -m build" in install
    assert f"git+{_project.REPOSITORY}@{_project.TAG}" in install
    recipes = [ci_workflow("catalog"), _recipe("yaml", "codequality"), _recipe("groovy", "junit")]
    for recipe in recipes:
        assert _project.INSTALL_COMMAND in recipe, recipe


@pytest.mark.parametrize("document", [README, CI], ids=["README.md", "docs/ci.md"])
def test_readme_names_no_other_version(document: str) -> None:
    # A release bumps pyproject.toml; every version and tag README and docs/ci.md print follow.
    assert set(re.findall(r"\bv\d+\.\d+\.\d+\b", document)) == {_project.TAG}
    assert set(re.findall(r"==(\d+\.\d+\.\d+)", document)) == {_project.VERSION}


def test_the_served_schema_and_hook_are_the_alternative_once_the_tag_exists() -> None:
    assert f"$schema={_project.SCHEMA_BASE}item.schema.json" in CI
    remote = f"  - repo: {_project.REPOSITORY}\n    rev: {_project.TAG}\n"
    assert remote in CI
    assert remote not in pre_commit_config()
    assert "identifiers, not fetched" in README


# ---- docs/ci.md's GitLab CI and Jenkins recipes, run as printed ------------------------------------


def _ci_commands(recipe: str) -> list[str]:
    """The commands of a recipe that run servicecatalog (the install line is the install
    section's, tested there)."""
    gitlab = re.findall(r"^    - (.*servicecatalog (?:validate|diff) .*)$", recipe, flags=re.M)
    jenkins = re.findall(r"^\s*sh '(.*servicecatalog (?:validate|diff) .*)'$", recipe, flags=re.M)
    return gitlab + jenkins


def _run_recipe(recipe: str, repository: Path) -> None:
    import os
    import subprocess
    import sys

    from _minimal import ITEM, LAWS, MANIFEST

    catalog = repository / "catalog"
    (catalog / "items").mkdir(parents=True)
    (catalog / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
    (catalog / "laws.yaml").write_text(LAWS, encoding="utf-8")
    broken = ITEM.replace("visits: 0", "visits: 1").replace("互联网受理, 互联网办理, ", "")
    (catalog / "items" / "220114001000.yaml").write_text(broken, encoding="utf-8")
    (repository / ".venv" / "bin").mkdir(parents=True)
    command = Path(sys.executable).parent / "servicecatalog"
    (repository / ".venv" / "bin" / "servicecatalog").symlink_to(command)
    environment = {**os.environ, "PATH": f"{command.parent}{os.pathsep}{os.environ['PATH']}"}
    commands = _ci_commands(recipe)
    assert commands
    for line in commands:
        subprocess.run(["bash", "-c", line], cwd=repository, env=environment, timeout=120)


def _recipe(language: str, marker: str) -> str:
    (recipe,) = [block for block in _blocks(language) if marker in block]
    return recipe


def test_readme_gitlab_recipe_writes_the_reports_gitlab_reads(tmp_path: Path) -> None:
    import json
    from xml.etree import ElementTree

    import yaml

    from test_reporting import gitlab_errors

    recipe = _recipe("yaml", "codequality")
    job = yaml.safe_load(recipe)["catalog"]
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    _run_recipe(recipe, tmp_path)
    quality = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert gitlab_errors(quality) == []
    # (and, near a year's end, the notice that the working-day calendar runs out)
    assert "visits-mismatch-on-site" in [issue["check_name"] for issue in quality]
    junit = ElementTree.parse(tmp_path / reports["junit"]).getroot()
    assert [f.get("type") for f in junit.iter("failure")] == ["visits-mismatch-on-site"]
    assert junit.get("tests") == "3"  # catalog.yaml, laws.yaml and the item


def test_readme_jenkins_stage_writes_the_report_it_records(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    recipe = _recipe("groovy", "junit")
    (recorded,) = re.findall(r"junit '(.*)'", recipe)
    _run_recipe(recipe, tmp_path)
    junit = ElementTree.parse(tmp_path / recorded).getroot()
    assert [f.get("type") for f in junit.iter("failure")] == ["visits-mismatch-on-site"]


DOCUMENTS = [ROOT / "README.md", ROOT / "benchmarks" / "README.md", *sorted(ROOT.glob("docs/*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_links_lead_to_files_and_headings_that_exist(document: Path) -> None:
    """README was split into docs/ by task: no link may point where a section used to be."""
    text = document.read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        readable = linked.suffix == ".md" and linked.is_file()
        headings = _anchors(linked.read_text("utf-8")) if readable else set()
        if not linked.exists() or (anchor and anchor not in headings):
            broken.append(target)
    assert broken == []


def test_the_two_commands_come_first_and_ci_runs_the_second() -> None:
    """README's first block is the two commands, and .ci/run ends by running the second."""
    first = _blocks("sh", README)[0]
    commands = [line for line in first.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("servicecatalog validate catalog")
    assert commands[1].endswith(".venv/bin/python -m pytest")
    assert README.index("```") == README.index("```sh\n" + first)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip("\n").splitlines()[-1] == commands[1]
