"""Who may do what: the one place every view, API endpoint and service asks.

A permission is a dotted name (``labor_contract.contract.send``) mapped to a rule
``rule(user, obj) -> bool``. Core and scenes register rules in their ``permissions.py``; ``require``
raises PermissionDenied so that a denied call changes nothing.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from zhili.core.foundation.registry import Registry

from .choices import Role
from .roles import DEPARTMENT_ROLES

Rule = Callable[..., bool]
rules = Registry("permission rules")


def rule(name: str):
    """Register the decorated function as the rule for permission ``name``."""

    def register(fn: Rule) -> Rule:
        rules.register(name, fn)
        return fn

    return register


def roles_of(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_zhili_roles", None)
    if cached is None:
        cached = {m.role for m in user.memberships.filter(is_active=True)}
        if user.is_superuser:
            cached.add(Role.PLATFORM_ADMIN)
        user._zhili_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def organizations_of(user, *roles: str) -> list[int]:
    """The organisations in which ``user`` holds one of ``roles`` (any role if none named)."""
    if user is None or not user.is_authenticated:
        return []
    memberships = user.memberships.filter(is_active=True, organization__isnull=False)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return list(memberships.values_list("organization_id", flat=True))


def scope_region_paths(user) -> list[str] | None:
    """Region paths a department user may see; None means everywhere (platform admin)."""
    if has_role(user, Role.PLATFORM_ADMIN):
        return None
    memberships = user.memberships.filter(is_active=True, role__in=DEPARTMENT_ROLES).select_related("region")
    return [m.region.path for m in memberships if m.region is not None]


def in_scope(user, region) -> bool:
    """True if ``region`` lies inside the user's data scope."""
    paths = scope_region_paths(user)
    if paths is None:
        return True
    return region is not None and any(region.path.startswith(p) for p in paths)


def filter_by_scope(user, queryset: QuerySet, region_field: str = "region") -> QuerySet:
    """Keep the rows whose region lies inside the user's data scope (none if the user has no scope)."""
    paths = scope_region_paths(user)
    if paths is None:
        return queryset
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{region_field}__path__startswith": path})
    return queryset.filter(condition)


def can(user, permission: str, obj=None) -> bool:
    if user is None or not getattr(user, "is_active", False):
        return False
    if has_role(user, Role.PLATFORM_ADMIN):
        return True
    check = rules.get(permission)
    if check is None:
        return False
    return bool(check(user, obj))


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless ``user`` holds ``permission`` (on ``obj``)."""
    if not can(user, permission, obj):
        raise PermissionDenied(f"无权执行此操作：{permission}")


def require_administrator(actor) -> None:
    """Raise PermissionDenied unless ``actor`` is a platform administrator (or the site's superuser)."""
    from django.utils.translation import gettext as _

    if actor is None or not getattr(actor, "is_active", False) or not (
            actor.is_superuser or has_role(actor, Role.PLATFORM_ADMIN)):
        raise PermissionDenied(_("只有平台管理员可以执行此操作"))


def require_or_404(user, permission: str, obj=None) -> None:
    """Raise Http404 unless ``user`` holds ``permission`` on ``obj``: what someone may not see looks missing.

    A 403 for an existing row and a 404 for a missing one would tell anyone probing numbers which exist.
    """
    from django.http import Http404

    if not can(user, permission, obj):
        raise Http404("不存在或无权查看")



@rule("orgs.organization.view")
def _view_organization(user, organization) -> bool:
    if organization is None:
        return has_role(user, *DEPARTMENT_ROLES)
    if organization.pk in organizations_of(user):
        return True
    return has_role(user, *DEPARTMENT_ROLES) and in_scope(user, organization.region)


@rule("identity.person.view")
def _view_person(user, person) -> bool:
    """A person sees themselves; department staff see people only through a scene's own rule."""
    return person is not None and person.pk == user.pk


@rule("foundation.audit.view")
def _view_audit(user, obj) -> bool:
    return has_role(user, Role.OFFICER)
