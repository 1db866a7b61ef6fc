"""The 云调解室 scene's cockpit (驾驶舱) on core.dashboards: cases, settlement rate against the seed's 63 %,
claim types, amounts agreed, durations, by mediator and region."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="mediation.overview",
    title=_("云调解室驾驶舱"),
    data_url_name="mediation:cockpit_data",
    export_url_name="mediation:cockpit_export",
    widgets=(
        Widget("headline", _("调解概况"), "table", span=1, table_open=True),
        Widget("status", _("案件状态"), "pie", span=1),
        Widget("types", _("争议类型"), "bar", span=1),
        Widget("mediators", _("调解员"), "table", span=2, table_open=True),
        Widget("regions", _("区划"), "table", span=1, table_open=True),
    ),
))
