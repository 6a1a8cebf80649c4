"""Telling a catalog file's encoding: UTF-8 (a leading BOM accepted), or a finding that names the
encoding it is in — UTF-16, UTF-32 or GBK, the default of Chinese Windows editors
(docs/format.md#how-every-file-is-read)."""

from __future__ import annotations

from ._yaml_events import START, Position, located
from .findings import Finding
from .rules.yaml_safety import YAML_ENCODING

__all__ = ["decode"]

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
# Without a mark, a file in a wide encoding is told by decoding it; UTF-32 first, since UTF-32
# text also decodes as UTF-16 (with NUL characters in it).
_WIDE = (
    ("utf-32-le", "UTF-32"),
    ("utf-32-be", "UTF-32"),
    ("utf-16-le", "UTF-16"),
    ("utf-16-be", "UTF-16"),
)


def decode(raw: bytes, file: str) -> str | Finding:
    """The text of ``raw``, the bytes of the file named ``file``, or why it is not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    encoding = _wide_encoding(raw)
    if encoding is not None:
        return located(
            YAML_ENCODING,
            file,
            START,
            f"文件是 {encoding} 编码；请另存为 UTF-8",
            f"the file is {encoding} encoded; save it as UTF-8",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        position = _byte_position(raw, error.start)
        if _looks_like_gbk(raw):
            return located(
                YAML_ENCODING,
                file,
                position,
                "文件不是 UTF-8 编码，看起来是 GBK（Windows 中文编辑器的默认编码）；请另存为 UTF-8",
                "the file is not UTF-8; it looks like GBK (the default of Chinese Windows "
                "editors): save it as UTF-8",
            )
        return located(
            YAML_ENCODING,
            file,
            position,
            f"文件不是 UTF-8 编码：第 {error.start + 1} 字节 0x{raw[error.start]:02x} 无法解码",
            f"the file is not UTF-8: byte {error.start + 1} (0x{raw[error.start]:02x}) "
            "cannot be decoded",
        )


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when ``raw`` is in one of them, with or without a byte-order mark.

    Without a mark, the pattern of NUL bytes in the first four tells (a YAML file starts with an
    ASCII character), as YAML's own encoding detection does; failing that, a file that is not
    UTF-8, holds NUL bytes and decodes cleanly as one of them to text.
    """
    for mark, name in _BOMS:
        if raw.startswith(mark):
            return name
    head = raw[:4]
    if len(head) == 4 and (head[:3] == b"\0\0\0" or head[1:] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16"
    if 0 not in raw or _is_utf8(raw):
        return None
    for codec, name in _WIDE:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return name
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_text(text: str) -> bool:
    printable = sum(char.isprintable() or char in "\t\r\n" for char in text)
    return "\x00" not in text and printable >= 0.95 * len(text)


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(before.count(b"\n") + 1, column)
