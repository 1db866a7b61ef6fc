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
from .findings import file_finding, officer_region, owning_department
from .matters import load_catalogue, rate_matter
from .photos import (
    PHOTO_MATTERS,
    consented_matters,
    grant_photo_consent,
    own_photo,
    photo_available,
    reuse_photo,
    revoke_photo_consent,
    store_photo,
)
from .residence import decide_residence_registration, prepare_residence_registration, submit_residence_registration

__all__ = ["PHOTO_MATTERS", "consented_matters", "file_finding", "grant_photo_consent", "officer_region",
           "own_photo", "owning_department", "photo_available", "reuse_photo", "revoke_photo_consent", "store_photo", "DetectionReport", "add_months", "apply_dog_licence", "licence_for_token", "record_dog_visit",
           "review_dog_licence", "visit_token", "confirm_claim", "decide_claim", "decide_residence_registration",
           "detect_unemployment_benefits", "detection_facts", "dispute_claim", "load_catalogue", "pay_benefit_month",
           "prepare_residence_registration", "rate_matter", "submit_residence_registration"]
