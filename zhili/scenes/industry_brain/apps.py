from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class IndustryBrainConfig(SceneConfig):
    """童装产业大脑: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.industry_brain"
    label = "industry_brain"
    code = "industry_brain"
    scene_name = gettext_noop("童装产业大脑")  # translated where shown (the menu heading)
    verbose_name = "童装产业大脑"
    owner_department = "湖州市吴兴区经信局"
    description = "童装产业大脑：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
