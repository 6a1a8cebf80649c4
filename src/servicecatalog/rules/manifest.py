"""The manifest: what the guides and the site print from ``catalog.yaml``."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ._base import Context, Rule, Violation, catalog_rule


@catalog_rule(
    "organizer-unknown",
    Severity.WARNING,
    "无法得出主办单位",
    "the organizer cannot be derived",
)
def organizer_unknown(context: Context) -> Iterator[Violation]:
    """``catalog.yaml`` says who runs the catalog: its ``name`` begins with the authority
    (``吉林省人力资源和社会保障厅政务服务事项目录``), or ``organizer`` names it.

    The guides print the authority as 实施主体 where no implementation list gives an agency, and
    the site prints it as 主办单位 in every footer. A name such as ``政务服务事项目录`` (what
    ``init`` wrote before it required ``--name``) names no authority, and every guide would say
    nothing true there. Name the catalog after its authority, or write ``organizer:``.

    中文
    ----
    ``catalog.yaml`` 要说明目录由谁负责：``name`` 以单位名称开头（如
    ``吉林省人力资源和社会保障厅政务服务事项目录``），或者用 ``organizer`` 写明。

    实施清单没有给出实施机构时，办事指南把这个单位印作“实施主体”；网站在每个页脚把它印作“主办单位”。
    像 ``政务服务事项目录`` 这样的名称（``init`` 在要求 ``--name`` 之前写出的名称）不含单位名称，
    指南中这些位置就无从填写。请以单位名称命名目录，或写上 ``organizer:``。
    """
    manifest, document = context.manifest, context.manifest_document
    if manifest is None or document is None or manifest.publisher is not None:
        return
    yield Violation(
        ("name",),
        f"无法从目录名称 “{manifest.name}” 得出主办单位：请把名称写作 “<单位名称>政务服务事项目录”，"
        "或在 catalog.yaml 中写明 organizer；否则办事指南的实施主体和网站的主办单位无从填写",
        f"the organizer cannot be derived from the catalog's name '{manifest.name}': name it "
        "'<authority>政务服务事项目录' or give organizer in catalog.yaml, or the guides' 实施主体 and "
        "the site's 主办单位 are left blank",
        document=document,
    )


RULES: tuple[Rule, ...] = (organizer_unknown,)
