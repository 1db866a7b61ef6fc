"""What the 浙农补 scene puts on the role workbenches (工作台): claims awaiting the audit and plots held for a manual
check (clerk), payment files awaiting an approval (approver), pre-verified plots to confirm (farmer)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import filter_by_scope
from zhili.core.ui.api import Shortcut, Todo

from . import queries
from .choices import ClaimStatus, LineStatus, PaymentFileStatus
from .models import Claim, PreVerifiedPlot
from .roles import APPROVER, CLERK, FARMER


def _claims_to_audit(user):
    return filter_by_scope(user, Claim.objects.filter(status=ClaimStatus.SUBMITTED), "round__region").count()


def _held(user):
    return filter_by_scope(user, PreVerifiedPlot.objects.filter(status=LineStatus.HELD), "round__region").count()


def _to_approve(user):
    return queries.payment_files_for(user).exclude(status=PaymentFileStatus.PAID).exclude(
        made_by=user).exclude(first_approver=user).count()


def _to_confirm(user):
    farmer = queries.farmer_of(user)
    return PreVerifiedPlot.objects.filter(farmer=farmer, status=LineStatus.OFFERED).count() if farmer else 0


WORKBENCH = [
    Todo("claims_to_audit", _("浙农补待审核申领"), url_name="grain_subsidy:round_list", roles=frozenset({CLERK}),
         colour=Colour.BLUE, count=_claims_to_audit, hint=_("在补贴批次页一键审核")),
    Todo("held_plots", _("浙农补待人工核查地块"), url_name="grain_subsidy:round_list", roles=frozenset({CLERK}),
         colour=Colour.YELLOW, count=_held, hint=_("黄色预警地块，核查后发放")),
    Todo("files_to_approve", _("浙农补待审批代发文件"), url_name="grain_subsidy:payment_list",
         roles=frozenset({APPROVER}), colour=Colour.ORANGE, count=_to_approve, hint=_("两人审批后发放到一卡通")),
    Todo("plots_to_confirm", _("我的种粮补贴待确认"), url_name="grain_subsidy:mine", roles=frozenset({FARMER}),
         personal=True, count=_to_confirm, hint=_("确认预核定地块即完成申领，无需填写")),
    Shortcut("plots", _("浙农补地块"), url_name="grain_subsidy:plot_list", roles=frozenset({CLERK, APPROVER})),
    Shortcut("cockpit", _("浙农补驾驶舱"), url_name="grain_subsidy:cockpit", roles=frozenset({CLERK, APPROVER})),
]
