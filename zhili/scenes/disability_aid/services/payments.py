"""The monthly payment run of the two subsidies: entitlements kept in step with the month's decisions (started,
stopped with their reason, money paid after an end recovered), one line per person checked against the active
entitlements and the engine's control totals, two approvals by different people, the ledger, the payment file."""

import csv
import datetime as dt
import hashlib
import io
import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import AuditEntry, audit, events, quoted_column, quoted_table
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from ..choices import POLICY_LABELS, EntitlementStatus, RunStatus, StopReason
from ..models import Entitlement, PaymentLine, PaymentRun, Person, Recovery
from ..subsidies import SUBSIDIES, MonthDecisions, decide_month
from .certification import _region_for

ZERO = Decimal("0.00")


def _insert_rows(model, names: tuple[str, ...], rows: list[tuple], batch: int = 5000) -> None:
    """Insert ``rows`` (values of the fields ``names``, in order) with one prepared statement run over the batch:
    the county-scale inserts of the run (persons, entitlements, lines) without building a model instance per row.
    Timestamps and dates are adapted by the caller through ``connection.ops``."""
    sql = (f"INSERT INTO {quoted_table(model)} ({', '.join(quoted_column(model, name) for name in names)}) "
           f"VALUES ({', '.join(['%s'] * len(names))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start:start + batch])


def _now_value():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _first_of_month(month) -> dt.date:
    if not isinstance(month, dt.date) or month.day != 1:
        raise ValidationError({"month": _("发放月份：须为某月 1 日")}, code="invalid")
    return month


def prepare_payment_run(month: dt.date, *, actor, engine: str = "duckdb", con=None, refresh: bool = True
                        ) -> PaymentRun:
    """Decide both subsidies for every certificate holder for ``month`` and write the run (nothing if refused)."""
    require(actor, "disability_aid.payment.prepare")
    month = _first_of_month(month)
    if PaymentRun.objects.filter(month=month).exists():
        raise ValidationError({"month": _("{m} 的发放批次已存在").format(m=f"{month:%Y-%m}")}, code="exists")
    decisions = decide_month(month, engine=engine, con=con, refresh=refresh)
    stops = _stop_facts(decisions, engine, con, refresh)
    with transaction.atomic():
        persons = _persons(decisions.amounts, con=con if engine == "duckdb" else None)
        counts = _sync_entitlements(decisions, stops, persons, actor)
        lines = _entitled_lines()
        run = write_payment_run(month, lines, decisions.control, actor=actor, parameters=decisions.parameters,
                                counts=counts)
        Recovery.objects.filter(found_by_run__isnull=True).update(found_by_run=run)
        return run


def _entitled_lines() -> list[tuple[str, Decimal, Decimal]]:
    """One line per person with an active entitlement: (person key, living amount, nursing amount)."""
    found: dict[str, list] = {}
    for key, policy, amount in Entitlement.objects.filter(status=EntitlementStatus.ACTIVE).values_list(
            "person__key", "policy", "monthly_amount"):
        found.setdefault(key, [ZERO, ZERO])[SUBSIDIES.index(policy)] = amount
    return [(key, living, nursing) for key, (living, nursing) in sorted(found.items())]


def _stop_facts(decisions: MonthDecisions, engine: str, con, refresh: bool) -> dict:
    """Why each person with an active entitlement and no decision this month stopped: {person_id: (reason, day)}."""
    from zhili.core.datapool.api import connect, ibis_table

    leaving = set(Entitlement.objects.filter(status=EntitlementStatus.ACTIVE)
                  .exclude(person__key__in=list(decisions.amounts)).values_list("person__key", flat=True))
    partial = {key for key, (living, nursing) in decisions.amounts.items() if living is None or nursing is None}
    wanted = sorted(leaving | (partial & set(Entitlement.objects.filter(status=EntitlementStatus.ACTIVE)
                                             .values_list("person__key", flat=True))))
    if not wanted:
        return {}
    own = con is None
    con = connect(engine) if own else con
    found = {}
    try:
        for code, column, reason in (("da_deaths", "died_on", StopReason.DIED),
                                     ("da_moves", "moved_out_on", StopReason.MOVED),
                                     ("da_assistance", "until", StopReason.LEFT_ASSISTANCE)):
            table = ibis_table(code, engine, con=con, refresh=refresh)
            rows = table.filter(table.person_id.isin(wanted) & table[column].notnull()
                                & (table[column] < decisions.on)).select("person_id", column).to_pyarrow().to_pylist()
            for row in rows:
                found.setdefault(row["person_id"], (reason, row[column]))
    finally:
        if own and engine != "pyspark":
            con.disconnect()
    return found


def _persons(keys, *, con=None) -> dict[str, int]:
    """The Person ids of ``keys`` ({key: id}), with rows inserted in one statement for holders the platform has
    not met yet (their 户籍 rows read from the pool by a join, regions looked up once per town)."""
    import pyarrow as pa

    keys = list(keys)
    persons = dict(Person.objects.filter(key__in=keys).values_list("key", "pk"))
    missing = [k for k in keys if k not in persons]
    if missing:
        from zhili.core.datapool.api import connect, ibis_table

        own = con is None
        con = connect("duckdb") if own else con
        try:
            table = ibis_table("da_persons", "duckdb", con=con, refresh=False)
            wanted = con.create_table("da_new_persons", pa.table({"w_id": pa.array(missing, pa.string())}),
                                      overwrite=True)
            joined = table.join(wanted, table.person_id == wanted.w_id)
            rows = {r["person_id"]: r for r in joined.select("person_id", "village_code", "birth_date", "gender")
                    .to_pyarrow().to_pylist()}
        finally:
            if own:
                con.disconnect()
        regions: dict[str, object] = {}
        now = _now_value()
        new = []
        for key in missing:
            row = rows.get(key, {})
            village = row.get("village_code") or ""
            if village and village[:9] not in regions:
                regions[village[:9]] = _region_for(village)
            region = regions.get(village[:9]) if village else None
            if region is None:
                raise ValidationError({"lines": _("人员 {key} 不在户籍人口数据中或所在区划未知").format(key=key)},
                                      code="unknown_person")
            birth = row.get("birth_date")
            new.append((key, region.pk, village, connection.ops.adapt_datefield_value(birth) if birth else None,
                        row.get("gender") or "", "", "", "", now, now))
        _insert_rows(Person, ("key", "region", "village_code", "birth_date", "gender", "name", "id_number",
                              "id_number_index", "created_at", "updated_at"), new)
        persons.update(Person.objects.filter(key__in=missing).values_list("key", "pk"))
    return persons


def _sync_entitlements(decisions: MonthDecisions, stops: dict, persons: dict, actor) -> dict:
    """Start, change and stop entitlements so that the active ones are exactly this month's decisions — in a
    few statements for the whole county: one read of the active ones, one bulk update of those that end (their
    audit entries in one insert), one bulk insert of those that start, the recoveries in one pass."""
    active = {(key, policy): (pk, person_id, amount) for pk, person_id, key, policy, amount in
              Entitlement.objects.filter(status=EntitlementStatus.ACTIVE).values_list(
                  "pk", "person_id", "person__key", "policy", "monthly_amount")}
    wanted = {}
    for key, pair in decisions.amounts.items():
        for code, amount in zip(SUBSIDIES, pair, strict=True):
            if amount is not None:
                wanted[(key, code)] = amount
    now = timezone.now()
    stopped = []
    for pair, (pk, person_id, amount) in active.items():
        if wanted.get(pair) == amount:
            continue
        reason, day = stops.get(pair[0], (StopReason.CERTIFICATE, decisions.on - dt.timedelta(days=1)))
        if pair in wanted:  # the amount changed with a new standard: end this one, start the new one below
            reason, day = StopReason.CERTIFICATE, decisions.on - dt.timedelta(days=1)
        stopped.append(Entitlement(pk=pk, person=Person(pk=person_id, key=pair[0]), policy=pair[1],
                                   monthly_amount=amount, status=EntitlementStatus.STOPPED, stopped_on=day,
                                   stop_reason=reason, updated_at=now))
    Entitlement.objects.bulk_update(stopped, ["status", "stopped_on", "stop_reason", "updated_at"], batch_size=500)
    AuditEntry.objects.bulk_create(
        [audit.prepare("disability_aid.entitlement.stopped", actor=actor, target=e,
                       data={"person": e.person.key, "policy": e.policy, "reason": e.stop_reason,
                             "on": e.stopped_on.isoformat()}) for e in stopped], batch_size=2000)
    since, stamp = connection.ops.adapt_datefield_value(decisions.on), _now_value()
    new = [(persons[key], code, amount, since, EntitlementStatus.ACTIVE.value, None, "", stamp, stamp)
           for (key, code), amount in wanted.items() if active.get((key, code), (0, 0, None))[2] != amount]
    _insert_rows(Entitlement, ("person", "policy", "monthly_amount", "since_month", "status", "stopped_on",
                               "stop_reason", "created_at", "updated_at"), new)
    return {"started": len(new), "stopped": len(stopped), "recoveries": _recover(stopped)}


def _recover(stopped: list[Entitlement]) -> int:
    """Recovery of the lines paid for months that began after an entitlement's end (a death or move reported
    late), for all the entitlements that stopped, in one read and one insert; returns how many were opened."""
    ends = {(e.person_id, e.policy): e for e in stopped}
    if not ends:
        return 0
    owed: dict[int, list] = {}  # line id -> [person id, reason, stopped on, amount]
    for line_id, person_id, month, living, nursing in PaymentLine.objects.filter(
            person_id__in={e.person_id for e in stopped}, run__status=RunStatus.APPROVED).values_list(
            "pk", "person_id", "run__month", "living_amount", "nursing_amount"):
        for code, amount in zip(SUBSIDIES, (living, nursing), strict=True):
            entitlement = ends.get((person_id, code))
            if entitlement is None or amount <= 0 or month <= entitlement.stopped_on:
                continue
            entry = owed.setdefault(line_id, [person_id, entitlement.stop_reason, entitlement.stopped_on, ZERO])
            entry[3] += amount
    existing = {r.line_id: r for r in Recovery.objects.filter(line_id__in=list(owed))}
    for line_id, recovery in existing.items():
        recovery.amount += owed.pop(line_id)[3]
        recovery.updated_at = timezone.now()
    Recovery.objects.bulk_update(list(existing.values()), ["amount", "updated_at"], batch_size=500)
    Recovery.objects.bulk_create([Recovery(line_id=line_id, person_id=person_id, reason=reason, stopped_on=day,
                                           amount=amount) for line_id, (person_id, reason, day, amount) in
                                  owed.items()], batch_size=2000)
    return len(owed)


@transaction.atomic
def write_payment_run(month: dt.date, lines, control: dict, *, actor, parameters: dict | None = None,
                      counts: dict | None = None) -> PaymentRun:
    """Write the month's run from ``lines`` (person key, living, nursing): every amount must be backed by the
    person's active entitlement and the totals must equal the engine's ``control`` — otherwise refused, with the
    line or the totals named, and nothing is written."""
    require(actor, "disability_aid.payment.prepare")
    month = _first_of_month(month)
    active = {(key, policy): amount for key, policy, amount in Entitlement.objects.filter(
        status=EntitlementStatus.ACTIVE).values_list("person__key", "policy", "monthly_amount")}
    checked, living_total, nursing_total = [], ZERO, ZERO
    for number, (key, living, nursing) in enumerate(lines, start=1):
        living, nursing = Decimal(living or 0).quantize(ZERO), Decimal(nursing or 0).quantize(ZERO)
        for code, amount in zip(SUBSIDIES, (living, nursing), strict=True):
            if amount and active.get((key, code)) != amount:
                raise ValidationError({"lines": _("第 {n} 行：人员 {key} 没有金额为 {amount} 元的有效「{policy}」资格，"
                                                  "不能列入发放").format(n=number, key=key, amount=amount,
                                                                        policy=POLICY_LABELS[code])},
                                      code="no_entitlement")
        if not (living or nursing):
            raise ValidationError({"lines": _("第 {n} 行：人员 {key} 的发放金额为 0").format(n=number, key=key)},
                                  code="empty_line")
        checked.append((key, living, nursing))
        living_total += living
        nursing_total += nursing
    if len({key for key, _l, _n in checked}) != len(checked):
        raise ValidationError({"lines": _("同一人员在批次中出现多行（重复发放）")}, code="duplicate")
    if (len(checked), living_total, nursing_total) != (control["recipients"], control["living_total"],
                                                       control["nursing_total"]):
        raise ValidationError({"total": _("发放明细合计（{n} 人，生活 {a} 元，护理 {b} 元）与控制数（{cn} 人，生活 {ca} 元，"
                                          "护理 {cb} 元）不符，批次未写入").format(
            n=len(checked), a=living_total, b=nursing_total, cn=control["recipients"], ca=control["living_total"],
            cb=control["nursing_total"])}, code="unbalanced")
    if PaymentRun.objects.filter(month=month).exists():
        raise ValidationError({"month": _("{m} 的发放批次已存在").format(m=f"{month:%Y-%m}")}, code="exists")
    persons = dict(Person.objects.filter(key__in=[key for key, _l, _n in checked]).values_list("key", "pk"))
    run = PaymentRun.objects.create(month=month, recipients=len(checked), living_total=living_total,
                                    nursing_total=nursing_total, total=living_total + nursing_total,
                                    parameters=parameters or {}, prepared_by=actor)
    _insert_rows(PaymentLine, ("run", "person", "living_amount", "nursing_amount", "total"),
                 [(run.pk, persons[key], living, nursing, living + nursing) for key, living, nursing in checked])
    audit.record("disability_aid.payment_run.prepared", actor=actor, target=run,
                 data={"month": f"{run.month:%Y-%m}", "recipients": run.recipients, "total": str(run.total),
                       **(counts or {})})
    return run


@transaction.atomic
def approve_payment_run(run: PaymentRun, *, actor) -> PaymentRun:
    """审核 then 复核 by two different people, neither of them the one who prepared the run; the second approval
    checks the totals again, fixes the payment file's digest and appends the decision to the ledger."""
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.APPROVED:
        raise ValidationError({"status": _("该批次已复核")}, code="approved")
    if actor.pk == run.prepared_by_id:
        raise PermissionDenied(_("制表人不能审核自己制作的批次"))
    if run.status == RunStatus.PREPARED:
        require(actor, "disability_aid.payment.approve", run)
        run.status, run.first_approver, run.first_approved_at = RunStatus.FIRST_APPROVED, actor, timezone.now()
        run.save(update_fields=["status", "first_approver", "first_approved_at", "updated_at"])
        audit.record("disability_aid.payment_run.approved", actor=actor, target=run, data={"step": 1})
        return run
    require(actor, "disability_aid.payment.review", run)
    if actor.pk == run.first_approver_id:
        raise PermissionDenied(_("审核与复核须由两个不同的人进行"))
    content = payment_csv(run, check_status=False)
    run.status, run.second_approver, run.second_approved_at = RunStatus.APPROVED, actor, timezone.now()
    run.file_sha256 = hashlib.sha256(content).hexdigest()
    run.save(update_fields=["status", "second_approver", "second_approved_at", "file_sha256", "updated_at"])
    decision = {"run": run.pk, "month": f"{run.month:%Y-%m}", "recipients": run.recipients,
                "living_total": str(run.living_total), "nursing_total": str(run.nursing_total),
                "total": str(run.total), "file_sha256": run.file_sha256,
                "approvers": [run.first_approver_id, run.second_approver_id]}
    audit.record("disability_aid.payment_run.approved", actor=actor, target=run, data={"step": 2, **decision})
    ledger.append(kind="disability_aid.payment_run.approved", subject=run, actor=actor,
                  digest=hashlib.sha256(json.dumps(decision, sort_keys=True).encode()).hexdigest(), data=decision)
    events.publish("disability_aid.payment_run.approved", run_id=run.pk, month=f"{run.month:%Y-%m}",
                   total=str(run.total))
    return run


FILE_HEADER = ["序号", "人员编码", "乡镇（街道）", "生活补贴（元）", "护理补贴（元）", "合计（元）", "发放月份"]


def _rows(run: PaymentRun):
    """The file's lines in person order, then the checked total line."""
    living = nursing = ZERO
    count = 0
    for count, line in enumerate(PaymentLine.objects.filter(run=run).select_related("person__region")
                                 .order_by("person__key").iterator(chunk_size=5000), start=1):
        living += line.living_amount
        nursing += line.nursing_amount
        yield [count, line.person.key, line.person.region.name, f"{line.living_amount:.2f}",
               f"{line.nursing_amount:.2f}", f"{line.total:.2f}", f"{run.month:%Y-%m}"]
    if (count, living, nursing) != (run.recipients, run.living_total, run.nursing_total):
        raise ValidationError({"total": _("发放明细与批次合计不符，不能生成发放文件")}, code="unbalanced")
    yield ["合计", count, "", f"{living:.2f}", f"{nursing:.2f}", f"{living + nursing:.2f}", f"{run.month:%Y-%m}"]


def payment_csv(run: PaymentRun, *, check_status: bool = True) -> bytes:
    """The payment file for the social-security card bank (UTF-8 CSV with BOM), only for an approved run."""
    if check_status and run.status != RunStatus.APPROVED:
        raise ValidationError({"status": _("批次复核后才能生成发放文件")}, code="not_approved")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FILE_HEADER)
    writer.writerows(_rows(run))
    content = buffer.getvalue().encode("utf-8-sig")
    if check_status and hashlib.sha256(content).hexdigest() != run.file_sha256:
        raise ValidationError({"file": _("发放文件与复核时的摘要不一致，可能已被改动")}, code="tampered")
    return content


def payment_xlsx(run: PaymentRun) -> bytes:
    """The same lines as an Excel workbook (the CSV is the file whose digest was approved)."""
    from zhili.core.foundation.api import XlsxWriter

    payment_csv(run)  # refuses an unapproved or altered run
    writer = XlsxWriter()
    sheet = writer.add_sheet(f"{run.month:%Y-%m}", header=FILE_HEADER)
    for row in _rows(run):
        sheet.append(row)
    return writer.to_bytes()
