"""Every console example of README.md and docs/ is run as printed and prints what is printed.

README's "Examples are tests" is the contract: a ``console`` block's ``$ `` lines are commands
run by bash in a temporary folder holding copies of ``catalog/`` and ``schemas/``, with this
environment's ``servicecatalog`` first on ``PATH``; ``cd DIR`` moves the following commands; what
a command prints, standard output then standard error, must match the lines after it, where a
line ``…`` stands for any lines and a line ending in `` …`` for the rest of that line. A block
preceded by ``<!-- example: NAME -->`` first gets the files :data:`EXAMPLES` ``[NAME]`` makes,
and a ``$ #`` line (a narrated step, such as a clerk editing a workbook) is that example's
``narrated`` step; a block preceded by ``<!-- illustrative -->`` is not run. A ``pycon`` block is
a doctest run in the folder of the console block before it.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO_ROOT

# A command a block: minutes in all, for CI and the whole suite, not the edit loop.
pytestmark = pytest.mark.slow

DOCUMENTS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]

_BLOCK = re.compile(
    r"(?:^<!-- (?P<marker>illustrative|example: [\w-]+) -->\n)?^```(?P<language>console|pycon)\n"
    r"(?P<text>.*?)^```$",
    re.M | re.S,
)


@dataclass(frozen=True)
class Block:
    """A fenced example of a document."""

    document: Path
    line: int
    language: str
    marker: str | None
    text: str

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(REPO_ROOT)}:{self.line}"


@dataclass
class ConsoleExample:
    """A console block, the setup it names and the doctests that run in its folder after it."""

    block: Block
    doctests: list[Block] = field(default_factory=list)

    @property
    def setup(self) -> str | None:
        marker = self.block.marker
        return marker.removeprefix("example: ") if marker and marker != "illustrative" else None


def blocks(document: Path) -> list[Block]:
    text = document.read_text(encoding="utf-8")
    return [
        Block(
            document,
            text.count("\n", 0, match.start("language")) + 1,
            match["language"],
            match["marker"],
            match["text"],
        )
        for match in _BLOCK.finditer(text)
    ]


def console_examples() -> list[ConsoleExample]:
    examples: list[ConsoleExample] = []
    for document in DOCUMENTS:
        previous: ConsoleExample | None = None
        for block in blocks(document):
            if block.language == "console":
                previous = ConsoleExample(block)
                examples.append(previous)
            else:
                assert previous is not None, f"{block.name}: a pycon block needs a console block"
                previous.doctests.append(block)
    return examples


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)


def steps(text: str) -> list[Step]:
    found: list[Step] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append(Step(line[2:]))
        else:
            assert found, f"output before any command: {line!r}"
            found[-1].expected.append(line.rstrip())
    return found


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    """The text ``expected`` stands for: ``…`` alone is any lines, a final `` …`` any rest."""
    parts = []
    for line in expected:
        if line == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        elif line.endswith(" …"):
            parts.append(re.escape(line[:-1]) + r"[^\n]*\n")
        else:
            parts.append(re.escape(line) + r"\n")
    return re.compile("".join(parts))


def _printed(text: str) -> str:
    return "".join(f"{line.rstrip()}\n" for line in text.splitlines())


# ---- the setups examples name ------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    prepare: Callable[[Path], None] = lambda folder: None
    """Makes the files the example starts from, in the folder that holds ``catalog/``."""
    narrated: Callable[[Path], None] | None = None
    """What the example's ``$ #`` lines tell a person to do."""


