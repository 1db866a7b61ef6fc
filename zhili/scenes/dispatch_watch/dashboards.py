"""The 劳务派遣监管 scene's cockpit (驾驶舱) on core.dashboards: agencies by place and grade, the roster by post
nature, age, place, host industry and insurance, last year's verification results; a click on a place drills
down to it."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="dispatch_watch.overview",
    title=_("劳务派遣监管驾驶舱"),
    data_url_name="dispatch_watch:cockpit_data",
    export_url_name="dispatch_watch:cockpit_export",
    widgets=(
        Widget("kpi", _("总体情况"), "kpi", span=3),
        Widget("towns", _("派遣单位分布（按区划、信用等级）"), "bar", span=2, table_open=True),
        Widget("verdicts", _("上年度报告核验结论"), "pie"),
        Widget("credit", _("信用等级"), "pie"),
        Widget("nature", _("岗位性质"), "pie"),
        Widget("ages", _("年龄结构"), "pie"),
        Widget("insurance", _("参保情况"), "pie"),
        Widget("place", _("工作地"), "bar"),
        Widget("industry", _("用工单位行业"), "bar", span=2),
    ),
))
