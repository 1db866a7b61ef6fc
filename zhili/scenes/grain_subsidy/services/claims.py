"""The year's rounds: pre-verification of every plot, the farmer's claim (confirm, nothing to fill), the audit."""

import datetime as dt
import hashlib
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import numpy
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely import STRtree

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from .. import geometry
from ..choices import ClaimStatus, LandUse, LineStatus, RoundStatus, SubsidyRight, SubsidyType, WarningColour
from ..models import Claim, Plot, PreVerifiedPlot, SubsidyRound, Transfer
from ..rules import area_tolerance, classify, overlap_tolerance_m2, per_mu, scale_grain_min_area
from .common import TWO, digest, insert_rows, update_rows


@transaction.atomic
def open_round(*, region, subsidy_type: str, year: int, opens_on: dt.date, closes_on: dt.date, actor) -> SubsidyRound:
    """Open a year's round of one subsidy type, fixing the per-mu amount in force on its first day."""
    require(actor, "grain_subsidy.plot.manage", region)
    if subsidy_type not in SubsidyType.values:
        raise ValidationError({"subsidy_type": _("未知的补贴类型")}, code="choice")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("申领截止日不能早于开始日")}, code="order")
    if SubsidyRound.objects.filter(region=region, subsidy_type=subsidy_type, year=year).exists():
        raise ValidationError({"year": _("{year} 年度该补贴批次已存在").format(year=year)}, code="duplicate")
    amount = per_mu(subsidy_type, opens_on)
    round_ = SubsidyRound.objects.create(region=region, subsidy_type=subsidy_type, year=year,
                                         per_mu_yuan=amount.value, per_mu_reference=str(amount.reference)[:300],
                                         opens_on=opens_on, closes_on=closes_on)
    audit.record("grain_subsidy.round.opened", actor=actor, target=round_,
                 data={"per_mu_yuan": str(amount.value), "reference": str(amount.reference)})
    return round_


def _active_transfers(round_: SubsidyRound) -> dict[int, Transfer]:
    """Each plot's transfer in force during the round's year."""
    first, last = dt.date(round_.year, 1, 1), dt.date(round_.year, 12, 31)
    found = {}
    for transfer in (Transfer.objects.filter(plot__region__path__startswith=round_.region.path, starts_on__lte=last,
                                             ends_on__gte=first).order_by("starts_on")):
        found[transfer.plot_id] = transfer
    return found


def _holder(round_: SubsidyRound, plot_row: dict, transfer: Transfer | None) -> int:
    """Who the round pays for a plot: arable protection stays with the contractor unless the transfer gives it to
    the operator; scale grain goes to whoever grows the grain."""
    if transfer is None:
        return plot_row["contractor_id"]
    if round_.subsidy_type == SubsidyType.SCALE_GRAIN or transfer.subsidy_right == SubsidyRight.OPERATOR:
        return transfer.operator_id
    return plot_row["contractor_id"]


@transaction.atomic
def pre_verify_round(round_: SubsidyRound, *, actor) -> dict[str, int]:
    """Fix each plot's subsidy object, eligible area, amount and colour before the season (预核定), in one pass."""
    require(actor, "grain_subsidy.plot.manage", round_.region)
    caller, round_ = round_, SubsidyRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.DRAFT:
        raise ValidationError({"status": _("该批次已预核定")}, code="already")
    day = round_.opens_on
    tolerance = area_tolerance(day).value
    transfers = _active_transfers(round_)
    plots = list(Plot.objects.filter(region__path__startswith=round_.region.path)
                 .values("id", "contractor_id", "land_use", "measured_area_mu", "registered_area_mu"))
    offers = []
    for row in plots:
        transfer = transfers.get(row["id"])
        colour, reasons = classify(row["land_use"], row["measured_area_mu"], row["registered_area_mu"],
                                   disputed=bool(transfer and transfer.disputed), tolerance=tolerance)
        registered, measured = row["registered_area_mu"], row["measured_area_mu"]
        area = registered if "area_mismatch" not in reasons else min(registered, measured)
        offers.append([row, _holder(round_, row, transfer), colour, reasons, area])
    if round_.subsidy_type == SubsidyType.SCALE_GRAIN:
        grain_area = defaultdict(Decimal)
        for row, holder, _colour, _reasons, area in offers:
            if row["land_use"] == LandUse.GRAIN:
                grain_area[holder] += area
        minimum = scale_grain_min_area(day).value
        offers = [offer for offer in offers if grain_area[offer[1]] >= minimum]
    now = timezone.now()
    lines = []
    for row, holder, colour, reasons, area in offers:
        amount = Decimal(0) if colour == WarningColour.RED else (area * round_.per_mu_yuan).quantize(TWO, ROUND_HALF_UP)
        status = LineStatus.BLOCKED if colour == WarningColour.RED else LineStatus.OFFERED
        lines.append((now, now, round_.pk, row["id"], holder, row["land_use"], area, amount, str(colour), reasons,
                      str(status), []))
    insert_rows(PreVerifiedPlot, ["created_at", "updated_at", "round", "plot", "farmer", "land_use",
                                  "eligible_area_mu", "amount_yuan", "colour", "reasons", "status", "audit_reasons"],
                lines)
    round_.status = RoundStatus.PRE_VERIFIED
    round_.save(update_fields=["status", "updated_at"])
    caller.status = round_.status
    counts = {colour: sum(1 for line in lines if line[8] == colour) for colour in WarningColour.values}
    total = sum((line[7] for line in lines), Decimal(0))
    summary = {"round": round_.pk, "plots": len(lines), "amount_yuan": str(total), **counts}
    audit.record("grain_subsidy.round.pre_verified", actor=actor, target=round_, data=summary)
    ledger.append(kind="grain_subsidy.round.pre_verified", subject=round_, actor=actor, digest=digest(summary),
                  data=summary)
    events.publish("grain_subsidy.round.pre_verified", round_id=round_.pk)
    return {"plots": len(lines), **counts}


