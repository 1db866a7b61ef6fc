"""Every change of state in the 碳效码 scene: ``verb_noun(..., *, actor)``, atomic, audited, evidence in the ledger.

``evaluate_period`` reads the energy and value-added rows from core.datapool (their Parquet snapshots), computes
every enterprise's figures in one DuckDB statement (``engine.py``), stores them, hands the year's grades back to
the data pool and lets core.indicators keep each enterprise's level, from which its signed code is issued.
"""

import csv
import datetime as dt
import hashlib
import json
import logging
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.datapool.api import ingest_file, snapshot_dataset
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.indicators.api import evaluate_system
from zhili.core.ledger import api as ledger
from zhili.core.orgs.api import Organization

from . import engine
from .choices import ResultStatus
from .indicators import SYSTEM
from .models import CarbonBill, CarbonResult, Evaluation, RegionIndex
from .periods import period_bounds
from .rules import factors_on, rule

logger = logging.getLogger(__name__)


def bounds_on(day: dt.date) -> engine.Bounds:
    """The level and grade bounds and the outlier ratio in force on ``day``, as the engine takes them."""
    return engine.Bounds(tuple(float(v) for v in rule("level_bounds", day).value),
                         tuple(float(v) for v in rule("grade_bounds", day).value),
                         float(rule("outlier_ratio", day).value))


def compute(period: str) -> tuple[list[dict], list[dict], dict, set[str]]:
    """Every registered enterprise's figures for ``period`` from the data pool (reads only).

    Returns the engine's rows, the region and industry indices, the factors used and the USCCs in the data that
    no registered enterprise has.
    """
    import duckdb
    import pyarrow as pa

    start, end, _scope = period_bounds(period)
    factors = factors_on(end)
    con = duckdb.connect()
    con.execute(f"CREATE VIEW energy AS SELECT * FROM read_parquet('{snapshot_dataset('carbon_code_energy')}')")
    con.execute(f"CREATE VIEW value_added AS SELECT * FROM read_parquet('{snapshot_dataset('carbon_code_value_added')}')")
    found = {row[0] for row in con.execute(f"""
        SELECT uscc FROM energy WHERE CAST(month AS DATE) BETWEEN DATE '{start}' AND DATE '{end}'
        UNION SELECT uscc FROM value_added WHERE CAST(month AS DATE) BETWEEN DATE '{start}' AND DATE '{end}'
    """).fetchall()}
    known = list(Organization.objects.filter(uscc__in=found).values_list("uscc", "industry__code", "region__code"))
    con.register("enterprises", pa.table({
        "uscc": [k[0] for k in known],
        "industry": [k[1] if k[1] and k[1].isdigit() else None for k in known],
        "region": [k[2] for k in known]}))
    con.execute(f"CREATE TABLE results AS {engine.evaluation_sql(start, end, factors, bounds_on(end))}")
    cursor = con.execute("SELECT * FROM results ORDER BY uscc")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    cursor = con.execute(engine.region_indices_sql("results"))
    names = [d[0] for d in cursor.description]
    indices = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    con.close()
    return rows, indices, factors, found - {k[0] for k in known}


def _dec(value, places: int) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(round(float(value), places))).quantize(Decimal(1).scaleb(-places))


def _problems(row: dict, period_label: str) -> list[dict]:
    """Why an enterprise cannot be graded, one entry per bad row or missing fact, for the pages and the bill."""
    found = []
    if row["gross"] is None and not row["problems"]:
        found.append({"code": "no_energy", "text": _("本期没有能源数据")})
    for item in row["problems"] or []:
        found.append({"code": item["problem"], "month": item["month"].strftime("%Y-%m"), "kind": item["kind"],
                      "quantity": item["quantity"], "unit": item["unit"],
                      "median": item["median"]})
    for month in row["missing_va"] or []:
        found.append({"code": "missing_va", "month": month.strftime("%Y-%m")})
    for month in row["bad_va"] or []:
        found.append({"code": "bad_va", "month": month.strftime("%Y-%m")})
    if row["industry"] is None:
        found.append({"code": "industry", "text": _("未登记国民经济行业大类（GB/T 4754）")})
    if not found and row["k_value"] is None:
        found.append({"code": "industry_mean", "text": _("所属行业本期没有可比企业")})
    return found


