"""Help for 浙里好家政 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("housekeeping:my_code", _("我的安心码"), _("您的家政服务员安心码，客户扫码可查看您的核验情况。")),
    PageHelp("housekeeping:customer_home", _("找家政"), _("查找家政服务员和机构，查看安心码和评价。")),
    PageHelp("housekeeping:agency_home", _("本机构家政服务员"), _("本机构登记的家政服务员及其核验情况。")),
    PageHelp("housekeeping:worker_list", _("家政服务员"), _("辖区登记的家政服务员和核验结果。")),
    PageHelp("housekeeping:watch_list", _("重点关注名单"), _("需要重点关注的家政服务员。")),
    PageHelp("housekeeping:seeker_list", _("当家政：就业帮扶"), _("想从事家政服务的求职人员和就业帮扶。")),
    PageHelp("housekeeping:cockpit", _("浙里好家政驾驶舱"), _("家政机构、服务员、核验和评价的统计。")),
    Contact(_("商务局"), phone="12345", note=_("家政服务的咨询和投诉。")),
]
