"""Every change of state in the 关键小事 scene: ``verb_noun(..., *, actor)``, atomic, audited, decisions in the ledger.

Each service checks permission first (a denied call changes nothing), writes its audit entry in its transaction
and publishes its event after commit.
"""

from .benefit import (
    DetectionReport,
    add_months,
    confirm_claim,
    decide_claim,
    detect_unemployment_benefits,
    detection_facts,
    dispute_claim,
    pay_benefit_month,
)
from .dogs import apply_dog_licence, licence_for_token, record_dog_visit, review_dog_licence, visit_token
from .matters import load_catalogue, rate_matter
from .residence import decide_residence_registration, prepare_residence_registration, submit_residence_registration

__all__ = ["DetectionReport", "add_months", "apply_dog_licence", "licence_for_token", "record_dog_visit",
           "review_dog_licence", "visit_token", "confirm_claim", "decide_claim", "decide_residence_registration",
           "detect_unemployment_benefits", "detection_facts", "dispute_claim", "load_catalogue", "pay_benefit_month",
           "prepare_residence_registration", "rate_matter", "submit_residence_registration"]
