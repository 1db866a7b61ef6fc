"""Every change of state in the 智慧助残 scene (``verb_noun(..., *, actor)``, atomic, audited): certification in
``certification.py``, the two subsidies' monthly payment run in ``payments.py``, the profile in ``profile.py``."""

from .certification import (  # noqa: F401
    issue_certificate,
    log_person_read,
    prepare_application,
    record_assessment,
    record_detection,
    record_visit,
    register_hospital,
    run_detection,
)
from .payments import (  # noqa: F401
    approve_payment_run,
    payment_csv,
    payment_xlsx,
    prepare_payment_run,
    write_payment_run,
)
from .profile import give_satisfaction, record_employment, record_service  # noqa: F401
