"""Who may export evidence reports (platform admins may do everything, see identity.permissions)."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, in_scope, rule

# Attributes by which a subject names the person it is about, and the organisation whose region scopes it.
PERSON_FIELDS = ("worker_id", "person_id", "user_id", "owner_id")
ORGANIZATION_FIELDS = ("organization", "employer", "enterprise")


def _region_of(subject):
    region = getattr(subject, "region", None)
    if region is not None:
        return region
    for name in ORGANIZATION_FIELDS:
        organization = getattr(subject, name, None)
        if organization is not None and getattr(organization, "region", None) is not None:
            return organization.region
    return None


def is_own(user, subject) -> bool:
    """True if ``subject`` is the user, or names the user as its person (worker, person, user, owner)."""
    from django.contrib.auth import get_user_model

    if isinstance(subject, get_user_model()):
        return subject.pk == user.pk
    return any(getattr(subject, name, None) == user.pk for name in PERSON_FIELDS)


@rule("esign.evidence.export")
def _export_evidence(user, subject) -> bool:
    """The subject's own person, or a department officer whose data scope holds the subject's region."""
    if subject is None:
        return False
    if is_own(user, subject):
        return True
    region = _region_of(subject)
    return has_role(user, Role.OFFICER) and region is not None and in_scope(user, region)
