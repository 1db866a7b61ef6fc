"""The roles of the 云调解室 scene. Mediators use the platform's mediator role; workers and employers may use the
platform's worker and employer-administrator roles, and anyone who has a dispute may apply as a party: a person
dismissed last month holds no worker role any more. The scene adds the mediation committee's administrator
(派案、督办) and a party role (当事人) for people who reach the room through an SMS link or the demo."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

ADMIN = "mediation_admin"
PARTY = "mediation_party"

ROLES = [
    RoleDefinition(ADMIN, _("调解委员会管理员"), Colour.BLUE, department=True, home="mediation:mediation_list"),
    RoleDefinition(PARTY, _("调解当事人"), Colour.GREEN, home="mediation:mine"),
]
