"""Every write of core.sharing: grants, reads by parties and officers, matters, webhook deliveries."""

from .access import NotShared, read_document, read_document_pdf, read_on_legal_basis, verify_document
from .grants import grant_access, revoke_grant
from .matters import ImportReport, import_matters, save_matter
from .org_grants import (
    SharedData,
    consent_text,
    grant_org_access,
    org_access_log_of,
    org_grants_of,
    read_org_data,
    revoke_org_grant,
    valid_org_grant,
)
from .subscriptions import (
    approve_subscription,
    change_subscription,
    create_subscription,
    rotate_subscription_secret,
)
from .webhooks import attempt_delivery, deliver_due, enqueue_deliveries, replay_delivery, sign_body

__all__ = [
    "SharedData", "consent_text", "grant_org_access", "org_access_log_of", "org_grants_of", "read_org_data",
    "revoke_org_grant", "valid_org_grant",
    "ImportReport", "NotShared", "approve_subscription", "attempt_delivery", "change_subscription",
    "create_subscription", "deliver_due", "enqueue_deliveries", "grant_access", "import_matters",
    "rotate_subscription_secret", "save_matter", "read_document", "read_document_pdf", "read_on_legal_basis", "replay_delivery", "revoke_grant",
    "sign_body", "verify_document",
]
