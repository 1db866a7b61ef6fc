"""Every change of state in the 人大代表履职 scene: ``verb_noun(..., *, actor)``, atomic, audited; votes,
closures and the tally in the ledger. Each service checks permission first: a denied call changes nothing."""

from .duty import (  # noqa: F401
    check_duty_record,
    check_photo,
    comment_draft,
    join_activity,
    publish_activity,
    publish_draft,
    publish_material,
    read_material,
    register_duty,
    report_activity,
    summarize_draft,
)
from .opinions import (  # noqa: F401
    close_unrated,
    close_unrated_opinion,
    grade_opinion,
    rate_opinion,
    rebuild_hotwords,
    reply_opinion,
    submit_opinion,
    sync_opinion_from_case,
)
from .projects import comment_project, evaluate_project, report_project_progress  # noqa: F401
from .structure import create_congress, register_deputy, register_station  # noqa: F401
from .suggestions import (  # noqa: F401
    add_months,
    answer_invitation,
    answer_suggestion,
    assign_suggestion,
    decide_motion,
    draft_suggestion,
    evaluate_suggestion,
    extend_suggestion,
    give_cohandling_opinion,
    misassigned_open,
    motion_threshold,
    report_misassigned,
    return_suggestion,
    submit_suggestion,
)
from .votes import cast_vote, open_voting, propose_project, tally_votes  # noqa: F401
