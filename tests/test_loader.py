"""Tests of the strict YAML loader (servicecatalog.loader, DESIGN §6).

Expected positions are counted by hand from the test documents (1-based, columns in characters),
never read back from PyYAML's marks.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path
from types import FrameType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicecatalog import Report, load_catalog
from servicecatalog.findings import Finding, Severity
from servicecatalog.loader import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    LoadedDocument,
    Position,
    load_bytes,
    load_file,
)

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog"
SAMPLE_ITEM = CATALOG / "items" / "220114043000.yaml"
FILE = "catalog/items/220114001000.yaml"


def load(text: str | bytes, **kwargs: int) -> LoadedDocument:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, FILE, **kwargs)


def only(document: LoadedDocument, rule: str | None = None) -> Finding:
    """The single finding of ``document`` (of ``rule``, when given)."""
    findings = [f for f in document.findings if rule is None or f.rule == rule]
    assert len(findings) == 1, document.findings
    return findings[0]


def where(finding: Finding) -> tuple[str, int | None, int | None]:
    return finding.rule, finding.line, finding.column


# ---- encodings --------------------------------------------------------------------------------


def test_utf8_bom_is_accepted_and_does_not_shift_columns() -> None:
    document = load(b"\xef\xbb\xbfcode: x\nname: y\n")
    assert document.findings == ()
    assert document.usable
    assert document.data == {"code": "x", "name": "y"}
    assert document.positions[("code",)] == Position(1, 7)
    assert document.key_positions[("code",)] == Position(1, 1)


GBK_MESSAGE = "文件不是 UTF-8 编码，看起来是 GBK（Windows 中文编辑器的默认编码）；请另存为 UTF-8"
GBK_MESSAGE_EN = (
    "the file is not UTF-8; it looks like GBK (the default of Chinese Windows editors): "
    "save it as UTF-8"
)


def test_gbk_file_is_a_yaml_encoding_finding_that_names_gbk() -> None:
    # 名 is C3 FB in GBK: C3 opens a UTF-8 sequence that FB cannot continue, so decoding fails
    # at the first byte of 名, line 2, column 13 (after "department: ").
    raw = "code: x\ndepartment: 名称\n".encode("gbk")
    document = load(raw)
    finding = only(document)
    assert where(finding) == ("yaml-encoding", 2, 13)
    assert finding.severity is Severity.ERROR
    assert finding.message == GBK_MESSAGE
    assert finding.message_en == GBK_MESSAGE_EN
    assert finding.text("en") == GBK_MESSAGE_EN
    assert finding.file == FILE
    assert document.data is None
    assert not document.usable


def test_whole_gbk_item_is_recognised_as_gbk() -> None:
    raw = SAMPLE_ITEM.read_text(encoding="utf-8").encode("gbk")
    finding = only(load(raw))
    assert finding.rule == "yaml-encoding"
    assert "GBK" in finding.message
    assert "GBK" in finding.message_en
    assert finding.line is not None
    assert finding.line >= 1


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_a_yaml_encoding_finding(codec: str) -> None:
    text = "code: x\n"
    raw = text.encode(codec)
    if codec != "utf-16":
        raw = ("\ufeff" + text).encode(codec)
    finding = only(load(raw))
    assert where(finding) == ("yaml-encoding", 1, 1)
    assert finding.message == "文件是 UTF-16 编码；请另存为 UTF-8"
    assert finding.message_en == "the file is UTF-16 encoded; save it as UTF-8"


WIDE_TEXTS = ["code: x\n", "# 事项\ncode: x\n", "失业保险: x\n名称: 受理\n"]


@pytest.mark.parametrize("text", WIDE_TEXTS)
@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
        ("utf-32", "UTF-32"),
    ],
)
def test_wide_encodings_are_named_with_or_without_a_bom(text: str, codec: str, name: str) -> None:
    finding = only(load(text.encode(codec)))
    assert where(finding) == ("yaml-encoding", 1, 1)
    assert finding.message_en == f"the file is {name} encoded; save it as UTF-8"


def test_a_nul_byte_in_utf8_text_is_a_control_character_not_an_encoding() -> None:
    finding = only(load("名称: 受理\x00\n"))
    assert where(finding) == ("yaml-syntax", 1, 7)
    assert "U+0000" in finding.message


def test_invalid_bytes_that_are_not_gbk_name_the_byte() -> None:
    document = load(b"code: x\nname: caf\xe9\n")
    finding = only(document)
    assert where(finding) == ("yaml-encoding", 2, 10)
    assert finding.message == "文件不是 UTF-8 编码：第 18 字节 0xe9 无法解码"
    assert finding.message_en == "the file is not UTF-8: byte 18 (0xe9) cannot be decoded"
    assert document.data is None


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b"code: a\x00b\n", 1, 8),
        (b"code: x\nname: \x1b[31m\n", 2, 7),
        ("名称: 受理\x01\n".encode(), 1, 7),
        ("# 失业保险金申领\n条件:\n  - 已缴费满一年\x7f\n".encode(), 3, 11),
        ("a: 𠀀\x02\n".encode(), 1, 5),
    ],
)
def test_control_characters_are_a_finding_not_an_exception(
    raw: bytes, line: int, column: int
) -> None:
    document = load(raw)
    assert document.data is None
    finding = only(document)
    assert finding.rule == "yaml-syntax"
    assert (finding.line, finding.column) == (line, column)
    # Named by the character that stands there, not by what a byte offset happens to hit.
    text = raw.decode("utf-8").splitlines()[line - 1]
    assert f"U+{ord(text[column - 1]):04X}" in finding.message_en


# ---- duplicate keys, anchors, aliases, merge keys, tags, documents ----------------------------


def test_duplicate_key_points_at_the_second_and_names_the_first_line() -> None:
    document = load("code: a\nname: b\ncode: c\n")
    finding = only(document)
    assert where(finding) == ("yaml-duplicate-key", 3, 1)
    assert finding.message == "键 “code” 重复（第一次出现在第 1 行）"
    assert finding.message_en == "duplicate key 'code' (first at line 1)"
    assert document.data == {"code": "a", "name": "b"}
    assert not document.usable


def test_nested_duplicate_key() -> None:
    document = load("time_limit:\n  legal: null\n  committed: x\n\n  legal: y\n")
    finding = only(document)
    assert where(finding) == ("yaml-duplicate-key", 5, 3)
    assert finding.message_en == "duplicate key 'legal' (first at line 2)"


def test_duplicate_key_in_a_flow_mapping_inside_a_list() -> None:
    finding = only(load("steps:\n  - {id: S1, name: 网上申请, id: S2}\n"))
    # "  - {id: S1, name: 网上申请, " is 25 characters: the second id starts at column 26.
    assert where(finding) == ("yaml-duplicate-key", 2, 26)
    assert finding.message_en == "duplicate key 'id' (first at line 2)"


def test_anchor_and_alias_are_refused() -> None:
    document = load("a: &x 1\nb: *x\n")
    assert [where(f) for f in document.findings] == [
        ("yaml-alias", 1, 4),
        ("yaml-alias", 2, 4),
    ]
    anchor, alias = document.findings
    assert anchor.message == "不允许使用锚点 “&x”"
    assert anchor.message_en == "anchors (&x) are not allowed"
    assert alias.message == "不允许使用别名 “*x”；请写出全部内容"
    assert alias.message_en == "aliases (*x) are not allowed: write the content out"
    assert not document.usable


def test_billion_laughs_is_not_expanded() -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    document = load("\n".join(lines) + "\n")
    assert not document.usable
    assert {f.rule for f in document.findings} == {"yaml-alias"}
    # Nothing is expanded: each list holds at most nine entries.
    assert document.data is None or all(len(v) <= 9 for v in document.data.values())


def test_merge_key_is_refused() -> None:
    document = load("base: {x: 1}\nitem:\n  <<: {x: 2}\n  y: 3\n")
    finding = only(document)
    assert where(finding) == ("yaml-alias", 3, 3)
    assert finding.message == "不允许使用合并键 “<<”；请写出全部内容"
    assert finding.message_en == "merge keys (<<) are not allowed: write the content out"
    assert not document.usable


def test_merge_key_with_alias_reports_anchor_merge_and_alias() -> None:
    document = load("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert [where(f) for f in document.findings] == [
        ("yaml-alias", 1, 7),
        ("yaml-alias", 3, 3),
        ("yaml-alias", 3, 7),
    ]


def test_quoted_merge_key_is_never_silently_dropped() -> None:
    # A quoted "<<" is an ordinary key: it must reach the data (where the schema sees it) or be
    # reported, not vanish.
    document = load("'<<': 1\nb: 2\n")
    assert document.findings or "<<" in document.data


@pytest.mark.parametrize(
    ("text", "tag", "line", "column"),
    [
        ("copies: !!int 3\n", "tag:yaml.org,2002:int", 1, 9),
        ("name: !foo x\n", "!foo", 1, 7),
        ("name: !!str 3\n", "tag:yaml.org,2002:str", 1, 7),
        ("fee: !!map {charged: false}\n", "tag:yaml.org,2002:map", 1, 6),
        ("lists: !seq [service]\n", "!seq", 1, 8),
        ("k: ! x\n", "!", 1, 4),
        ("k: ! [x]\n", "!", 1, 4),
        ("k: ! {a: b}\n", "!", 1, 4),
        ("! k: x\n", "!", 1, 1),
        (
            "a:\n  b: !!python/object:os.system x\n",
            "tag:yaml.org,2002:python/object:os.system",
            2,
            6,
        ),
    ],
)
def test_tags_are_refused(text: str, tag: str, line: int, column: int) -> None:
    document = load(text)
    finding = only(document)
    assert where(finding) == ("yaml-tag", line, column)
    assert finding.message == f"不允许使用标签 “{tag}”"
    assert finding.message_en == f"tags ({tag}) are not allowed"
    assert not document.usable


def test_multiple_documents_are_refused() -> None:
    document = load("code: a\n---\ncode: b\n")
    finding = only(document)
    assert where(finding) == ("yaml-multiple-documents", 2, 1)
    assert finding.message == "文件包含多个 YAML 文档；只读取第一个"
    assert finding.message_en == (
        "the file holds more than one YAML document; only the first is read"
    )
    assert document.data == {"code": "a"}
    assert not document.usable


@pytest.mark.parametrize("text", ["---\ncode: a\n", "code: a\n...\n", "%YAML 1.1\n---\ncode: a\n"])
def test_one_explicit_document_is_fine(text: str) -> None:
    document = load(text)
    assert document.findings == ()
    assert document.data == {"code": "a"}


# ---- syntax -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("code: x\n\tname: y\n", 2, 1),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1),
        ("a:\n  b:\n\t- 1\n", 3, 1),
    ],
)
def test_tab_indentation_is_a_syntax_error_at_the_tab(text: str, line: int, column: int) -> None:
    document = load(text)
    finding = only(document)
    assert where(finding) == ("yaml-syntax", line, column)
    assert finding.message.startswith("YAML 语法错误：")
    assert finding.message_en.startswith("YAML syntax error: ")
    assert document.data is None


def test_syntax_error_column_counts_characters() -> None:
    # "名称: 中文中文 {k: v}": the parser stops at the ':' after k, the 12th character.
    finding = only(load("code: x\n名称: 中文中文 {k: v}\n"))
    assert where(finding) == ("yaml-syntax", 2, 12)


def test_key_that_is_not_a_string_is_a_syntax_finding() -> None:
    finding = only(load("? [a]\n: 1\n"))
    assert where(finding) == ("yaml-syntax", 1, 3)
    assert finding.message == "键必须是字符串"
    assert finding.message_en == "mapping keys must be strings"


# ---- limits -----------------------------------------------------------------------------------


def test_too_large_bytes() -> None:
    document = load(b"code: 220114001000\n", max_bytes=8)
    finding = only(document)
    assert finding.rule == "yaml-too-large"
    assert finding.message == "文件大小 19 字节，超过上限 8 字节"
    assert finding.message_en == "the file has 19 bytes, more than the limit of 8"
    assert document.data is None


def test_exactly_max_bytes_is_fine() -> None:
    assert load(b"a: 1\n", max_bytes=5).usable


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 10)
    document = load_file(path, "items/big.yaml", max_bytes=10)
    finding = only(document)
    assert finding.rule == "yaml-too-large"
    assert finding.file == "items/big.yaml"
    assert finding.message_en == "the file has 50 bytes, more than the limit of 10"


def test_default_limits() -> None:
    assert DEFAULT_MAX_BYTES == 4 * 1024 * 1024
    assert DEFAULT_MAX_DEPTH == 32


DEEP = 20_000


@pytest.mark.parametrize(
    ("raw", "column"),
    [
        pytest.param(b"[" * DEEP + b"]" * DEEP, 33, id="flow-sequences"),
        pytest.param(b"{a: " * DEEP + b"}" * DEEP, 129, id="flow-mappings"),
        pytest.param(b"- " * DEEP + b"x\n", 65, id="block-sequences"),
    ],
)
def test_twenty_thousand_deep_document_is_too_deep(raw: bytes, column: int) -> None:
    document = load(raw)  # must not raise RecursionError
    finding = only(document)
    assert where(finding) == ("yaml-too-deep", 1, column)
    assert finding.message == "嵌套层级超过上限 32"
    assert finding.message_en == "the document nests deeper than the limit of 32 levels"
    assert document.data is None


def test_deep_block_mappings_are_too_deep() -> None:
    text = "".join(" " * level + "a:\n" for level in range(200))
    finding = only(load(text))
    # The 33rd mapping starts on line 33 at column 33 (indented by 32 spaces).
    assert where(finding) == ("yaml-too-deep", 33, 33)


def test_depth_limit_boundary() -> None:
    assert load("[[[x]]]", max_depth=3).data == [[["x"]]]
    finding = only(load("[[[[x]]]]", max_depth=3))
    assert where(finding) == ("yaml-too-deep", 1, 4)
    assert finding.message_en == "the document nests deeper than the limit of 3 levels"


def _stack_depth() -> int:
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def test_builder_does_not_recurse() -> None:
    # With the recursion limit barely above the current stack, a recursive builder would fail
    # on a document 500 levels deep; the event-driven one must not.
    depth = 500
    raw = b"[" * depth + b"x" + b"]" * depth
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + 60)
    try:
        document = load(raw, max_depth=depth + 1)
    finally:
        sys.setrecursionlimit(old_limit)
    assert document.findings == ()
    node = document.data
    for _ in range(depth - 1):
        assert isinstance(node, list)
        assert len(node) == 1
        node = node[0]
    assert node == ["x"]


# ---- scalars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0114", "0114"),
        ("22", "22"),
        ("2026-11-02", "2026-11-02"),
        ("2026-11-02T10:00:00", "2026-11-02T10:00:00"),
        ("no", "no"),
        ("off", "off"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", "true"),
        ("False", "False"),
        ("1e3", "1e3"),
        ("3.14", "3.14"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("'null'", "null"),
        ('"null"', "null"),
        ('"~"', "~"),
        ("''", ""),
        ('"0114"', "0114"),
        ("第四十五条", "第四十五条"),
    ],
)
def test_every_scalar_is_a_string(written: str, expected: str) -> None:
    document = load(f"value: {written}\n")
    # A date is read as text too; only a warning says that YAML 1.1 tools read it otherwise.
    warned = ["yaml-unquoted-date"] if written.startswith("2026-") else []
    assert [finding.rule for finding in document.findings] == warned
    assert document.data == {"value": expected}
    assert type(document.data["value"]) is str


@pytest.mark.parametrize("written", ["null", "Null", "NULL", "~", ""])
def test_plain_null_is_none(written: str) -> None:
    document = load(f"value: {written}\nlist:\n  - {written}\n")
    assert document.findings == ()
    assert document.data == {"value": None, "list": [None]}


def test_block_scalars_are_strings() -> None:
    document = load("a: |\n  x\n  y\nb: >\n  p\n  q\n")
    assert document.data == {"a": "x\ny\n", "b": "p q\n"}


EMPTY_DOCUMENTS = [
    "",
    "# only a comment\n",
    "\n\n",
    "   \n  \n",
    "null\n",
    "~\n",
    "---\n",
    "--- ~\n",
]


@pytest.mark.parametrize("text", EMPTY_DOCUMENTS)
def test_an_empty_document_is_an_error(text: str) -> None:
    document = load(text)
    assert document.data is None
    assert not document.usable
    finding = only(document)
    assert finding.rule == "yaml-empty-document"
    assert finding.severity is Severity.ERROR
    assert finding.message == "文件为空（没有内容，或只有注释、“---”、null 或 ~）"
    assert finding.message_en == "the file is empty (nothing, or only comments, '---', null or ~)"


def test_a_null_after_comments_is_reported_where_it_stands() -> None:
    assert where(only(load("# 事项\n# 说明\nnull\n"))) == ("yaml-empty-document", 3, 1)


# ---- positions --------------------------------------------------------------------------------

NESTED = (
    'code: "220114001000"\n'
    "名称: 失业保险\n"
    "materials:\n"
    "  - id: M1\n"
    "    name: 居民身份证\n"
    "    legal_basis: [{law: social-insurance-law, articles: [第四十五条, 第五十条]}]\n"
)
LB = ("materials", 0, "legal_basis")


@pytest.mark.parametrize(
    ("loc", "line", "column"),
    [
        ((), 1, 1),
        (("code",), 1, 7),
        (("名称",), 2, 5),
        (("materials",), 4, 3),
        (("materials", 0), 4, 5),
        (("materials", 0, "id"), 4, 9),
        (("materials", 0, "name"), 5, 11),
        (LB, 6, 18),
        ((*LB, 0), 6, 19),
        ((*LB, 0, "law"), 6, 25),
        ((*LB, 0, "articles"), 6, 57),
        ((*LB, 0, "articles", 0), 6, 58),
        # 第四十五条 is five characters: the second article starts at 58 + 5 + 2.
        ((*LB, 0, "articles", 1), 6, 65),
    ],
)
def test_value_positions_are_one_based_in_characters(
    loc: tuple[str | int, ...], line: int, column: int
) -> None:
    document = load(NESTED)
    assert document.findings == ()
    assert document.position(loc) == Position(line, column)
    assert document.positions[loc] == Position(line, column)


@pytest.mark.parametrize(
    ("loc", "line", "column"),
    [
        (("code",), 1, 1),
        (("名称",), 2, 1),
        (("materials",), 3, 1),
        (("materials", 0, "id"), 4, 5),
        (("materials", 0, "name"), 5, 5),
        (LB, 6, 5),
        ((*LB, 0, "law"), 6, 20),
        ((*LB, 0, "articles"), 6, 47),
    ],
)
def test_key_positions(loc: tuple[str | int, ...], line: int, column: int) -> None:
    document = load(NESTED)
    assert document.key_position(loc) == Position(line, column)


def test_key_position_falls_back_to_the_value_for_list_items() -> None:
    document = load(NESTED)
    assert document.key_position((*LB, 0, "articles", 1)) == Position(6, 65)
    assert document.key_position(("materials", 0)) == Position(4, 5)


def test_position_of_a_missing_location_falls_back_to_the_nearest_ancestor() -> None:
    document = load(NESTED)
    assert document.position(("materials", 0, "copies")) == Position(4, 5)
    assert document.position(("materials", 7, "id")) == Position(4, 3)
    assert document.position(("nothing", "here")) == Position(1, 1)


def test_container_position_is_the_key_of_the_mapping() -> None:
    document = load("code: x\ntime_limit:\n  legal: null\n")
    assert document.container_position(("time_limit",)) == Position(2, 1)
    assert document.container_position(()) == Position(1, 1)


def test_root_position_after_leading_comments() -> None:
    document = load("# comment\n\ncode: x\n")
    assert document.position(()) == Position(3, 1)
    assert document.container_position(()) == Position(3, 1)
    assert document.position(("code",)) == Position(3, 7)


def test_crlf_line_endings() -> None:
    document = load(b"code: a\r\nname: b\r\n")
    assert document.data == {"code": "a", "name": "b"}
    assert document.position(("name",)) == Position(2, 7)


def test_usable() -> None:
    assert load("code: x\n").usable
    assert not load("code: x\ncode: y\n").usable
    assert not load("").usable


# ---- load_file --------------------------------------------------------------------------------


def test_load_file_uses_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("code: a\ncode: b\n", encoding="utf-8")
    document = load_file(path, "items/x.yaml")
    assert document.file == "items/x.yaml"
    assert only(document).file == "items/x.yaml"
    assert load_file(path).file == str(path)


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    document = load_file(tmp_path / "missing.yaml", "items/x.yaml")
    finding = only(document)
    assert finding.rule == "yaml-unreadable"
    assert finding.file == "items/x.yaml"
    assert finding.message == "无法读取文件：No such file or directory"
    assert finding.message_en == "cannot read the file: No such file or directory"
    assert document.data is None


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    finding = only(load_file(folder, "items/x.yaml"))
    assert finding.rule == "file-not-regular"
    assert finding.message == "不是普通文件，而是文件夹；只读取普通文件"
    assert finding.message_en == "not a regular file but a folder; only regular files are read"


def test_a_fifo_is_not_opened_for_a_blocking_read(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    finding = only(load_file(fifo, "items/x.yaml"))
    assert finding.rule == "file-not-regular"
    assert finding.message_en == (
        "not a regular file but a named pipe (FIFO); only regular files are read"
    )


def test_a_device_is_not_read(tmp_path: Path) -> None:
    finding = only(load_file(Path("/dev/zero"), "items/x.yaml"))
    assert finding.rule == "file-not-regular"
    assert "character device" in finding.message_en


def test_the_sample_item_loads_cleanly() -> None:
    document = load_file(SAMPLE_ITEM)
    assert document.findings == ()
    assert document.data["code"] == "220114043000"


# ---- never an exception (property tests) ------------------------------------------------------

SPECIAL = [
    b":",
    b": ",
    b"-",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"!",
    b"!!int ",
    b"<<: ",
    b"|",
    b">",
    b"#",
    b"'",
    b'"',
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"? ",
    b"\\",
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\x7f",
    b"\xff",
    b"\xfe",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "\u2028".encode(),
    "\x85".encode(),
    "\ufeff".encode(),
    "：".encode(),
    "３".encode(),
    b"null",
    b"~",
    b"0114",
    b"2026-02-30",
    b"  ",
    b"    ",
]


def _mutate(data: st.DataObject, base: bytes) -> bytes:
    raw = bytearray(base)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        kind = data.draw(st.sampled_from(["flip", "truncate", "insert", "delete"]), label="kind")
        if kind == "flip" and raw:
            index = data.draw(st.integers(0, len(raw) - 1), label="index")
            raw[index] = data.draw(st.integers(0, 255), label="byte")
        elif kind == "truncate":
            raw = raw[: data.draw(st.integers(0, len(raw)), label="length")]
        elif kind == "insert":
            index = data.draw(st.integers(0, len(raw)), label="index")
            raw[index:index] = data.draw(st.sampled_from(SPECIAL), label="special")
        elif raw:
            start = data.draw(st.integers(0, len(raw) - 1), label="start")
            raw[start : start + data.draw(st.integers(1, 20), label="span")] = b""
    return bytes(raw)


def _check_document(document: object) -> None:
    assert isinstance(document, LoadedDocument)
    for finding in document.findings:
        assert isinstance(finding, Finding)
        assert finding.line is None or finding.line >= 1
        assert finding.column is None or finding.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    _check_document(load_bytes(raw, FILE))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_item_never_raises(data: st.DataObject) -> None:
    raw = _mutate(data, SAMPLE_ITEM.read_bytes())
    _check_document(load_bytes(raw, FILE))


@pytest.fixture(scope="module")
def small_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled catalog with a few items (all of them would make examples slow)."""
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    (root / "items").mkdir(parents=True)
    shutil.copy(CATALOG / "catalog.yaml", root)
    shutil.copy(CATALOG / "laws.yaml", root)
    if (CATALOG / "calendar").is_dir():
        shutil.copytree(CATALOG / "calendar", root / "calendar")
    others = [p for p in sorted((CATALOG / "items").glob("*.yaml")) if p != SAMPLE_ITEM][:3]
    for path in [SAMPLE_ITEM, *others]:
        shutil.copy(path, root / "items")
    return root


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_catalog_with_a_mutated_item_is_a_report(small_catalog: Path, data: st.DataObject) -> None:
    raw = _mutate(data, SAMPLE_ITEM.read_bytes())
    (small_catalog / "items" / SAMPLE_ITEM.name).write_bytes(raw)
    catalog = load_catalog(small_catalog, today=date(2026, 11, 27))
    assert isinstance(catalog.report, Report)
    assert catalog.report.items >= 3
    if catalog.report.ok:  # a mutant accepted as valid lost nothing: the item is there, whole
        assert SAMPLE_ITEM.stem in catalog


