from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class DispatchWatchConfig(SceneConfig):
    """劳务派遣监管: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.dispatch_watch"
    label = "dispatch_watch"
    code = "dispatch_watch"
    scene_name = gettext_noop("劳务派遣监管")
    verbose_name = "劳务派遣监管"
    owner_department = "区人力社保局"
    description = "劳务派遣监管：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
