"""Every change of state in the 云调解室 scene: ``verb_noun(..., *, actor)``, atomic, audited, legal steps in the
ledger, events published on commit. Split by stage: intake, assignment, room, outcome."""

from .assignment import (  # noqa: F401
    assign_mediator,
    committee_for,
    conflict_reason,
    decline_for_conflict,
    eligible_mediators,
    save_mediator_profile,
)
from .documents import application_pdf, build_dossier  # noqa: F401
from .intake import apply_for_mediation, respond_to_invitation, withdraw_application  # noqa: F401
from .outcome import (  # noqa: F401
    check_performance,
    close_mediation,
    draft_agreement,
    expire_mediations,
    rate_mediation,
    record_payment,
    render_agreement,
    seal_agreement,
    sign_agreement,
    signer_role,
)
from .room import (  # noqa: F401
    add_evidence,
    confirm_record,
    post_room_message,
    room_channel,
    save_record,
    transcribe_speech,
)
