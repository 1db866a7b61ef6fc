from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class WageGuardConfig(SceneConfig):
    """安薪在线: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.wage_guard"
    label = "wage_guard"
    code = "wage_guard"
    scene_name = gettext_noop("安薪在线")
    verbose_name = "安薪在线"
    owner_department = "人力资源和社会保障局"
    description = "安薪在线：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
