"""Host-employer and agency checks: the month's host facts, their evaluation on core.indicators, warnings.

The facts are computed by one DuckDB statement over the roster and the hosts' figures (``FACTS_SQL``), the
same statement the province-scale benchmark runs over Parquet; they are loaded into the data pool as
``dw_host_facts`` (lineage) and the indicator system evaluates them. A rise in a host's level raises a
warning; red and orange ones open a case.
"""

import csv
import datetime as dt
import logging
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import WarningStatus
from ..indicators import SYSTEM_CODE
from ..models import DispatchedWorker, HostEmployer, HostWarning
from ..rules import rule
from ..workflows import HOST_CASE

logger = logging.getLogger(__name__)

FACT_FIELDS = ("workforce", "dispatched", "main_posts", "temp_over_limit", "short_contracts", "uninsured",
               "wrong_place", "pay_gap", "outsourced_on_payroll", "overtime_unapproved")

# The month's overtime as the labour-relations risk data hold it (employment registration and attendance: workers
# with more than 36 overtime hours in the month, 《劳动法》第四十一条), read by dataset code through core.datapool.
OVERTIME_DATASET, OVERTIME_FIELD = "lr_employment", "overtime_over_36"

# ``workers``: host_uscc, agency_uscc, id_key, post_nature, work_county, insurance_county, insurance_status,
# dispatch_start, dispatch_end, contract_start, contract_end, wage.  ``hosts``: host_uscc, direct_employees,
# direct_avg_wage, outsourcing_contract, outsourced_on_payroll.  Parameters: $day, $temp_months,
# $contract_years, $pay_ratio.
FACTS_SQL = """
WITH active AS (
    SELECT w.*, coalesce(h.direct_avg_wage, 0) AS direct_avg_wage
    FROM workers w LEFT JOIN hosts h ON h.host_uscc = w.host_uscc
    WHERE w.dispatch_start <= $day AND w.dispatch_end >= $day
), per_host AS (
    SELECT host_uscc,
           count(*) AS dispatched,
           count(*) FILTER (WHERE post_nature = 'other') AS main_posts,
           count(*) FILTER (WHERE post_nature = 'temporary'
                            AND dispatch_end > dispatch_start + to_months($temp_months)) AS temp_over_limit,
           count(*) FILTER (WHERE contract_end < contract_start + to_years($contract_years) - INTERVAL 1 DAY)
               AS short_contracts,
           count(*) FILTER (WHERE insurance_status <> 'paid') AS uninsured,
           count(*) FILTER (WHERE work_county <> insurance_county) AS wrong_place,
           count(*) FILTER (WHERE direct_avg_wage > 0 AND wage < $pay_ratio * direct_avg_wage) AS pay_gap
    FROM active GROUP BY host_uscc
)
SELECT h.host_uscc,
       CAST(h.direct_employees + coalesce(p.dispatched, 0) AS BIGINT) AS workforce,
       coalesce(p.dispatched, 0) AS dispatched,
       coalesce(p.main_posts, 0) AS main_posts,
       coalesce(p.temp_over_limit, 0) AS temp_over_limit,
       coalesce(p.short_contracts, 0) AS short_contracts,
       coalesce(p.uninsured, 0) AS uninsured,
       coalesce(p.wrong_place, 0) AS wrong_place,
       coalesce(p.pay_gap, 0) AS pay_gap,
       CASE WHEN h.outsourcing_contract THEN h.outsourced_on_payroll ELSE 0 END AS outsourced_on_payroll
FROM hosts h LEFT JOIN per_host p ON p.host_uscc = h.host_uscc
WHERE coalesce(p.dispatched, 0) > 0 OR (h.outsourcing_contract AND h.outsourced_on_payroll > 0)
ORDER BY h.host_uscc
"""

# Agencies: $day, $capital_min, $contract_years. A worker listed by two agencies on $day counts at both.
AGENCY_SQL = """
WITH active AS (
    SELECT * FROM workers WHERE dispatch_start <= $day AND dispatch_end >= $day
), twice AS (
    SELECT id_key FROM active GROUP BY id_key HAVING count(DISTINCT agency_uscc) > 1
)
SELECT a.agency_uscc,
       a.licence_expires_on < $day OR a.licence_status <> 'valid' AS licence_invalid,
       a.registered_capital < $capital_min AS capital_short,
       (SELECT count(*) FROM active w WHERE w.agency_uscc = a.agency_uscc
            AND w.contract_end < w.contract_start + to_years($contract_years) - INTERVAL 1 DAY) AS short_contracts,
       (SELECT count(*) FROM active w WHERE w.agency_uscc = a.agency_uscc
            AND w.id_key IN (SELECT id_key FROM twice)) AS listed_twice
FROM agencies a ORDER BY a.agency_uscc
"""


def fact_parameters(day: dt.date) -> dict:
    return {"day": day, "temp_months": rule("temporary_post_months", day).value,
            "contract_years": rule("contract_min_years", day).value,
            "pay_ratio": float(rule("equal_pay_ratio", day).value)}


