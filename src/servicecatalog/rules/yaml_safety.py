"""YAML safety: what the strict loader refuses (docs/format.md#how-every-file-is-read).

The loader and the file reader detect these rules, below the rules layer: this module defines
them and imports only the base layer, so that they can import it without loading any other
family (docs/architecture.md#adding-a-rule).
"""

from __future__ import annotations

from types import MappingProxyType

from .._files import Unread
from .._rule import Rule, emitted_rule
from ..findings import Severity

YAML_SYNTAX = emitted_rule(
    __name__,
    "yaml-syntax",
    Severity.ERROR,
    "YAML 语法错误",
    "the file is not valid YAML",
    """The file is not valid YAML, or a mapping key is not a plain string.

    The finding points at the character where the parser gave up. Common causes: a tab used for
    indentation, a full-width colon ``：`` where ``:`` was meant, an unclosed quote or bracket.

    中文
    ----
    文件不是有效的 YAML，或者映射的键不是普通字符串。

    问题定位在解析器无法继续的字符处。常见原因：用制表符（Tab）缩进；把半角冒号 ``:`` 写成了全角冒号
    ``：``；引号或括号没有闭合。
    """,
)


YAML_ENCODING = emitted_rule(
    __name__,
    "yaml-encoding",
    Severity.ERROR,
    "文件不是 UTF-8 编码",
    "the file is not UTF-8",
    """Catalog files are UTF-8 (a leading byte-order mark is accepted).

    A file saved as GBK by a Chinese Windows editor is recognised and named as such; UTF-16 too.
    Re-save the file as UTF-8. Guessing an encoding would silently corrupt names and citations.

    中文
    ----
    目录文件一律使用 UTF-8 编码（允许文件开头带字节顺序标记 BOM）。

    中文 Windows 编辑器保存的 GBK 文件会被识别并指明；UTF-16、UTF-32 也一样。请把文件另存为 UTF-8。
    猜测编码会悄悄弄坏事项名称和法规引用，所以本工具从不猜测。
    """,
)


YAML_DUPLICATE_KEY = emitted_rule(
    __name__,
    "yaml-duplicate-key",
    Severity.ERROR,
    "键重复",
    "a key appears twice",
    """A mapping repeats a key.

    PyYAML silently keeps the last value, so the first one would be lost without a trace. The
    finding points at the second occurrence and names the line of the first.

    中文
    ----
    同一个映射里出现了重复的键。

    PyYAML 会悄悄保留最后一个值，前一个值就无声无息地丢了。问题定位在第二次出现的键上，并指出第一次
    出现在哪一行。
    """,
)


YAML_ALIAS = emitted_rule(
    __name__,
    "yaml-alias",
    Severity.ERROR,
    "不允许使用锚点、别名和合并键",
    "anchors, aliases and merge keys",
    """Anchors (``&a``), aliases (``*a``) and merge keys (``<<``) are refused.

    A catalog needs none of them: every item is written out in full so it can be read and
    reviewed on its own. Aliases also make "billion laughs" documents possible.

    中文
    ----
    不允许使用锚点（``&a``）、别名（``*a``）和合并键（``<<``）。

    目录用不到它们：每个事项都完整写出，便于单独阅读和审核。别名还可能被用来构造“十亿笑声”式的膨胀文
    档。
    """,
)


YAML_TAG = emitted_rule(
    __name__,
    "yaml-tag",
    Severity.ERROR,
    "不允许使用标签",
    "tags are not allowed",
    """Explicit tags (``!!int``, ``!python/object``, ``!custom``) are refused.

    Types come from the item schema, not from the file: a tag could only contradict it.

    中文
    ----
    不允许使用显式标签（``!!int``、``!python/object``、``!custom`` 等）。

    字段的类型由事项格式规定，而不是由文件指定：标签只会与格式相冲突。
    """,
)


YAML_TOO_LARGE = emitted_rule(
    __name__,
    "yaml-too-large",
    Severity.ERROR,
    "文件过大",
    "the file is too large",
    """The file is larger than the loader's limit (4 MiB by default).

    No real item comes near it; a file this large is a mistake or an attack, and is not parsed.

    中文
    ----
    文件超过了读取上限（默认 4 MiB）。

    真实的事项文件远小于这个上限；这么大的文件不是失误就是攻击，不予解析。
    """,
)


