"""Who may load data and read batches: department staff."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, rule
from zhili.core.identity.roles import DEPARTMENT_ROLES


@rule("datapool.batch.ingest")
def can_ingest(user, dataset) -> bool:
    return has_role(user, Role.OFFICER)


@rule("datapool.batch.view")
def can_view(user, batch) -> bool:
    return has_role(user, *DEPARTMENT_ROLES)
