"""Thirty queries typed as citizens type them, each with the service a citizen means: the set the
search is measured on (hit@3: the service is among the first three results).

Written for issue 21 by the engineer who wrote the search, before tuning it, from what citizens
type at a hall's terminal: everyday wording, several words, pinyin, one wrong character,
traditional characters, English, whole questions. Two ask for what another department handles
(医疗保险, 住房公积金): the site must name that department, whatever items it shows.
"""

from __future__ import annotations

IN_SCOPE: tuple[tuple[str, str, str], ...] = (
    # (kind, query, the code meant)
    ("colloquial", "社保卡丢了", "220114053002"),
    ("colloquial", "退休了怎么领养老金", "220114008000"),
    ("colloquial", "档案转移", "220114054001"),
    ("colloquial", "公司裁员", "220114122000"),
    ("colloquial", "劳动仲裁", "220114120001"),
    ("colloquial", "丧葬费", "220114014000"),
    ("colloquial", "失业补助", "220114043000"),
    ("multi-word", "灵活就业 参保", "220114001004"),
    ("multi-word", "高校毕业生 就业补贴", "220114047000"),
    ("multi-word", "单位 参保证明 打印", "220114005001"),
    ("multi-word", "就业见习 补贴", "220114055000"),
    ("pinyin", "shiye", "220114043000"),
    ("pinyin", "sybx", "220114043000"),
    ("pinyin", "gsrd", "220114105000"),
    ("pinyin", "chuangye daikuan", "220114048000"),
    ("pinyin", "zhicheng", "220114130000"),
    ("typo", "工伤认订", "220114105000"),
    ("typo", "失业保险金申岭", "220114043000"),
    ("typo", "劳动能力坚定", "220114106001"),
    ("typo", "稳岗返换", "220114045000"),
    ("traditional", "養老保險關係轉移接續", "220114006001"),
    ("traditional", "失業保險金", "220114043000"),
    ("traditional", "社會保障卡補領", "220114053003"),
    ("english", "unemployment benefit", "220114043000"),
    ("english", "social security card", "220114053001"),
    ("english", "work injury recognition", "220114105000"),
    ("question", "辞职了能领失业金吗", "220114043000"),
    ("question", "工伤了医药费怎么报", "220114050000"),
)

OUT_OF_SCOPE: tuple[tuple[str, str], ...] = (
    # (query, the department the referral must name)
    ("医保报销", "医疗保障局"),
    ("公积金提取", "住房公积金管理中心"),
)
