"""YAML safety: what the strict loader refuses (DESIGN §6). The loader emits these findings."""

from __future__ import annotations

from ..findings import Severity
from ._base import Rule, emitted_rule


@emitted_rule("yaml-syntax", Severity.ERROR, "YAML 语法错误", "the file is not valid YAML")
def yaml_syntax() -> None:
    """The file is not valid YAML, or a mapping key is not a plain string.

    The finding points at the character where the parser gave up. Common causes: a tab used for
    indentation, a full-width colon ``：`` where ``:`` was meant, an unclosed quote or bracket.
    """


@emitted_rule("yaml-encoding", Severity.ERROR, "文件不是 UTF-8 编码", "the file is not UTF-8")
def yaml_encoding() -> None:
    """Catalog files are UTF-8 (a leading byte-order mark is accepted).

    A file saved as GBK by a Chinese Windows editor is recognised and named as such; UTF-16 too.
    Re-save the file as UTF-8. Guessing an encoding would silently corrupt names and citations.
    """


@emitted_rule("yaml-duplicate-key", Severity.ERROR, "键重复", "a key appears twice")
def yaml_duplicate_key() -> None:
    """A mapping repeats a key.

    PyYAML silently keeps the last value, so the first one would be lost without a trace. The
    finding points at the second occurrence and names the line of the first.
    """


@emitted_rule(
    "yaml-alias", Severity.ERROR, "不允许使用锚点、别名和合并键", "anchors, aliases and merge keys"
)
def yaml_alias() -> None:
    """Anchors (``&a``), aliases (``*a``) and merge keys (``<<``) are refused.

    A catalog needs none of them: every item is written out in full so it can be read and
    reviewed on its own. Aliases also make "billion laughs" documents possible.
    """


@emitted_rule("yaml-tag", Severity.ERROR, "不允许使用标签", "tags are not allowed")
def yaml_tag() -> None:
    """Explicit tags (``!!int``, ``!python/object``, ``!custom``) are refused.

    Types come from the item schema, not from the file: a tag could only contradict it.
    """


@emitted_rule("yaml-too-large", Severity.ERROR, "文件过大", "the file is too large")
def yaml_too_large() -> None:
    """The file is larger than the loader's limit (4 MiB by default).

    No real item comes near it; a file this large is a mistake or an attack, and is not parsed.
    """


@emitted_rule("yaml-too-deep", Severity.ERROR, "嵌套层级过深", "the document nests too deeply")
def yaml_too_deep() -> None:
    """The document nests deeper than the loader's limit (32 levels by default).

    An item nests five levels at most. Deeper documents are refused before they can exhaust
    memory or the stack.
    """


@emitted_rule(
    "yaml-multiple-documents", Severity.ERROR, "文件包含多个文档", "more than one YAML document"
)
def yaml_multiple_documents() -> None:
    """A file holds more than one YAML document (a second ``---``).

    One file is one item; a second document is most likely a pasted item that would otherwise
    be ignored.
    """


@emitted_rule("yaml-unreadable", Severity.ERROR, "无法读取文件", "the file cannot be read")
def yaml_unreadable() -> None:
    """The file exists but cannot be read (permissions, a broken link)."""


@emitted_rule("yaml-empty-document", Severity.ERROR, "文件为空", "the file is empty")
def yaml_empty_document() -> None:
    """A catalog file holds nothing: no bytes, only whitespace or comments, only ``---``, or
    only ``null`` / ``~``.

    An item file emptied by a bad merge or an editor crash would otherwise make its item vanish
    from the catalog, the diff and the published site without a word. Every kind of catalog file
    (items, ``catalog.yaml``, ``laws.yaml``, ``regions.yaml``, implementation lists, calendar
    overrides, ``.servicecatalog.yaml``) must hold its content; delete a file rather than empty it.
    """


@emitted_rule("file-not-regular", Severity.ERROR, "不是普通文件", "not a regular file")
def file_not_regular() -> None:
    """A catalog file name is a folder, a named pipe (FIFO), a device or a socket.

    Only regular files are read: reading a FIFO would wait forever for a writer, and a device
    such as ``/dev/zero`` never ends. Replace it with a regular file.
    """


@emitted_rule(
    "file-outside-catalog", Severity.ERROR, "链接指向目录之外", "a link leads outside the catalog"
)
def file_outside_catalog() -> None:
    """A symbolic link in the catalog leads to a file outside the catalog folder.

    Such a file is not read: the catalog is what its folder (or its git revision) holds, and a
    link to ``/etc/passwd`` must not put that file's content into findings or a published site.
    Links within the catalog folder are followed.
    """


RULES: tuple[Rule, ...] = (
    yaml_syntax,
    yaml_encoding,
    yaml_duplicate_key,
    yaml_alias,
    yaml_tag,
    yaml_too_large,
    yaml_too_deep,
    yaml_multiple_documents,
    yaml_unreadable,
    yaml_empty_document,
    file_not_regular,
    file_outside_catalog,
)
