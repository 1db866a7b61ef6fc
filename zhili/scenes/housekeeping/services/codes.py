"""The 安心码: recomputed on core.indicators from each worker's checks, notice slips, the watch list, scans.

``recompute_codes`` writes one row per worker for the day into core.datapool, evaluates the ``housekeeping_safety``
indicator system, and brings each worker's colour, reasons, notice slips and watch-list entry in line with the
result. The code a worker shows is a token signed by core.indicators; a scan is refused when the token is
forged, expired or superseded by a newer colour.
"""

import csv
import datetime as dt
import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.datapool.api import ingest_file
from zhili.core.foundation.api import AuditEntry, audit, events
from zhili.core.identity.api import Membership, require
from zhili.core.indicators.api import EntityResult, check_status_code, evaluate_system, issue_status_code
from zhili.core.ledger import api as ledger
from zhili.core.notify.api import send_in_app

from ..choices import BackgroundCheck, CodeColour, ScanResult, SlipStatus
from ..datasets import WORKER_CHECKS
from ..indicators import SYSTEM
from ..matching import refresh_slots
from ..models import CodeScan, NoticeSlip, WatchListEntry, Worker
from ..roles import AGENCY_ADMIN
from ..rules import rule

# What each fired indicator tells the worker and the agency: the reason, and what to do about it. The police
# check's own detail never appears: only that the identity check is abnormal and to contact the agency.
REASONS = {
    "background_abnormal": (gettext_lazy("身份核查异常"),
                            gettext_lazy("请联系所属家政机构；对核查结论有异议的，可向公安机关申请复核")),
    "background_pending": (gettext_lazy("公安背景核查尚未完成"),
                           gettext_lazy("由机构督促提交核查材料，核查结论回传后自动重新赋码")),
    "health_invalid": (gettext_lazy("健康证缺失或已过期"),
                       gettext_lazy("到具备资质的体检机构体检，取得健康证后由机构录入")),
    "insurance_invalid": (gettext_lazy("从业责任保险缺失或已过期"),
                          gettext_lazy("由所属机构为其投保或续保，保单生效后录入")),
    "complaints": (gettext_lazy("近期成立的客户投诉较多"),
                   gettext_lazy("参加服务规范培训，机构回访相关客户")),
}


def _label(actor) -> str:
    return actor if isinstance(actor, str) else f"housekeeping:{actor.username}"


def complaint_counts(day: dt.date) -> dict[int, int]:
    """Upheld complaints per worker in the dated window ending on ``day``."""
    from ..models import Complaint

    since = day - dt.timedelta(days=int(rule("complaint_window_days", day).value) - 1)
    rows = (Complaint.objects.filter(upheld=True, lodged_on__gte=since, lodged_on__lte=day)
            .values("worker_id").annotate(n=Count("id")))
    return {row["worker_id"]: row["n"] for row in rows}


def check_rows(workers, day: dt.date):
    """The day's check row of each worker, as core.datapool's dataset ``housekeeping_worker_checks`` takes it."""
    complaints = complaint_counts(day)
    for w in workers:
        yield (w.code_key, day.isoformat(), w.background_check == BackgroundCheck.ABNORMAL,
               w.background_check == BackgroundCheck.PENDING,
               w.health_certificate_expires is not None and w.health_certificate_expires >= day,
               w.insurance_expires is not None and w.insurance_expires >= day, complaints.get(w.pk, 0))


def _write_checks(workers, day: dt.date, label: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{WORKER_CHECKS}_{day:%Y%m%d}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["worker_key", "checked_on", "background_abnormal", "background_pending", "health_valid",
                             "insurance_valid", "complaints"])
            for row in check_rows(workers, day):
                writer.writerow([("true" if v is True else "false" if v is False else v) for v in row])
        batch = ingest_file(WORKER_CHECKS, path, actor=label, check_permission=False)
    if batch.status != "succeeded":
        raise ValidationError({"checks": _("核验数据未能导入：{error}").format(error=batch.failure_reason or batch.status)},
                              code="ingest_failed")


