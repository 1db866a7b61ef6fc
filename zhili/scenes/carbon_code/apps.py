from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class CarbonCodeConfig(SceneConfig):
    """碳效码: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.carbon_code"
    label = "carbon_code"
    code = "carbon_code"
    scene_name = gettext_noop("碳效码")
    verbose_name = "碳效码"
    owner_department = "经信局"
    description = "碳效码：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
