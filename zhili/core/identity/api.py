"""What scenes and other core packages may use from core.identity.

People and memberships (FK targets and reads): ``User``, ``Membership``, ``ApiClient``; ``OtpChallenge`` (login
    codes, for reads).
Roles: ``Role`` (the platform's own: worker, employer admin, seal keeper, officer, inspector, mediator,
    platform admin); ``RoleDefinition`` for a scene's ``roles.py`` (``ROLES = [...]``); ``DEPARTMENT_ROLES``
    (live: every registered department role), ``get_role``, ``role_label``, ``role_choices``.
    ``VerificationMethod`` (how a real name was checked).
Who may do what: ``rule(name)`` registers a rule in a scene's ``permissions.py``; ``can``, ``require``
    (raises PermissionDenied, changes nothing), ``has_role``, ``roles_of``, ``organizations_of``; data scope by
    region: ``scope_region_paths``, ``in_scope``, ``filter_by_scope``.
Services: ``create_person``, ``add_membership``, ``verify_real_name``, ``register_api_client``, ``issue_token``,
    ``request_login_code`` (an SMS login code).
JSON API: ``BearerToken`` (a department's or bank's client token), ``has_scope(request, scope)``.
"""

from .api_auth import BearerToken, has_scope
from .choices import Role, VerificationMethod
from .models import ApiClient, Membership, OtpChallenge, User
from .permissions import (
    can,
    filter_by_scope,
    has_role,
    in_scope,
    organizations_of,
    require,
    roles_of,
    rule,
    scope_region_paths,
)
from .roles import DEPARTMENT_ROLES, RoleDefinition, get_role, role_choices, role_label
from .services import (
    add_membership,
    create_person,
    issue_token,
    register_api_client,
    request_login_code,
    verify_real_name,
)

__all__ = [
    "DEPARTMENT_ROLES", "ApiClient", "BearerToken", "Membership", "OtpChallenge", "Role",
    "RoleDefinition", "User", "VerificationMethod", "add_membership", "can", "create_person",
    "filter_by_scope", "get_role", "has_role", "has_scope", "in_scope", "issue_token", "organizations_of",
    "register_api_client", "request_login_code", "require", "role_choices", "role_label", "roles_of", "rule",
    "scope_region_paths", "verify_real_name",
]