def _edit(path: Path, edit: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text, f"{path}: the edit changed nothing"
    path.write_text(edited, encoding="utf-8")


def _without_legal_basis_of_the_form(folder: Path) -> None:
    """Material M3 of 失业保险金申领 (its 登记表) loses its legal basis."""
    _edit(
        folder / "catalog" / "items" / "220114043000.yaml",
        lambda text: text.replace(
            "    form_id: F1\n"
            "    legal_basis: [{law: unemployment-insurance-regulations, articles: [第十六条]}]\n",
            "    form_id: F1\n",
        ),
    )


def _edited_copy(folder: Path) -> None:
    """``edited``: the FAQs of 失业保险金申领 removed and 企业法人 added to its audience, and the
    南关区 list moved its office and stopped handling the item, each revision moved on."""
    shutil.copytree(folder / "catalog", folder / "edited")
    item = folder / "edited" / "items" / "220114043000.yaml"

    def edit_item(text: str) -> str:
        text = text.replace("audience: [自然人]", "audience: [自然人, 企业法人]")
        text = (
            text[: text.index("faq:\n")]
            + "faq: []\n"
            + text[text.index("intermediary_services:") :]
        )
        return re.sub(
            r"revision:\n  version: (\d+)\n  changed_on: .*\n  published_on: .*",
            lambda m: (
                f'revision:\n  version: {int(m[1]) + 1}\n  changed_on: "2026-12-07"\n'
                "  published_on: null"
            ),
            text,
        )

    def edit_list(text: str) -> str:
        text = text.replace(
            "address: 长春市南关区政务服务中心人力资源和社会保障窗口",
            "address: 长春市南关区民康路政务服务中心二楼",
        )
        text = text.replace('  - item: "220114043000"\n', "")
        return re.sub(
            r"revision: \{version: (\d+), changed_on: \"[0-9-]+\", published_on: \"[0-9-]+\"\}",
            lambda m: (
                f'revision: {{version: {int(m[1]) + 1}, changed_on: "2026-12-07", '
                'published_on: "2026-12-08"}'
            ),
            text,
        )

    _edit(item, edit_item)
    _edit(folder / "edited" / "implementations" / "220102.yaml", edit_list)


def _export(folder: Path) -> Path:
    workbook = folder / "lists.xlsx"
    exported = _run("servicecatalog export catalog -o lists.xlsx", folder)
    assert exported.returncode == 0, exported.stderr
    return workbook


def _damaged_workbook(folder: Path) -> None:
    """``lists.xlsx``: the bundled catalog's workbook with merged cells, a value outside a
    vocabulary and a code stored as a number that lost its leading zeros."""
    workbook = _export(folder)
    book = openpyxl.load_workbook(workbook)
    book["申请材料"].merge_cells("A2:A3")
    book["申请材料"]["E3"].value = "原件和复印件"
    book["表单"]["A4"].value = 2201140430
    book.save(workbook)


def _header(sheet: openpyxl.worksheet.worksheet.Worksheet, name: str) -> int:
    (column,) = [cell.column for cell in sheet[1] if cell.value == name]
    return int(column)


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet, **columns: str) -> list[int]:
    """The rows whose cells under the headers named hold the values given."""
    where = {_header(sheet, name): value for name, value in columns.items()}
    return [
        row
        for row in range(2, sheet.max_row + 1)
        if all(sheet.cell(row, column).value == value for column, value in where.items())
    ]


def _clerks_edit(folder: Path) -> None:
    """What README's clerk does to ``lists.xlsx`` (docs/commands.md, "A clerk's change")."""
    workbook = folder / "lists.xlsx"
    book = openpyxl.load_workbook(workbook)
    item = "220114043000"
    materials = book["申请材料"]
    (material,) = _rows(materials, 基本编码=item, 材料编号="M4")
    materials.delete_rows(material)
    citations = book["设定依据"]
    (citation,) = _rows(citations, 基本编码=item, 依据对象="申请材料 M4")
    citations.delete_rows(citation)
    steps = book["业务经办流程"]
    (step,) = _rows(steps, 基本编码=item, 环节编号="H2")
    days = steps.cell(step, _header(steps, "办理时限（工作日）"))
    days.value = str(int(days.value) - 1)
    items = book["事项"]
    (row,) = _rows(items, 基本编码=item)
    items.cell(row, _header(items, "承诺办结时限")).value = "2"
    version = items.cell(row, _header(items, "版本号"))
    version.value = str(int(version.value) + 1)
    items.cell(row, _header(items, "变更日期")).value = "2026-12-07"
    items.cell(row, _header(items, "公开日期")).value = None
    book.save(workbook)


EXAMPLES: dict[str, Example] = {
    "form-without-legal-basis": Example(_without_legal_basis_of_the_form),
    "edited": Example(_edited_copy),
    "damaged-workbook": Example(_damaged_workbook),
    "clerk": Example(narrated=_clerks_edit),
}


# ---- running them ------------------------------------------------------------------------------


