from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class DeputyDutyConfig(SceneConfig):
    """人大代表履职: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.deputy_duty"
    label = "deputy_duty"
    code = "deputy_duty"
    scene_name = gettext_noop("人大代表履职")
    verbose_name = "人大代表履职"
    owner_department = "人大常委会"
    description = "人大代表履职：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
