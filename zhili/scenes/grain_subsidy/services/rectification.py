"""Rectification tasks (整改任务) for red plots: a red pre-verification blocks the plot's claim and becomes a
core.cases task for the office of the plot's town (the nearest office up the region tree), with a deadline in working
days; the farmer is told by an in-app message and an SMS. The task closes through re-verification only: a field check
on the plot after the task opened (its photo bounded and checked by ``field_checks``) that finds a use no longer red
re-classifies the line — offered again at its amount, or joining the farmer's claim — attaches the photo to the task
as the evidence of the fix and closes it as 已整改. A check that still finds a red use is noted on the task."""

from decimal import ROUND_HALF_UP

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.cases.api import Case, attach_file, comment_case, open_case, transition_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import can, require
from zhili.core.ledger import api as ledger
from zhili.core.notify.api import send_in_app, send_sms

from ..choices import LineStatus, RoundStatus, WarningColour
from ..models import FieldCheck, PreVerifiedPlot, SubsidyRound
from ..rules import RED_USES, area_tolerance, classify, reason_text
from .common import TWO, digest
from .objections import office_for

RECTIFICATION_CASE = "grain_subsidy.rectification"
MESSAGE = "grain_subsidy_rectification"


def _tell_farmer(line: PreVerifiedPlot, case: Case, *, actor) -> None:
    farmer = line.farmer
    params = {"plot": line.plot.code, "round": str(line.round),
              "reasons": "；".join(reason_text(code) for code in line.reasons),
              "due": case.due_at.date().isoformat() if case.due_at else ""}
    if farmer.user_id:
        send_in_app(farmer.user, MESSAGE, params, dedup_key=f"{MESSAGE}:{case.pk}", actor=actor)
    if farmer.phone:
        send_sms(farmer.phone, MESSAGE, params, recipient=farmer.user, dedup_key=f"{MESSAGE}:sms:{case.pk}",
                 actor=actor)


@transaction.atomic
def issue_rectifications(round_: SubsidyRound, *, actor) -> int:
    """Open a rectification task for every red, blocked plot of a pre-verified round that has none yet; returns how
    many opened. Each goes to the office of the plot's town and the farmer is told."""
    require(actor, "grain_subsidy.plot.manage", round_.region)
    if round_.status == RoundStatus.DRAFT:
        raise ValidationError({"round": _("该批次尚未预核定，没有红色预警地块")}, code="not_pre_verified")
    lines = list(PreVerifiedPlot.objects.select_for_update(of=("self",))
                 .select_related("plot__region", "round", "farmer__user")
                 .filter(round=round_, colour=WarningColour.RED, status=LineStatus.BLOCKED,
                         rectification__isnull=True).order_by("plot__code"))
    offices = {}
    for line in lines:
        region = line.plot.region
        if region.pk not in offices:
            offices[region.pk] = office_for(region)
        reasons = "；".join(reason_text(code) for code in line.reasons)
        case = open_case(RECTIFICATION_CASE, title=_("地块 {code} 红色预警整改（{round}）").format(
            code=line.plot.code, round=line.round)[:200], region=region, actor=actor, subject=line,
            description=_("预警原因：{reasons}。整改后由乡镇实地复核（外业核查，附现场照片）。").format(reasons=reasons),
            organization=offices[region.pk])
        line.rectification = case
        line.save(update_fields=["rectification", "updated_at"])
        _tell_farmer(line, case, actor=actor)
    if lines:
        summary = {"round": round_.pk, "tasks": len(lines), "plots": [line.plot_id for line in lines]}
        audit.record("grain_subsidy.rectification.issued", actor=actor, target=round_, data=summary)
        events.publish("grain_subsidy.rectification.issued", round_id=round_.pk, count=len(lines))
    return len(lines)


def reverify_after_check(check: FieldCheck, *, actor) -> list[PreVerifiedPlot]:
    """Re-verify the plot's blocked lines with an open rectification task after ``check`` (inside its transaction):
    a use no longer red re-classifies the line and closes the task with the photo as evidence; a red use is noted."""
    lines = list(PreVerifiedPlot.objects.select_for_update(of=("self",))
                 .select_related("round", "plot", "rectification")
                 .filter(plot=check.plot_id, status=LineStatus.BLOCKED, rectification__isnull=False,
                         rectification__closed_at__isnull=True))
    done = []
    for line in lines:
        case = line.rectification
        if not can(actor, "cases.case.manage", case):
            continue  # another office's task: its own clerks re-verify it
        use_label = check.land_use_choice.label
        if check.land_use in RED_USES:
            comment_case(case, actor=actor, comment=_("实地复核（{when}）仍为「{use}」，继续整改").format(
                when=check.checked_at.date(), use=use_label))
            continue
        plot = line.plot
        colour, reasons = classify(check.land_use, plot.measured_area_mu, plot.registered_area_mu, disputed=False,
                                   tolerance=area_tolerance(line.round.opens_on).value)
        area = plot.registered_area_mu if "area_mismatch" not in reasons else min(plot.registered_area_mu,
                                                                                  plot.measured_area_mu)
        claim = line.farmer.claims.filter(round=line.round).first()
        line.land_use, line.colour, line.reasons = check.land_use, colour, [*reasons, "rectified"]
        line.eligible_area_mu = area
        line.amount_yuan = (area * line.round.per_mu_yuan).quantize(TWO, ROUND_HALF_UP)
        line.status = LineStatus.OFFERED
        line.save(update_fields=["land_use", "colour", "reasons", "eligible_area_mu", "amount_yuan", "status",
                                 "updated_at"])
        with check.photo.open("rb") as photo:
            attach_file(case, actor=actor, file=photo.read(), name=check.photo.name.rsplit("/", 1)[-1])
        result = _("实地复核（{when}）为「{use}」，整改完成；地块重新核定为{colour}，可申领 {amount} 元").format(
            when=check.checked_at.date(), use=use_label, colour=colour.label, amount=line.amount_yuan)
        transition_case(case, "reverify", actor=actor, comment=result)
        decision = {"line": line.pk, "plot": plot.pk, "case": case.pk, "check": check.pk, "colour": str(colour),
                    "amount_yuan": str(line.amount_yuan), "photo_sha256": check.photo_sha256,
                    "claim": claim.pk if claim else None}
        audit.record("grain_subsidy.rectification.reverified", actor=actor, target=line, data=decision)
        ledger.append(kind="grain_subsidy.rectification.reverified", subject=line, actor=actor,
                      digest=digest(decision), data=decision)
        done.append(line)
    return done