def compute_host_facts(con, day: dt.date) -> list[dict]:
    """Run ``FACTS_SQL`` on a DuckDB connection that has ``workers`` and ``hosts`` registered."""
    cursor = con.execute(FACTS_SQL, fact_parameters(day))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _roster_tables(day: dt.date):
    import pyarrow as pa

    workers = (DispatchedWorker.objects.filter(dispatch_start__lte=day, dispatch_end__gte=day)
               .select_related("host", "agency__organization", "work_region"))
    rows = {k: [] for k in ("host_uscc", "agency_uscc", "id_key", "post_nature", "work_county", "insurance_county",
                            "insurance_status", "dispatch_start", "dispatch_end", "contract_start", "contract_end",
                            "wage")}
    for w in workers.iterator(chunk_size=2000):
        values = (w.host.uscc, w.agency.organization.uscc, w.id_number_index, w.post_nature, w.work_region.code[:6],
                  w.insurance_region_code[:6], w.insurance_status, w.dispatch_start, w.dispatch_end,
                  w.contract_start, w.contract_end, float(w.monthly_wage))
        for key, value in zip(rows, values, strict=True):
            rows[key].append(value)
    worker_table = pa.table(rows, schema=pa.schema([
        ("host_uscc", pa.string()), ("agency_uscc", pa.string()), ("id_key", pa.string()),
        ("post_nature", pa.string()), ("work_county", pa.string()), ("insurance_county", pa.string()),
        ("insurance_status", pa.string()), ("dispatch_start", pa.date32()), ("dispatch_end", pa.date32()),
        ("contract_start", pa.date32()), ("contract_end", pa.date32()), ("wage", pa.float64())]))
    hosts = list(HostEmployer.objects.values_list("uscc", "direct_employees", "direct_avg_wage",
                                                  "outsourcing_contract", "outsourced_on_host_payroll"))
    host_table = pa.table({
        "host_uscc": pa.array([h[0] for h in hosts], pa.string()),
        "direct_employees": pa.array([h[1] for h in hosts], pa.int64()),
        "direct_avg_wage": pa.array([float(h[2]) for h in hosts], pa.float64()),
        "outsourcing_contract": pa.array([h[3] for h in hosts], pa.bool_()),
        "outsourced_on_payroll": pa.array([h[4] for h in hosts], pa.int64())})
    return worker_table, host_table


def overtime_without_approval(day: dt.date) -> dict[str, int]:
    """Per host employer: workers over 36 overtime hours in the month ending ``day`` when no special working-hours
    approval (综合计算工时 or 不定时) is in force for the host that month; with one, the hours are judged against
    the approved arrangement instead and nothing is counted here."""
    from zhili.core.datapool.api import ibis_table

    from ..choices import HoursStatus
    from ..models import SpecialHoursApproval

    try:
        table = ibis_table(OVERTIME_DATASET, "duckdb")
    except Exception:  # the dataset is not declared here, or no batch is loaded yet  # noqa: BLE001
        return {}
    first = day.replace(day=1)
    month = table.filter((table.month_end >= first) & (table.month_end <= day))
    rows = month.group_by("uscc").aggregate(over=month[OVERTIME_FIELD].sum()).to_pyarrow().to_pylist()
    hosts = set(HostEmployer.objects.filter(uscc__in=[r["uscc"] for r in rows]).values_list("uscc", flat=True))
    approved = set(SpecialHoursApproval.objects.filter(
        organization__uscc__in=hosts, status=HoursStatus.APPROVED, period_start__lte=day, period_end__gte=first,
    ).values_list("organization__uscc", flat=True))
    return {r["uscc"]: int(r["over"] or 0) for r in rows
            if r["uscc"] in hosts and r["uscc"] not in approved and (r["over"] or 0) > 0}


def host_facts(day: dt.date) -> list[dict]:
    """The host facts on ``day`` from the platform's roster and hosts, with overtime judged against approvals."""
    import duckdb

    worker_table, host_table = _roster_tables(day)
    con = duckdb.connect()
    try:
        con.register("workers", worker_table)
        con.register("hosts", host_table)
        facts = compute_host_facts(con, day)
    finally:
        con.close()
    overtime = overtime_without_approval(day)
    for row in facts:
        row["overtime_unapproved"] = overtime.pop(row["host_uscc"], 0)
    direct = dict(HostEmployer.objects.filter(uscc__in=list(overtime)).values_list("uscc", "direct_employees"))
    zero = dict.fromkeys(FACT_FIELDS, 0)
    facts += [{"host_uscc": uscc, **zero, "workforce": direct.get(uscc, 0), "overtime_unapproved": count}
              for uscc, count in overtime.items()]
    return sorted(facts, key=lambda r: r["host_uscc"])


