from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class IndustryBrainConfig(SceneConfig):
    """童装产业大脑: the children's clothing cluster of 吴兴区: cloud factory, procurement, designs, jobs, credit."""

    default = True
    name = "zhili.scenes.industry_brain"
    label = "industry_brain"
    code = "industry_brain"
    scene_name = gettext_noop("童装产业大脑")  # translated where shown (the menu heading)
    verbose_name = "童装产业大脑"
    owner_department = "湖州市吴兴区经济和信息化局"
    description = "童装产业大脑：云工厂派单、一键集采、设计库、用工匹配、账本信用与产业地图"
