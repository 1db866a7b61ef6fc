"""Every change the labor-risk scene makes: the enterprise register, evaluations, warnings and their cases."""

import datetime as dt
import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zhili.core.cases.api import Priority, open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.indicators.api import EntityResult, Level, evaluate_system
from zhili.core.orgs.api import INDUSTRIES_CSV, read_csv, region_by_code

from .choices import WarningStatus
from .indicators import SYSTEM_CODE
from .models import MonitoredEnterprise, RiskWarning
from .workflows import CASE_TYPE

logger = logging.getLogger(__name__)

CASE_LEVELS = (Level.ORANGE, Level.RED)
PRIORITY_BY_LEVEL = {Level.RED: Priority.URGENT, Level.ORANGE: Priority.HIGH}


def _actor_or_none(actor):
    return None if isinstance(actor, str) or actor is None else actor


def _require_officer(actor, permission: str) -> None:
    if actor is not None and not isinstance(actor, str):
        require(actor, permission, None)


def sync_enterprises(*, actor, engine: str = "duckdb") -> dict:
    """Bring the monitored-enterprise list in line with the register (dataset ``lr_enterprises``).

    Rows whose town code is not a known region are skipped and counted. Returns created/updated/skipped.
    """
    from zhili.core.datapool.api import ibis_table

    _require_officer(actor, "labor_risk.enterprise.sync")
    table = ibis_table("lr_enterprises", engine)
    rows = table.select("uscc", "name", "region_code", "industry_code", "status").to_pyarrow().to_pylist()
    industries = {row["code"]: row["name"] for _, row in read_csv(INDUSTRIES_CSV)}
    regions: dict = {}
    return _store_enterprises(rows, industries, regions, actor)


