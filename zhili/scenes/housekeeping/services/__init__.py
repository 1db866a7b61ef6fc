"""Every change of state in the 浙里好家政 scene: ``verb_noun(..., *, actor)``, atomic, audited.

Registry (agencies, workers, customers, check results) in ``registry``; the 安心码, notice slips and the watch list
in ``codes``; requests, orders, the three-party contract and check-in in ``orders``; ratings, grades, complaints
and the job seekers' path (当家政) in ``credit``.
"""

from .codes import acknowledge_slip, issue_code, lift_watch, recompute_codes, scan_code
from .credit import advance_seeker, decide_complaint, identify_seeker, lodge_complaint, rate_order
from .orders import (
    accept_order,
    book_worker,
    cancel_order,
    check_in,
    decline_order,
    finish_order,
    request_service,
    sign_contract,
)
from .registry import record_checks, register_agency, register_customer, register_worker

__all__ = ["accept_order", "acknowledge_slip", "advance_seeker", "book_worker", "cancel_order", "check_in",
           "decide_complaint", "decline_order", "finish_order", "identify_seeker", "issue_code", "lift_watch",
           "lodge_complaint", "rate_order", "recompute_codes", "record_checks", "register_agency",
           "register_customer", "register_worker", "request_service", "scan_code", "sign_contract"]
