from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

DEPARTMENT = frozenset({"officer", "inspector"})

MENU = [
    MenuItem(label=_("风险预警清单"), url_name="labor_risk:warnings", roles=DEPARTMENT),
    MenuItem(label=_("劳动关系驾驶舱"), url_name="labor_risk:cockpit", roles=DEPARTMENT),
    MenuItem(label=_("本单位风险码"), url_name="labor_risk:mine", roles=frozenset({"employer_admin"}), mobile=True),
]
