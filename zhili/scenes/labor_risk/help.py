"""Help for 劳动关系风险预警: the warning list, the cockpit, an enterprise's own risk code."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

HELP = [
    PageHelp("labor_risk:warnings", _("风险预警清单"), _(
        "辖区内企业的劳动关系风险预警，按红、橙、黄等级排列。用上方的乡镇、行业和等级下拉框筛选，点击企业查看其风险画像。")),
    PageHelp("labor_risk:cockpit", _("劳动关系驾驶舱"), _(
        "辖区预警的总体情况：各等级企业数、乡镇分布和得分排名。点击等级数字进入对应的预警清单。")),
    PageHelp("labor_risk:mine", _("本单位风险码"), _("本单位当前的风险等级和主要原因；按提示整改后，下一次评估会更新等级。")),
    Guide(_("劳动监察：处理风险预警"), roles={"officer", "inspector"}, steps=[
        _("在工作台查看“辖区红橙预警”的数量，点击进入清单。"),
        _("打开企业的风险画像，查看欠薪、欠缴社保等触发原因。"),
        _("需要上门核查的，在画像页发起工单，工单进入“工单办理”。"),
    ]),
    Faq(_("风险等级是怎么算出来的？"), _("按政策包中登记的指标和权重，用欠薪、社保欠缴、劳动争议等数据计算得分，得分对应红、橙、黄等级。")),
    Contact(_("12333 人力资源和社会保障服务热线"), phone="12333", hours=_("工作日 8:30–17:00"),
            note=_("劳动关系和劳动保障监察的咨询和举报。")),
]