def reasons_of(explanation: dict) -> list[dict]:
    """The reasons (and what to do) behind a result, in the indicator system's order."""
    reasons = []
    for fired in explanation.get("fired", []):
        reason, action = REASONS.get(fired["indicator"], (fired["name"], ""))
        reasons.append({"code": fired["indicator"], "reason": str(reason), "action": str(action),
                        "reference": fired.get("reference", "")})
    return reasons


@dataclass
class Recomputed:
    evaluated: int = 0
    changed: int = 0
    slips: int = 0
    watch_listed: int = 0


def recompute_codes(day: dt.date, *, actor, workers=None) -> Recomputed:
    """Recompute the 安心码 of every active worker (or of ``workers``) from their checks on ``day``."""
    if not isinstance(actor, str):
        require(actor, "housekeeping.codes.recompute", None)
    chosen = Worker.objects.filter(active=True).only(
        "id", "code_key", "background_check", "health_certificate_expires", "insurance_expires")
    if workers is not None:
        chosen = chosen.filter(pk__in=[w.pk for w in workers])
    chosen = list(chosen.order_by("id"))
    if not chosen:
        return Recomputed()
    label = _label(actor)
    _write_checks(chosen, day, label)
    run = evaluate_system(SYSTEM, day, actor=label, period=day.isoformat())
    return _apply(run, None if workers is None else [w.code_key for w in chosen], actor=actor)


CHUNK = 900  # ids per statement: within every database's limit of bound parameters


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


@transaction.atomic
def _apply(run, keys: list[str] | None, *, actor) -> Recomputed:
    """Bring the workers named by ``keys`` (every active worker if None) in line with the run's results.

    Set-based: the workers are read as plain rows, and each kind of write is a handful of statements whatever the
    number of workers — one UPDATE per (colour, reasons) group, the old slips resolved by id chunks, the new slips,
    watch-list entries and their audit entries inserted in batches, the watch list's ledger records appended as one
    batch, and the search rows rebuilt for the changed workers only.
    """
    user = None if isinstance(actor, str) else actor
    wanted = None if keys is None else set(keys)
    results = {key: (level, explanation) for key, level, explanation in
               EntityResult.objects.filter(run=run).values_list("entity_key", "level", "explanation").iterator(5000)
               if wanted is None or key in wanted}
    now = timezone.now()
    report = Recomputed(evaluated=len(results))
    workers = Worker.objects.select_for_update().filter(active=True)
    if wanted is not None:
        workers = workers.filter(code_key__in=list(results))
    reasons_cache: dict[str, list[dict]] = {}
    changed: list[tuple] = []  # (pk, code_key, agency_id, user_id, old, colour, reasons, newly watched)
    groups: dict[tuple, list[int]] = {}
    for pk, key, agency_id, user_id, old, old_reasons, updated_at, watched in workers.values_list(
            "pk", "code_key", "agency_id", "user_id", "code_colour", "code_reasons", "code_updated_at",
            "on_watch_list").iterator(chunk_size=5000):
        found = results.get(key)
        if found is None:
            continue
        level, explanation = found
        fired = json.dumps((explanation or {}).get("fired", []), sort_keys=True, ensure_ascii=False)
        if fired not in reasons_cache:
            reasons_cache[fired] = reasons_of(explanation or {})
        colour, reasons = CodeColour.from_level(level), reasons_cache[fired]
        if colour == old and reasons == old_reasons and updated_at:
            continue
        newly_watched = colour == CodeColour.RED and not watched
        changed.append((pk, key, agency_id, user_id, old, colour, reasons, newly_watched))
        groups.setdefault((colour, fired, watched or newly_watched), []).append(pk)
    if not changed:
        audit.record("housekeeping.codes.recomputed", actor=user, data={
            "run": run.pk, "evaluated": report.evaluated, "changed": 0, "slips": 0, "watch_listed": 0,
            "by": _label(actor)})
        return report
    changed_ids = [row[0] for row in changed]
    # One UPDATE per (colour, reasons) group: a nightly run has a handful of groups, not one statement per worker.
    for (colour, fired, watched), ids in groups.items():
        for chunk in _chunks(ids):
            Worker.objects.filter(pk__in=chunk).update(
                code_colour=colour, code_reasons=reasons_cache[fired], code_updated_at=now, on_watch_list=watched,
                updated_at=now)
    open_slips = [SlipStatus.SENT, SlipStatus.ACKNOWLEDGED]
    for chunk in _chunks(changed_ids):  # a changed colour settles the slips that were open
        NoticeSlip.objects.filter(worker_id__in=chunk, status__in=open_slips).update(
            status=SlipStatus.RESOLVED, resolved_at=now, updated_at=now)
    report.slips = _send_slips([row for row in changed if row[5] != CodeColour.GREEN], user)
    report.watch_listed = _watch([row for row in changed if row[7]], user)
    for pk, _key, _agency, _user, old, colour, _reasons, _watched in changed:
        events.publish("housekeeping.code.changed", worker_id=pk, old=old, new=colour)
    refresh_slots(changed_ids)
    report.changed = len(changed)
    audit.record("housekeeping.codes.recomputed", actor=user, data={
        "run": run.pk, "evaluated": report.evaluated, "changed": report.changed, "slips": report.slips,
        "watch_listed": report.watch_listed, "by": _label(actor)})
    return report


