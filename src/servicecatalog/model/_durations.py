"""办理时限: durations, the three forms of a legal limit (a duration, stages, a deadline before an
event) and an item's time limit.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._values import (
    MAX_LIMIT,
    MAX_STAGES,
    LegalReference,
    LimitDays,
    Text,
    _Frozen,
)
from ._vocabularies import (
    DayUnit,
    LegalEvent,
    StageSequence,
)

_UNIT_WORDS = {
    DayUnit.WORKING: ("个工作日", "working day"),
    DayUnit.NATURAL: ("个自然日", "calendar day"),
    DayUnit.MONTH: ("个月", "month"),
}


class Duration(_Frozen):
    """A number of days (or months) and how they are counted."""

    days: LimitDays
    """How many units of ``unit``: working days, natural days or months; at most five years
    (1250 工作日, 1830 自然日, 60 月)."""
    unit: DayUnit
    """How ``days`` are counted: 工作日, 自然日 or 月."""

    @model_validator(mode="after")
    def _at_most_five_years(self) -> Duration:
        maximum = MAX_LIMIT[self.unit.value]
        if self.days > maximum:
            raise PydanticCustomError(
                "duration_too_long",
                "{zh}",
                {
                    "zh": f"时限不能超过五年（{maximum} {self.unit.value}），实际是 {self.days}",
                    "en": f"a time limit is at most five years ({maximum} {self.unit.value}), "
                    f"not {self.days}",
                    "at": "days",
                },
            )
        return self

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``20个工作日`` (``20 working days``): the guides' wording, which ``str()`` gives too,
        in Chinese."""
        chinese, english = _UNIT_WORDS[self.unit]
        if lang == "en":
            return f"{self.days} {english}{'' if self.days == 1 else 's'}"
        return f"{self.days}{chinese}"

    def __str__(self) -> str:
        return self.text()


class LegalDuration(Duration):
    """A legal limit of a number of days or months, and the article that sets it."""

    extension: Duration | None = None
    """How much longer the statute lets the authority take in complex cases, with approval
    (可以延长); the committed limit is measured against the limit itself, not the extension."""
    basis: LegalReference | None = None
    """The article that sets the limit, e.g. 社会保险经办条例 第十八条."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``20个工作日（经批准可延长10个工作日）`` (``20 working days (extendable by 10 working
        days with approval)``); the article is not part of it."""
        limit = Duration.text(self, lang)
        if self.extension is None:
            return limit
        if lang == "en":
            return f"{limit} (extendable by {self.extension.text(lang)} with approval)"
        return f"{limit}（经批准可延长{self.extension.text(lang)}）"


class LegalStage(LegalDuration):
    """One stage of a multi-stage legal limit (筹设, 正式设立; 转出地审核 …)."""

    name: Text
    """The stage as the statute names it."""


class StagedLimit(_Frozen):
    """A legal limit set stage by stage, where one number would misstate the statute."""

    stages: tuple[LegalStage, ...] = Field(min_length=2, max_length=MAX_STAGES)
    """At most 20: each stage is counted from every start day of the calendar."""
    sequence: StageSequence
    """依次: one application passes every stage and the limits add up; 分别: each stage is its
    own application and decision, and the committed limit must fit each."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The stages one by one and how they relate, as the guides print them: ``筹设30个工作日；
        正式设立20个工作日（各阶段分别申请、分别计算）``; consecutive stages in one unit with
        their total."""
        english = lang == "en"
        stages = ("; " if english else "；").join(
            f"{stage.name}{' ' if english else ''}{stage.text(lang)}" for stage in self.stages
        )
        if self.sequence is StageSequence.SEPARATE:
            note = (
                "each stage applied for and counted separately"
                if english
                else "各阶段分别申请、分别计算"
            )
        elif self.sequence is StageSequence.BY_CASE:
            note = "whichever fits the case" if english else "按情形分别适用"
        else:
            note = "one after another" if english else "依次办理"
            units = {stage.unit for stage in self.stages}
            if len(units) == 1:
                total = Duration(days=sum(stage.days for stage in self.stages), unit=units.pop())
                note += f", {total.text(lang)} in all" if english else f"，合计{total.text(lang)}"
        return f"{stages} ({note})" if english else f"{stages}（{note}）"

    def __str__(self) -> str:
        return self.text()


class DeadlineLimit(_Frozen):
    """A legal limit that is a day rather than a duration: a decision before an event."""

    before: LegalEvent
    """The decision is due before this event, e.g. 行政许可有效期届满 (行政许可法 第五十条第二款)."""
    basis: LegalReference | None = None
    """The article that sets the deadline."""

    def text(self, lang: Literal["zh", "en"] = "zh") -> str:
        """``行政许可有效期届满前作出决定`` (``a decision before 行政许可有效期届满``)."""
        if lang == "en":
            return f"a decision before {self.before.value}"
        return f"{self.before.value}前作出决定"

    def __str__(self) -> str:
        return self.text()


def _legal_form(value: Any) -> str:
    """The form of a legal limit, told by its keys (YAML) or its class (built in code)."""
    if isinstance(value, dict):
        if "stages" in value or "sequence" in value:
            return "StagedLimit"
        if "before" in value:
            return "DeadlineLimit"
        return "LegalDuration"
    if isinstance(value, StagedLimit | DeadlineLimit):
        return type(value).__name__
    return "LegalDuration"


def _plain_duration(value: Any) -> Any:
    # Items built in code before legal limits had their own model pass a plain Duration.
    if type(value) is Duration:
        return value.model_dump()
    return value


LegalLimit = Annotated[
    Annotated[LegalDuration, Tag("LegalDuration")]
    | Annotated[StagedLimit, Tag("StagedLimit")]
    | Annotated[DeadlineLimit, Tag("DeadlineLimit")],
    Discriminator(_legal_form),
    BeforeValidator(_plain_duration),
]
"""法定办结时限 in one of its three forms: a duration, stages, or a deadline before an event."""

LEGAL_LIMIT_FORMS = frozenset({"LegalDuration", "StagedLimit", "DeadlineLimit"})
"""The tags pydantic puts into error locations of a legal limit; they name no key of the file."""


class TimeLimit(_Frozen):
    """办理时限: the legal limit (where a statute sets one) and the committed limit."""

    legal: LegalLimit | None
    """法定办结时限; null where no statute sets one (say so in a comment beside it)."""
    committed: Duration
    """承诺办结时限; 0 days is 即办件."""
