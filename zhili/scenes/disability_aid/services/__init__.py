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
from .employment import (  # noqa: F401
    complete_enrolment,
    create_course,
    decide_placement,
    enrol,
    post_job,
    recommend,
    register_seeker,
    withdraw_seeker,
)
from .payments import (  # noqa: F401
    approve_payment_run,
    payment_csv,
    payment_xlsx,
    prepare_payment_run,
    write_payment_run,
)
from .prevention import push_injuries  # noqa: F401
from .profile import give_satisfaction, record_employment, record_service  # noqa: F401
from .quota import review_quotas  # noqa: F401
