"""Help for 劳务派遣监管: the agency's portal (workers, annual report, licence changes), the officer's agency, report
and host-employer lists, special working-hours approvals and the cockpit."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import AGENCY, OFFICER

HELP = [
    PageHelp("dispatch_watch:portal", _("派遣单位填报"), _(
        "本派遣单位的许可证、信用等级、派遣人员和年度经营报告。在这里登记或导入派遣人员名册、提交年度报告（每年 3 月 31 日前）和申请许可事项变更。")),
    PageHelp("dispatch_watch:agency_list", _("劳务派遣单位"), _(
        "辖区劳务派遣单位和许可证状态，可按状态和信用等级筛选、导出。在单位页办理许可证延续、注销、吊销和变更申请。")),
    PageHelp("dispatch_watch:report_list", _("派遣年度报告核验"), _(
        "派遣单位提交的年度报告和系统发现的问题。核验为合格、不合格或无业务；不合格自动生成整改工单。核验结果可以公示。")),
    PageHelp("dispatch_watch:host_list", _("用工单位派遣预警"), _(
        "用工单位的派遣比例、临时性岗位期限和“假外包、真派遣”等比对结果及预警等级；橙色、红色预警自动生成核查工单。")),
    PageHelp("dispatch_watch:hours_list", _("特殊工时审批"), _(
        "综合计算工时和不定时工作制的申请。单位管理员提交申请；监管员批准或不予批准，决定书生成 PDF 并加盖电子印章。")),
    PageHelp("dispatch_watch:cockpit", _("劳务派遣驾驶舱"), _("辖区派遣单位、派遣人员、年度报告核验和预警的统计。")),
    Guide(_("派遣单位：年度报告"), roles={AGENCY}, steps=[
        _("在“派遣单位填报”核对派遣人员名册，新增或导入人员。"),
        _("3 月 31 日前填写并提交上一年度的经营报告，各项合计须相符。"),
        _("核验结果在消息中心通知；不合格的按整改要求办理。"),
    ]),
    Guide(_("监管员：核验年度报告"), roles={OFFICER}, steps=[
        _("在“派遣年度报告核验”打开报告，查看系统列出的问题及依据。"),
        _("选择合格、不合格或无业务；与系统提示不一致的须写明理由。"),
        _("核验完成后公示结果。"),
    ]),
    Guide(_("用人单位：申请特殊工时"), roles={Role.EMPLOYER_ADMIN}, steps=[
        _("在“特殊工时审批”填写工时制度、岗位、人数、期限和休息安排后提交。"),
        _("审批结果在消息中心通知，决定书可下载并在平台验证签章。"),
    ]),
    Faq(_("逾期未提交年度报告会怎样？"), _("3 月 31 日后系统在消息中心提醒；提醒后 15 天仍未提交的，生成监察工单。")),
    Contact(_("人力资源和社会保障局劳动关系科"), phone="12333", hours=_("工作日 8:30–17:00"),
            note=_("劳务派遣许可、年度报告和特殊工时审批的咨询。")),
]