def _environment(folder: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONPATH"}
    }
    environment.update(
        {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "NO_COLOR": "1",
            "COLUMNS": "200",
            "HOME": str(folder),
        }
    )
    return environment


def _run(command: str, cwd: Path, folder: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=_environment(folder or cwd),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _folder(tmp_path: Path) -> Path:
    for name in ("catalog", "schemas"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    return tmp_path


def run_console(block: Block, folder: Path, example: Example) -> None:
    cwd = folder
    narrated = False
    for step in steps(block.text):
        if step.command.startswith("#"):
            assert step.expected == [], f"{block.name}: a narrated step prints nothing"
            assert example.narrated is not None, f"{block.name}: narrated, but no example says how"
            if not narrated:
                example.narrated(folder)
                narrated = True
            continue
        if step.command.startswith("cd "):
            cwd = cwd / step.command.removeprefix("cd ").strip()
            assert step.expected == [], f"{block.name}: cd prints nothing"
            assert cwd.is_dir(), f"{block.name}: {step.command}"
            continue
        result = _run(step.command, cwd, folder)
        printed = _printed(result.stdout) + _printed(result.stderr)
        expected = "".join(f"{line}\n" for line in step.expected)
        assert output_pattern(step.expected).fullmatch(printed), (
            f"{block.name}: $ {step.command}\n--- printed:\n{printed}--- documented:\n{expected}"
        )
        if result.returncode >= 2:  # a usage error or unusable input is shown as one
            assert "error:" in expected, (
                f"{block.name}: $ {step.command} exited {result.returncode}"
            )


def run_doctest(block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    test = doctest.DocTestParser().get_doctest(
        block.text, {}, block.name, str(block.document), block.line
    )
    report: list[str] = []
    result = doctest.DocTestRunner(verbose=False).run(test, out=report.append)
    assert result.attempted > 0
    assert result.failed == 0, "".join(report)


EXAMPLES_RUN = [example for example in console_examples() if example.block.marker != "illustrative"]


@pytest.mark.parametrize("example", EXAMPLES_RUN, ids=lambda example: example.block.name)
def test_console_example_prints_what_it_shows(
    example: ConsoleExample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    setup = EXAMPLES[example.setup] if example.setup else Example()
    setup.prepare(folder)
    run_console(example.block, folder, setup)
    for doctest_block in example.doctests:
        run_doctest(doctest_block, folder, monkeypatch)


# ---- the harness itself ------------------------------------------------------------------------


def test_examples_are_found_and_only_marked_ones_are_skipped() -> None:
    examples = console_examples()
    run = [example.block.name for example in EXAMPLES_RUN]
    assert len(run) >= 10
    assert any(name.startswith("README.md") for name in run)
    assert any(name.startswith("docs/") for name in run)
    skipped = [example for example in examples if example not in EXAMPLES_RUN]
    assert all(example.block.marker == "illustrative" for example in skipped)
    assert any(example.doctests for example in EXAMPLES_RUN)
    named = {example.setup for example in examples if example.setup}
    assert named == set(EXAMPLES), "every setup is used, and every one used exists"


def test_every_document_s_console_blocks_are_read(tmp_path: Path) -> None:
    """A console block the pattern misses would be an example never run."""
    for document in DOCUMENTS:
        fences = len(re.findall(r"^```(?:console|pycon)$", document.read_text("utf-8"), re.M))
        assert fences == len(blocks(document)), document


@pytest.mark.parametrize(
    ("documented", "printed", "matches"),
    [
        (["a", "b"], "a\nb\n", True),
        (["a"], "a\nb\n", False),
        (["a", "…", "d"], "a\nb\nc\nd\n", True),
        (["a", "…", "d"], "a\nd\n", True),
        (["a", "…", "d"], "a\nb\n", False),
        (["regions 1, 2, …"], "regions 1, 2, 3, 4 … (9)\n", True),
        (["regions 1, 2, …"], "regions 1, 3\n", False),
        ([], "", True),
        ([], "something\n", False),
    ],
)
def test_documented_output_matches_only_what_it_says(
    documented: list[str], printed: str, matches: bool
) -> None:
    assert bool(output_pattern(documented).fullmatch(printed)) is matches
