"""Outlines of statute texts: which articles a statute has, their paragraphs (款) and items (项).

The catalog cites articles as ``第四十五条``, ``第四十五条第二款`` or ``第十一条第十二项``;
``tests/data/statute-outlines.yaml`` holds, for every statute whose text the LawRefBook/Laws
collection carries, the shape of each article, so that a test can tell whether a citation names
an article, a paragraph and an item that exist. The outlines are written from the texts by this
module (``python tests/_statutes.py GIT_DIR > tests/data/statute-outlines.yaml``, where GIT_DIR is
a clone of LawRefBook/Laws); the texts themselves are not shipped.

An outline maps each article to the number of items of each of its paragraphs: ``[0, 3]`` is an
article of two paragraphs whose second lists three items. A line that starts with an item number
(``（一）``, ``(二)``) is an item of the paragraph before it; any other line starts a paragraph.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

OUTLINES = Path(__file__).parent / "data" / "statute-outlines.yaml"

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "〇零一二三四五六七八九十百千"
_ARTICLE_LINE = re.compile(rf"^(第[{_NUMERAL}]+条(?:之[{_NUMERAL}]+)?)[\s\u3000]*(.*)$")
_ITEM_LINE = re.compile(rf"^[（(][{_NUMERAL}]+[）)]")
_CITATION = re.compile(
    rf"^(?P<article>第[{_NUMERAL}]+条(?:之[{_NUMERAL}]+)?)"
    rf"(?:第(?P<paragraph>[{_NUMERAL}]+)款)?(?:第(?P<item>[{_NUMERAL}]+)项)?$"
)

Outline = dict[str, list[int]]

# The version of each statute the catalog cites (laws.yaml's current text), as the collection
# files it. Statutes the collection does not carry are listed by tests/test_catalog_citations.py.
SOURCES = {
    "labor-law": "社会法/劳动法(2018-12-29).md",
    "labor-contract-law": "社会法/劳动合同法(2012-12-28).md",
    "employment-promotion-law": "社会法/就业促进法(2015-04-24).md",
    "social-insurance-law": "社会法/社会保险法(2018-12-29).md",
    "labor-dispute-law": "诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md",
    "administrative-licensing-law": "行政法/行政许可法(2019-04-23).md",
    "administrative-penalty-law": "行政法/行政处罚法(2021-01-22).md",
    "administrative-coercion-law": "行政法/行政强制法(2011-06-30).md",
    "administrative-reconsideration-law": "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "administrative-litigation-law": "诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md",
    "private-education-law": "行政法/民办教育促进法(2018-12-29).md",
    "vocational-education-law": "行政法/职业教育法(2022-04-20).md",
    "unemployment-insurance-regulations": "行政法规/失业保险条例(1999-01-22).md",
    "work-injury-insurance-regulations": "行政法规/工伤保险条例(2010-12-20).md",
    "social-insurance-premium-regulations": "行政法规/社会保险费征缴暂行条例(2019-03-24).md",
    "labor-inspection-regulations": "行政法规/劳动保障监察条例(2004-11-01).md",
    "child-labor-provisions": "行政法规/禁止使用童工规定(2002-10-01).md",
    "labor-contract-law-regulations": "行政法规/劳动合同法实施条例(2008-09-18).md",
    "human-resources-market-regulations": "行政法规/人力资源市场暂行条例(2018-06-29).md",
    "migrant-worker-wage-regulations": "行政法规/保障农民工工资支付条例(2019-12-30).md",
    "social-insurance-handling-regulations": "行政法规/社会保险经办条例(2023-08-16).md",
    "working-hours-provisions": "行政法规/国务院关于职工工作时间的规定(1995-03-25).md",
    "private-education-law-regulations": "行政法规/民办教育促进法实施条例(2021-04-07).md",
    "sino-foreign-cooperative-education-regulations": "行政法规/中外合作办学条例(2019-03-02).md",
    "public-institution-personnel-regulations": "行政法规/事业单位人事管理条例(2014-04-25).md",
    "female-employee-protection-provisions": "行政法规/女职工劳动保护特别规定(2012-04-28).md",
    "paid-annual-leave-regulations": "行政法规/职工带薪年休假条例(2007-12-14).md",
    "petition-work-regulations": "行政法规/信访工作条例(2022-02-25).md",
}


def numeral(text: str) -> int:
    """The value of a Chinese numeral as statutes write them: 十二, 一百零一, 二十."""
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        else:
            total += (current or 1) * _UNITS[char]
            current = 0
    return total + current


def outline(text: str) -> Outline:
    """The articles of a statute's Markdown text and the items of each of their paragraphs."""
    articles: Outline = {}
    current: list[int] | None = None
    for raw in text.split("<!-- INFO END -->")[-1].splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            current = None
            continue
        found = _ARTICLE_LINE.match(line)
        if found:
            current = articles.setdefault(found.group(1), [])
            current.append(0)
            if found.group(2) and _ITEM_LINE.match(found.group(2)):
                current[-1] += 1
        elif current is not None:
            if _ITEM_LINE.match(line):
                current[-1] += 1
            else:
                current.append(0)
    return articles


def exists(cited: str, articles: Outline) -> bool:
    """True when the article, paragraph and item ``cited`` names are in the outline."""
    parts = _CITATION.match(cited)
    if parts is None or parts["article"] not in articles:
        return False
    paragraphs = articles[parts["article"]]
    index = numeral(parts["paragraph"]) - 1 if parts["paragraph"] else 0
    if index >= len(paragraphs):
        return False
    return not parts["item"] or numeral(parts["item"]) <= paragraphs[index]


def load_outlines() -> dict[str, Outline]:
    data = yaml.safe_load(OUTLINES.read_text(encoding="utf-8"))
    return {law: entry["articles"] for law, entry in data["laws"].items()}


def _write(git_dir: str) -> None:  # pragma: no cover - run by hand to regenerate the outlines
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True, text=True
        ).stdout

    commit = git("rev-parse", "HEAD").strip()
    out = [
        "# Outlines of the statutes the catalog cites: for each article, the number of items (项)",
        "# of each of its paragraphs (款). Written by tests/_statutes.py from the texts of",
        f"# LawRefBook/Laws (https://github.com/LawRefBook/Laws), commit {commit}.",
        "laws:",
    ]
    for law, path in SOURCES.items():
        articles = outline(git("show", f"HEAD:{path}"))
        out += [f"  {law}:", f"    file: {path}", "    articles:"]
        out += [f"      {article}: {counts}" for article, counts in articles.items()]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":  # pragma: no cover
    _write(sys.argv[1])
