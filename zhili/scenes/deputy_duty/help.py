"""Help for 人大代表履职: the citizen's opinion by a station's or a deputy's code, the office's grading, the handling
department's answer, the rating, and the deputies' vote on livelihood projects."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import CITIZEN, DEPUTY, HANDLER, OFFICE

HELP = [
    PageHelp("deputy_duty:home", _("找代表 提意见"), _(
        "扫描代表联络站或人大代表的二维码，或在本页选择联络站，填写意见提交。您提交的意见和办理进度列在本页，办结后请对答复评价。")),
    PageHelp("deputy_duty:deputy_home", _("代表履职"), _("您跟踪的群众意见和办理进度、待您评价的答复，以及代群众录入意见的表单。")),
    PageHelp("deputy_duty:project_list", _("民生实事票决"), _(
        "候选民生实事项目和票决。代表在投票时间内对每个项目投赞成、反对或弃权，每人一次；投票后显示的回执码用于核验自己的选票。")),
    PageHelp("deputy_duty:opinion_list", _("群众意见"), _(
        "本辖区（或交给本部门办理）的群众意见。联络站对意见分级分类：小事当场答复，其他转交政府部门办理并设定期限；承办部门在意见页答复。")),
    PageHelp("deputy_duty:suggestion_list", _("议案建议"), _(
        "代表议案和建议。议案须由本级人大代表十人以上（乡镇五人以上）联名或以代表团名义提出，由主席团决定是否列入大会议程，"
        "不作为议案的转作建议办理；建议交办后三个月内答复，复杂的六个月内答复。承办单位认为交办不当的，应在交办之日起十日内退回。")),
    PageHelp("deputy_duty:activity_list", _("主题活动"), _(
        "人大常委会发布的视察、调研、接待选民等主题活动。代表在活动开始前报名，活动开始后报告活动情况并上传照片。")),
    PageHelp("deputy_duty:duty_records", _("履职登记"), _(
        "代表登记系统没有记录的履职活动，人大常委会代表工作机构确认后计入履职积分。")),
    PageHelp("deputy_duty:material_list", _("学习资料"), _("代表学习的法律法规和文件，打开即记为已学习。")),
    PageHelp("deputy_duty:draft_list", _("立法征求意见"), _(
        "人大常委会公布的法规草案。代表和群众在征求意见期间提出意见；截止后公布意见采纳情况。")),
    PageHelp("deputy_duty:cockpit", _("人大代表履职驾驶舱"), _("意见数量、办理和满意情况、民意热词和票决结果的统计。")),
    Guide(_("群众：向代表提意见"), roles={CITIZEN}, steps=[
        _("扫描联络站或代表的二维码，或打开“找代表 提意见”。"),
        _("写清楚意见和地点后提交；他人的手机号、身份证号会被遮挡显示。"),
        _("收到答复后评价：不满意的意见会重新办理。"),
    ]),
    Guide(_("人大代表：履职和票决"), roles={DEPUTY}, steps=[
        _("在“代表履职”查看您跟踪的群众意见和办理进度。"),
        _("在“民生实事票决”投票时间内完成投票，并保存回执码。"),
        _("票决结束后，用回执码核验自己的选票已计入。"),
    ]),
    Guide(_("人大代表：提出议案"), roles={DEPUTY}, steps=[
        _("在“议案建议”起草，类别选“议案”，邀请本级人大代表联名。"),
        _("县级以上须十人以上（乡镇五人以上）确认联名后才能提交；也可以代表团名义提出。"),
        _("主席团决定列入大会议程、转作建议办理或不列入议程并说明，结果显示在议案页的办理过程中。"),
    ]),
    Guide(_("联络站和承办部门：办理意见"), roles={OFFICE, HANDLER}, steps=[
        _("在“群众意见”打开新意见，联络站分级分类并转交承办部门。"),
        _("承办部门在答复期限内填写答复；工作台显示待分级和待答复的件数。"),
    ]),
    Faq(_("交办的建议不属于本单位职责怎么办？"), _(
        "在建议页“不属于本单位职责：申请重新交办”说明理由退回，须在交办之日起十日内提出；重新交办后答复期限重新计算。")),
    Faq(_("我的选票别人能看到吗？"), _("不能。选票与投票人分开保存，不记录投票人；只有持回执码的人能核验这张选票。")),
    Contact(_("人大常委会代表联络工作机构"), phone="12345", hours=_("工作日 9:00–17:00"), note=_("代表联络站和意见办理的咨询。")),
]
