"""Data the 劳务派遣监管 scene receives through core.datapool (validated, with lineage).

Other departments' data about host employers: employment registration (直接用工人数 and the wage of directly
employed staff on comparable posts) and outsourcing signals from market supervision and tax (an outsourcing
contract on file, and how many of the outsourced workers appear on the host's attendance or payroll). The
scene's own monthly host facts (``dw_host_facts``) are built from the agencies' rosters and these figures and
loaded here too, so core.indicators evaluates them with lineage like any department's data.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

S, INT, D, DATE, B = "string", "integer", "decimal", "date", "boolean"
MONTHLY = timedelta(days=31)


def _host() -> Field:
    return Field("host_uscc", _("用工单位统一社会信用代码"), S, required=True, max_length=18)


def _month() -> Field:
    return Field("month_end", _("所属月份（月末日）"), DATE, required=True)


EMPLOYMENT = Dataset(
    code="dw_employment", name=_("用工单位就业登记"), source_system=_("就业登记与劳动合同管理系统"), department=_("人力资源和社会保障局"),
    fields=(_host(), _month(), Field("name", _("单位名称"), S, required=True, max_length=200),
            Field("region_code", _("所在区划代码"), S, required=True, max_length=12),
            Field("direct_employees", _("订立劳动合同人数"), INT, required=True),
            Field("direct_avg_wage", _("同类岗位直接用工月平均工资（元）"), D, required=True)),
    key=("host_uscc", "month_end"), freshness=MONTHLY,
    description=_("用工总量＝订立劳动合同人数＋被派遣劳动者人数（《劳务派遣暂行规定》第四条）。"),
)

OUTSOURCING = Dataset(
    code="dw_outsourcing", name=_("业务外包与考勤工资比对"), source_system=_("市场监管与税务数据共享"), department=_("市场监督管理局、税务局"),
    fields=(_host(), _month(), Field("outsourcing_contract", _("签有业务外包合同"), B, required=True),
            Field("outsourced_on_payroll", _("外包人员在用工单位考勤或工资名单中人数"), INT, required=True)),
    key=("host_uscc", "month_end"), freshness=MONTHLY,
    description=_("“假外包、真派遣”信号：签订外包合同，但外包人员由发包方考勤或发放工资。"),
)

HOST_FACTS = Dataset(
    code="dw_host_facts", name=_("用工单位派遣用工月度核查数"), source_system=_("劳务派遣监管平台"), department=_("人力资源和社会保障局"),
    fields=(_host(), _month(),
            Field("workforce", _("用工总量"), INT, required=True),
            Field("dispatched", _("被派遣劳动者人数"), INT, required=True),
            Field("main_posts", _("主营业务岗位使用派遣人数"), INT, required=True),
            Field("temp_over_limit", _("临时性岗位超过6个月人数"), INT, required=True),
            Field("short_contracts", _("劳动合同不满2年人数"), INT, required=True),
            Field("uninsured", _("未参保或欠缴人数"), INT, required=True),
            Field("wrong_place", _("跨地区派遣未在用工地参保人数"), INT, required=True),
            Field("pay_gap", _("工资低于同岗直接用工标准人数"), INT, required=True),
            Field("outsourced_on_payroll", _("外包人员由本单位考勤或发薪人数"), INT, required=True),
            Field("overtime_unapproved", _("月加班超36小时且无特殊工时批准人数"), INT, required=True)),
    key=("host_uscc", "month_end"), freshness=MONTHLY,
    description=_("由各派遣单位报送的派遣名册与就业登记、外包比对数据按月汇总，供用工单位核查指标体系使用。"),
)

DATASETS = [EMPLOYMENT, OUTSOURCING, HOST_FACTS]
