"""The 童装产业大脑 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="industry_brain.overview",
    title=_("童装产业大脑驾驶舱"),
    data_url_name="industry_brain:cockpit_data",
    export_url_name="industry_brain:cockpit_export",
    widgets=(Widget("roles", _("入驻企业（按角色）"), "pie", span=1), Widget("orders", _("云工厂订单状态"), "bar", span=1),
             Widget("monthly", _("月度产量与用电"), "line", span=2)),
))
