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
    Guide(_("联络站和承办部门：办理意见"), roles={OFFICE, HANDLER}, steps=[
        _("在“群众意见”打开新意见，联络站分级分类并转交承办部门。"),
        _("承办部门在答复期限内填写答复；工作台显示待分级和待答复的件数。"),
    ]),
    Faq(_("我的选票别人能看到吗？"), _("不能。选票与投票人分开保存，不记录投票人；只有持回执码的人能核验这张选票。")),
    Contact(_("人大常委会代表联络工作机构"), phone="12345", hours=_("工作日 9:00–17:00"), note=_("代表联络站和意见办理的咨询。")),
]
