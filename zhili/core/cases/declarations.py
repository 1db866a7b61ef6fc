"""How scenes declare case types in their ``workflows.py``: states, transitions, deadlines, overdue handling.

A scene writes ``CASE_TYPES = [closed_loop_case_type("labor_risk_warning", "劳动关系风险处置", ...)]``;
the registry (``registry.py``) collects them at start-up.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import Colour
from zhili.core.identity.roles import DEPARTMENT_ROLES

from .choices import OverdueAction, Who


@dataclass(frozen=True)
class State:
    """One state of a case type, with its Chinese label and badge colour."""

    value: str
    label: str
    colour: str = Colour.GRAY
    final: bool = False


@dataclass(frozen=True)
class Transition:
    """A named step from one or more states to a target state, and who may take it.

    ``permission`` (a dotted rule name) decides if set; otherwise ``who`` and ``roles`` decide:
    ``owner`` = a member of the owning organisation holding one of ``roles`` whose scope covers the region,
    ``assignee`` = the case's assignee (or an owner member), ``requester`` = the person who raised it.
    ``sets_result`` stores the comment as the result reported back (反馈结果); ``requires_assignee`` refuses
    the step while nobody is assigned.
    """

    name: str
    source: tuple[str, ...]
    target: str
    label: str
    who: str = Who.OWNER
    roles: frozenset[str] | None = None  # None: every department role registered when the step is declared
    permission: str = ""
    requires_comment: bool = False
    sets_result: bool = False
    requires_assignee: bool = False
    style: str = "primary"

    def __post_init__(self):
        if isinstance(self.source, str):
            object.__setattr__(self, "source", (self.source,))
        object.__setattr__(self, "roles", frozenset(DEPARTMENT_ROLES if self.roles is None else self.roles))


@dataclass(frozen=True)
class CaseType:
    """A kind of case (工单类型) a scene handles: its state machine, deadlines and overdue handling.

    ``deadlines`` maps a state to the working days a case may stay in it; ``on_overdue`` says whether a
    late case only reminds its assignee or is escalated to its supervisor (督办). ``deadline_basis`` cites
    where the deadlines come from (文号 or the scene's service commitment) and ``deadlines_from`` the day they
    took effect: each becomes a dated parameter ``cases.<code>`` / ``<state>`` (listed on ``/policy/rules/``).
    ``later_deadlines`` adds values that take effect later: ``{state: [(days, effective_from, basis), ...]}``.
    """

    code: str
    name: str
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    deadlines: dict[str, int] = field(default_factory=dict)
    on_overdue: str = OverdueAction.ESCALATE
    deadline_basis: str = ""
    rating_states: tuple[str, ...] = ()
    deadlines_from: dt.date | None = None
    later_deadlines: dict = field(default_factory=dict)

    def __post_init__(self):
        values = [s.value for s in self.states]
        if self.initial not in values:
            raise ValueError(f"case type {self.code}: initial state {self.initial!r} is not one of its states")
        for transition in self.transitions:
            unknown = [s for s in (*transition.source, transition.target) if s not in values]
            if unknown:
                raise ValueError(f"case type {self.code}: transition {transition.name} names unknown states {unknown}")
        for state in (*self.deadlines, *self.later_deadlines):
            if state not in values:
                raise ValueError(f"case type {self.code}: deadline for unknown state {state!r}")
        if self.deadlines and not (isinstance(self.deadlines_from, dt.date) and self.deadline_basis):
            raise ValueError(f"case type {self.code}: deadlines need deadline_basis and deadlines_from "
                             "(the date they took effect)")
        if self.on_overdue not in OverdueAction.values:
            raise ValueError(f"case type {self.code}: on_overdue must be one of {OverdueAction.values}")
        if len({t.name for t in self.transitions}) != len(self.transitions):
            raise ValueError(f"case type {self.code}: transition names must be unique")

    def state(self, value: str) -> State:
        for state in self.states:
            if state.value == value:
                return state
        return State(value, value)

    def transition(self, name: str) -> Transition | None:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        return None

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source]

    def is_final(self, state: str) -> bool:
        return self.state(state).final

    @property
    def final_states(self) -> tuple[str, ...]:
        return tuple(s.value for s in self.states if s.final)

    @property
    def open_states(self) -> tuple[str, ...]:
        return tuple(s.value for s in self.states if not s.final)


class ClosedLoop:
    """The state values of the standard closed loop (受理 → 派单 → 处置 → 反馈 → 办结 → 评价)."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DISPATCHED = "dispatched"
    HANDLING = "handling"
    REPORTED = "reported"
    CLOSED = "closed"
    REJECTED = "rejected"


CLOSED_LOOP_DEFAULTS_FROM = dt.date(2025, 1, 1)  # when the platform's default service commitment was set
CLOSED_LOOP_DEFAULT_DEADLINES = {
    ClosedLoop.SUBMITTED: 1,
    ClosedLoop.ACCEPTED: 1,
    ClosedLoop.DISPATCHED: 1,
    ClosedLoop.HANDLING: 5,
    ClosedLoop.REPORTED: 2,
}


def closed_loop_case_type(code: str, name: str, *, deadlines: dict[str, int] | None = None,
                          deadline_basis: str = "", deadlines_from: dt.date | None = None,
                          on_overdue: str = OverdueAction.ESCALATE,
                          roles: Iterable[str] | None = None) -> CaseType:
    """The standard closed loop: 待受理 → 已受理 → 已派单 → 处置中 → 已反馈 → 已办结, then the requester rates.

    ``deadlines`` (working days per state) replace the defaults, which are a service commitment and must
    be replaced by the scene's own legal or published deadlines with ``deadline_basis`` naming them and
    ``deadlines_from`` the day they took effect.
    """
    c = ClosedLoop
    roles = frozenset(DEPARTMENT_ROLES if roles is None else roles)
    states = (
        State(c.SUBMITTED, _("待受理"), Colour.GRAY),
        State(c.ACCEPTED, _("已受理"), Colour.BLUE),
        State(c.DISPATCHED, _("已派单"), Colour.BLUE),
        State(c.HANDLING, _("处置中"), Colour.ORANGE),
        State(c.REPORTED, _("已反馈"), Colour.YELLOW),
        State(c.CLOSED, _("已办结"), Colour.GREEN, final=True),
        State(c.REJECTED, _("不予受理"), Colour.RED, final=True),
    )
    transitions = (
        Transition("accept", c.SUBMITTED, c.ACCEPTED, _("受理"), roles=roles),
        Transition("reject", c.SUBMITTED, c.REJECTED, _("不予受理"), roles=roles, requires_comment=True,
                   style="danger"),
        Transition("dispatch", c.ACCEPTED, c.DISPATCHED, _("派单"), roles=roles, requires_assignee=True),
        Transition("handle", c.DISPATCHED, c.HANDLING, _("开始处置"), who=Who.ASSIGNEE, roles=roles),
        Transition("report_back", c.HANDLING, c.REPORTED, _("反馈结果"), who=Who.ASSIGNEE, roles=roles,
                   requires_comment=True, sets_result=True),
        Transition("send_back", c.REPORTED, c.HANDLING, _("退回重办"), roles=roles, requires_comment=True,
                   style="danger"),
        Transition("close", c.REPORTED, c.CLOSED, _("办结"), roles=roles),
    )
    return CaseType(
        code=code, name=name, states=states, initial=c.SUBMITTED, transitions=transitions,
        deadlines=dict(CLOSED_LOOP_DEFAULT_DEADLINES if deadlines is None else deadlines),
        on_overdue=on_overdue,
        deadline_basis=deadline_basis or "平台默认服务承诺时限（场景应以其法定或公开承诺时限替换）",
        deadlines_from=deadlines_from or (CLOSED_LOOP_DEFAULTS_FROM if deadlines is None else None),
        rating_states=(c.CLOSED, c.REJECTED),
    )
