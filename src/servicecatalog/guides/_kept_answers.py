"""Answers kept between runs: what a slow library said of a text, asked again, is not asked again.

The search index's pinyin comes from ``pypinyin``, whose dictionaries take some 0.2 s to load,
more than the rest of the index; the names it is asked about rarely change. Within
:func:`~servicecatalog.parse_cache` (see :mod:`servicecatalog.cache`), :func:`kept_answers`
keeps the answers of one kind in ``<folder>/answers/<kind>.json``, sealed (see :mod:`._sealed`):
a JSON object of the salt (what made the answers: the library's version and the code that asks)
and the answers. A file that is missing, damaged or of another salt is taken as empty. It is
written again, atomically, only when there are new
answers, and then keeps the answers this run used and as many others at most (another catalog's,
sharing the folder).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..cache import cache_folder
from ._sealed import read_sealed, write_sealed

__all__ = ["KeptAnswers", "kept_answers"]

_FOLDER = "answers"
_LARGEST = 1 << 26
"""The pinyin of 8,000 names is some 1 MiB: a larger file is not one of ours."""


class KeptAnswers:
    """The answers of one kind kept in ``file`` (None: none kept), and those given this run."""

    def __init__(self, file: Path | None, salt: str) -> None:
        self.file = file
        self._salt = salt
        self._kept = _read(file, salt) if file is not None else {}
        self._used: dict[str, str] = {}
        self._new = False

    def get(self, question: str) -> str | None:
        """The answer kept for ``question``, or None."""
        answer = self._used.get(question)
        if answer is None:
            answer = self._kept.pop(question, None)
            if answer is not None:
                self._used[question] = answer
        return answer

    def put(self, question: str, answer: str) -> str:
        """Keep ``answer`` to ``question``; return it."""
        self._used[question] = answer
        self._new = True
        return answer

    def close(self) -> None:
        """Write the file again if there are new answers: those used, and as many others."""
        if self.file is None or not self._new:
            return
        spare = dict(list(self._kept.items())[: len(self._used)])
        body = json.dumps(
            {"salt": self._salt, "answers": {**spare, **self._used}},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        write_sealed(self.file, body)


@contextmanager
def kept_answers(kind: str, salt: str | None) -> Iterator[KeptAnswers]:
    """The answers of ``kind`` kept in the cache folder in effect (none outside a
    :func:`~servicecatalog.parse_cache` block, or without a ``salt``), written back on leaving
    the block unless it raised."""
    folder = cache_folder()
    file = folder / _FOLDER / f"{kind}.json" if folder is not None and salt is not None else None
    answers = KeptAnswers(file, salt or "")
    yield answers
    answers.close()


def _read(file: Path, salt: str) -> dict[str, str]:
    body = read_sealed(file, _LARGEST)
    if body is None:
        return {}
    try:
        answers_file = json.loads(body)
    except (ValueError, RecursionError):  # a file made to look whole, nested past any bound
        return {}
    if not isinstance(answers_file, dict) or answers_file.get("salt") != salt:
        return {}
    answers = answers_file.get("answers")
    if not isinstance(answers, dict):
        return {}
    return {
        question: answer
        for question, answer in answers.items()
        if isinstance(question, str) and isinstance(answer, str)
    }
