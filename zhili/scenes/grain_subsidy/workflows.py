"""Case types of the 浙农补 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.cases.api import CaseType, OverdueAction, State, Transition, closed_loop_case_type
from zhili.core.foundation.api import Colour

RECTIFYING, FIXED, UNFIXED = "rectifying", "fixed", "unfixed"

CASE_TYPES = [
    closed_loop_case_type(
        "grain_subsidy.objection", "浙农补预核定异议",
        deadline_basis="平台服务承诺期限，平湖市文件未能核实：农户对预核定面积或金额的异议",
    ),
    # A red plot (non-agricultural use, perennial abandonment, an excluded use) is blocked and its town's office
    # gets a rectification task (整改任务). The task closes as 已整改 only through re-verification: a field check
    # on the plot after the task opened, with its photo, finding a use that is no longer red
    # (``services.rectification``); the office may instead close it as 未整改 with its reasons.
    CaseType(
        code="grain_subsidy.rectification", name="浙农补红色预警地块整改",
        states=(State(RECTIFYING, _("整改中"), Colour.ORANGE), State(FIXED, _("已整改"), Colour.GREEN, final=True),
                State(UNFIXED, _("未整改"), Colour.RED, final=True)),
        initial=RECTIFYING,
        transitions=(
            Transition("reverify", RECTIFYING, FIXED, _("复核通过"), permission="grain_subsidy.rectification.reverify",
                       requires_comment=True, sets_result=True),
            Transition("give_up", RECTIFYING, UNFIXED, _("认定未整改"), permission="grain_subsidy.rectification.act",
                       requires_comment=True, sets_result=True, style="danger"),
        ),
        deadlines={RECTIFYING: 20},
        deadlines_from=dt.date(2026, 1, 1),
        deadline_basis=("设计假设，平湖市文件未能核实：红色预警地块 20 个工作日内整改并经实地复核；整改要求见"
                        "国办发〔2020〕44号（防止耕地“非粮化”）、国办发〔2020〕24号（制止耕地“非农化”）"),
        on_overdue=OverdueAction.ESCALATE,
    ),
]
