"""The 政策咨询机器人 scene's menu: each entry shows to the roles named (the chat page is open to everyone)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.scenes.api import MenuItem

from .roles import LEADER, OFFICER

MENU = [
    MenuItem(label=_("政策咨询"), url_name="policy_qa:ask", roles=frozenset({Role.WORKER}), mobile=True),
    MenuItem(label=_("咨询待办"), url_name="policy_qa:queue", roles=frozenset({OFFICER})),
    MenuItem(label=_("政策知识库"), url_name="policy_qa:entries", roles=frozenset({OFFICER})),
    MenuItem(label=_("法规文本"), url_name="policy_qa:texts", roles=frozenset({OFFICER})),
    MenuItem(label=_("劳动关系形势"), url_name="policy_qa:cockpit", roles=frozenset({LEADER, OFFICER})),
    MenuItem(label=_("劳动关系形势月报"), url_name="policy_qa:report", roles=frozenset({LEADER})),
    MenuItem(label=_("劳动法计算器"), url_name="policy_qa:calculator", roles=frozenset({Role.WORKER}), mobile=True),
]
