"""What scenes and other core packages may use from core.cases (工单与闭环处置).

Declaring case types in a scene's ``workflows.py`` (``CASE_TYPES = [...]``): ``CaseType``, ``State``,
    ``Transition``, ``closed_loop_case_type`` (the standard 受理 → 派单 → 处置 → 反馈 → 办结 loop), ``ClosedLoop``,
    ``Priority``, ``OverdueAction``, ``EventAction``; ``case_types()``, ``get_case_type(code)``.
Models: ``Case`` (FK target and reads), ``AssignmentRule`` (who receives a case type's cases in a region).
Services: ``open_case``, ``assign_case``, ``transition_case``, ``bulk_transition``, ``comment_case``,
    ``attach_file``, ``supervise_case`` (督办), ``urge_case``, ``rate_case``, ``check_deadlines``,
    ``save_assignment_rule``.
Reads: ``my_inbox``, ``office_inbox``, ``overdue_cases``, ``visible_cases``.
Working days (法定节假日 and 调休): ``add_working_days``, ``is_working_day``, ``working_days_between``.
"""

from .choices import EventAction, OverdueAction, Priority  # noqa: F401
from .declarations import CaseType, ClosedLoop, State, Transition, closed_loop_case_type  # noqa: F401
from .models import AssignmentRule, Case  # noqa: F401  (FK target and reads)
from .queries import my_inbox, office_inbox, overdue_cases, visible_cases  # noqa: F401
from .registry import case_types, get_case_type  # noqa: F401
from .services import (  # noqa: F401
    assign_case,
    attach_file,
    bulk_transition,
    check_deadlines,
    comment_case,
    open_case,
    rate_case,
    supervise_case,
    transition_case,
    urge_case,
)
from .services.configuration import save_assignment_rule  # noqa: F401
from .workdays import add_working_days, calendar_alert, is_working_day, working_days_between  # noqa: F401
