from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class DisabilityAidConfig(SceneConfig):
    """智慧助残: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.disability_aid"
    label = "disability_aid"
    code = "disability_aid"
    scene_name = gettext_noop("智慧助残")
    verbose_name = "智慧助残"
    owner_department = "残联"
    description = "智慧助残：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
