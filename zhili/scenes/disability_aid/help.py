"""Help for 智慧助残 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("disability_aid:visit_list", _("入户核查"), _("分派给您的入户核查，上门了解情况后在手机上记录结果。")),
    PageHelp("disability_aid:suspect_list", _("疑似残疾线索"), _("系统从部门数据中发现的可能未办残疾人证的人员，安排入户核查。")),
    PageHelp("disability_aid:certificate_list", _("残疾人证"), _("协助办理的残疾人证及其进度。")),
    PageHelp("disability_aid:run_list", _("两项补贴发放"), _("困难残疾人生活补贴和重度残疾人护理补贴的每月发放批次，经办后复核。")),
    PageHelp("disability_aid:cockpit", _("智慧助残驾驶舱"), _("线索、核查、办证和补贴发放的统计。")),
    PageHelp("disability_aid:my_profile", _("我的助残档案"),
             _("持证或正在办证的残疾人实名认证后，在这里查看自己的残疾人证、补贴发放、服务记录，并评价残联的服务。")),
    Contact(_("残疾人联合会"), phone="12345", note=_("残疾人证和两项补贴的咨询。")),
]