def _recipients(agency_ids, user_ids) -> tuple[dict, dict]:
    """The agencies' active administrators (by agency id) and the workers' own accounts (by user id)."""
    from django.contrib.auth import get_user_model

    from ..models import Agency

    organizations = dict(Agency.objects.filter(pk__in=set(agency_ids)).values_list("organization_id", "pk"))
    admins: dict[int, list] = {}
    for membership in Membership.objects.filter(role=AGENCY_ADMIN, organization_id__in=list(organizations),
                                                is_active=True).select_related("user"):
        admins.setdefault(organizations[membership.organization_id], []).append(membership.user)
    users = {}
    for chunk in _chunks(sorted(set(user_ids) - {None})):
        users.update((u.pk, u) for u in get_user_model().objects.filter(pk__in=chunk))
    return admins, users


def _send_slips(rows: list[tuple], user) -> int:
    """Insert the notice slips of ``rows`` (changed workers turned yellow or red), audit them, tell each worker
    and their agency's administrators (in-app messages)."""
    if not rows:
        return 0
    slips = []
    for chunk in _chunks(rows):
        slips += NoticeSlip.objects.bulk_create(
            [NoticeSlip(worker_id=pk, agency_id=agency_id, colour=colour, reasons=reasons)
             for pk, _key, agency_id, _user, _old, colour, reasons, _watched in chunk], batch_size=CHUNK)
    by_slip = dict(zip((slip.pk for slip in slips), rows, strict=True))
    AuditEntry.objects.bulk_create([audit.prepare(
        "housekeeping.slip.sent", actor=user, target=slip,
        data={"worker": by_slip[slip.pk][1], "colour": slip.colour, "reasons": [r["code"] for r in slip.reasons]})
        for slip in slips], batch_size=CHUNK)
    admins, users = _recipients([row[2] for row in rows], [row[3] for row in rows])
    told = {slip.pk: ([users[row[3]]] if row[3] in users else []) + admins.get(row[2], [])
            for slip, row in ((slip, by_slip[slip.pk]) for slip in slips)}
    told = {pk: recipients for pk, recipients in told.items() if recipients}
    names = {}
    for chunk in _chunks([by_slip[pk][0] for pk in told]):  # the (encrypted) names of those told only
        names.update((w.pk, w.masked_name) for w in Worker.objects.filter(pk__in=chunk).only("id", "name"))
    for slip_pk, recipients in told.items():
        pk, _key, _agency, _user, _old, colour, reasons, _watched = by_slip[slip_pk]
        text = "；".join(f"{r['reason']}（{r['action']}）" for r in reasons)
        params = {"worker": names[pk], "colour": str(CodeColour(colour).label), "reasons": text}
        for recipient in recipients:
            send_in_app(recipient, "housekeeping_notice_slip", params,
                        dedup_key=f"housekeeping-slip-{slip_pk}-{recipient.pk}")
    return len(slips)


