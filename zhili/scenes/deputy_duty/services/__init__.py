"""Every change of state in the 人大代表履职 scene: ``verb_noun(..., *, actor)``, atomic, audited; votes,
closures and the tally in the ledger. Each service checks permission first: a denied call changes nothing."""

from .opinions import (  # noqa: F401
    close_unrated,
    close_unrated_opinion,
    grade_opinion,
    rate_opinion,
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
    draft_suggestion,
    evaluate_suggestion,
    extend_suggestion,
    give_cohandling_opinion,
    return_suggestion,
    submit_suggestion,
)
from .votes import cast_vote, open_voting, propose_project, tally_votes  # noqa: F401
