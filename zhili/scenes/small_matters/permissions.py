"""Who may do what in the 关键小事 scene: a person sees and answers their own claims; a clerk decides claims in
their region; 发改委's officer keeps the catalogue; both read the cockpit."""

from zhili.core.identity.api import Role, can, has_role, in_scope, rule

from .roles import CLERK, EXPERIENCE, OFFICER, POLICE, VET


@rule("small_matters.service.use")
def _use(user, obj) -> bool:
    return user.is_authenticated


@rule("small_matters.claim.view")
def _view(user, claim) -> bool:
    if claim is None:
        return has_role(user, CLERK, Role.PLATFORM_ADMIN)
    return (claim.person_id is not None and claim.person_id == user.pk) or (
        has_role(user, CLERK) and in_scope(user, claim.region))


@rule("small_matters.claim.answer")
def _answer(user, claim) -> bool:
    return claim is not None and claim.person_id is not None and claim.person_id == user.pk


@rule("small_matters.claim.decide")
def _decide(user, claim) -> bool:
    return claim is not None and has_role(user, CLERK) and in_scope(user, claim.region)


@rule("small_matters.benefit.detect")
def _detect(user, obj) -> bool:
    return has_role(user, CLERK, Role.PLATFORM_ADMIN)


@rule("small_matters.catalogue.manage")
def _catalogue(user, obj) -> bool:
    return has_role(user, OFFICER, Role.PLATFORM_ADMIN)


@rule("small_matters.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, CLERK, OFFICER, POLICE, Role.PLATFORM_ADMIN)


@rule("small_matters.residence.view")
def _residence_view(user, registration) -> bool:
    if registration is None:
        return has_role(user, POLICE, Role.PLATFORM_ADMIN)
    return registration.person_id == user.pk or (has_role(user, POLICE) and in_scope(user, registration.region))


@rule("small_matters.residence.decide")
def _residence_decide(user, registration) -> bool:
    return registration is not None and has_role(user, POLICE) and in_scope(user, registration.region)


@rule("small_matters.matter.rate")
def _rate(user, subject) -> bool:
    return subject is not None and getattr(subject, "person_id", None) == user.pk


@rule("small_matters.dog.view")
def _dog_view(user, licence) -> bool:
    if licence is None:
        return has_role(user, POLICE, Role.PLATFORM_ADMIN)
    return licence.person_id == user.pk or (has_role(user, POLICE, VET) and in_scope(user, licence.region))


@rule("small_matters.dog.review")
def _dog_review(user, licence) -> bool:
    return licence is not None and has_role(user, POLICE) and in_scope(user, licence.region)


@rule("small_matters.dog.visit")
def _dog_visit(user, licence) -> bool:
    return licence is not None and has_role(user, VET) and in_scope(user, licence.region)


@rule("small_matters.finding.file")
def _finding_file(user, obj) -> bool:
    return has_role(user, EXPERIENCE)


@rule("small_matters.finding.view")
def _finding_view(user, finding) -> bool:
    """The officer who filed it, 发改委's officer of the region, and whoever may see its case (the department)."""
    if finding is None:
        return has_role(user, EXPERIENCE, OFFICER, Role.PLATFORM_ADMIN)
    if finding.officer_id == user.pk:
        return True
    if has_role(user, OFFICER) and in_scope(user, finding.region):
        return True
    return can(user, "cases.case.view", finding.case)
