"""Who may see the periodic jobs and run one now: platform administrators."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, rule


@rule("jobs.job.view")
def can_view(user, job) -> bool:
    return has_role(user, Role.PLATFORM_ADMIN)


@rule("jobs.job.run")
def can_run(user, job) -> bool:
    return has_role(user, Role.PLATFORM_ADMIN)
