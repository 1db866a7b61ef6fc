"""The roles registry: core's platform roles and the roles each scene declares in its ``roles.py``.

A scene declares ``ROLES = [RoleDefinition("grain_clerk", _("粮补经办员"), Colour.BLUE, department=True,
home="grain_subsidy:home")]``; the scene loader registers them at start-up. ``Membership.role`` is checked
against this registry (in ``add_membership`` and in the admin form), so a new scene needs no migration in
identity. ``DEPARTMENT_ROLES`` is a live view: every role declared with ``department=True``, core's and
the scenes'.
"""

from collections.abc import Iterator, Set
from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import Colour
from zhili.core.foundation.registry import Registry

from .choices import Role


@dataclass(frozen=True)
class RoleDefinition:
    """One role: code, Chinese label, badge colour, whether it is a department's (region-scoped), home URL name."""

    code: str
    label: str
    colour: str = Colour.GRAY
    department: bool = False
    home: str = ""
    scene: str = ""

    def __str__(self) -> str:
        return str(self.label)


roles = Registry("roles")


def register(definition: RoleDefinition) -> RoleDefinition:
    """Register one role; two declarations may not share a code."""
    if not isinstance(definition, RoleDefinition):
        raise TypeError(f"ROLES 只能包含 RoleDefinition，收到 {definition!r}")
    if len(definition.code) > 32:
        raise ValueError(f"角色代码 {definition.code!r} 超过 32 个字符")
    return roles.register(definition.code, definition)


def register_module(module: ModuleType, *, scene: str = "") -> list[RoleDefinition]:
    """Register every role in ``module.ROLES`` (a scene's ``roles.py``), marked with the scene's code."""
    registered = []
    for definition in module.ROLES:
        if scene and not definition.scene:
            object.__setattr__(definition, "scene", scene)
        registered.append(register(definition))
    return registered


def get_role(code: str) -> RoleDefinition | None:
    return roles.get(code)


def role_label(code: str) -> str:
    """The Chinese label of ``code`` (the code itself for a role no installed scene declares)."""
    definition = roles.get(code)
    return str(definition.label) if definition else code


def role_choices() -> list[tuple[str, str]]:
    """(code, label) of every registered role, for form fields."""
    return [(code, definition.label) for code, definition in roles.items()]


def validate_role(value: str) -> None:
    """Refuse a role that no installed app declares."""
    if value not in roles:
        raise ValidationError(_("未登记的角色：{code}").format(code=value), code="unknown_role")


class _DepartmentRoles(Set):
    """The codes of every registered department role, read when used (scenes register theirs at start-up)."""

    @classmethod
    def _from_iterable(cls, iterable) -> frozenset[str]:
        return frozenset(iterable)  # what ``roles & DEPARTMENT_ROLES`` and the like return

    def _codes(self) -> frozenset[str]:
        return frozenset(code for code, definition in roles.items() if definition.department)

    def __contains__(self, code: object) -> bool:
        definition = roles.get(code) if isinstance(code, str) else None
        return bool(definition and definition.department)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes()))

    def __len__(self) -> int:
        return len(self._codes())

    def __repr__(self) -> str:
        return f"DEPARTMENT_ROLES({sorted(self._codes())})"


DEPARTMENT_ROLES: Set[str] = _DepartmentRoles()


_PLATFORM_DEPARTMENT_ROLES = {Role.OFFICER, Role.INSPECTOR, Role.MEDIATOR}

# The platform's own roles, declared like a scene's and registered by the scene loader before any scene's.
ROLES = [RoleDefinition(choice.value, choice.label, choice.colour, department=choice in _PLATFORM_DEPARTMENT_ROLES)
         for choice in Role]
