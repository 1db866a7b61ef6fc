"""Every change of state in the 浙里好家政 scene: ``verb_noun(..., *, actor)``, atomic, audited.

Registry (agencies, workers, customers, check results) in ``registry``; the 安心码, notice slips and the watch list
in ``codes``.
"""

from .codes import acknowledge_slip, issue_code, lift_watch, recompute_codes, scan_code
from .registry import record_checks, register_agency, register_customer, register_worker

__all__ = ["acknowledge_slip", "issue_code", "lift_watch", "recompute_codes", "record_checks", "register_agency",
           "register_customer", "register_worker", "scan_code"]
