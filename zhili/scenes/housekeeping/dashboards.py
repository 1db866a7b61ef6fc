"""The 浙里好家政 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="housekeeping.overview",
    title=_("浙里好家政驾驶舱"),
    data_url_name="housekeeping:cockpit_data",
    export_url_name="housekeeping:cockpit_export",
    widgets=(Widget("colours", _("安心码分布"), "pie", span=1), Widget("agency_grades", _("机构信用等级"), "bar", span=1),
             Widget("worker_stars", _("服务员信用星级"), "bar", span=1), Widget("orders", _("订单状态"), "bar", span=1),
             Widget("response", _("接单响应（参考线 20 分钟）"), "table", span=1), Widget("ratings", _("评价"), "table", span=1),
             Widget("complaints", _("投诉"), "table", span=1), Widget("seekers", _("当家政：从推送到首单"), "bar", span=1)),
))
