"""The departments' data the labor-risk warning reads, keyed by enterprise USCC and period.

Monthly data carry ``month_end`` (the last day of the month); events carry the day they happened. Every
dataset is loaded through core.datapool (file, upload, or pulled from the department's API).
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

S, INT, D, DATE, B = "string", "integer", "decimal", "date", "boolean"
MONTHLY = timedelta(days=31)


def _uscc() -> Field:
    return Field("uscc", _("统一社会信用代码"), S, required=True, max_length=18)


def _id() -> Field:
    return Field("record_id", _("记录编号"), S, required=True, max_length=40)


def _month() -> Field:
    return Field("month_end", _("所属月份（月末日）"), DATE, required=True)


def _monthly(code, name, source, department, *fields, description="") -> Dataset:
    return Dataset(code=code, name=name, source_system=source, department=department,
                   fields=(_uscc(), _month(), *fields), key=("uscc", "month_end"), freshness=MONTHLY,
                   description=description)


def _events(code, name, source, department, date_field, *fields, description="") -> Dataset:
    return Dataset(code=code, name=name, source_system=source, department=department,
                   fields=(_id(), _uscc(), Field(date_field, _("发生日期"), DATE, required=True), *fields),
                   key=("record_id",), freshness=MONTHLY, description=description)


REGISTRY = Dataset(
    code="lr_enterprises", name=_("企业登记信息"), source_system=_("市场主体登记系统"), department=_("市场监督管理局"),
    fields=(_uscc(), Field("name", _("企业名称"), S, required=True, max_length=200),
            Field("region_code", _("所在镇街区划代码"), S, required=True, max_length=12),
            Field("industry_code", _("行业门类（GB/T 4754）"), S, required=True, max_length=5),
            Field("registered_on", _("成立日期"), DATE, required=True),
            Field("status", _("登记状态"), S, required=True, choices=("active", "revoked", "cancelled"),
                  labels=(("active", _("存续")), ("revoked", _("吊销")), ("cancelled", _("注销")))),
            Field("recorded_on", _("数据日期"), DATE, required=True)),
    key=("uscc",), description=_("监测对象名册：每家企业一行，所在镇街决定属地监察机构。"),
)

DATASETS = [
    REGISTRY,
    _monthly("lr_employment", _("劳动用工备案"), _("就业登记与劳动合同管理系统"), _("人力资源和社会保障局"),
             Field("employees", _("在册职工数"), INT, required=True),
             Field("unsigned_contracts", _("未签劳动合同人数"), INT, required=True),
             Field("filings_missing", _("未办理用工备案人数"), INT, required=True),
             Field("uninsured", _("已用工未参保人数"), INT, required=True),
             Field("dispatched", _("被派遣劳动者人数"), INT, required=True),
             Field("overtime_over_36", _("月加班超36小时人数"), INT, required=True),
             description=_("由电子劳动合同、就业登记和考勤数据按月汇总。")),
    _monthly("lr_payroll", _("工资发放"), _("工资代发与欠薪监测系统"), _("人力资源和社会保障局"),
             Field("headcount", _("发薪人数"), INT, required=True),
             Field("wages_due_yuan", _("应发工资（元）"), D, required=True),
             Field("wages_paid_yuan", _("实发工资（元）"), D, required=True),
             Field("status", _("发放状态"), S, required=True, choices=("paid", "late", "unpaid"),
                  labels=(("paid", _("按时发放")), ("late", _("延迟发放")), ("unpaid", _("未发放")))),
             Field("below_minimum", _("低于最低工资人数"), INT, required=True),
             description=_("银行代发工资流水：未发放指该月工资到期末仍未发放。")),
    _monthly("lr_wage_account", _("农民工工资专用账户"), _("工资专户监管系统"), _("开户银行"),
             Field("required_yuan", _("应拨付人工费用（元）"), D, required=True),
             Field("deposited_yuan", _("实际拨付（元）"), D, required=True),
             Field("shortfall_yuan", _("拨付差额（元）"), D, required=True),
             description=_("仅工程建设领域：施工总承包单位专用账户按月拨付情况。")),
    _monthly("lr_social_insurance", _("社会保险缴费"), _("社会保险经办系统"), _("社会保险事业管理中心"),
             Field("insured_headcount", _("参保人数"), INT, required=True),
             Field("contribution_due_yuan", _("应缴金额（元）"), D, required=True),
             Field("arrears_yuan", _("欠缴金额（元）"), D, required=True)),
    _monthly("lr_tax", _("纳税信息"), _("金税系统"), _("税务局"),
             Field("tax_paid_yuan", _("入库税款（元）"), D, required=True),
             Field("arrears_yuan", _("欠税金额（元）"), D, required=True)),
    Dataset(code="lr_utilities", name=_("水电气缴费"), source_system=_("公用事业缴费系统"), department=_("供水、供电、供气企业"),
            fields=(_uscc(), _month(), Field("utility", _("类别"), S, required=True,
                                             choices=("water", "electricity", "gas"),
                  labels=(("water", _("水")), ("electricity", _("电")), ("gas", _("燃气")))),
                    Field("usage", _("用量（吨/千瓦时/立方米）"), D, required=True),
                    Field("arrears_yuan", _("欠费金额（元）"), D, required=True)),
            key=("uscc", "month_end", "utility"), freshness=MONTHLY,
            description=_("供水、供电、供气企业按月报送的用量和欠费。")),
    _events("lr_market_records", _("违法经营与经营异常"), _("国家企业信用信息公示系统"), _("市场监督管理局"), "decided_on",
            Field("kind", _("类别"), S, required=True, choices=("abnormal_list", "penalty"),
                  labels=(("abnormal_list", _("列入经营异常名录")), ("penalty", _("行政处罚")))),
            Field("amount_yuan", _("罚没金额（元）"), D)),
    _events("lr_safety_records", _("安全生产与工伤"), _("安全生产监管与工伤认定系统"), _("应急管理局"), "occurred_on",
            Field("kind", _("类别"), S, required=True, choices=("accident", "penalty", "work_injury"),
                  labels=(("accident", _("生产安全事故")), ("penalty", _("行政处罚")), ("work_injury", _("工伤")))),
            Field("casualties", _("伤亡人数"), INT)),
    _events("lr_environment_penalties", _("环境行政处罚"), _("生态环境执法系统"), _("生态环境局"), "decided_on",
            Field("amount_yuan", _("罚款金额（元）"), D)),
    _events("lr_court_records", _("法院涉企案件"), _("审判与执行信息系统"), _("人民法院"), "filed_on",
            Field("kind", _("类别"), S, required=True, choices=("labor_suit", "enforcement", "dishonest"),
                  labels=(("labor_suit", _("劳动争议诉讼")), ("enforcement", _("被执行")), ("dishonest", _("失信被执行人"))))),
    _events("lr_bank_loans", _("贷款逾期"), _("金融信用信息平台"), _("人民银行与辖内银行"), "reported_on",
            Field("overdue_days", _("逾期天数"), INT, required=True),
            Field("amount_yuan", _("逾期金额（元）"), D, required=True)),
    _events("lr_inspections", _("劳动保障监察"), _("劳动保障监察系统"), _("劳动保障监察支队"), "decided_on",
            Field("kind", _("类别"), S, required=True, choices=("order", "penalty"),
                  labels=(("order", _("责令改正")), ("penalty", _("行政处罚"))))),
    _events("lr_arbitrations", _("劳动人事争议仲裁"), _("仲裁办案系统"), _("劳动人事争议仲裁院"), "filed_on",
            Field("workers", _("申请人数"), INT, required=True),
            Field("collective", _("集体争议"), B, required=True)),
    _events("lr_complaints", _("投诉举报与信访"), _("12345热线与信访系统"), _("信访局"), "received_on",
            Field("kind", _("诉求类别"), S, required=True, choices=("wage", "contract", "insurance", "other"),
                  labels=(("wage", _("工资")), ("contract", _("劳动合同")), ("insurance", _("社会保险")), ("other", _("其他")))),
            Field("petition", _("信访件"), B, required=True)),
    _monthly("lr_union_registry", _("工会与调解组织"), _("工会组织管理系统"), _("区总工会"),
             Field("has_union", _("已建工会"), B, required=True),
             Field("has_mediation_committee", _("已建劳动争议调解委员会"), B, required=True),
             Field("collective_contract", _("已备案集体合同"), B, required=True)),
    _monthly("lr_credit_grades", _("劳动保障守法诚信等级"), _("劳动保障诚信评价系统"), _("人力资源和社会保障局"),
             Field("grade", _("等级"), S, required=True, choices=("A", "B", "C"))),
]
