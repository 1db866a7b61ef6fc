"""The 人大代表履职 scene's menu: each entry shows to the roles named (citizens reach it by QR or the home link)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import DEPUTY, HANDLER, OFFICE

MENU = [
    MenuItem(label=_("找代表 提意见"), url_name="deputy_duty:home", mobile=True),
    MenuItem(label=_("代表履职"), url_name="deputy_duty:deputy_home", roles=frozenset({DEPUTY}), mobile=True),
    MenuItem(label=_("民生实事票决"), url_name="deputy_duty:project_list", roles=frozenset({OFFICE, DEPUTY}),
             mobile=True),
    MenuItem(label=_("群众意见"), url_name="deputy_duty:opinion_list", roles=frozenset({OFFICE, HANDLER})),
    MenuItem(label=_("人大代表履职驾驶舱"), url_name="deputy_duty:cockpit", roles=frozenset({OFFICE})),
]