@transaction.atomic
def evaluate_period(period: str, *, actor) -> Evaluation:
    """Evaluate every enterprise in the data pool for ``period``; store figures, grades and the year's code levels.

    A re-evaluation of the same period replaces its figures (a corrected data batch changes the result); the
    enterprises whose data has problems are stored as not graded, with every problem named.
    """
    if not isinstance(actor, str):
        require(actor, "carbon_code.evaluation.run")
    start, end, scope = period_bounds(period)
    rows, indices, factors, unknown = compute(period)
    evaluation = Evaluation.objects.create(
        period=period, start=start, end=end, started_by=None if isinstance(actor, str) else actor,
        factors={k: {"unit": f.unit, "t_co2_per_unit": str(f.t_co2_per_unit.quantize(Decimal("0.0000001"))),
                     "reference": f.reference} for k, f in factors.items()})
    enterprises = {uscc: (pk, region) for uscc, pk, region in Organization.objects.filter(
        uscc__in=[r["uscc"] for r in rows]).values_list("uscc", "pk", "region_id")}
    CarbonResult.objects.filter(period=period).delete()  # an issued bill keeps its own PDF (result set null)
    results = []
    for row in rows:
        problems = _problems(row, period)
        graded = not problems
        results.append(CarbonResult(
            evaluation=evaluation, enterprise_id=enterprises[row["uscc"]][0], region_id=enterprises[row["uscc"]][1],
            industry_code=row["industry"] or "", period=period,
            status=ResultStatus.GRADED if graded else ResultStatus.NOT_GRADED,
            quantities={k: row[f"q_{k}"] for k in engine.KINDS if row.get(f"q_{k}") is not None},
            gross_t=_dec(row["gross"], 3), offset_t=_dec(row["offset_t"], 3), net_t=_dec(row["net"], 3),
            value_added=_dec(row["va"], 2), intensity=_dec(row["intensity"], 4),
            industry_intensity=_dec(row["industry_intensity"], 4), k_value=_dec(row["k_value"], 4),
            grade=str(row["grade"]) if graded else "", level=row["level"] if graded else "",
            neutrality=_dec(row["neutrality"], 4), problems=problems))
    CarbonResult.objects.bulk_create(results, batch_size=1000)
    _store_indices(evaluation, indices)
    evaluation.enterprise_count = len(results)
    evaluation.graded_count = sum(1 for r in results if r.status == ResultStatus.GRADED)
    evaluation.save(update_fields=["enterprise_count", "graded_count", "updated_at"])
    summary = {"period": period, "enterprises": evaluation.enterprise_count, "graded": evaluation.graded_count,
               "unregistered": sorted(unknown)[:50]}
    audit.record("carbon_code.evaluation.run", actor=None if isinstance(actor, str) else actor, target=evaluation,
                 data=summary)
    grades = sorted((r.enterprise_id, r.grade, str(r.k_value), str(r.intensity)) for r in results if r.grade)
    digest = hashlib.sha256(json.dumps(grades, ensure_ascii=False).encode()).hexdigest()
    ledger.append(kind="carbon_code.evaluation.run", subject=evaluation, actor=actor, digest=digest, data=summary)
    if scope == "year":
        _hand_back_grades(rows, results, period, end, actor)
    events.publish("carbon_code.evaluation.completed", evaluation_id=evaluation.pk, period=period)
    return evaluation


def _store_indices(evaluation: Evaluation, indices: list[dict]) -> None:
    """Keep the region and industry indices of the evaluation, named from the code lists."""
    from zhili.core.orgs.api import Industry, Region

    RegionIndex.objects.filter(period=evaluation.period).delete()
    codes = {i["code"] for i in indices}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    industries = dict(Industry.objects.filter(code__in=codes).values_list("code", "name"))
    RegionIndex.objects.bulk_create([RegionIndex(
        evaluation=evaluation, period=evaluation.period, level=i["level"], code=i["code"],
        name=(industries if i["level"] == "industry" else names).get(i["code"], ""), firms=i["firms"],
        good_firms=i["good_firms"], poor_firms=i["poor_firms"], gross_t=_dec(i["gross"], 3),
        offset_t=_dec(i["offset_t"], 3), net_t=_dec(i["net"], 3), value_added=_dec(i["va"], 2),
        intensity=_dec(i["intensity"], 4), index_value=_dec(i["index_value"], 4),
        neutrality=_dec(i["neutrality"], 4), rank=i["rank"]) for i in indices], batch_size=1000)


