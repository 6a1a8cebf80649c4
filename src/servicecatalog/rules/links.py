"""Links: the addresses a catalog gives citizens, and the items its site offers first.

An address is printed on guides and handouts and linked from the site, so it must be one a
browser opens without a warning; the services the site offers first (``site.popular`` of
``catalog.yaml``) must be items of the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .._text import excerpt
from ..findings import Severity
from ..loader import LoadedDocument
from ._base import (
    CheckedRule,
    Context,
    ImplementationEntry,
    ImplementationScope,
    Rule,
    Violation,
    catalog_rule,
    document_holds,
    list_text,
    located_strings,
    searched,
)

_HTTP = searched(re.compile(r"(?<![A-Za-z0-9+.-])http://", re.IGNORECASE))


def _http_addresses(data: Any, document: LoadedDocument | None = None) -> Iterator[Violation]:
    """Every ``http://`` address in ``data``, walked value by value with locations: only for a
    file whose values joined hold one (a space cannot make or hide a match), which is the one
    search every clean file gets."""
    for loc, text in located_strings(data):
        if _HTTP.search(text):
            shown = excerpt(text)
            yield Violation(
                loc,
                f"地址 “{shown}” 使用 http://，浏览器会提示不安全或拒绝打开；请改用 https:// 地址",
                f"the address '{shown}' uses http://, which browsers flag as not secure or refuse; "
                "use its https:// address",
                document=document,
            )


def _catalog_documents(context: Context) -> Iterator[LoadedDocument]:
    documents = [
        context.manifest_document,
        context.laws_document,
        context.regions_document,
        context.synonyms_document,
        context.referrals_document,
        *(entry.document for entry in context.items),
    ]
    for document in documents:
        if document is not None and document.data is not None:
            yield document


@catalog_rule("url-not-https", Severity.WARNING, "地址未使用 https", "an address uses http://")
def url_not_https(context: Context) -> Iterator[Violation]:
    """A text value of a catalog file holds an ``http://`` address (an implementation's
    ``online_url``, a referral's ``url``, ``site.base_url`` of ``catalog.yaml``, or an address
    written in any text).

    Guides print these addresses and the site links them for citizens to open. Browsers mark an
    ``http://`` page as not secure and may refuse to open it; what a citizen types on it (an ID
    number, a bank account) travels unencrypted. Government portals publish an ``https://``
    address: write that one. Where a portal has none, waive the finding for the item with the
    reason (``.servicecatalog.yaml``). Checked in every file of the catalog.

    中文
    ----
    目录文件的文本值中含有 ``http://`` 地址（实施清单的 ``online_url``、转办提示的 ``url``、
    ``catalog.yaml`` 的 ``site.base_url``，或写在任何文本中的地址）。

    办事指南会印出这些地址，网站会把它们做成链接供群众打开。浏览器把 ``http://`` 页面标为“不安全”，
    还可能拒绝打开；群众在上面填写的身份证号、银行账号以明文传输。政务网站都公布了 ``https://``
    地址：请写那个地址。确实没有的，请在 ``.servicecatalog.yaml`` 中按事项豁免并写明理由。检查范围为
    目录中的每个文件。
    """
    for document in _catalog_documents(context):
        if document_holds(context, document, _HTTP):
            yield from _http_addresses(document.data, document)


def _in_implementations(rule: CheckedRule) -> CheckedRule:
    """``rule`` checking the implementation lists too, as each is loaded."""

    def check(entry: ImplementationEntry, scope: ImplementationScope) -> Iterator[Violation]:
        if not _HTTP.search(list_text(entry)):
            return iter(())
        return _http_addresses(entry.implementations.model_dump(mode="json", exclude_none=True))

    return replace(rule, implementation_check=check)


@catalog_rule(
    "site-popular-unknown",
    Severity.ERROR,
    "常用服务不是目录中的事项",
    "a popular service is no item of the catalog",
)
def site_popular_unknown(context: Context) -> Iterator[Violation]:
    """A code in ``site.popular`` of ``catalog.yaml`` names no item of the catalog.

    The site offers these services first when a search finds nothing; a code that names no item
    would be a dead link there. Correct the code, or remove it.

    中文
    ----
    ``catalog.yaml`` 中 ``site.popular`` 列出的编码不是目录中的事项。

    搜索没有结果时，网站首先推荐这些服务；不存在的编码会成为失效链接。请更正编码，或将其删除。
    """
    manifest, document = context.manifest, context.manifest_document
    if manifest is None or manifest.site is None or document is None:
        return
    known = {entry.item.code for entry in context.items} | set(context.broken_items)
    for index, code in enumerate(manifest.site.popular):
        if code not in known:
            yield Violation(
                ("site", "popular", index),
                f"常用服务 {code} 不是目录中的事项",
                f"the popular service {code} is no item of the catalog",
                document=document,
            )


RULES: tuple[Rule, ...] = (_in_implementations(url_not_https), site_popular_unknown)
