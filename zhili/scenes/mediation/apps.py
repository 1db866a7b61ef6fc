from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class MediationConfig(SceneConfig):
    """云调解室: online labour-dispute mediation, from application to signed agreement and follow-up."""

    default = True
    name = "zhili.scenes.mediation"
    label = "mediation"
    code = "mediation"
    scene_name = gettext_noop("云调解室")
    verbose_name = "云调解室"
    owner_department = "人力资源和社会保障局"
    description = "云调解室：劳动争议一站式在线受理、调解员在线主持联合与背对背调解、证据存证、调解协议电子签署、履行跟踪与评价"
