"""What the 关键小事 scene puts on the role workbenches (工作台): the clerk's confirmed claims awaiting review,
the person's claims awaiting their confirmation (listed first on their home), and the cockpit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries
from .choices import ClaimStatus, RegistrationStatus
from .roles import CITIZEN, CLERK, OFFICER, POLICE


def _to_review(user):
    return queries.visible_claims(user).filter(status=ClaimStatus.CONFIRMED).count()


def _to_confirm(user):
    return queries.own_claims(user).filter(status=ClaimStatus.NOTIFIED).count()


def _residence_waiting(user):
    return queries.visible_registrations(user).filter(status=RegistrationStatus.SUBMITTED).count()


def _latest(user, limit):
    return [RecentItem(title=f"{c.masked_name} {c.stop_date:%Y-%m-%d}",
                       url=reverse("small_matters:claim_detail", args=[c.pk]), when=c.created_at,
                       status=(str(c.status_choice.label), c.status_choice.colour))
            for c in queries.visible_claims(user).order_by("-id")[:limit]]


WORKBENCH = [
    Todo("to_review", _("失业保险金待审核"), url_name="small_matters:claim_list", roles=frozenset({CLERK}),
         colour=Colour.BLUE, count=_to_review, hint=_("本人已确认预填信息，逐件核准")),
    Todo("to_confirm", _("失业保险金待您确认"), url_name="small_matters:home", roles=frozenset({CITIZEN}),
         personal=True, count=_to_confirm, hint=_("核对平台预填的信息，确认即可申领")),
    Todo("residence_waiting", _("居住登记待审核"), url_name="small_matters:residence_queue", roles=frozenset({POLICE}),
         colour=Colour.RED, count=_residence_waiting, hint=_("本人已确认房东或单位申报的信息，零材料")),
    Recent("latest", _("最新主动发现"), url_name="small_matters:claim_list", roles=frozenset({CLERK}), items=_latest),
    Shortcut("cockpit", _("关键小事驾驶舱"), url_name="small_matters:cockpit", roles=frozenset({CLERK, OFFICER})),
]
