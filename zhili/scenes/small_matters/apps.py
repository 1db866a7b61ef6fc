from zhili.core.scenes.api import SceneConfig


class SmallMattersConfig(SceneConfig):
    """关键小事: items submitted by applicants, decided by the department's clerks, a cockpit of the figures."""

    default = True
    name = "zhili.scenes.small_matters"
    label = "small_matters"
    code = "small_matters"
    scene_name = "关键小事"
    verbose_name = "关键小事"
    owner_department = "发改委"
    description = "关键小事：申请人在线提交事项，部门经办人员审核，驾驶舱展示办理情况"