def _every_case_file() -> list[Path]:
    root = Path(__file__).resolve().parent / "cases"
    return sorted(p for p in root.rglob("*.y*ml") if p.is_file())


@pytest.mark.parametrize("path", _every_case_file(), ids=lambda p: str(p.relative_to(p.parents[3])))
def test_deferred_positions_are_exactly_the_recorded_ones(path: Path) -> None:
    """The fast path (positions indexed on demand from the marks kept while parsing) answers
    every position question as the eager path does, for every case file, the bad inputs
    included; and where PyYAML's own composer reads the file, as its nodes' marks say."""
    raw = path.read_bytes()
    eager = load_bytes(raw, "f.yaml")
    deferred = load_bytes(raw, "f.yaml", positions=False)
    assert deferred.data == eager.data
    assert deferred.findings == eager.findings
    assert dict(deferred.positions) == dict(eager.positions)
    assert dict(deferred.key_positions) == dict(eager.key_positions)
    _assert_same_answers(load_bytes(raw, "f.yaml", positions=False), eager)
    composed = _composed_positions(raw) if eager.usable else None
    if composed is not None:
        assert (dict(deferred.positions), dict(deferred.key_positions)) == composed


def _assert_same_answers(lazy: LoadedDocument, eager: LoadedDocument) -> None:
    """A document never asked for its mappings of positions answers each question (for every
    value, and below it for a key or an index it lacks) from its marks as the eager one does."""
    asked = [
        asked
        for loc in eager.positions
        for asked in (loc, (*loc, "no-such-key"), (*loc, 10**6), (*loc, 0, "deeper"))
    ]
    for loc in asked:
        assert lazy.position(loc) == eager.position(loc), loc
        assert lazy.key_position(loc) == eager.key_position(loc), loc
        assert lazy.container_position(loc) == eager.container_position(loc), loc


