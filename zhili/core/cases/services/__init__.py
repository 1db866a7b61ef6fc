"""Every change to a case: open, move, assign, comment, attach, supervise, urge, rate, and the deadline sweep.

Each function checks the actor's right before it writes anything, so a denied call changes nothing;
it writes the timeline entry and the audit entry in the same transaction and publishes its event on commit.
"""

from .common import NUMBER_PREFIX, case_digest, due_for, find_assignment_rule  # noqa: F401
from .configuration import save_assignment_rule  # noqa: F401
from .handling import assign_case, attach_file, comment_case  # noqa: F401
from .moving import BulkResult, bulk_transition, open_case, transition_case  # noqa: F401
from .supervision import DeadlineSweep, check_deadlines, rate_case, supervise_case, urge_case  # noqa: F401
