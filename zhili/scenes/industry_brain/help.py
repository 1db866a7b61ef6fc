"""Help for 童装产业大脑 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("industry_brain:firm_home", _("我的企业（童装产业大脑）"), _("本企业的订单、需求、产能和信用等情况。")),
    PageHelp("industry_brain:design_list", _("童装设计库"), _("童装设计款式库。")),
    PageHelp("industry_brain:worker_home", _("童装用工"), _("童装企业的招工信息和您的求职情况。")),
    PageHelp("industry_brain:bank_home", _("童装企业信贷"), _("童装企业的贷款申请和信用情况。")),
    PageHelp("industry_brain:firm_list", _("童装产业地图"), _("辖区童装企业的分布和情况。")),
    PageHelp("industry_brain:order_list", _("云工厂派单"), _("按加工厂产能派发订单。")),
    PageHelp("industry_brain:procurement_list", _("童装集采"), _("面辅料集中采购批次。")),
    PageHelp("industry_brain:credit_list", _("童装企业信用"), _("童装企业的信用评价。")),
    PageHelp("industry_brain:cockpit", _("童装产业大脑驾驶舱"), _("童装产业的企业、订单、用工和信贷统计。")),
    Contact(_("经济和信息化局"), phone="12345", note=_("童装产业大脑的使用咨询。")),
]
