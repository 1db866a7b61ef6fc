from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Role(ChoiceSet):
    """The platform's own roles; scenes add theirs in ``roles.py`` (see ``identity.roles``)."""

    WORKER = "worker", _("劳动者"), Colour.GREEN
    EMPLOYER_ADMIN = "employer_admin", _("用人单位管理员"), Colour.BLUE
    SEAL_KEEPER = "seal_keeper", _("印章管理员"), Colour.BLUE
    OFFICER = "officer", _("部门工作人员"), Colour.RED
    INSPECTOR = "inspector", _("劳动监察员"), Colour.ORANGE
    MEDIATOR = "mediator", _("调解员"), Colour.YELLOW
    PLATFORM_ADMIN = "platform_admin", _("平台管理员"), Colour.GRAY


class VerificationMethod(ChoiceSet):
    """How a person's real name was checked (实名认证方式)."""

    NONE = "none", _("未认证"), Colour.GRAY
    ID_MATCH = "id_match", _("姓名与身份证号比对"), Colour.BLUE
    SMS_ID_MATCH = "sms_id_match", _("手机验证码 + 姓名身份证号比对"), Colour.GREEN
    FACE = "face", _("人脸识别"), Colour.GREEN
    IN_PERSON = "in_person", _("线下核验"), Colour.GREEN
