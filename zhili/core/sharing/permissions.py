"""Who may do what in core.sharing."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, in_scope, rule

LEGAL_ROLES = (Role.INSPECTOR, Role.OFFICER, Role.MEDIATOR)


@rule("sharing.document.read_legal")
def _read_on_legal_basis(user, region) -> bool:
    """A labor inspector, arbitration officer or mediator reads documents in their own region."""
    return has_role(user, *LEGAL_ROLES) and region is not None and in_scope(user, region)


@rule("sharing.delivery.replay")
def _replay_delivery(user, delivery) -> bool:
    return user.is_superuser  # platform administrators (and the site's superusers) only (``can`` lets them through before any rule)


@rule("sharing.matter.import")
def _import_matters(user, obj) -> bool:
    return False  # platform administrators only