def _composed_positions(
    raw: bytes,
) -> tuple[dict[tuple[str | int, ...], Position], dict[tuple[str | int, ...], Position]] | None:
    """Where PyYAML's pure-Python composer puts each value and key of ``raw``; None for a
    document it refuses or composes differently (several documents, a key that is no string)."""
    try:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    positions: dict[tuple[str | int, ...], Position] = {}
    key_positions: dict[tuple[str | int, ...], Position] = {}

    def mark(node: yaml.Node) -> Position:
        return Position(node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(node: yaml.Node, loc: tuple[str | int, ...]) -> bool:
        positions[loc] = mark(node)
        if isinstance(node, yaml.SequenceNode):
            return all(walk(child, (*loc, index)) for index, child in enumerate(node.value))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return False
                key_positions[(*loc, key.value)] = mark(key)
                if not walk(value, (*loc, key.value)):
                    return False
        return True

    if root is None or not walk(root, ()):
        return None
    return positions, key_positions


EMPTY_FORMS = [
    b"",
    b"\n",
    b"   \n\n",
    b"# comment\n",
    b"null\n",
    b"~\n",
    b"---\n",
    b"--- ~\n",
    b"---\n...\n",
]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(EMPTY_FORMS),
    st.lists(st.sampled_from([b"# \xe5\xa4\x87\xe6\xb3\xa8\n", b"\n", b"  # x\n"]), max_size=3),
    st.booleans(),
)
def test_a_whole_file_made_empty_is_always_an_error(
    body: bytes, comments: list[bytes], bom: bool
) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + b"".join(comments) + body
    document = load_bytes(raw, FILE)
    assert document.data is None
    assert [f.rule for f in document.findings] == ["yaml-empty-document"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(EMPTY_FORMS), st.sampled_from(["items", "catalog.yaml", "laws.yaml"]))
