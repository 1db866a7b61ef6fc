from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class PolicyQaConfig(SceneConfig):
    """政策咨询机器人: cited answers around the clock, guided handling, what people ask (issue 27)."""

    default = True
    name = "zhili.scenes.policy_qa"
    label = "policy_qa"
    code = "policy_qa"
    scene_name = gettext_noop("政策咨询机器人")
    verbose_name = "政策咨询机器人"
    owner_department = "人力社保局"
    description = "政策咨询机器人：劳动关系政策 24 小时在线解答，附法律条文与办事引导，答不了的转人工坐席"
