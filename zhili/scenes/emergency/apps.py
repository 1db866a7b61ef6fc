from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class EmergencyConfig(SceneConfig):
    """浙里急救: the one-tap 120 call, ETA-based dispatch on a road graph, crew and hospital ends, AED map, cockpit."""

    default = True
    name = "zhili.scenes.emergency"
    label = "emergency"
    code = "emergency"
    scene_name = gettext_noop("浙里急救")  # translated where shown (the menu heading)
    verbose_name = "浙里急救"
    owner_department = "卫生健康委员会"
    description = "浙里急救：一键呼救（定位或描述地址）、分诊、按路网预计到达时间派车（抢占与站区覆盖）、车组终端、医院预接收、AED 地图与驾驶舱"
