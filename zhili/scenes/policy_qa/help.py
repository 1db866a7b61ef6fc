"""Help for 政策咨询机器人: asking and the calculators (anyone, phone-first), the officers' queue, knowledge base and
texts, and the decision-makers' cockpit and monthly report."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import LEADER, OFFICER

HELP = [
    PageHelp("policy_qa:ask", _("政策咨询"), _(
        "用自己的话提问劳动关系问题，如“公司不签合同怎么办”。回答附有依据的法条（可点开原文）和办理步骤；"
        "没有把握时会列出相近的问题，也可以“转人工”，工作人员的答复会显示在“我的咨询”和消息中心。")),
    PageHelp("policy_qa:calculator", _("劳动法计算器"), _("经济补偿、未签书面合同的二倍工资和加班费的计算，每一步写明依据的法条。结果供参考，以仲裁或法院认定为准。")),
    PageHelp("policy_qa:queue", _("咨询待办"), _("机器人答不了或提问人要求转人工的问题。填写答复后，提问人在消息中心收到。")),
    PageHelp("policy_qa:entries", _("政策知识库"), _("机器人使用的问答，每条注明依据的法条。可新增、修改，标记过时或恢复，导出 Excel。")),
    PageHelp("policy_qa:texts", _("法规文本"), _(
        "导入的法律法规原文（TXT、DOCX、PDF 或 HTML，不超过 5 MB），按条拆分。导入新版本后，引用了改动条文的问答会标记为过时。")),
    PageHelp("policy_qa:cockpit", _("劳动关系形势"), _("咨询量、解决率、满意度、热点问题和地区分布；政策生效前后的对比。")),
    PageHelp("policy_qa:report", _("劳动关系形势月报"), _("按月汇总合同、预警、投诉、争议、工单和咨询情况，可下载 PDF；少于 5 的数字不显示。")),
    Guide(_("劳动者：咨询政策"), roles={Role.WORKER}, steps=[
        _("打开“政策咨询”，输入问题。"),
        _("阅读回答和所附法条；需要办理的，点击回答下方的按钮直接进入办理页面。"),
        _("回答不是您想问的，点“转人工”，由工作人员答复。"),
    ]),
    Guide(_("坐席人员：答复转人工的咨询"), roles={OFFICER}, steps=[
        _("在“咨询待办”打开问题，写明答复和依据。"),
        _("常见的新问法可加入知识库，机器人下次就能回答。"),
    ]),
    Guide(_("决策人员：查看形势"), roles={LEADER}, steps=[
        _("在“劳动关系形势”按时间和地区查看统计。"),
        _("每月在“劳动关系形势月报”下载 PDF 报告。"),
    ]),
    Faq(_("不登录可以咨询吗？"), _("可以。登录后可保留咨询记录；不登录时，记录只在本次浏览期间保留。")),
    Contact(_("12333 人力资源和社会保障服务热线"), phone="12333", hours=_("工作日 8:30–17:00"),
            note=_("机器人不能回答的问题，可拨打热线咨询。")),
]
