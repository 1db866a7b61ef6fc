"""Every change of state in the 安薪在线 scene: ``verb_noun(..., *, actor)``, atomic, audited, legal steps ledgered.

Each service checks permission first (a denied call changes nothing), writes its audit entry in its transaction
and publishes its events after commit.
"""

from .attendance import ImportReport, LineError, check_in, distance_m, import_attendance
from .checks import pay_date, project_findings, run_checks
from .closure import close_special_account, closure_blockers, complete_project, notice_ends, release_deposit
from .complaints import file_complaint
from .credit import (
    credit_facts,
    credit_report_context,
    credit_report_pdf,
    deposit_record,
    level_for,
    list_on_blacklist,
    on_blacklist,
    rate_enterprise,
    remove_from_blacklist,
)
from .payments import ReconcileReport, create_payment_batch, payable_lines, reconcile_return_file
from .payroll import (
    DISPUTE_CASE,
    build_wage_sheet,
    compute_lines,
    confirm_wage_line,
    dispute_wage_line,
    issue_wage_sheet,
    settle_dispute,
)
from .projects import (
    add_subcontract,
    add_team,
    lodge_deposit,
    lodge_deposit_on_record,
    open_special_account,
    record_labor_cost_payment,
    register_project,
    schedule_labor_cost,
)
from .roster import employer_of, exit_worker, record_labor_contract, register_worker, request_labor_contract

__all__ = [
    "DISPUTE_CASE", "ImportReport", "LineError", "ReconcileReport", "add_subcontract", "add_team",
    "build_wage_sheet", "check_in", "compute_lines", "confirm_wage_line", "create_payment_batch",
    "dispute_wage_line", "distance_m", "exit_worker", "import_attendance", "issue_wage_sheet", "lodge_deposit",
    "open_special_account", "payable_lines", "reconcile_return_file", "record_labor_cost_payment",
    "register_project", "register_worker", "schedule_labor_cost", "settle_dispute", "pay_date", "project_findings",
    "run_checks", "file_complaint", "credit_facts", "level_for", "list_on_blacklist", "on_blacklist",
    "rate_enterprise", "remove_from_blacklist", "credit_report_context", "credit_report_pdf",
    "close_special_account", "closure_blockers", "complete_project", "notice_ends", "release_deposit",
    "employer_of", "record_labor_contract", "request_labor_contract", "deposit_record", "lodge_deposit_on_record",
]
