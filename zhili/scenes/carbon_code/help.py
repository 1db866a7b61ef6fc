"""Help for 碳效码: the enterprise's code and carbon bill, the officer's lists and cockpit, the bank's loan review."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import BANK, ENTERPRISE, OFFICER

HELP = [
    PageHelp("carbon_code:mine", _("我的碳效码"), _(
        "本企业按月和按年的碳效等级（1–5 级，级数越小越好）、单位增加值碳排放和行业对比。数据有问题时显示“无法评价”并写明哪个月、哪种能源。"
        "可在结果上生成碳账单（PDF），其中有下一等级所需的减排量和改进建议。")),
    PageHelp("carbon_code:loan_mine", _("碳效贷"), _(
        "银行发布的碳效贷产品；本企业年度等级符合产品要求的，可一键申请，并选择同意向银行展示的年度数据。")),
    PageHelp("carbon_code:loan_bank", _("碳效贷审批"), _("企业提交的碳效贷申请及其同意展示的数据；填写额度和利率后批准，或写明理由拒绝。")),
    PageHelp("carbon_code:result_list", _("企业碳效"), _(
        "辖区企业的评价结果，可按期间、等级和行业筛选；“无法评价”的企业列出数据问题。按期间运行评价会重新计算全部企业。")),
    PageHelp("carbon_code:region_list", _("区域与行业碳效"), _("各县、乡镇和行业的排放总量、碳效指数和排名，可导出 Excel。")),
    PageHelp("carbon_code:cockpit", _("碳效码驾驶舱"), _("所选区域下一级的碳效排名、行业对比和等级分布；点击一行进入下一级。")),
    Guide(_("企业：查看碳效码和碳账单"), roles={ENTERPRISE}, steps=[
        _("在左侧菜单打开“我的碳效码”，查看最新一期的等级。"),
        _("在结果上点击生成碳账单，下载盖有平台电子签章的 PDF。"),
        _("按账单中的改进建议整改；等级符合条件的，可在“碳效贷”申请贷款。"),
    ]),
    Guide(_("经信局：运行评价和跟踪整改"), roles={OFFICER}, steps=[
        _("能耗和增加值数据经数据池导入后，在“企业碳效”选择期间运行评价。"),
        _("查看“无法评价”的企业和数据问题，请数据来源单位更正。"),
        _("等级降为 4、5 级的企业自动生成碳效整改工单，在“工单办理”中跟踪。"),
    ]),
    Guide(_("银行：审批碳效贷"), roles={BANK}, steps=[
        _("在“碳效贷审批”打开申请，查看企业等级和同意展示的数据。"),
        _("填写额度和利率后批准，或写明理由拒绝；结果通知企业。"),
    ]),
    Faq(_("碳效等级是怎么算的？"), _(
        "用单位增加值碳排放除以同行业的平均值得到碳效指数，按指数分为 1–5 级；排放因子和分级界限见结果页所列来源。")),
    Contact(_("经济和信息化局"), phone="12345", hours=_("工作日 9:00–17:00"), note=_("碳效评价结果、数据更正和碳效贷的咨询。")),
]
