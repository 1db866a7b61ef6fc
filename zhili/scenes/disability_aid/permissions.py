"""Who may do what in the 智慧助残 scene.

The village disability worker (残疾人专职委员) handles the suspected cases of the villages in their scope (visit,
record, prepare the application); the federation's clerk (残联经办人员) sees the county's cases, records the
assessment result and issues the certificate.
"""

from zhili.core.identity.api import has_role, in_scope, rule

from .roles import APPROVER, CLERK, PREVENTION, WORKER


def _region(obj):
    person = getattr(obj, "person", None)
    return person.region if person is not None else getattr(obj, "region", None)


@rule("disability_aid.suspect.view")
def _view(user, suspect) -> bool:
    if suspect is None:
        return has_role(user, CLERK, WORKER)
    return has_role(user, CLERK, WORKER) and in_scope(user, _region(suspect))


@rule("disability_aid.suspect.handle")
def _handle(user, suspect_or_case) -> bool:
    """Visit, record and prepare the application: the worker (or a clerk) whose scope covers the person."""
    return (suspect_or_case is not None and has_role(user, WORKER, CLERK)
            and in_scope(user, _region(suspect_or_case)))


@rule("disability_aid.application.assess")
def _assess(user, application) -> bool:
    return application is not None and has_role(user, CLERK) and in_scope(user, _region(application))


@rule("disability_aid.certificate.issue")
def _issue(user, application) -> bool:
    return application is not None and has_role(user, CLERK) and in_scope(user, _region(application))


@rule("disability_aid.certificate.view")
def _certificate(user, certificate) -> bool:
    if certificate is None:
        return has_role(user, CLERK)
    return has_role(user, CLERK) and in_scope(user, _region(certificate))


@rule("disability_aid.detection.run")
def _detect(user, obj) -> bool:
    return has_role(user, CLERK)


@rule("disability_aid.hospital.designate")
def _designate(user, obj) -> bool:
    return has_role(user, CLERK)


@rule("disability_aid.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, CLERK, APPROVER)


@rule("disability_aid.payment.view")
def _payment_view(user, run) -> bool:
    return has_role(user, CLERK, APPROVER)


@rule("disability_aid.payment.prepare")
def _payment_prepare(user, obj) -> bool:
    return has_role(user, CLERK)


@rule("disability_aid.payment.approve")
def _payment_approve(user, run) -> bool:
    """审核 (first approval): a clerk or an approver other than the one who prepared the run."""
    return has_role(user, CLERK, APPROVER)


@rule("disability_aid.payment.review")
def _payment_review(user, run) -> bool:
    """复核 (second approval): the federation's approver only."""
    return has_role(user, APPROVER)


@rule("disability_aid.person.view")
def _person_view(user, person) -> bool:
    """一人一档: the clerk and the village worker whose scope covers the person."""
    if person is None:
        return has_role(user, CLERK, WORKER)
    return has_role(user, CLERK, WORKER) and in_scope(user, _region(person))


@rule("disability_aid.person.serve")
def _person_serve(user, person) -> bool:
    """Record a service, an assistive device or employment on the person's profile."""
    return person is not None and has_role(user, CLERK, WORKER) and in_scope(user, _region(person))


@rule("disability_aid.job.manage")
def _job_manage(user, obj) -> bool:
    """Vacancies, recommendations, hires and training: the federation's employment service (the clerk)."""
    return has_role(user, CLERK)


@rule("disability_aid.quota.review")
def _quota_review(user, obj) -> bool:
    """按比例就业年审 and the fund due: the federation's clerk (the tax office collects)."""
    return has_role(user, CLERK)


@rule("disability_aid.prevention.push")
def _prevention_push(user, obj) -> bool:
    return has_role(user, CLERK)


@rule("disability_aid.prevention.view")
def _prevention_view(user, obj) -> bool:
    """The pushed accidents: the federation's clerk and the departments' prevention contacts, in their scope."""
    if obj is None:
        return has_role(user, CLERK, PREVENTION)
    return has_role(user, CLERK, PREVENTION) and in_scope(user, obj.region)
