"""The mediation case type, handled by core.cases: the mediator's inbox, step deadlines in working days, 督办.

The case follows the mediation: 待派案 (the committee assigns a mediator) → 调解中 → 调解成功 / 调解不成 / 已撤回.
Step deadlines are in working days (core.cases counts 法定节假日 and 调休): assignment within 3 working days
(SPC online-mediation rules Art. 14, borrowed), mediation within 11 working days, the working-day span that
covers the 15 calendar days of LDMAL Art. 14 in an ordinary fortnight. The legal end of the period is the
calendar date stored on the mediation (``Mediation.deadline_on``); the scene's daily sweep closes a mediation
as failed on that date whatever the working days say.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.cases.api import CaseType, OverdueAction, State
from zhili.core.cases.api import Transition as T
from zhili.core.foundation.api import Colour

CASE_TYPE = "mediation.dispute"
STEP = "mediation.case.step"


class CaseState:
    ASSIGNING = "assigning"
    MEDIATING = "mediating"
    SETTLED = "settled"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"


S = CaseState
CASE_TYPES = [
    CaseType(
        code=CASE_TYPE, name="劳动争议调解",
        states=(
            State(S.ASSIGNING, _("待派案"), Colour.GRAY),
            State(S.MEDIATING, _("调解中"), Colour.ORANGE),
            State(S.SETTLED, _("调解成功"), Colour.GREEN, final=True),
            State(S.FAILED, _("调解不成"), Colour.RED, final=True),
            State(S.WITHDRAWN, _("已撤回"), Colour.GRAY, final=True),
        ),
        initial=S.ASSIGNING,
        transitions=(
            T("start", S.ASSIGNING, S.MEDIATING, _("开始调解"), permission=STEP, requires_assignee=True),
            T("settle", S.MEDIATING, S.SETTLED, _("调解成功结案"), permission=STEP),
            T("fail", (S.ASSIGNING, S.MEDIATING), S.FAILED, _("调解不成结案"), permission=STEP,
              requires_comment=True, style="danger"),
            T("withdraw", (S.ASSIGNING, S.MEDIATING), S.WITHDRAWN, _("撤回"), permission=STEP,
              requires_comment=True, style="danger"),
        ),
        deadlines={S.ASSIGNING: 3, S.MEDIATING: 11},
        on_overdue=OverdueAction.ESCALATE,
        deadlines_from=dt.date(2022, 1, 1),  # the SPC online-mediation rules (法释〔2021〕23号) took effect
        deadline_basis="派案 3 个工作日：《人民法院在线调解规则》第十四条（借用）；调解 11 个工作日：覆盖"
                       "《劳动争议调解仲裁法》第十四条规定的 15 日调解期限，法定期限以案件的期限届满日为准",
        rating_states=(S.SETTLED, S.FAILED),
    ),
]
