"""Channels: how an item is handled must not contradict itself where a citizen would see it.

A guide that says 零跑动 and then asks for an original on paper, a step called 现场核查 done 网上,
or an item that is 全程网办 yet needs a visit: each reads as a contradiction to the applicant.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..findings import Severity
from ..model import Channel, Item, MaterialForm, OnlineDepth, Requirement
from ._base import Context, Rule, Violation, item_rule

_PAPER = frozenset({MaterialForm.ORIGINAL, MaterialForm.COPY, MaterialForm.ORIGINAL_OR_COPY})
_PAPER_ROUTES = frozenset({Channel.MAIL, Channel.SELF_SERVICE, Channel.FIELD_CHECK})
_ONLINE = frozenset({Channel.ONLINE, Channel.MOBILE})
_ON_SITE_WORDS = ("现场", "实地", "窗口", "实体大厅")


@item_rule(
    "material-paper-without-route",
    Severity.ERROR,
    "零跑动事项的纸质材料无递交途径",
    "a paper material with no way to hand it in",
)
def material_paper_without_route(item: Item, context: Context) -> Iterator[Violation]:
    """An item with ``visits: 0`` (零跑动) requires a paper material (原件, 复印件 or 原件或复印件)
    that is 必要 and not exempt (``exempt_by: null``), but no step of the service process lets
    the applicant hand paper in without coming: a 邮寄 or 自助终端 step, or a 实地核查 where
    officers come to the applicant.

    Either the material is uploaded (``form: 电子文件``), exempted, or the process needs a
    mailing step; otherwise "零跑动" is not true.

    中文
    ----
    ``visits: 0``（零跑动）的事项要求提交必要且未免提交（``exempt_by: null``）的纸质材料（原件、复印件
    或原件或复印件），但办事流程中没有任何环节能让申请人不到现场就递交纸质材料：没有邮寄、自助终端环
    节，也没有工作人员上门的实地核查。

    要么改为上传电子文件（``form: 电子文件``），要么免于提交，要么在流程中增加邮寄环节；否则“零跑动”
    就不属实。
    """
    if item.visits != 0 or item.item_type.authority_initiated:
        return
    if any(step.channel in _PAPER_ROUTES for step in item.service_process):
        return
    for index, material in enumerate(item.materials):
        if (
            material.form in _PAPER
            and material.requirement is Requirement.REQUIRED
            and material.exempt_by is None
        ):
            yield Violation(
                ("materials", index, "form"),
                f"零跑动事项要求提交纸质材料 “{material.name}”（{material.form.value}），"
                "但办事流程没有邮寄、自助终端或实地核查环节",
                f"a 零跑动 item requires the paper material '{material.name}' "
                f"({material.form.value}) but no step lets it be posted, handed in at a "
                "self-service terminal or collected on site",
            )


@item_rule(
    "step-channel-implausible",
    Severity.WARNING,
    "环节名称与办理渠道不符",
    "a step's name contradicts its channel",
)
def step_channel_implausible(item: Item, context: Context) -> Iterator[Violation]:
    """A service-process step whose name and channel contradict each other: a name that says
    现场, 实地, 窗口 or 实体大厅 on a 网上办理 or 移动端 step; a 窗口办理 step that is not
    ``on_site``; a 实地核查 step (officers come to the applicant) marked ``on_site``, which
    would count as the applicant's visit.

    中文
    ----
    办事流程环节的名称与办理渠道自相矛盾：名称写着现场、实地、窗口或实体大厅，渠道却是网上办理或移动
    端；窗口办理的环节没有标为 ``on_site``；实地核查（工作人员上门）的环节标为 ``on_site``，会被算作申请
    人跑了一次。
    """
    for index, step in enumerate(item.service_process):
        if step.channel in _ONLINE and any(word in step.name for word in _ON_SITE_WORDS):
            yield Violation(
                ("service_process", index, "channel"),
                f"环节 “{step.name}” 的名称表明需到现场，办理渠道却是 {step.channel.value}",
                f"step '{step.name}' sounds on site but its channel is {step.channel.value}",
            )
        elif step.channel is Channel.WINDOW and not step.on_site:
            yield Violation(
                ("service_process", index, "on_site"),
                f"环节 “{step.name}” 在窗口办理，应为 on_site: true",
                f"step '{step.name}' is at a window, so it is on site (on_site: true)",
            )
        elif step.channel is Channel.FIELD_CHECK and step.on_site:
            yield Violation(
                ("service_process", index, "on_site"),
                f"环节 “{step.name}” 是实地核查（工作人员上门），不是申请人到现场，应为 on_site: false",
                f"step '{step.name}' is a site inspection (officers come), not a visit of the "
                "applicant: on_site: false",
            )


_DEPTH_ORDER = (
    OnlineDepth.CONSULTATION,
    OnlineDepth.RECEIPT,
    OnlineDepth.ACCEPTANCE,
    OnlineDepth.HANDLING,
)


@item_rule(
    "online-depth-inconsistent",
    Severity.ERROR,
    "网上办理深度与流程不符",
    "the online depth contradicts the process",
)
def online_depth_inconsistent(item: Item, context: Context) -> Iterator[Violation]:
    """``online_depth`` (网上办理深度) must agree with the service process and ``visits``.

    The depths build on each other: 互联网办理 (handled online to the end) needs 互联网受理,
    which needs 互联网收件, which needs 互联网咨询. A 零跑动 item one applies for is handled
    online to the end (互联网受理 and 互联网办理); an item with an online step (网上办理,
    移动端) takes applications online (互联网收件); an item handled online to the end has no
    visit, and has an online step.

    中文
    ----
    网上办理深度（``online_depth``）必须与办事流程和到现场次数一致。

    各级深度逐级递进：互联网办理（全程网办）须含互联网受理，互联网受理须含互联网收件，互联网收件须含
    互联网咨询。零跑动的依申请事项应可全程网上办理（含互联网受理和互联网办理）；有网上办理、移动端环
    节的事项应可网上收件（互联网收件）；全程网办的事项不需到现场，且有网上办理环节。
    """
    depth = item.online_depth
    if depth is None or item.item_type.authority_initiated:
        return
    given = set(depth)
    loc = ("online_depth",)
    for lower, higher in pairwise(_DEPTH_ORDER):
        if higher in given and lower not in given:
            yield Violation(
                loc,
                f"网上办理深度含 “{higher.value}”，也应含 “{lower.value}”",
                f"online depth '{higher.value}' needs '{lower.value}' as well",
            )
    online_step = any(step.channel in _ONLINE for step in item.service_process)
    if item.visits == 0 and not {OnlineDepth.ACCEPTANCE, OnlineDepth.HANDLING} <= given:
        yield Violation(
            loc,
            "零跑动事项应可全程网上办理：网上办理深度应含 “互联网受理” 和 “互联网办理”",
            "a 零跑动 item is handled online to the end: its online depth needs "
            "'互联网受理' and '互联网办理'",
        )
    if online_step and OnlineDepth.RECEIPT not in given:
        yield Violation(
            loc,
            "办事流程有网上办理环节，网上办理深度应含 “互联网收件”",
            "the process has an online step, so the online depth needs '互联网收件'",
        )
    if OnlineDepth.HANDLING in given and (item.visits > 0 or not online_step):
        yield Violation(
            loc,
            "网上办理深度含 “互联网办理”（全程网办），但事项需到现场或没有网上办理环节",
            "the online depth says '互联网办理' (handled online to the end), but the item needs "
            "a visit or has no online step",
        )


RULES: tuple[Rule, ...] = (
    material_paper_without_route,
    step_channel_implausible,
    online_depth_inconsistent,
)
