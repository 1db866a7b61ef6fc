"""Pages of the 云调解室 scene: the parties' phone pages, the case page with its actions, the live room, the
mediator's inbox, the committee's list and cockpit."""

from .governance import cockpit, cockpit_data, cockpit_export, inbox, mediation_list, mediators  # noqa: F401
from .pages import (  # noqa: F401
    act,
    agreement_pdf,
    application_form,
    apply,
    detail,
    dossier,
    evidence_file,
    invitation,
    mine,
)
from .room import room, room_events, room_poll, room_post, room_transcribe, room_upload  # noqa: F401