def test_a_catalog_file_made_empty_is_never_a_clean_catalog(
    small_catalog: Path, body: bytes, which: str
) -> None:
    target = (
        small_catalog / "items" / SAMPLE_ITEM.name if which == "items" else small_catalog / which
    )
    original = target.read_bytes()
    try:
        target.write_bytes(body)
        catalog = load_catalog(small_catalog, today=date(2026, 11, 27))
        assert not catalog.report.ok
        assert any(
            f.rule == "yaml-empty-document" and f.file == str(target) for f in catalog.report
        )
    finally:
        target.write_bytes(original)


# ---- dates written without quotes --------------------------------------------------------------


def test_an_unquoted_date_is_a_warning_at_its_value() -> None:
    text = b'revision: {version: 1, changed_on: 2026-12-01, published_on: "2026-12-02"}\n'
    [finding] = load_bytes(text, "implementations/220100.yaml").findings
    assert (finding.rule, finding.severity, finding.line, finding.column) == (
        "yaml-unquoted-date",
        Severity.WARNING,
        1,
        36,
    )
    assert finding.message == (
        "日期 2026-12-01 未加引号，YAML 1.1 工具（如 js-yaml、PyYAML）会把它读成时间戳而不是文本，"
        '按 JSON Schema 校验也不通过；请写成 "2026-12-01"'
    )
    assert finding.message_en == (
        "the date 2026-12-01 is not quoted: YAML 1.1 tools (js-yaml, PyYAML) read it as a "
        'timestamp, not as text, and the JSON Schema refuses it; write "2026-12-01"'
    )