@transaction.atomic
def claim_plots(round_: SubsidyRound, *, actor, today: dt.date | None = None) -> Claim:
    """The farmer confirms their pre-verified plots of a round (nothing to fill); red plots stay blocked. Plots
    offered again later (a rectified red plot) are confirmed the same way and join the farmer's claim."""
    farmer = getattr(actor, "grain_farmer", None)
    require(actor, "grain_subsidy.claim.submit", farmer)
    today = today or timezone.localdate()
    round_ = SubsidyRound.objects.get(pk=round_.pk)
    if round_.status != RoundStatus.PRE_VERIFIED:
        raise ValidationError({"round": _("该批次尚未开放申领")}, code="not_open")
    if not round_.opens_on <= today <= round_.closes_on:
        raise ValidationError({"round": _("不在申领期内：申领期为 {start} 至 {end}").format(
            start=round_.opens_on, end=round_.closes_on)}, code="window")
    existing = Claim.objects.select_for_update().filter(round=round_, farmer=farmer).first()
    offered = PreVerifiedPlot.objects.select_for_update().filter(round=round_, farmer=farmer,
                                                                  status=LineStatus.OFFERED)
    ids = list(offered.values_list("id", flat=True))
    if existing is not None and not ids:
        raise ValidationError({"round": _("您已申领过本批次")}, code="duplicate")
    if not ids:
        raise ValidationError({"round": _("您在本批次没有可申领的预核定地块")}, code="nothing")
    if existing is None:
        claim = Claim.objects.create(round=round_, farmer=farmer)
    else:
        # A plot offered again after its claim (a red plot rectified and re-verified) joins the claim, which goes
        # back to the audit for it; the plots already decided keep their decisions.
        claim = existing
        claim.status = ClaimStatus.SUBMITTED
        claim.save(update_fields=["status", "updated_at"])
    PreVerifiedPlot.objects.filter(pk__in=ids).update(status=LineStatus.CLAIMED, claim=claim,
                                                      updated_at=timezone.now())
    audit.record("grain_subsidy.claim.submitted", actor=actor, target=claim, data={"plots": len(ids)})
    events.publish("grain_subsidy.claim.submitted", claim_id=claim.pk)
    return claim


def _duplicates(round_: SubsidyRound, pending: set[int]) -> set[int]:
    """Claimed lines (ids in ``pending``) whose plot overlaps a plot another farmer claimed earlier in the round
    (重复申领). Bounding boxes go into an STRtree in one vectorised call; only the pairs whose boxes meet have their
    boundaries read and their shared area measured on the ellipsoid."""
    tolerance = float(overlap_tolerance_m2(round_.opens_on).value)
    rows = list(PreVerifiedPlot.objects.filter(round=round_, status__in=[
        LineStatus.CLAIMED, LineStatus.PASSED, LineStatus.HELD, LineStatus.IN_FILE, LineStatus.PAID]).order_by()
        .values_list("id", "farmer_id", "claim_id", "plot_id", "plot__min_lon", "plot__min_lat", "plot__max_lon",
                     "plot__max_lat"))
    if len(rows) < 2:
        return set()
    bounds = numpy.array([row[4:] for row in rows], dtype=float)
    boxes = shapely.box(bounds[:, 0], bounds[:, 1], bounds[:, 2], bounds[:, 3])
    left, right = STRtree(boxes).query(boxes, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left.tolist(), right.tolist(), strict=True)
             if i < j and rows[i][1] != rows[j][1]]
    if not pairs:
        return set()
    wanted = {rows[k][3] for pair in pairs for k in pair}
    outlines = {pk: geometry.parse(boundary).polygon
                for pk, boundary in Plot.objects.filter(pk__in=wanted).values_list("id", "boundary")}
    duplicated = set()
    for i, j in pairs:
        later = i if (rows[i][2] or 0, rows[i][0]) > (rows[j][2] or 0, rows[j][0]) else j
        if rows[later][0] in pending and geometry.overlap_m2(outlines[rows[i][3]], outlines[rows[j][3]]) > tolerance:
            duplicated.add(rows[later][0])
    return duplicated