def _watch(rows: list[tuple], user) -> int:
    """Put the workers of ``rows`` (newly red) on the watch list: entries, audit, one batch of ledger records."""
    if not rows:
        return 0
    entries = WatchListEntry.objects.bulk_create(
        [WatchListEntry(worker_id=row[0], reasons=row[6]) for row in rows], batch_size=CHUNK)
    records, audits = [], []
    for entry, row in zip(entries, rows, strict=True):
        data = {"worker": row[1], "reasons": [r["code"] for r in row[6]]}
        audits.append(audit.prepare("housekeeping.watch.listed", actor=user, target=entry, data=data))
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        records.append({"kind": "housekeeping.watch.listed", "subject": entry, "digest": digest, "data": data})
    AuditEntry.objects.bulk_create(audits, batch_size=CHUNK)
    ledger.append_many(records, actor=user)
    return len(entries)


@transaction.atomic
def acknowledge_slip(slip: NoticeSlip, *, actor) -> NoticeSlip:
    """The agency signs for a notice slip (签收): it has seen the reasons and will see to them."""
    require(actor, "housekeeping.slip.acknowledge", slip)
    slip = NoticeSlip.objects.select_for_update().get(pk=slip.pk)
    if slip.status != SlipStatus.SENT:
        raise ValidationError({"status": _("通知单状态为「{status}」，无需签收").format(
            status=SlipStatus(slip.status).label)}, code="not_open")
    slip.status, slip.acknowledged_by, slip.acknowledged_at = SlipStatus.ACKNOWLEDGED, actor, timezone.now()
    slip.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "updated_at"])
    audit.record("housekeeping.slip.acknowledged", actor=actor, target=slip, data={})
    return slip


@transaction.atomic
def lift_watch(entry: WatchListEntry, *, note: str, actor) -> WatchListEntry:
    """Take a worker off the watch list; only when the code is no longer red, with the clerk's note."""
    require(actor, "housekeeping.watch.lift", entry)
    entry = WatchListEntry.objects.select_for_update().select_related("worker").get(pk=entry.pk)
    if entry.lifted_at is not None:
        raise ValidationError({"status": _("已移出重点关注名单")}, code="already_lifted")
    if entry.worker.code_colour == CodeColour.RED:
        raise ValidationError({"status": _("安心码仍为红码，不能移出重点关注名单")}, code="still_red")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写移出说明")}, code="required")
    entry.lifted_at, entry.lifted_by, entry.lift_note = timezone.now(), actor, note[:500]
    entry.save(update_fields=["lifted_at", "lifted_by", "lift_note", "updated_at"])
    Worker.objects.filter(pk=entry.worker_id).update(on_watch_list=False, updated_at=timezone.now())
    data = {"worker": entry.worker.code_key, "note": entry.lift_note}
    audit.record("housekeeping.watch.lifted", actor=actor, target=entry, data=data)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    ledger.append(kind="housekeeping.watch.lifted", subject=entry, actor=actor, digest=digest, data=data)
    return entry


def issue_code(worker: Worker) -> str:
    """A signed token for the worker's current colour, valid for the dated time (read-only: nothing is stored)."""
    hours = int(rule("code_ttl_hours", timezone.localdate()).value)
    return issue_status_code(SYSTEM, worker.code_key, ttl=dt.timedelta(hours=hours))


@dataclass
class Scan:
    """What a scan found: the worker to show, or why the code was refused."""

    worker: Worker | None
    reason: str = ""


@transaction.atomic
def scan_code(token: str, *, actor) -> Scan:
    """Check a scanned code and log the scan; forged, expired or superseded codes show nothing about anyone."""
    require(actor, "housekeeping.code.scan", None)
    check = check_status_code(token)
    worker = None
    if check.valid and check.system == SYSTEM:
        worker = Worker.objects.select_related("agency").filter(code_key=check.entity, active=True).first()
    if worker is not None and CodeColour.from_level(check.level) != worker.code_colour:
        worker = None
    reason = "" if worker else (check.reason or _("伪造或过期：不是有效的家政安心码"))
    if not check.valid or worker is None:
        logged = Worker.objects.filter(code_key=check.entity).first() if check.entity else None
        CodeScan.objects.create(worker=logged, scanned_by=actor, result=ScanResult.REFUSED, reason=reason[:200])
        audit.record("housekeeping.code.refused", actor=actor, data={"reason": reason})
        return Scan(None, reason)
    scan = CodeScan.objects.create(worker=worker, scanned_by=actor, result=ScanResult.SHOWN)
    audit.record("housekeeping.code.scanned", actor=actor, target=scan, data={"worker": worker.code_key})
    return Scan(worker)