@pytest.mark.parametrize(
    "written", ["2026-1-5 8:30:00", "2026-12-01 08:30:00", "2026-12-01t08:30:00Z", "2026-12-01"]
)
def test_every_yaml_1_1_timestamp_is_flagged_in_lists_and_keys(written: str) -> None:
    text = f"dates:\n  - {written}\n{written}: x\n".encode()
    findings = load_bytes(text, "catalog.yaml").findings
    assert [(f.rule, f.line) for f in findings] == [
        ("yaml-unquoted-date", 2),
        ("yaml-unquoted-date", 3),
    ]


@pytest.mark.parametrize(
    "written", ['"2026-12-01"', "'2026-12-01'", "2026-12", "20261201", "2026-12-01x"]
)
def test_quoted_dates_and_other_values_are_not_flagged(written: str) -> None:
    findings = load_bytes(f"day: {written}\n".encode(), "catalog.yaml").findings
    assert "yaml-unquoted-date" not in [f.rule for f in findings]


def test_bundled_files_hold_no_date_a_yaml_1_1_reader_reads_otherwise() -> None:
    """PyYAML's safe_load (YAML 1.1, as js-yaml) finds no timestamp in the bundled catalog."""
    root = Path(__file__).resolve().parents[1] / "catalog"
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 150
    for path in files:
        assert not _timestamps(yaml.safe_load(path.read_bytes())), path


