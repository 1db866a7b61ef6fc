"""Help for 助共体: the family's application and 幸福清单, the workers' warnings, applications, home visits and joint
help, 微心愿 for families and volunteers, and the cockpit's seven indicators."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import APPLICANT, VOLUNTEER

DEPARTMENT = {"officer", "inspector"}

HELP = [
    PageHelp("relief_match:home", _("我的救助"), _(
        "本家庭的救助申请和进度，以及幸福清单：已落实和正在办理的帮扶、微心愿。一次申请即可，签署授权后系统核对经济状况并安排入户核查。")),
    PageHelp("relief_match:wishes", _("微心愿"), _("困难家庭发布需求心愿，任何人可发布服务心愿；志愿者认领需求、完成后标记实现，家庭进行评价。")),
    PageHelp("relief_match:warnings", _("主动发现预警"), _("按规则从部门数据中发现的可能困难家庭，每条写明触发的规则和数据；可导出 Excel。")),
    PageHelp("relief_match:applications", _("救助申请"), _("辖区的救助申请、核对结果和认定状态。入户核查完成后，才能认定救助类别。")),
    PageHelp("relief_match:visits", _("入户核查"), _("分派给您的入户核查，在手机上填写情况、是否与申报一致、定位并上传照片（每张不超过 5 MB）。")),
    PageHelp("relief_match:matches", _("联合帮扶"), _("认定后匹配到的帮扶政策和承办部门或社会组织；承办方登记落实情况，家庭进行评价。")),
    PageHelp("relief_match:cockpit", _("助共体驾驶舱"), _("各乡镇、村的七项评价指标；少于 5 户的格子显示“<5”。")),
    Guide(_("困难家庭：申请救助"), roles={APPLICANT}, steps=[
        _("在“我的救助”填写申请，家庭成员按提示签署数据核对授权。"),
        _("工作人员上门核查后认定类别，匹配的帮扶会逐项落实。"),
        _("在幸福清单查看帮扶进度，落实后进行评价。"),
    ]),
    Guide(_("村、乡镇工作人员：核查和认定"), roles=DEPARTMENT, steps=[
        _("查看“主动发现预警”，联系可能有困难的家庭。"),
        _("在“入户核查”用手机完成上门核查。"),
        _("在“救助申请”认定类别，系统把匹配的帮扶交给各承办方。"),
    ]),
    Guide(_("志愿者：认领微心愿"), roles={VOLUNTEER}, steps=[
        _("在“微心愿”浏览需求，认领您能帮助的一项。"),
        _("完成后标记为已实现，等待家庭评价。"),
    ]),
    Faq(_("我的个人信息会被公开吗？"), _("不会。扫描救助码看到的幸福清单不显示姓名；身份证号等信息加密保存，工作人员查阅留有记录。")),
    Contact(_("民政局社会救助科"), phone="12345", hours=_("工作日 9:00–17:00"), note=_("救助申请、认定和帮扶落实的咨询。")),
]