YAML_TOO_DEEP = emitted_rule(
    __name__,
    "yaml-too-deep",
    Severity.ERROR,
    "嵌套层级过深",
    "the document nests too deeply",
    """The document nests deeper than the loader's limit (32 levels by default).

    An item nests five levels at most. Deeper documents are refused before they can exhaust
    memory or the stack.

    中文
    ----
    文档的嵌套层级超过了上限（默认 32 层）。

    一个事项最多嵌套五层。更深的文档在耗尽内存或调用栈之前就被拒绝。
    """,
)


YAML_MULTIPLE_DOCUMENTS = emitted_rule(
    __name__,
    "yaml-multiple-documents",
    Severity.ERROR,
    "文件包含多个文档",
    "more than one YAML document",
    """A file holds more than one YAML document (a second ``---``).

    One file is one item; a second document is most likely a pasted item that would otherwise
    be ignored.

    中文
    ----
    一个文件里有多个 YAML 文档（出现了第二个 ``---``）。

    一个文件就是一个事项；第二个文档多半是误粘贴进来的另一个事项，否则它会被悄悄忽略。
    """,
)


YAML_UNREADABLE = emitted_rule(
    __name__,
    "yaml-unreadable",
    Severity.ERROR,
    "无法读取文件",
    "the file cannot be read",
    """The file exists but cannot be read (permissions, a broken link).

    中文
    ----
    文件存在但无法读取（权限不足、符号链接失效等）。
    """,
)


YAML_EMPTY_DOCUMENT = emitted_rule(
    __name__,
    "yaml-empty-document",
    Severity.ERROR,
    "文件为空",
    "the file is empty",
    """A catalog file holds nothing: no bytes, only whitespace or comments, only ``---``, or
    only ``null`` / ``~``.

    An item file emptied by a bad merge or an editor crash would otherwise make its item vanish
    from the catalog, the diff and the published site without a word. Every kind of catalog file
    (items, ``catalog.yaml``, ``laws.yaml``, ``regions.yaml``, implementation lists, calendar
    overrides, ``.servicecatalog.yaml``) must hold its content; delete a file rather than empty it.

    中文
    ----
    目录文件没有内容：没有任何字节，只有空白或注释，只有 ``---``，或只有 ``null`` / ``~``。

    合并出错或编辑器崩溃清空了事项文件时，如果不报告，这个事项就会从目录、变更比较和发布的网站上无声
    消失。每一种目录文件（事项、``catalog.yaml``、``laws.yaml``、``regions.yaml``、实施清单、工作日
    历覆盖文件、``.servicecatalog.yaml``）都必须有内容；不要的文件请删除，而不是清空。
    """,
)


FILE_NOT_REGULAR = emitted_rule(
    __name__,
    "file-not-regular",
    Severity.ERROR,
    "不是普通文件",
    "not a regular file",
    """A catalog file name is a folder, a named pipe (FIFO), a device or a socket.

    Only regular files are read: reading a FIFO would wait forever for a writer, and a device
    such as ``/dev/zero`` never ends. Replace it with a regular file.

    中文
    ----
    目录中某个文件名实际上是文件夹、命名管道（FIFO）、设备或套接字。

    只读取普通文件：读取 FIFO 会一直等待写入方，``/dev/zero`` 这样的设备永远读不完。请换成普通文件。
    """,
)


FILE_OUTSIDE_CATALOG = emitted_rule(
    __name__,
    "file-outside-catalog",
    Severity.ERROR,
    "链接指向目录之外",
    "a link leads outside the catalog",
    """A symbolic link in the catalog leads to a file outside the catalog folder.

    Such a file is not read: the catalog is what its folder (or its git revision) holds, and a
    link to ``/etc/passwd`` must not put that file's content into findings or a published site.
    Links within the catalog folder are followed.

    中文
    ----
    目录中的符号链接指向目录文件夹之外的文件。

    这样的文件不予读取：目录就是它的文件夹（或 git 版本）里的内容，指向 ``/etc/passwd`` 的链接不能把
    该文件的内容带进问题报告或发布的网站。指向目录文件夹之内的链接照常读取。
    """,
)