@transaction.atomic
def audit_round(round_: SubsidyRound, *, actor) -> dict[str, int]:
    """Audit every submitted claim of a round: red plots are excluded, a plot overlapping one another farmer claimed
    earlier is excluded as a duplicate, yellow plots (seasonal abandonment, non-grain, area mismatch, transfer
    dispute) are held for a manual check, green plots pass. Each claim keeps the SHA-256 of its decision; the
    round's ledger entry commits to all of them (the SHA-256 of the sorted ``claim:digest`` lines), so every
    decision is in the ledger and any one can be checked against it."""
    require(actor, "grain_subsidy.plot.manage", round_.region)
    claims = Claim.objects.filter(round=round_, status=ClaimStatus.SUBMITTED)
    claim_ids = list(claims.select_for_update().values_list("id", flat=True))
    if not claim_ids:
        return {"claims": 0, LineStatus.PASSED: 0, LineStatus.HELD: 0, LineStatus.EXCLUDED: 0}
    claimed = PreVerifiedPlot.objects.filter(round=round_, status=LineStatus.CLAIMED,
                                             claim__status=ClaimStatus.SUBMITTED)
    pending = set(claimed.values_list("id", flat=True))
    duplicated = sorted(_duplicates(round_, pending))
    now = timezone.now()
    for start in range(0, len(duplicated), 5000):
        PreVerifiedPlot.objects.filter(pk__in=duplicated[start:start + 5000]).update(
            status=LineStatus.EXCLUDED, audit_reasons=["duplicate_claim"], updated_at=now)
    claimed.filter(colour=WarningColour.RED).update(status=LineStatus.EXCLUDED, audit_reasons=["red"], updated_at=now)
    claimed.filter(colour=WarningColour.YELLOW).update(status=LineStatus.HELD, audit_reasons=["yellow"],
                                                       updated_at=now)
    claimed.filter(colour=WarningColour.GREEN).update(status=LineStatus.PASSED, audit_reasons=[], updated_at=now)
    decisions, counts = defaultdict(list), defaultdict(int)
    for claim_id, plot_id, status, amount in (PreVerifiedPlot.objects.filter(round=round_, claim__in=claims)
                                              .order_by("claim_id", "plot_id")
                                              .values_list("claim_id", "plot_id", "status", "amount_yuan")):
        decisions[claim_id].append(f"{plot_id}={status}={amount}")
        counts[status] += 1
    digests = {claim_id: hashlib.sha256(";".join(decisions[claim_id]).encode()).hexdigest() for claim_id in claim_ids}
    update_rows(Claim, ["status", "audited_at", "updated_at", "decision_digest"],
                [(ClaimStatus.AUDITED.value, now, now, digests[claim_id], claim_id) for claim_id in claim_ids])
    root = hashlib.sha256("\n".join(f"{claim_id}:{digests[claim_id]}" for claim_id in sorted(digests)).encode())
    summary = {"round": round_.pk, "claims": len(claim_ids), "decisions_sha256": root.hexdigest(),
               **{status: counts[status] for status in (LineStatus.PASSED, LineStatus.HELD, LineStatus.EXCLUDED)}}
    audit.record("grain_subsidy.round.audited", actor=actor, target=round_, data=summary)
    ledger.append(kind="grain_subsidy.round.audited", subject=round_, actor=actor, digest=root.hexdigest(),
                  data=summary)
    events.publish("grain_subsidy.round.audited", round_id=round_.pk)
    return {"claims": len(claim_ids), **{status: counts[status] for status in
                                         (LineStatus.PASSED, LineStatus.HELD, LineStatus.EXCLUDED)}}


@transaction.atomic
def check_held_plot(line: PreVerifiedPlot, *, passed: bool, note: str, actor) -> PreVerifiedPlot:
    """The manual check (人工核查) of a held, yellow plot: released for payment or excluded, with the checker's note;
    the decision is audited and ledgered."""
    require(actor, "grain_subsidy.plot.manage", line.round.region)
    line = PreVerifiedPlot.objects.select_for_update().get(pk=line.pk)
    if line.status != LineStatus.HELD:
        raise ValidationError({"status": _("只有暂缓发放的地块需要人工核查")}, code="not_held")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写核查意见")}, code="required")
    line.status = LineStatus.PASSED if passed else LineStatus.EXCLUDED
    line.audit_reasons = [*line.audit_reasons, "checked_pass" if passed else "checked_fail"]
    line.save(update_fields=["status", "audit_reasons", "updated_at"])
    decision = {"line": line.pk, "plot": line.plot_id, "round": line.round_id, "status": line.status,
                "amount_yuan": str(line.amount_yuan), "note": note[:500]}
    audit.record("grain_subsidy.plot.checked", actor=actor, target=line, data=decision)
    ledger.append(kind="grain_subsidy.plot.checked", subject=line, actor=actor, digest=digest(decision),
                  data=decision)
    return line
