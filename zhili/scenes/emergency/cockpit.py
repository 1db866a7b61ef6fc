"""The cockpit's analyses (table results): calls, response-time distribution against the 4-minute window,
dispatch / on-scene / transport intervals, needs (diseases by capability), by county."""

from django.utils.translation import gettext as _

from zhili.core.dashboards.api import count_cell, share_cell, stat_cell, table_result

from . import queries
from .choices import Capability, Priority
from .models import Run

BUCKETS = ["0–4", "4–8", "8–12", "12–16", "16+"]


def analyses(user) -> dict:
    calls = queries.centre_calls(user)
    runs = Run.objects.filter(call__in=calls)
    figures = queries.response_figures(runs)
    n = figures["count"]

    def minutes(seconds):
        return stat_cell(round(seconds / 60, 1) if seconds is not None else None, n)

    kpi = [[_("呼救总数"), count_cell(calls.count())],
           [_("到达现场"), count_cell(n)],
           [_("4 分钟内到达"), share_cell(figures["within_window"], n)],
           [_("反应时间中位数（分钟）"), minutes(figures["median_response_s"])],
           [_("派车间隔中位数（分钟）"), minutes(figures["median_dispatch_s"])],
           [_("现场时间中位数（分钟）"), minutes(figures["median_on_scene_s"])],
           [_("转运时间中位数（分钟）"), minutes(figures["median_transport_s"])]]
    distribution = [[label + _(" 分钟"), count_cell(c)] for label, c in zip(BUCKETS, figures["buckets"], strict=True)]
    by_priority = [[str(p.label), count_cell(calls.filter(priority=p.value).count())] for p in Priority]
    by_need = [[str(c.label), count_cell(figures["by_capability"].get(c.value, 0))] for c in Capability]
    by_county = [[name, count_cell(c)] for name, c in sorted(figures["by_county"].items())]
    return {
        "kpi": table_result("kpi", _("核心指标"), [_("指标"), _("数值")], kpi, chart="table",
                            note=_("反应时间 = 受理至到达现场；4 分钟为心脏骤停黄金抢救时间窗")),
        "response": table_result("response", _("反应时间分布"), [_("区间"), _("任务数")], distribution, chart="bar"),
        "priority": table_result("priority", _("呼救分级"), [_("优先级"), _("呼救数")], by_priority, chart="pie"),
        "need": table_result("need", _("病种（所需救治能力）"), [_("类别"), _("任务数")], by_need, chart="hbar"),
        "county": table_result("county", _("按县（市、区）"), [_("县（市、区）"), _("到达现场任务数")], by_county,
                               chart="bar"),
    }
