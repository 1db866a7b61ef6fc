"""Dashboards of the labor contract scene: the contract fact table, its event subscriptions, the 就业用工分析 cockpit."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit, register_fact_table
from zhili.core.foundation.api import events

from .analytics import permissions  # noqa: F401  (registers labor_contract.analytics.view)
from .analytics.refresh import REFRESHED_CONTRACT_FACTS
from .analytics.services import COMPLAINT_EVENTS, CONTRACT_EVENTS, on_complaint, on_contract_changed

register_fact_table(REFRESHED_CONTRACT_FACTS)
for name in CONTRACT_EVENTS:
    events.subscribe(name, on_contract_changed)
for name in COMPLAINT_EVENTS:
    events.subscribe(name, on_complaint)

COCKPIT = register_cockpit(Cockpit(
    code="labor_contract.employment",
    title="就业用工分析驾驶舱",
    data_url_name="labor_contract:analytics:data",
    export_url_name="labor_contract:analytics:export",
    widgets=(
        Widget("headline", "核心指标", "kpi", span=3),
        Widget("headcount", "在岗人数趋势", "line", span=2),
        Widget("unsigned", "未签订书面劳动合同", "bar"),
        Widget("new_hires", "每月新招", "bar"),
        Widget("separations", "每月离职与流动率", "bar"),
        Widget("minimum_wage_share", "最低工资附近合同", "bar"),
        Widget("region_ranking", "区域排行（点击下钻）", "hbar", span=2, table_open=True),
        Widget("industry_ranking", "行业排行", "hbar", table_open=True),
        Widget("origin_province", "户籍地（省份）", "hbar"),
        Widget("origin_city", "户籍地（地市）", "hbar"),
        Widget("local_share", "本地与外地", "pie"),
        Widget("sex", "性别结构", "pie"),
        Widget("age", "年龄结构", "bar"),
        Widget("talent", "人才分布（岗位类别）", "hbar"),
        Widget("industry", "行业结构", "hbar"),
        Widget("size", "企业规模结构", "pie"),
        Widget("wage_quartiles", "月工资四分位数", "bar"),
        Widget("wage_bands", "月工资分布", "bar"),
        Widget("term_type", "合同期限类型", "pie"),
        Widget("term_length", "合同期限长度", "bar"),
        Widget("probation", "试用期约定", "pie"),
        Widget("channel", "签署方式与用时", "bar"),
        Widget("expiring", "即将到期合同", "bar"),
        Widget("complaints", "每千名职工投诉与争议", "table"),
        Widget("paper_avoided", "共享互认减少纸质材料", "table"),
    ),
))
