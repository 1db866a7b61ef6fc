"""Help for 浙农补 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("grain_subsidy:mine", _("我的种粮补贴"), _("核对预先核实的地块并确认，系统审核后补贴发放到您的一卡通。")),
    PageHelp("grain_subsidy:plot_list", _("浙农补地块"), _("登记的农户地块、面积和核实情况。")),
    PageHelp("grain_subsidy:plot_map", _("浙农补一张图"), _("地块在地图上的分布和核实状态。")),
    PageHelp("grain_subsidy:survey_list", _("浙农补航拍监测"), _("航拍监测结果，用于预先核实地块的种植情况。")),
    PageHelp("grain_subsidy:round_list", _("浙农补批次"), _("补贴批次：确认、审核和审批。")),
    PageHelp("grain_subsidy:payment_list", _("浙农补代发"), _("补贴代发到农户一卡通的文件和结果。")),
    PageHelp("grain_subsidy:security", _("粮食安全预警"),
             _("补贴地块对照售粮入库和航拍监测的预警（无种粮证据、产量异常、连续撂荒），可暂缓发放转人工核查；"
               "粮库储备和种子库存三色预警。红色预警地块在批次页下发整改任务，乡镇外业核查复核后办结。")),
    PageHelp("grain_subsidy:cockpit", _("浙农补驾驶舱"), _("地块、面积、补贴和发放情况的统计。")),
    Contact(_("农业农村局"), phone="12345", note=_("种粮补贴和地块核实的咨询。")),
]
