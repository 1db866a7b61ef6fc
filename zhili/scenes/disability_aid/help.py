"""Help for 智慧助残 (short: each page's purpose and whom to call; the scene's own helpers may extend it)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, PageHelp

HELP = [
    PageHelp("disability_aid:visit_list", _("入户核查"), _("分派给您的入户核查，上门了解情况后在手机上记录结果。")),
    PageHelp("disability_aid:suspect_list", _("疑似残疾线索"), _("系统从部门数据中发现的可能未办残疾人证的人员，安排入户核查。")),
    PageHelp("disability_aid:certificate_list", _("残疾人证"), _("协助办理的残疾人证及其进度。")),
    PageHelp("disability_aid:run_list", _("两项补贴发放"), _("困难残疾人生活补贴和重度残疾人护理补贴的每月发放批次，经办后复核。")),
    PageHelp("disability_aid:job_list", _("就业岗位与推荐"),
             _("登记用人单位的岗位；系统为本人同意推荐的求职者按类别等级、距离、技能和家庭困难程度匹配，并说明理由。")),
    PageHelp("disability_aid:course_list", _("职业技能培训"), _("开设培训班、报名和记录结业；结业学员的技能计入岗位匹配。")),
    PageHelp("disability_aid:quota_list", _("按比例就业年审"),
             _("按人社部门的职工人数和工资、平台登记的残疾职工，计算各单位应安排人数和应缴残疾人就业保障金（含分档减缴和小微企业暂免）。")),
    PageHelp("disability_aid:injury_list", _("致残事故推送"),
             _("工伤和交通致残鉴定按企业或地点汇总成工单，推送相关部门核查整改，在工单中跟踪到办结。")),
    PageHelp("disability_aid:my_profile", _("我的助残档案"),
             _("查看自己的残疾人证、补贴、服务和就业；同意后可登记求职、查看适合的岗位并报名培训。")),
    PageHelp("disability_aid:cockpit", _("智慧助残驾驶舱"), _("线索、核查、办证、补贴发放、就业和致残事故的统计。")),
    Contact(_("残疾人联合会"), phone="12345", note=_("残疾人证和两项补贴的咨询。")),
]
