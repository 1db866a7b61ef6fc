from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class ReliefMatchConfig(SceneConfig):
    """助共体 (三门县): proactive discovery, 救助码 applications, checks, matching of 46 policies, joint help."""

    default = True
    name = "zhili.scenes.relief_match"
    label = "relief_match"
    code = "relief_match"
    scene_name = gettext_noop("助共体")
    owner_department = "民政局"
    description = "主动发现困难群众，在线申请与核对，智能匹配 46 项帮扶政策，政社联合帮扶，幸福清单反馈"
    verbose_name = "助共体"
