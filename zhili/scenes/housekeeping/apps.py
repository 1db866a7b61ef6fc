from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class HousekeepingConfig(SceneConfig):
    """浙里好家政: the housekeeping registry, the 安心码 safety code, notice slips and the watch list, a cockpit."""

    default = True
    name = "zhili.scenes.housekeeping"
    label = "housekeeping"
    code = "housekeeping"
    scene_name = gettext_noop("浙里好家政")
    verbose_name = "浙里好家政"
    owner_department = "商务局"
    description = "浙里好家政：家政机构与服务员登记，家政安心码赋码、扫码核验、整改通知与重点关注名单，驾驶舱"
