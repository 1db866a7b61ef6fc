"""The 云调解室 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.scenes.api import MenuItem

from .roles import ADMIN, PARTY

MENU = [
    MenuItem(label=_("在线调解"), url_name="mediation:mine", roles=frozenset({Role.WORKER, Role.EMPLOYER_ADMIN, PARTY}),
             mobile=True),
    MenuItem(label=_("调解员工作台"), url_name="mediation:inbox", roles=frozenset({Role.MEDIATOR})),
    MenuItem(label=_("调解案件"), url_name="mediation:mediation_list", roles=frozenset({ADMIN})),
    MenuItem(label=_("调解员名册"), url_name="mediation:mediators", roles=frozenset({ADMIN})),
    MenuItem(label=_("云调解室驾驶舱"), url_name="mediation:cockpit", roles=frozenset({ADMIN, Role.MEDIATOR})),
]
