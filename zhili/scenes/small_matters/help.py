"""Help for 关键小事: the person's matters, the unemployment benefit offered without asking, residence registration
by confirming, the dog licence in one visit, and the departments' queues and cockpit."""

from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import Contact, Faq, Guide, PageHelp

from .roles import CITIZEN, CLERK, EXPERIENCE, OFFICER, POLICE, VET

HELP = [
    PageHelp("small_matters:home", _("关键小事"), _(
        "与您有关的高频事项排在前面，其余按人生阶段列出；每项写明材料、步骤和时限。平台发现您可以领取失业保险金时，会主动通知您到这里确认。")),
    PageHelp("small_matters:residence", _("居住登记"), _(
        "房东、单位或物业已报送的您的居住信息。核对无误后一键提交，无需材料；派出所办结后显示登记凭证号和可以申领居住证的日期。")),
    PageHelp("small_matters:dogs", _("犬只登记"), _(
        "一次申请：填写犬只信息、选择宠物医院和 30 天内的就诊日期。派出所审核通过后显示二维码，到医院一次完成免疫、植入芯片和登记，当场发证。")),
    PageHelp("small_matters:claim_list", _("失业保险金主动办理"), _(
        "系统比对停保、离职和失业登记数据，为符合条件的人生成待确认的领取记录，不符合的写明原因。可运行比对，确认后的审核通过或不予发放。")),
    PageHelp("small_matters:residence_queue", _("居住登记审核"), _("辖区群众提交的居住登记；登记后生成登记凭证号，不予登记须写明理由。")),
    PageHelp("small_matters:dog_queue", _("犬只登记审核"), _("辖区的犬只登记申请；审核通过后申请人获得预约二维码，宠物医院扫码完成登记。")),
    PageHelp("small_matters:cockpit", _("关键小事驾驶舱"), _("各阶段事项、减少的材料和时间、失业保险金和居住登记办理情况，以及好评率。")),
    PageHelp("small_matters:findings", _("体验发现"), _(
        "体验员以群众身份体验办事，写明事项、日期、地点和经过，可附最多 3 张照片。提交后转为主管部门的工单，按工作日计算期限；"
        "部门的答复显示在发现的页面上。发改委统筹人员可查看辖区的全部发现。")),
    PageHelp("small_matters:photo", _("我的证件照"), _(
        "证件照只存一份，加密保存。对需要照片的事项（居住证、犬只登记等）点“同意使用”，发证时直接调用，不必再交照片；"
        "可随时撤回。每次存入、查看和调用都记录在下方。")),
    Guide(_("体验员：提交体验发现"), roles={EXPERIENCE}, steps=[
        _("在“体验发现”选择体验的事项，填写日期、地点和经过，可拍照上传。"),
        _("提交后生成工单，转给主管部门；在发现的页面查看办理状态、期限和部门答复。"),
    ]),
    Guide(_("发改委：跟踪体验发现和监测"), roles={OFFICER}, steps=[
        _("在“体验员发现”查看辖区体验员提交的问题和各部门的办理情况。"),
        _("在驾驶舱查看各事项每日访问量、办件量、好评率和减材料减时间。"),
    ]),
    Guide(_("群众：确认领取失业保险金"), roles={CITIZEN}, steps=[
        _("收到通知后打开链接，查看平台掌握的单位、停保日期、缴费月数和每一项条件。"),
        _("信息无误点“信息无误，确认申领”；有误点“信息有误？提出更正”并说明。"),
        _("办结后对服务评价；不满意须写明原因，将转有关部门处理。"),
    ]),
    Guide(_("人社经办人员：办理失业保险金"), roles={CLERK}, steps=[
        _("在“失业保险金主动办理”运行比对，查看新生成的记录。"),
        _("打开本人已确认的记录，核对后通过或不予发放。"),
    ]),
    Guide(_("派出所民警：审核登记"), roles={POLICE}, steps=[
        _("在“居住登记审核”或“犬只登记审核”打开申请。"),
        _("核对信息后登记或审核通过；不予登记须写明理由。"),
    ]),
    Guide(_("宠物医院：完成犬只登记"), roles={VET}, steps=[
        _("扫描犬主出示的二维码，打开预约。"),
        _("录入疫苗批号和 15 位芯片号，提交后当场生成犬只登记证号。"),
    ]),
    Faq(_("证件照会被随意调用吗？"), _("不会。只有您同意的事项在发证时调用，撤回后立即停止；每次调用都有记录。照片加密保存。")),
    Faq(_("失业保险金需要自己申请吗？"), _("不需要。平台比对数据后主动通知符合条件的人，您只需核对并确认。")),
    Contact(_("12345 政务服务便民热线"), phone="12345", hours=_("全天"), note=_("关键小事办理的咨询、投诉和建议。")),
]
