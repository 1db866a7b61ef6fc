"""The 人大代表履职 scene's menu: each entry shows to the roles named (citizens reach it by QR or the home link)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import CITIZEN, DEPUTY, HANDLER, OFFICE

MENU = [
    MenuItem(label=_("找代表 提意见"), url_name="deputy_duty:home", mobile=True),
    MenuItem(label=_("代表履职"), url_name="deputy_duty:deputy_home", roles=frozenset({DEPUTY}), mobile=True),
    MenuItem(label=_("民生实事票决"), url_name="deputy_duty:project_list", roles=frozenset({OFFICE, DEPUTY}),
             mobile=True),
    MenuItem(label=_("议案建议"), url_name="deputy_duty:suggestion_list", roles=frozenset({OFFICE, DEPUTY, HANDLER}),
             mobile=True),
    MenuItem(label=_("主题活动"), url_name="deputy_duty:activity_list", roles=frozenset({OFFICE, DEPUTY}), mobile=True),
    MenuItem(label=_("履职登记"), url_name="deputy_duty:duty_records", roles=frozenset({OFFICE, DEPUTY}), mobile=True),
    MenuItem(label=_("学习资料"), url_name="deputy_duty:material_list", roles=frozenset({OFFICE, DEPUTY}), mobile=True),
    MenuItem(label=_("立法征求意见"), url_name="deputy_duty:draft_list", roles=frozenset({OFFICE, DEPUTY, CITIZEN}),
             mobile=True),
    MenuItem(label=_("群众意见"), url_name="deputy_duty:opinion_list", roles=frozenset({OFFICE, HANDLER})),
    MenuItem(label=_("人大代表履职驾驶舱"), url_name="deputy_duty:cockpit", roles=frozenset({OFFICE})),
]
