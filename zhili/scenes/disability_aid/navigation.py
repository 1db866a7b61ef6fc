"""The 智慧助残 scene's menu: each entry shows to the roles named; 我的助残档案 to everyone signed in (a person with
a disability sees their own profile there, anyone else is told how one comes about)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import APPROVER, CLERK, PREVENTION, WORKER

MENU = [
    MenuItem(label=_("入户核查"), url_name="disability_aid:visit_list", roles=frozenset({WORKER}), mobile=True),
    MenuItem(label=_("疑似残疾线索"), url_name="disability_aid:suspect_list", roles=frozenset({CLERK})),
    MenuItem(label=_("残疾人证"), url_name="disability_aid:certificate_list", roles=frozenset({CLERK})),
    MenuItem(label=_("两项补贴发放"), url_name="disability_aid:run_list", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("就业岗位与推荐"), url_name="disability_aid:job_list", roles=frozenset({CLERK})),
    MenuItem(label=_("职业技能培训"), url_name="disability_aid:course_list", roles=frozenset({CLERK})),
    MenuItem(label=_("按比例就业年审"), url_name="disability_aid:quota_list", roles=frozenset({CLERK})),
    MenuItem(label=_("致残事故推送"), url_name="disability_aid:injury_list", roles=frozenset({CLERK, PREVENTION})),
    MenuItem(label=_("智慧助残驾驶舱"), url_name="disability_aid:cockpit", roles=frozenset({CLERK})),
    MenuItem(label=_("我的助残档案"), url_name="disability_aid:my_profile", mobile=True),
]
