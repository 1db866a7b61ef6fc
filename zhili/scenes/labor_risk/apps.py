from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class LaborRiskConfig(SceneConfig):
    """劳动关系风险预警: 7 dimensions and 27 control points, graded warnings, cases, profiles and a cockpit."""

    default = True
    name = "zhili.scenes.labor_risk"
    label = "labor_risk"
    code = "labor_risk"
    scene_name = gettext_noop("劳动关系风险预警")
    owner_department = "人力资源和社会保障局"
    description = "汇聚市场监管、应急、环保、法院、银行、水电气等部门数据，分级预警，闭环处置"
    verbose_name = "劳动关系风险预警"
