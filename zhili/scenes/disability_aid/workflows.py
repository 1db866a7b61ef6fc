"""The case type of a suspected disability, handled through core.cases by the village disability worker:
待入户核查 → 已入户核查 → 评定中 → 已发证, or closed without a certificate (未达残疾标准, 本人不申请)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.cases.api import CaseType, State, Transition, closed_loop_case_type
from zhili.core.foundation.api import Colour

SUSPECT_CASE_TYPE = "disability_aid_suspect"
PERMISSION = "disability_aid.suspect.handle"

SUSPECT_CASE = CaseType(
    code=SUSPECT_CASE_TYPE,
    name="疑似残疾入户核查",
    states=(
        State("detected", _("待入户核查"), Colour.BLUE),
        State("visited", _("已入户核查"), Colour.YELLOW),
        State("applied", _("评定中"), Colour.ORANGE),
        State("certified", _("已发证"), Colour.GREEN, final=True),
        State("not_disabled", _("未达残疾标准"), Colour.GRAY, final=True),
        State("declined", _("本人不申请"), Colour.GRAY, final=True),
    ),
    initial="detected",
    transitions=(
        Transition("visit", "detected", "visited", _("记录入户核查"), permission=PERMISSION),
        Transition("decline", "visited", "declined", _("本人不申请"), permission=PERMISSION, requires_comment=True),
        Transition("apply", "visited", "applied", _("提交评残申请"), permission=PERMISSION),
        Transition("certify", "applied", "certified", _("发证"), permission=PERMISSION),
        Transition("not_disabled", "applied", "not_disabled", _("未达残疾标准"), permission=PERMISSION,
                   requires_comment=True),
    ),
    deadlines={"detected": 10, "visited": 3, "applied": 20},
    deadline_basis="本场景服务承诺：线索推送后 10 个工作日内入户，核查后 3 个工作日内提交申请，"
                   "20 个工作日内完成评定与发证（江山市时限未经核实）",
    deadlines_from=dt.date(2026, 1, 1),
    rating_states=("certified",),
)

CASE_TYPES = [SUSPECT_CASE]

PREVENTION_WORK_CASE_TYPE = "disability_aid_prevention_work"
PREVENTION_TRAFFIC_CASE_TYPE = "disability_aid_prevention_traffic"
PREVENTION_CASE_TYPES = {"work": PREVENTION_WORK_CASE_TYPE, "traffic": PREVENTION_TRAFFIC_CASE_TYPE}
PREVENTION_DEADLINES = {"submitted": 1, "accepted": 2, "dispatched": 2, "handling": 15, "reported": 3}
PREVENTION_BASIS = ("本场景服务承诺：致残事故推送后 1 个工作日内受理，15 个工作日内完成核查整改（江山市“致残事故监管执法一件事”"
                    "的时限未经核实）")


def _prevention_roles():
    from .roles import CLERK, PREVENTION

    return frozenset({PREVENTION, CLERK})


CASE_TYPES += [
    closed_loop_case_type(PREVENTION_WORK_CASE_TYPE, "工伤致残事故源头治理", deadlines=PREVENTION_DEADLINES,
                          deadline_basis=PREVENTION_BASIS, deadlines_from=dt.date(2026, 1, 1),
                          roles=_prevention_roles()),
    closed_loop_case_type(PREVENTION_TRAFFIC_CASE_TYPE, "交通致残事故源头治理", deadlines=PREVENTION_DEADLINES,
                          deadline_basis=PREVENTION_BASIS, deadlines_from=dt.date(2026, 1, 1),
                          roles=_prevention_roles()),
]
