"""What the labour-contract scene puts on the role workbenches: HR's and the seal keeper's to-dos, the officer's
overdue and expiring counts, the worker's contracts to sign (their own pending action), recent contracts, shortcuts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries
from .choices import AWAITING_WORKER_STATUSES, ContractStatus

HR = frozenset({"employer_admin"})
EMPLOYER = frozenset({"employer_admin", "seal_keeper"})
OFFICERS = frozenset({"officer", "inspector"})
WORKER = frozenset({"worker"})


def _employer_count(status):
    return lambda user: queries.employer_contracts(user).filter(status=status).count()


def _recent_contracts(user, limit):
    contracts = queries.employer_contracts(user).order_by("-id")[:limit]
    return [RecentItem(title=f"{c.worker_name} · {c.job_title}", url=c.get_absolute_url(), when=c.start_date,
                       status=(str(c.get_status_display()), c.status_choice.colour), note=c.number)
            for c in contracts]


def _to_sign(user):
    return queries.worker_contracts(user).filter(status__in=AWAITING_WORKER_STATUSES).count()


WORKBENCH = [
    Todo("to_sign", _("待我签署的劳动合同"), url_name="labor_contract:mine", roles=WORKER, personal=True,
         count=_to_sign, colour=Colour.BLUE, hint=_("打开合同，核对后签名即可生效")),
    Todo("awaiting_seal", _("待盖章"), url_name="labor_contract:list", query="status=worker_signed", roles=EMPLOYER,
         count=_employer_count(ContractStatus.WORKER_SIGNED), colour=Colour.YELLOW,
         hint=_("劳动者已签署，等待单位盖章")),
    Todo("drafts", _("草稿待发约"), url_name="labor_contract:list", query="status=draft", roles=HR,
         count=_employer_count(ContractStatus.DRAFT), colour=Colour.GRAY, hint=_("勾选草稿，一键发约")),
    Todo("awaiting_worker", _("待劳动者签署"), url_name="labor_contract:list", query="status=sent", roles=HR,
         count=_employer_count(ContractStatus.SENT), colour=Colour.BLUE, hint=_("可重发短信或打印签署二维码")),
    Todo("signing_expired", _("签署已过期"), url_name="labor_contract:list", query="status=expired", roles=HR,
         count=_employer_count(ContractStatus.EXPIRED), colour=Colour.ORANGE, hint=_("重新发约")),
    Todo("overdue_unsigned", _("逾期未签"), url_name="labor_contract:region_overdue", roles=OFFICERS,
         count=lambda user: queries.overdue_unsigned(queries.region_contracts(user), timezone.localdate()).count(),
         colour=Colour.RED, hint=_("用工超过一个月仍未签订书面劳动合同")),
    Todo("expiring", _("即将到期"), url_name="labor_contract:region_expiring", roles=OFFICERS,
         count=lambda user: queries.expiring(queries.region_contracts(user), timezone.localdate()).count(),
         colour=Colour.ORANGE, hint=_("提醒用人单位及时续订或终止")),
    Recent("recent_contracts", _("最近的劳动合同"), url_name="labor_contract:list", roles=EMPLOYER,
           items=_recent_contracts),
    Shortcut("batch_upload", _("批量发约"), url_name="labor_contract:batch_upload", roles=HR),
    Shortcut("create", _("新建合同"), url_name="labor_contract:create", roles=HR),
    Shortcut("qr_sheet", _("打印签署二维码"), url_name="labor_contract:qr_sheet", roles=HR),
    Shortcut("seal", _("印章管理"), url_name="labor_contract:seal_settings", roles=EMPLOYER),
    Shortcut("analytics", _("就业用工分析"), url_name="labor_contract:analytics:cockpit", roles=OFFICERS),
]

