from django.utils.translation import gettext_noop

from zhili.core.scenes.api import SceneConfig


class LaborContractConfig(SceneConfig):
    """电子劳动合同: templates, batch sending, signing (phase 2), lifecycle, reminders, existing-contract import."""

    default = True
    name = "zhili.scenes.labor_contract"
    label = "labor_contract"
    code = "labor_contract"
    scene_name = gettext_noop("电子劳动合同")
    owner_department = "人力资源和社会保障局"
    description = "用人单位一键发约、劳动者在线签订、存量合同电子化、到期与未签提醒"
    verbose_name = "电子劳动合同"

    def ready(self):
        super().ready()
        from .services.archive import register

        register()  # completed contracts keep their archive timestamps renewed (core.esign's daily job)
