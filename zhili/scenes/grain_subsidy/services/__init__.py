"""Every change of state in the 浙农补 scene: ``verb_noun(..., *, actor)``, atomic, audited, decisions in the ledger.

Each service checks permission first (a denied call changes nothing), refuses bad input naming the field and the
rule before writing anything, writes its audit entry in its transaction and publishes its event after commit.
"""

from .claims import audit_round, check_held_plot, claim_plots, open_round, pre_verify_round
from .field_checks import PHOTO_MAX_BYTES, record_field_check
from .objections import OPEN_TO_OBJECTION, raise_objection
from .payments import approve_payment_file, make_payment_file
from .rectification import issue_rectifications
from .registry import record_survey, register_farmer, register_plot, register_transfer
from .storage import depot_warnings, hold_warned_plots, plot_warnings

__all__ = ["OPEN_TO_OBJECTION", "PHOTO_MAX_BYTES", "approve_payment_file", "audit_round", "check_held_plot", "claim_plots",
           "make_payment_file", "open_round", "pre_verify_round", "raise_objection", "record_field_check",
           "depot_warnings", "hold_warned_plots", "issue_rectifications", "plot_warnings", "record_survey", "register_farmer", "register_plot", "register_transfer"]