FILE_NOT_READ = emitted_rule(
    __name__,
    "file-not-read",
    Severity.ERROR,
    "目录文件未被读取",
    "a catalog file is not read",
    """A YAML file where the catalog keeps its files is not read, or a folder of catalog files
    is none.

    Item files lie directly in ``items/``, implementation lists directly in
    ``implementations/``, calendar overrides directly in ``calendar/``: a file in a subfolder
    (``items/2027/220114043000.yaml``) is not loaded, counted or published, so it is reported
    rather than passed over. ``items`` or ``implementations`` that is a file, or a git submodule
    in a ``git:`` revision (which holds only the submodule's commit, not its files), holds
    nothing that could be read. Move the file up into its folder; commit the lists into the catalog's
    own repository.

    中文
    ----
    目录存放文件的位置上有未被读取的 YAML 文件，或应为文件夹的位置不是文件夹。

    事项文件应直接放在 ``items/`` 下，实施清单直接放在 ``implementations/`` 下，工作日历覆盖文件直接
    放在 ``calendar/`` 下：放在子文件夹里的文件（``items/2027/220114043000.yaml``）不会被读取、统计或
    发布，所以予以报告，而不是悄悄略过。``items`` 或 ``implementations`` 若是一个文件，或在 ``git:``
    版本中是 git 子模块（版本中只记录子模块的提交，没有其中的文件），其中就没有可读取的内容。请把文件移到所属文件夹，
    把实施清单提交到目录自己的仓库中。
    """,
)


FILE_UNKNOWN = emitted_rule(
    __name__,
    "file-unknown",
    Severity.WARNING,
    "目录中有未知的 YAML 文件",
    "a YAML file the catalog does not know",
    """A YAML file in the catalog folder that no part of the catalog reads (``notes.yaml``,
    ``catalog.yml``, ``items.yaml``).

    The catalog reads ``catalog.yaml``, ``laws.yaml``, ``regions.yaml``, ``synonyms.yaml``,
    ``referrals.yaml`` and ``.servicecatalog.yaml``, and the YAML files directly in ``items/``,
    ``implementations/`` and ``calendar/``; hidden files and folders (``.github/``) are not the
    catalog's. Another YAML file is most likely misnamed or misplaced, and whatever it says
    takes no effect: rename it, move it out of the catalog folder, or give notes another
    extension (``.md``).

    中文
    ----
    目录文件夹中有一个不属于目录任何部分的 YAML 文件（``notes.yaml``、``catalog.yml``、``items.yaml``
    等）。

    目录只读取 ``catalog.yaml``、``laws.yaml``、``regions.yaml``、``synonyms.yaml``、``referrals.yaml``
    和 ``.servicecatalog.yaml``，以及直接放在 ``items/``、``implementations/``、``calendar/`` 中的 YAML
    文件；隐藏的文件和文件夹（``.github/``）不属于目录。其他 YAML 文件多半是文件名或位置有误，其内容不会
    生效：请改名、移出目录文件夹，或把备注改用其他扩展名（``.md``）。
    """,
)


UNREAD_RULES = MappingProxyType(
    {
        Unread.NOT_REGULAR: FILE_NOT_REGULAR,
        Unread.TOO_LARGE: YAML_TOO_LARGE,
        Unread.OUTSIDE: FILE_OUTSIDE_CATALOG,
        Unread.UNREADABLE: YAML_UNREADABLE,
    }
)
"""The rule each reason a file was not read (``_files.Unread``) breaks."""


RULES: tuple[Rule, ...] = (
    YAML_SYNTAX,
    YAML_ENCODING,
    YAML_DUPLICATE_KEY,
    YAML_ALIAS,
    YAML_TAG,
    YAML_TOO_LARGE,
    YAML_TOO_DEEP,
    YAML_MULTIPLE_DOCUMENTS,
    YAML_UNREADABLE,
    YAML_EMPTY_DOCUMENT,
    FILE_NOT_REGULAR,
    FILE_OUTSIDE_CATALOG,
    FILE_NOT_READ,
    FILE_UNKNOWN,
)