def _hand_back_grades(rows, results, period: str, end: dt.date, actor) -> None:
    """Write the year's grades to ``carbon_code_grades`` and evaluate the code system, so the levels follow."""
    graded = [(row["uscc"], result.grade) for row, result in zip(rows, results, strict=True) if result.grade]
    label = actor if isinstance(actor, str) else f"carbon_code:{actor.username}"
    if graded:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"carbon_code_grades_{period}.csv"
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["uscc", "period", "scope", "period_end", "grade"])
                for uscc, grade in graded:
                    writer.writerow([uscc, period, "year", end.isoformat(), grade])
            batch = ingest_file("carbon_code_grades", path, actor=label)
        if batch.status != "succeeded":
            raise ValidationError({"period": _("评价结果写入数据仓失败：{reason}").format(reason=batch.failure_reason)})
    evaluate_system(SYSTEM, end, actor=label, period=period)


@transaction.atomic
def issue_bill(result: CarbonResult, *, actor) -> CarbonBill:
    """Issue the carbon bill (碳账单) of ``result``: the PDF sealed by the platform, audited, its digest ledgered."""
    from zhili.core.esign.api import platform_seal_pdf

    from .bills import render_bill

    require(actor, "carbon_code.bill.issue", result)
    sealed = platform_seal_pdf(render_bill(result), subject=result, reason=_("碳账单"), actor=actor,
                               field_name="CarbonBillSeal")
    digest = hashlib.sha256(sealed).hexdigest()
    bill = CarbonBill.objects.create(enterprise=result.enterprise, period=result.period, result=result,
                                     issued_by=actor, pdf=sealed, sha256=digest)
    data = {"period": result.period, "uscc": result.enterprise.uscc, "grade": result.grade, "sha256": digest}
    audit.record("carbon_code.bill.issued", actor=actor, target=bill, data=data)
    ledger.append(kind="carbon_code.bill.issued", subject=bill, actor=actor, digest=digest, data=data)
    events.publish("carbon_code.bill.issued", bill_id=bill.pk, enterprise_id=result.enterprise_id)
    return bill


def open_rectification(uscc: str, *, old_level: str, new_level: str, period: str):
    """Open a 碳效整改 case when an enterprise's code worsens to orange or red; None when nothing is opened.

    The case goes to the office the case type's assignment rules name for the enterprise's region; without a
    rule the change is logged and no case is opened (the department sets its rule on core.cases' page).
    """
    from zhili.core.cases.api import Priority, open_case
    from zhili.core.indicators.api import Level

    if new_level not in (Level.ORANGE, Level.RED) or Level.rank(new_level) <= Level.rank(old_level):
        return None
    enterprise = Organization.objects.filter(uscc=uscc).select_related("region").first()
    result = CarbonResult.objects.filter(enterprise=enterprise, period=period).first() if enterprise else None
    if result is None:
        return None
    title = _("{name} {period} 年碳效降为{label}，请督促整改").format(name=enterprise.name, period=period,
                                                              label=result.label)
    description = _("单位增加值碳排放 {l} t/万元，行业平均 {m}，碳效值 {k}。").format(
        l=result.intensity, m=result.industry_intensity, k=result.k_value)
    try:
        with transaction.atomic():
            return open_case("carbon_code.rectification", title=title[:200], region=enterprise.region, actor=None,
                             subject=enterprise, description=description,
                             priority=Priority.HIGH if new_level == Level.RED else Priority.NORMAL)
    except ValidationError as problem:
        logger.warning("no rectification case for %s: %s", uscc, "；".join(problem.messages))
        return None
