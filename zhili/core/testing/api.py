"""What a scene's tests use from core.testing: named personas and factories.

Personas: ``personas`` (``county()``, ``town()``, ``worker()``, ``employer_admin()``, ``department_user()``) and
``PASSWORD`` (every persona's). Factories: ``RegionFactory``, ``IndustryFactory``, ``EnterpriseFactory``,
``DepartmentFactory``, ``UserFactory``, ``MembershipFactory``; valid identifiers: ``make_id_number``,
``make_uscc``, ``make_mobile``. ``statements(call)`` lists what a call sends to the database, as
``(verb, table)`` pairs, for a read path's query budget. Browser journeys: ``pages`` (``sign_in``,
``assert_fits``, ``horizontal_overflow``, ``open_menu``, ``menu_labels``).
"""

from . import pages, personas
from .factories import (
    DepartmentFactory,
    EnterpriseFactory,
    IndustryFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
    make_mobile,
    make_uscc,
)
from .personas import PASSWORD
from .queries import statements

__all__ = [
    "PASSWORD", "DepartmentFactory", "EnterpriseFactory", "IndustryFactory", "MembershipFactory", "RegionFactory",
    "UserFactory", "make_id_number", "make_mobile", "make_uscc", "pages", "personas", "statements",
]
