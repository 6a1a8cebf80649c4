"""Values written as phrases in one cell, and read back: legal time limits and legal citations.

A legal limit takes one of three forms (docs/format.md#time-limits); in a cell each is
written as a clerk would say it:

- ``15 自然日``; ``60 工作日，可延长 30 工作日``
- ``分别：筹设 30 自然日；正式设立 3 月`` (or ``依次：…``)
- ``行政许可有效期届满前``

The article that sets a limit (``basis``) is a row of the 设定依据 sheet, not part of the phrase.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..errors import ServiceCatalogError
from ..model import DayUnit, DeadlineLimit, LegalDuration, LegalEvent, StagedLimit, StageSequence

__all__ = ["PhraseError", "limit_phrase", "parse_articles", "parse_limit"]

_UNITS = "|".join(unit.value for unit in DayUnit)
_DURATION = re.compile(rf"^\s*([0-9]+)\s*个?\s*({_UNITS})\s*$")
_EXTENSION = re.compile(r"\s*[，,]\s*可延长\s*")
_SEQUENCE = re.compile(rf"^\s*({'|'.join(s.value for s in StageSequence)})\s*[：:]\s*(.+)$")
_STAGE = re.compile(rf"^\s*(.+?)\s+([0-9]+\s*个?\s*(?:{_UNITS}).*)$")
_BEFORE_SUFFIX = "前"
_ARTICLE_SEPARATORS = re.compile(r"[、，,；;\s]+")


class PhraseError(ServiceCatalogError):
    """A phrase that is none of the forms; ``zh`` and ``en`` say what was expected."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def limit_phrase(limit: LegalDuration | StagedLimit | DeadlineLimit) -> str:
    """The phrase of a legal limit (its ``basis`` goes to the 设定依据 sheet)."""
    if isinstance(limit, StagedLimit):
        stages = "；".join(f"{stage.name} {_duration_phrase(stage)}" for stage in limit.stages)
        return f"{limit.sequence.value}：{stages}"
    if isinstance(limit, DeadlineLimit):
        return f"{limit.before.value}{_BEFORE_SUFFIX}"
    return _duration_phrase(limit)


def _duration_phrase(limit: LegalDuration) -> str:
    phrase = f"{limit.days} {limit.unit.value}"
    if limit.extension is not None:
        phrase += f"，可延长 {limit.extension.days} {limit.extension.unit.value}"
    return phrase


def parse_limit(text: str) -> dict[str, Any]:
    """The data of a legal limit (without ``basis``) from its phrase; :class:`PhraseError` if it
    is none of the forms."""
    text = unicodedata.normalize("NFKC", text).strip()
    for event in LegalEvent:
        if text in (event.value + _BEFORE_SUFFIX, event.value):
            return {"before": event.value}
    staged = _SEQUENCE.match(text)
    if staged:
        stages = []
        for part in re.split(r"[；;]", staged.group(2)):
            match = _STAGE.match(part)
            if not match:
                raise _limit_error()
            stages.append({"name": match.group(1).strip(), **_parse_duration(match.group(2))})
        return {"stages": stages, "sequence": staged.group(1)}
    return _parse_duration(text)


def _parse_duration(text: str) -> dict[str, Any]:
    parts = _EXTENSION.split(text, maxsplit=1)
    main = _DURATION.match(parts[0])
    if not main:
        raise _limit_error()
    data: dict[str, Any] = {"days": main.group(1), "unit": main.group(2)}
    if len(parts) == 2:
        extension = _DURATION.match(parts[1])
        if not extension:
            raise _limit_error()
        data["extension"] = {"days": extension.group(1), "unit": extension.group(2)}
    return data


def _limit_error() -> PhraseError:
    return PhraseError(
        "法定办结时限应写成“15 工作日”“60 工作日，可延长 30 工作日”“分别：筹设 30 自然日；正式设立 3 月”"
        "或“行政许可有效期届满前”",
        "a legal limit is written '15 工作日', '60 工作日，可延长 30 工作日', "
        "'分别：筹设 30 自然日；正式设立 3 月' or '行政许可有效期届满前'",
    )


def parse_articles(text: str) -> list[str]:
    """The articles of a citation cell (``第五十七条、第五十八条第一款``), separated by 、 or
    commas; empty when the cell holds none."""
    return [part for part in _ARTICLE_SEPARATORS.split(text.strip()) if part]
