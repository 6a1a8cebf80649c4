"""The smallest valid catalog, shared by the tests that build one in a temporary folder."""

MANIFEST = """\
name: 测试单位政务服务事项目录
province: "22"
department: "0114"
lists:
  service: {title: 群众和企业到政府办事事项清单, expected: 1}
publication: {working_days: 1}
"""

LAWS = """\
laws:
  - id: social-insurance-law
    name: 中华人民共和国社会保险法
    kind: 法律
    issuer: 全国人民代表大会常务委员会
    effective: "2011-07-01"
  - id: petition-work-regulations
    name: 信访工作条例
    kind: 规范性文件
    issuer: 中共中央、国务院
    effective: "2022-05-01"
"""

ITEM = """\
code: "220114001000"
lists: [service]
item_type: 公共服务
department: 失业保险处
levels: [省级, 市级]
main_item_name: 失业保险金申领
sub_item_name: null
legal_basis:
  - {law: social-insurance-law, articles: [第四十五条]}
materials:
  - id: M1
    name: 失业保险金申领登记表
    form: 电子文件
    copies: 0
    source: 申请人填写
    requirement: 必要
    exempt_by: null
    form_id: F1
    legal_basis: [{law: social-insurance-law, articles: [第五十条]}]
service_process:
  - {id: S1, name: 网上申请, channel: 网上办理, on_site: false}
handling_process:
  - {id: H1, name: 受理, role: 受理, working_days: 0}
  - {id: H2, name: 审核, role: 审查, working_days: 2}
time_limit:
  legal: null
  committed: {days: 3, unit: 工作日}
forms:
  - id: F1
    name: 失业保险金申领登记表
    fields:
      - {name: 姓名, type: text, required: true}
conditions:
  - 非因本人意愿中断就业
visits: 0
fee: {charged: false}
penalty: null
audience: [自然人]
result: {type: 其他, name: 失业保险金领取资格核定结果, sample: null}
online_depth: [互联网咨询, 互联网收件, 互联网预审, 互联网受理, 互联网办理, 互联网办理结果信息反馈]
scope: 全省通办
faq:
  - question: 自己辞职的，能领取失业保险金吗？
    answer: 不能。领取失业保险金须非因本人意愿中断就业。
    legal_basis: [{law: social-insurance-law, articles: [第四十五条]}]
intermediary_services: []
quantity_limit: null
revision:
  version: 1
  changed_on: "2026-03-10"
  published_on: "2026-03-11"
"""
