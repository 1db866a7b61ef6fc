"""Dashboards of the labor contract scene: the contract fact table, its event subscriptions, the 就业用工分析 cockpit."""

from django.utils.translation import gettext_lazy as _

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
    title=_("就业用工分析驾驶舱"),
    data_url_name="labor_contract:analytics:data",
    export_url_name="labor_contract:analytics:export",
    widgets=(
        Widget("headline", _("核心指标"), "kpi", span=3),
        Widget("headcount", _("在岗人数趋势"), "line", span=2),
        Widget("unsigned", _("未签订书面劳动合同"), "bar"),
        Widget("new_hires", _("每月新招"), "bar"),
        Widget("separations", _("每月离职与流动率"), "bar"),
        Widget("minimum_wage_share", _("最低工资附近合同"), "bar"),
        Widget("region_ranking", _("区域排行（点击下钻）"), "hbar", span=2, table_open=True),
        Widget("industry_ranking", _("行业排行"), "hbar", table_open=True),
        Widget("origin_province", _("户籍地（省份）"), "hbar"),
        Widget("origin_city", _("户籍地（地市）"), "hbar"),
        Widget("local_share", _("本地与外地"), "pie"),
        Widget("sex", _("性别结构"), "pie"),
        Widget("age", _("年龄结构"), "bar"),
        Widget("talent", _("人才分布（岗位类别）"), "hbar"),
        Widget("industry", _("行业结构"), "hbar"),
        Widget("size", _("企业规模结构"), "pie"),
        Widget("wage_quartiles", _("月工资四分位数"), "bar"),
        Widget("wage_bands", _("月工资分布"), "bar"),
        Widget("term_type", _("合同期限类型"), "pie"),
        Widget("term_length", _("合同期限长度"), "bar"),
        Widget("probation", _("试用期约定"), "pie"),
        Widget("channel", _("签署方式与用时"), "bar"),
        Widget("expiring", _("即将到期合同"), "bar"),
        Widget("complaints", _("每千名职工投诉与争议"), "table"),
        Widget("paper_avoided", _("共享互认减少纸质材料"), "table"),
    ),
))