@transaction.atomic
def _store_enterprises(rows, industries, regions, actor) -> dict:
    existing = {e.uscc: e for e in MonitoredEnterprise.objects.all()}
    to_create, to_update, skipped = [], [], 0
    for row in rows:
        code = row["region_code"]
        if code not in regions:
            regions[code] = region_by_code(code)
        region = regions[code]
        if region is None:
            skipped += 1
            continue
        values = {"name": row["name"], "region": region, "industry_code": row["industry_code"],
                  "industry_name": industries.get(row["industry_code"], "")}
        found = existing.get(row["uscc"])
        if found is None:
            to_create.append(MonitoredEnterprise(uscc=row["uscc"], **values))
        elif any(getattr(found, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(found, key, value)
            to_update.append(found)
    MonitoredEnterprise.objects.bulk_create(to_create, batch_size=2000)
    MonitoredEnterprise.objects.bulk_update(to_update, ["name", "region", "industry_code", "industry_name"],
                                            batch_size=2000)
    report = {"created": len(to_create), "updated": len(to_update), "skipped": skipped}
    audit.record("labor_risk.enterprises.synced", actor=_actor_or_none(actor), data=report)
    events.publish("labor_risk.enterprises.synced", **report)
    return report


def evaluate_labor_risk(period_end: dt.date, *, actor, engine: str = "duckdb"):
    """Run the indicator system for the period ending ``period_end`` and copy levels onto the enterprises.

    The level changes the core publishes raise warnings (see ``events.py``); red and orange ones open a case.
    """
    _require_officer(actor, "labor_risk.evaluation.run")
    run = evaluate_system(SYSTEM_CODE, period_end, actor=actor if actor is not None else "labor_risk", engine=engine)
    _copy_levels(run, actor)
    return run


@transaction.atomic
def _copy_levels(run, actor) -> int:
    results = {r["entity_key"]: r for r in EntityResult.objects.filter(run=run).values("entity_key", "level", "score")}
    changed = []
    for enterprise in MonitoredEnterprise.objects.filter(uscc__in=list(results)).iterator(chunk_size=5000):
        result = results[enterprise.uscc]
        enterprise.level, enterprise.score, enterprise.period = result["level"], result["score"], run.period
        changed.append(enterprise)
    MonitoredEnterprise.objects.bulk_update(changed, ["level", "score", "period", "updated_at"], batch_size=2000)
    audit.record("labor_risk.levels.copied", actor=_actor_or_none(actor), target=run,
                 data={"period": run.period, "enterprises": len(changed)})
    return len(changed)


@transaction.atomic
def raise_warning(uscc: str, *, old_level: str, new_level: str, period: str, run_id: int | None, actor=None):
    """Record a warning when an enterprise's level rises; red and orange ones open a case with a deadline.

    Returns the warning, or None when the level fell or the enterprise is not on the register.
    """
    if Level.rank(new_level) <= Level.rank(old_level) or new_level == Level.NONE:
        return None
    enterprise = MonitoredEnterprise.objects.select_for_update().filter(uscc=uscc).first()
    if enterprise is None:
        logger.warning("level change for %s, which is not on the labor-risk register", uscc)
        return None
    result = EntityResult.objects.filter(system_code=SYSTEM_CODE, entity_key=uscc, run_id=run_id).first()
    explanation = result.explanation if result else {}
    warning, created = RiskWarning.objects.get_or_create(
        enterprise=enterprise, period=period, level=new_level,
        defaults={"old_level": old_level, "score": Decimal(str(explanation.get("score", 0))),
                  "fired": explanation.get("fired", []), "vetoes": explanation.get("vetoes", []),
                  "run_id": run_id})
    if not created:
        return warning
    enterprise.level = new_level
    enterprise.score = warning.score
    enterprise.period = period
    enterprise.save(update_fields=["level", "score", "period", "updated_at"])
    audit.record("labor_risk.warning.raised", actor=actor, target=warning,
                 data={"uscc": uscc, "old": old_level, "new": new_level, "period": period})
    if new_level in CASE_LEVELS:
        _open_case_for(warning, actor)
    events.publish("labor_risk.warning.raised", warning_id=warning.pk, uscc=uscc, level=new_level,
                   case_id=warning.case_id)
    return warning


def _open_case_for(warning: RiskWarning, actor) -> None:
    enterprise = warning.enterprise
    title = f"{enterprise.name}：{Level(warning.level).label}（{warning.period}）"
    fired = "；".join(item["name"] for item in warning.fired) or "—"
    description = f"统一社会信用代码 {enterprise.uscc}，风险得分 {warning.score}。触发指标：{fired}。"
    try:
        with transaction.atomic():
            case = open_case(CASE_TYPE, title=title[:200], region=enterprise.region, actor=actor, subject=warning,
                             priority=PRIORITY_BY_LEVEL[warning.level], description=description)
    except ValidationError as problem:
        logger.warning("no case for warning %s: %s", warning.pk, "；".join(problem.messages))
        return
    warning.case = case
    warning.status = WarningStatus.CASE_OPEN
    warning.save(update_fields=["case", "status", "updated_at"])


@transaction.atomic
def close_warning_for_case(case_id: int, *, actor=None) -> RiskWarning | None:
    """Mark the warning whose case was closed (办结) as closed."""
    warning = RiskWarning.objects.select_for_update().filter(case_id=case_id).first()
    if warning is None or warning.status == WarningStatus.CLOSED:
        return warning
    warning.status = WarningStatus.CLOSED
    warning.save(update_fields=["status", "updated_at"])
    audit.record("labor_risk.warning.closed", actor=actor, target=warning, data={"case_id": case_id})
    events.publish("labor_risk.warning.closed", warning_id=warning.pk)
    return warning


def ensure_can_view_enterprise(user, enterprise: MonitoredEnterprise) -> None:
    """Raise PermissionDenied unless ``user`` may see this enterprise's risk profile."""
    from zhili.core.identity.api import can

    if not can(user, "labor_risk.enterprise.view", enterprise):
        raise PermissionDenied("无权查看该企业的风险画像")
