"""A farmer's objection (异议) to a plot's pre-verification, handled as a core.cases case of the county's office."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.cases.api import open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import Membership, require

from ..choices import LineStatus
from ..models import PreVerifiedPlot
from ..roles import CLERK

OBJECTION_CASE = "grain_subsidy.objection"
REASON_MIN, REASON_MAX = 5, 500
OPEN_TO_OBJECTION = (LineStatus.OFFERED, LineStatus.BLOCKED, LineStatus.CLAIMED, LineStatus.HELD,
                     LineStatus.EXCLUDED)


def office_for(region):
    """The office whose clerks hold the plot's region (the nearest region up the tree), which handles the case."""
    memberships = (Membership.objects.filter(role=CLERK, is_active=True, organization__isnull=False,
                                             region__isnull=False).select_related("region", "organization"))
    held = [m for m in memberships if region.path.startswith(m.region.path)]
    if not held:
        raise ValidationError({"plot": _("该地块所在区划没有浙农补经办部门，暂不能受理异议")}, code="no_office")
    return max(held, key=lambda m: (len(m.region.path), -m.pk)).organization


@transaction.atomic
def raise_objection(line: PreVerifiedPlot, *, reason: str, actor) -> PreVerifiedPlot:
    """The farmer objects to their plot's pre-verified area, amount or colour, in their own words: a case of type
    ``grain_subsidy.objection`` opens for the county's office, linked to the line; one open objection per line."""
    farmer = getattr(actor, "grain_farmer", None)
    require(actor, "grain_subsidy.claim.submit", farmer)
    line = PreVerifiedPlot.objects.select_for_update().select_related("plot__region", "round").get(pk=line.pk)
    if farmer is None or line.farmer_id != farmer.pk:
        raise PermissionDenied(_("只能对自己的预核定地块提出异议"))
    reason = (reason or "").strip()
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise ValidationError({"reason": _("异议理由：须为 {low} 至 {high} 个字").format(low=REASON_MIN, high=REASON_MAX)},
                              code="length")
    if line.status not in OPEN_TO_OBJECTION:
        raise ValidationError({"reason": _("该地块已进入代发或已到账，不能再提出异议")}, code="too_late")
    if line.objection_id and line.objection.closed_at is None:
        raise ValidationError({"reason": _("该地块已有待办理的异议")}, code="duplicate")
    case = open_case(OBJECTION_CASE, title=_("地块 {code} 预核定异议（{round}）").format(
        code=line.plot.code, round=line.round)[:200], region=line.plot.region, actor=actor, subject=line,
        description=reason, organization=office_for(line.plot.region))
    line.objection = case
    line.save(update_fields=["objection", "updated_at"])
    audit.record("grain_subsidy.objection.raised", actor=actor, target=line, data={"case": case.pk})
    events.publish("grain_subsidy.objection.raised", line_id=line.pk, case_id=case.pk)
    return line
