"""The 劳务派遣监管 scene's cockpit (驾驶舱) on core.dashboards: agencies by place and grade, the roster by post
nature, age, place, host industry and insurance, last year's verification results; a click on a place drills
down to it."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="dispatch_watch.overview",
    title="劳务派遣监管驾驶舱",
    data_url_name="dispatch_watch:cockpit_data",
    export_url_name="dispatch_watch:cockpit_export",
    widgets=(
        Widget("kpi", "总体情况", "kpi", span=3),
        Widget("towns", "派遣单位分布（按区划、信用等级）", "bar", span=2, table_open=True),
        Widget("verdicts", "上年度报告核验结论", "pie"),
        Widget("credit", "信用等级", "pie"),
        Widget("nature", "岗位性质", "pie"),
        Widget("ages", "年龄结构", "pie"),
        Widget("insurance", "参保情况", "pie"),
        Widget("place", "工作地", "bar"),
        Widget("industry", "用工单位行业", "bar", span=2),
    ),
))
