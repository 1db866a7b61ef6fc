"""Who may do what in the 人大代表履职 scene.

Citizens give opinions and rate their own; the congress office (联络站工作人员) grades and refers the opinions of
stations in its region; a department's handler sees and answers what was referred to its department; a deputy
follows and rates the opinions of their stations and gives opinions on a citizen's behalf.
"""

from zhili.core.identity.api import has_role, in_scope, organizations_of, rule

from .roles import DEPUTY, HANDLER, OFFICE


def _is_followed_by(user, opinion) -> bool:
    return opinion.deputy_id is not None and opinion.deputy.user_id == user.pk


@rule("deputy_duty.opinion.submit")
def _submit(user, station) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rule("deputy_duty.opinion.view")
def _view(user, opinion) -> bool:
    if opinion is None:
        return has_role(user, OFFICE, HANDLER)
    if opinion.citizen_id == user.pk or _is_followed_by(user, opinion):
        return True
    if has_role(user, OFFICE) and in_scope(user, opinion.region):
        return True
    return opinion.department_id is not None and opinion.department_id in organizations_of(user, HANDLER)


@rule("deputy_duty.opinion.grade")
def _grade(user, opinion) -> bool:
    return opinion is not None and has_role(user, OFFICE) and in_scope(user, opinion.region)


@rule("deputy_duty.opinion.reply")
def _reply(user, opinion) -> bool:
    return (opinion is not None and opinion.department_id is not None
            and opinion.department_id in organizations_of(user, HANDLER))


@rule("deputy_duty.opinion.rate")
def _rate(user, opinion) -> bool:
    return opinion is not None and (opinion.citizen_id == user.pk or _is_followed_by(user, opinion))


def _opinion_of(case):
    from .models import Opinion

    return Opinion.objects.filter(case=case).select_related("deputy").first()


@rule("deputy_duty.opinion.case_rehandle")
def _case_rehandle(user, case) -> bool:
    """A citizen or deputy who rated this round's reply 不满意 sends the opinion's case back (the rating comes first)."""
    from .queries import round_outcome

    opinion = _opinion_of(case)
    return opinion is not None and _rate(user, opinion) and round_outcome(opinion) == "unsatisfied"


@rule("deputy_duty.opinion.case_close")
def _case_close(user, case) -> bool:
    """The last rater closes the case once every rater of this round is satisfied (the ratings come first)."""
    from .queries import round_outcome

    opinion = _opinion_of(case)
    return opinion is not None and _rate(user, opinion) and round_outcome(opinion) == "satisfied"


@rule("deputy_duty.opinion.case_close_unrated")
def _case_close_unrated(user, case) -> bool:
    """The office closes an answer left unrated past the rating period (the scene's sweep, as the office)."""
    from django.utils import timezone

    from .queries import rating_overdue, round_outcome

    opinion = _opinion_of(case)
    return (opinion is not None and _grade(user, opinion) and rating_overdue(opinion, timezone.now())
            and round_outcome(opinion) == "pending")


@rule("deputy_duty.deputy.act")
def _deputy(user, deputy) -> bool:
    if deputy is None:
        return has_role(user, DEPUTY)
    return has_role(user, DEPUTY) and deputy.user_id == user.pk and deputy.active


@rule("deputy_duty.structure.manage")
def _structure(user, region) -> bool:
    return has_role(user, OFFICE) and (region is None or in_scope(user, region))


@rule("deputy_duty.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, OFFICE)
