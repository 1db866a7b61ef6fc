"""Case types of the 人大代表履职 scene, handled by core.cases (deadlines in working days, 督办, closure, rating).

An opinion a station refers to a department is a ``deputy_duty.opinion`` case: 已交办 → (the department answers)
已答复 → the citizen and the deputy rate: 不满意 sends it to 重新办理 (answered again), all satisfied closes it.
The deadlines are the scene's dated parameters (``policies.py``).
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.cases.api import CaseType, State, Transition
from zhili.core.foundation.api import Colour

from .roles import HANDLER
from .rules import declared_values

OPINION_CASE = "deputy_duty.opinion"
REFERRED, REPLIED, REHANDLING, CLOSED = "referred", "replied", "rehandling", "closed"

_reply, _rehandle = declared_values("opinion_reply_days")[0], declared_values("opinion_rehandle_days")[0]

CASE_TYPES = [
    CaseType(
        code=OPINION_CASE, name="人大代表联络站交办意见",
        states=(
            State(REFERRED, _("已交办"), Colour.BLUE),
            State(REPLIED, _("已答复待评价"), Colour.YELLOW),
            State(REHANDLING, _("重新办理"), Colour.ORANGE),
            State(CLOSED, _("已办结"), Colour.GREEN, final=True),
        ),
        initial=REFERRED,
        transitions=(
            Transition("reply", (REFERRED, REHANDLING), REPLIED, _("答复"), roles=frozenset({HANDLER}),
                       requires_comment=True, sets_result=True),
            Transition("rehandle", REPLIED, REHANDLING, _("不满意，重新办理"),
                       permission="deputy_duty.opinion.case_rehandle", requires_comment=True, style="danger"),
            Transition("close", REPLIED, CLOSED, _("满意，办结"), permission="deputy_duty.opinion.case_close"),
            Transition("close_unrated", REPLIED, CLOSED, _("逾期未评价，办结"),
                       permission="deputy_duty.opinion.case_close_unrated"),
        ),
        deadlines={REFERRED: _reply.value, REHANDLING: _rehandle.value},
        deadline_basis=f"答复：{_reply.reference}；重新办理：{_rehandle.reference}",
        deadlines_from=_reply.effective_from,
        rating_states=(CLOSED,),
    ),
]
