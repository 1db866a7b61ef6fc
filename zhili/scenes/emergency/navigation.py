"""The 浙里急救 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import CALLER, CREW, DISPATCHER, HOSPITAL, LEADER

MENU = [
    MenuItem(label=_("一键呼救 120"), url_name="emergency:call", roles=frozenset({CALLER}), mobile=True),
    MenuItem(label=_("120 调度台"), url_name="emergency:console", roles=frozenset({DISPATCHER})),
    MenuItem(label=_("车载终端凭据"), url_name="emergency:terminals", roles=frozenset({DISPATCHER})),
    MenuItem(label=_("车组终端"), url_name="emergency:crew", roles=frozenset({CREW}), mobile=True),
    MenuItem(label=_("急诊接收"), url_name="emergency:hospital", roles=frozenset({HOSPITAL})),
    MenuItem(label=_("AED 地图"), url_name="emergency:aed_map",
             roles=frozenset({CALLER, DISPATCHER, CREW, LEADER}), mobile=True),
    MenuItem(label=_("急救驾驶舱"), url_name="emergency:cockpit", roles=frozenset({DISPATCHER, LEADER})),
    MenuItem(label=_("救护车实时地图"), url_name="emergency:live_map", roles=frozenset({DISPATCHER, LEADER})),
]
