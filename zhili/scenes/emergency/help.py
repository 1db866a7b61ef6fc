"""Help for 浙里急救 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("emergency:call", _("一键呼救 120"), _("按下按钮即呼叫 120；同意后发送您的位置。紧急情况也可直接拨打 120。")),
    PageHelp("emergency:console", _("120 调度台"), _("接收呼救，确认位置和病情，派出救护车。")),
    PageHelp("emergency:crew", _("车组终端"), _("本车组收到的任务，出车、到达和送院时更新状态。")),
    PageHelp("emergency:hospital", _("急诊接收"), _("送往本院的患者和预计到达时间，提前做好接收准备。")),
    PageHelp("emergency:aed_map", _("AED 地图"), _("附近自动体外除颤器（AED）的位置。")),
    PageHelp("emergency:cockpit", _("急救驾驶舱"), _("呼救、派车和到达时间的统计。")),
    PageHelp("emergency:live_map", _("救护车实时地图"), _("救护车的实时位置和状态。")),
    Contact(_("120 急救电话"), phone="120", note=_("危及生命的紧急情况请直接拨打 120。")),
]
