"""Help for 安薪在线: the worker's wages and complaint, the projects of the general contractor and the teams
(人清、账清、钱清), the findings, the credit grades and the cockpit of the housing and HR bureaus."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import CONTRACTOR, HOUSING, HRSS, TEAM_LEAD

HELP = [
    PageHelp("wage_guard:my_wages", _("我的工资"), _(
        "班组每月发放的工资单：出勤天数、应发、扣款和实发。在期限内确认，或对不对的一项提出异议（转人社部门处理）；"
        "您的投诉和办理进度也在这里。")),
    PageHelp("wage_guard:project_list", _("在建项目"), _(
        "您可以查看的在建项目。打开项目办理实名进场、考勤导入、工资单、工资专户、人工费用拨付、保证金和代发文件；"
        "项目页可打印安薪码，供工人扫码签到和投诉。")),
    PageHelp("wage_guard:finding_list", _("欠薪风险"), _(
        "每日检查发现的问题：专户余额不足、人工费用拨付逾期、低于最低工资、工资逾期未发、有考勤无工资等；严重的自动生成工单。可筛选和导出 Excel。")),
    PageHelp("wage_guard:credit_list", _("诚信等级"), _("企业的劳动保障诚信等级（AAA 至 C）和依据，以及拖欠工资失信名单。")),
    PageHelp("wage_guard:cockpit", _("安薪在线驾驶舱"), _("辖区在建项目、工人、工资发放、欠薪风险和投诉办理的统计。")),
    Guide(_("工人：确认工资或投诉"), roles={Role.WORKER}, steps=[
        _("收到工资单通知后打开“我的工资”，核对出勤和金额。"),
        _("无误点“确认无误”；有误点“提出异议”并说明，人社部门会处理。"),
        _("被拖欠工资时，扫描工地的安薪码投诉，或拨打 12333。"),
    ]),
    Guide(_("总包劳资专管员：人清、账清、钱清"), roles={CONTRACTOR, TEAM_LEAD}, steps=[
        _("在项目页为工人办理实名进场，按月导入考勤机数据。"),
        _("生成并发放工资单，工人在手机上确认。"),
        _("用工资专户生成银行代发文件，银行回盘后导入核对。"),
    ]),
    Guide(_("住建、人社部门：监管欠薪风险"), roles={HOUSING, HRSS}, steps=[
        _("在工作台和“欠薪风险”查看辖区项目的问题。"),
        _("严重问题生成的工单在“工单办理”中办理。"),
        _("在“诚信等级”评定企业等级，必要时列入失信名单。"),
    ]),
    Faq(_("工资单过了确认期限怎么办？"), _("期限后不能再确认或提出异议，未答复的视为无异议发放；有争议请扫描安薪码投诉或拨打 12333。")),
    Contact(_("12333 人力资源和社会保障服务热线"), phone="12333", hours=_("工作日 8:30–17:00"),
            note=_("拖欠农民工工资的咨询和投诉。")),
]