def sync_host_figures(*, actor) -> dict:
    """Copy each host's latest employment-registration and outsourcing figures from the data pool."""
    from zhili.core.datapool.api import ibis_table
    from zhili.core.orgs.api import region_by_code

    if not isinstance(actor, str):
        require(actor, "dispatch_watch.checks.run", None)

    def latest(code, columns):
        try:
            table = ibis_table(code, "duckdb")
        except Exception:  # no batch loaded yet  # noqa: BLE001
            return {}
        rows = table.select("host_uscc", "month_end", *columns).to_pyarrow().to_pylist()
        found = {}
        for row in sorted(rows, key=lambda r: r["month_end"]):
            found[row["host_uscc"]] = row
        return found

    employment = latest("dw_employment", ("name", "region_code", "direct_employees", "direct_avg_wage"))
    outsourcing = latest("dw_outsourcing", ("outsourcing_contract", "outsourced_on_payroll"))
    report = {"updated": 0, "created": 0, "skipped": 0}
    with transaction.atomic():
        hosts = {h.uscc: h for h in HostEmployer.objects.select_for_update()}
        for uscc in set(employment) | set(outsourcing):
            e, o = employment.get(uscc), outsourcing.get(uscc)
            host = hosts.get(uscc)
            if host is None:
                region = region_by_code(e["region_code"]) if e else None
                if region is None:
                    report["skipped"] += 1
                    continue
                host = HostEmployer(uscc=uscc, name=e["name"], region=region)
                report["created"] += 1
            else:
                report["updated"] += 1
            if e:
                host.direct_employees = int(e["direct_employees"])
                host.direct_avg_wage = Decimal(str(e["direct_avg_wage"])).quantize(Decimal("0.01"))
            if o:
                host.outsourcing_contract = bool(o["outsourcing_contract"])
                host.outsourced_on_host_payroll = int(o["outsourced_on_payroll"])
            host.save()
        audit.record("dispatch_watch.hosts.synced", actor=actor, data=report)
    return report


def run_host_checks(period_end: dt.date, *, actor):
    """Build the month's host facts, load them into the data pool and evaluate the indicator system."""
    from zhili.core.datapool.api import ingest_file
    from zhili.core.indicators.api import evaluate_system

    label = actor if isinstance(actor, str) else "dispatch_watch.checks"
    if not isinstance(actor, str):
        require(actor, "dispatch_watch.checks.run", None)
    facts = host_facts(period_end)
    if not facts:
        raise ValidationError({"period_end": f"{period_end} 没有在派的被派遣劳动者，无可核查的用工单位"}, code="no_data")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"dw_host_facts_{period_end.isoformat()}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("host_uscc", "month_end", *FACT_FIELDS))
            for row in facts:
                writer.writerow((row["host_uscc"], period_end.isoformat(), *(row[f] for f in FACT_FIELDS)))
        batch = ingest_file("dw_host_facts", path, actor=label, check_permission=False)
    if batch.status != "succeeded":
        raise ValidationError({"period_end": f"核查数据入库失败：{batch.failure_reason or batch.status}"}, code="ingest")
    run = evaluate_system(SYSTEM_CODE, period_end, actor=label)
    audit.record("dispatch_watch.checks.run", actor=actor, target=run,
                 data={"period_end": period_end.isoformat(), "hosts": len(facts), "batch": batch.pk})
    return run


@transaction.atomic
def raise_warning(uscc: str, *, old_level: str, new_level: str, period: str, run_id: int | None, actor=None):
    """Record a warning when a host's level rises; red and orange ones open a case with a deadline."""
    from zhili.core.indicators.api import EntityResult, Level

    if Level.rank(new_level) <= Level.rank(old_level) or new_level == Level.NONE:
        return None
    host = HostEmployer.objects.select_for_update().filter(uscc=uscc).select_related("region").first()
    if host is None:
        return None
    result = EntityResult.objects.filter(system_code=SYSTEM_CODE, entity_key=uscc, run_id=run_id).first()
    explanation = result.explanation if result else {}
    warning, created = HostWarning.objects.get_or_create(
        host=host, period=period, level=new_level,
        defaults={"old_level": old_level, "score": Decimal(str(explanation.get("score", 0))),
                  "fired": explanation.get("fired", [])})
    if not created:
        return warning
    audit.record("dispatch_watch.warning.raised", actor=actor, target=warning,
                 data={"uscc": uscc, "old": old_level, "new": new_level, "period": period})
    if new_level in (Level.ORANGE, Level.RED):
        from zhili.core.cases.api import Priority, open_case

        fired = "；".join(item.get("name", "") for item in warning.fired) or "—"
        try:
            with transaction.atomic():
                case = open_case(HOST_CASE, title=f"{host.name}：劳务派遣用工{Level(new_level).label}（{period}）"[:200],
                                 region=host.region, actor=None, subject=warning,
                                 priority=Priority.URGENT if new_level == Level.RED else Priority.HIGH,
                                 description=f"统一社会信用代码 {uscc}，得分 {warning.score}。触发指标：{fired}。")
        except ValidationError as problem:
            logger.warning("no case for host warning %s: %s", warning.pk, "；".join(problem.messages))
        else:
            warning.case, warning.status = case, WarningStatus.CASE_OPEN
            warning.save(update_fields=["case", "status", "updated_at"])
    events.publish("dispatch_watch.warning.raised", warning_id=warning.pk, uscc=uscc, level=new_level)
    return warning
