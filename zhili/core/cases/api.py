"""What other packages and scenes may call in core.cases."""

from .choices import EventAction, OverdueAction, Priority  # noqa: F401
from .declarations import CaseType, ClosedLoop, State, Transition, closed_loop_case_type  # noqa: F401
from .models import Case  # noqa: F401  (FK target and reads)
from .queries import my_inbox, office_inbox, overdue_cases, visible_cases  # noqa: F401
from .registry import case_types, get_case_type, register_module  # noqa: F401
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
from .workdays import add_working_days, calendar_alert, is_working_day, working_days_between  # noqa: F401
