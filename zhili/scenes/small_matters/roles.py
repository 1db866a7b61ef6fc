"""The roles of the 关键小事 scene, registered by the scene loader (no migration needed for a new role).

Anyone signed in uses the service side (the catalogue, their own claims); ``CITIZEN`` gives a demo person the
scene as home page. ``CLERK`` is the benefit office's clerk (人社局经办), deciding claims in their region;
``POLICE`` is the police station's registration officer, deciding residence registrations in their
region; ``EXPERIENCE`` is an experience officer (体验员, recruited by 发改委 among residents, serving a region) who
tries matters and files findings; ``OFFICER`` is 发改委's officer who keeps the catalogue and reads the cockpit.
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CLERK = "small_matters_clerk"
OFFICER = "small_matters_officer"
CITIZEN = "small_matters_citizen"
POLICE = "small_matters_police"
VET = "small_matters_vet"
EXPERIENCE = "small_matters_experience"

ROLES = [
    RoleDefinition(CLERK, _("失业保险经办人员"), Colour.BLUE, department=True, home="small_matters:claim_list"),
    RoleDefinition(OFFICER, _("关键小事统筹人员（发改委）"), Colour.ORANGE, department=True,
                   home="small_matters:cockpit"),
    RoleDefinition(POLICE, _("派出所户籍民警"), Colour.RED, department=True, home="small_matters:residence_queue"),
    RoleDefinition(VET, _("宠物医院经办人"), Colour.GREEN, department=True, home="small_matters:home"),
    RoleDefinition(EXPERIENCE, _("关键小事体验员"), Colour.YELLOW, home="small_matters:findings"),
    RoleDefinition(CITIZEN, _("办事群众"), Colour.GREEN, home="small_matters:home"),
]