def _timestamps(value: object) -> list[object]:
    if isinstance(value, dict):
        return [*_timestamps(list(value)), *_timestamps(list(value.values()))]
    if isinstance(value, list):
        return [found for element in value for found in _timestamps(element)]
    return [value] if isinstance(value, date) else []


# ---- codes written without quotes --------------------------------------------------------------


def test_an_unquoted_code_is_a_warning_at_its_value() -> None:
    document = load_bytes(b'name: x\ndepartment: 0114\nprovince: "22"\n', "catalog.yaml")
    [finding] = document.findings
    assert (finding.rule, finding.severity, finding.line, finding.column) == (
        "yaml-unquoted-code",
        Severity.WARNING,
        2,
        13,
    )
    assert finding.message == (
        "department: 0114 未加引号，其他 YAML 工具会把它读成数字（丢掉前导零），"
        '按 JSON Schema 校验也不通过；请写成 department: "0114"'
    )
    assert finding.message_en == (
        "department: 0114 is not quoted: other YAML tools read it as a number (dropping its "
        'leading zeros) and the JSON Schema refuses it; write department: "0114"'
    )
    assert document.usable
    assert document.data["department"] == "0114"


@pytest.mark.parametrize("positions", [True, False])
def test_unquoted_codes_are_found_without_recording_positions(positions: bool) -> None:
    text = b"region: 220100\nimplementations:\n  - {item: 220114043000, phone: 12333}\n"
    document = load_bytes(text, "implementations/220100.yaml", positions=positions)
    assert [(f.line, f.column) for f in document.findings] == [(1, 9), (3, 12), (3, 33)]


@pytest.mark.parametrize(
    "text",
    [
        'code: "220114043000"',
        "code: '220114043000'",
        "code: |\n  220114043000",
        "phone: 0431-88888888",  # text in YAML 1.1 and 1.2 alike
        "copies: 1",  # not a code
        "codes: [220114043000]",  # not a key of a code
        "220114043000: code",  # a key, not a value
        "code: ２２０１１４０４３０００",  # full-width digits are text (code-format names them)
    ],
)
def test_what_is_not_an_unquoted_code(text: str) -> None:
    assert load_bytes(text.encode("utf-8"), "x.yaml").findings == ()
