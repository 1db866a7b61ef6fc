from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class SmallMattersConfig(SceneConfig):
    """关键小事: the catalogue of key small matters, the proactive unemployment benefit, residence registration by
    confirmation, the dog licence in one visit, ratings, and the cockpit."""

    default = True
    name = "zhili.scenes.small_matters"
    label = "small_matters"
    code = "small_matters"
    scene_name = gettext_noop("关键小事")
    verbose_name = "关键小事"
    owner_department = "发改委"
    description = "关键小事：50项高频事项目录、失业保险金无感智办、居住登记确认即办、犬只登记一次办、好差评与驾驶舱"
