"""Every change of state in the 劳务派遣监管 scene: ``verb_noun(..., *, actor)``, atomic, audited.

Agencies and licences, dispatched workers (``workers``), annual reports and their verification (``reports``),
host-employer checks and warnings (``checks``), special working hours (``hours``). Each service checks
permission first (a denied call changes nothing); legally relevant steps (a verification verdict, a licence
decision, a working-hours approval) are appended to the evidence ledger.
"""

from .agencies import cancel_licence, register_agency, renew_licence, set_credit_grade, sweep_licences
from .changes import decide_licence_change, request_licence_change
from .credit import grade_agencies
from .hours import apply_special_hours, decide_special_hours
from .reports import publish_results, submit_report, sweep_overdue_reports, verify_report
from .workers import end_dispatch, import_workers, record_host, record_worker

__all__ = ["apply_special_hours", "cancel_licence", "decide_licence_change", "decide_special_hours", "end_dispatch",
           "grade_agencies", "import_workers", "publish_results", "record_host", "record_worker", "register_agency",
           "renew_licence", "request_licence_change", "set_credit_grade", "submit_report", "sweep_licences",
           "sweep_overdue_reports", "verify_report"]
