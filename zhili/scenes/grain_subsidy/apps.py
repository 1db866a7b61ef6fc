from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class GrainSubsidyConfig(SceneConfig):
    """浙农补: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.grain_subsidy"
    label = "grain_subsidy"
    code = "grain_subsidy"
    scene_name = gettext_noop("浙农补")
    verbose_name = "浙农补"
    owner_department = "农业农村局"
    description = "浙农补：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
