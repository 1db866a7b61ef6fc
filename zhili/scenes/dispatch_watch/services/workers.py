"""Dispatched workers as the agencies submit them (portal form, XLSX, API) and the host employers they go to.

Bad input is refused with its field and rule: dates out of order, an invalid ID number or USCC, a worker
already dispatched by another agency (or twice by the same one) for an overlapping period. Breaches of the
dispatch rules (a main-business post, a temporary post over six months, a contract under two years, no
insurance) are recorded as submitted: the host-employer checks find them.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit, events, pii, validate_id_number, validate_uscc

from ..choices import InsuranceStatus, PostNature, WorkerStatus
from ..models import Agency, DispatchedWorker, HostEmployer
from .common import as_count, as_date, as_decimal, authorize, refuse

WORKER_FIELDS = ("name", "id_number", "host_uscc", "host_name", "post", "post_nature", "work_region_code",
                 "dispatch_start", "dispatch_end", "contract_start", "contract_end", "monthly_wage",
                 "insurance_region_code", "insurance_status")
WORKER_LABELS = {"name": "姓名", "id_number": "身份证号码", "host_uscc": "用工单位统一社会信用代码",
                 "host_name": "用工单位名称", "post": "岗位", "post_nature": "岗位性质", "work_region_code": "工作地区划代码",
                 "dispatch_start": "派遣开始日期", "dispatch_end": "派遣结束日期", "contract_start": "劳动合同开始日期",
                 "contract_end": "劳动合同结束日期", "monthly_wage": "月工资（元）", "insurance_region_code": "参保地区划代码",
                 "insurance_status": "参保状态"}


def _region(code: str, field: str):
    from zhili.core.orgs.api import region_by_code

    region = region_by_code((code or "").strip())
    if region is None:
        refuse(field, f"{WORKER_LABELS[field]}：未知的行政区划代码「{code}」（GB/T 2260）")
    return region


def _choice(value, choices, field: str):
    value = (value or "").strip()
    by_label = {str(label): v for v, label in choices.choices}
    value = by_label.get(value, value)
    if value not in choices.values:
        refuse(field, f"{WORKER_LABELS[field]}：须为 {'、'.join(str(label) for _, label in choices.choices)} 之一")
    return value


@transaction.atomic
def record_host(*, uscc: str, name: str, region, direct_employees: int | None = None, direct_avg_wage=None,
                industry_name: str = "", actor) -> HostEmployer:
    """Create or update a host employer; its workforce figures come from employment registration."""
    if actor is not None and not isinstance(actor, str):
        authorize(actor, "dispatch_watch.agency.manage", region)
    return _host(uscc, name, region, actor, direct_employees=direct_employees, direct_avg_wage=direct_avg_wage,
                 industry_name=industry_name)


def _host(uscc, name, region, actor, **figures) -> HostEmployer:
    uscc = (uscc or "").strip().upper()
    try:
        validate_uscc(uscc)
    except ValidationError:
        refuse("host_uscc", "用工单位统一社会信用代码：格式或校验位不符（GB 32100）")
    host = HostEmployer.objects.select_for_update().filter(uscc=uscc).first()
    changes = {k: v for k, v in figures.items() if v not in (None, "")}
    if "direct_employees" in changes:
        changes["direct_employees"] = as_count(changes["direct_employees"], "direct_employees", "直接用工人数")
    if "direct_avg_wage" in changes:
        changes["direct_avg_wage"] = as_decimal(changes["direct_avg_wage"], "direct_avg_wage", "直接用工月平均工资")
    if host is None:
        name = (name or "").strip()
        if not name:
            refuse("host_name", "用工单位名称：不能为空", "required")
        host = HostEmployer.objects.create(uscc=uscc, name=name[:200], region=region, **changes)
        audit.record("dispatch_watch.host.recorded", actor=actor, target=host, data={"uscc": uscc})
    elif changes:
        for key, value in changes.items():
            setattr(host, key, value)
        host.save(update_fields=[*changes, "updated_at"])
        audit.record("dispatch_watch.host.updated", actor=actor, target=host,
                     data={k: str(v) for k, v in changes.items()})
    return host


def _clean_worker(agency: Agency, data: dict) -> dict:
    missing = [f for f in WORKER_FIELDS if f != "host_name" and not str(data.get(f) or "").strip()]
    if missing:
        raise ValidationError({f: f"{WORKER_LABELS[f]}：不能为空" for f in missing}, code="required")
    id_number = str(data["id_number"]).strip().upper()
    try:
        validate_id_number(id_number)
    except ValidationError:
        refuse("id_number", "身份证号码：格式或校验位不符（GB 11643）")
    dates = {f: as_date(data[f], f, WORKER_LABELS[f]) for f in ("dispatch_start", "dispatch_end", "contract_start",
                                                                 "contract_end")}
    if dates["dispatch_end"] < dates["dispatch_start"]:
        refuse("dispatch_end", "派遣结束日期：不能早于派遣开始日期", "dates_order")
    if dates["contract_end"] <= dates["contract_start"]:
        refuse("contract_end", "劳动合同结束日期：须晚于劳动合同开始日期", "dates_order")
    if dates["dispatch_start"] < dates["contract_start"] or dates["dispatch_end"] > dates["contract_end"]:
        refuse("dispatch_start", "派遣期间：须在劳动合同期限之内（《劳动合同法》第五十八条、第五十九条）", "dates_order")
    wage = as_decimal(data["monthly_wage"], "monthly_wage", "月工资（元）")
    if wage <= 0:
        refuse("monthly_wage", "月工资（元）：须大于 0")
    insurance_code = str(data["insurance_region_code"]).strip()
    if not insurance_code.isdigit() or len(insurance_code) not in (6, 12):
        refuse("insurance_region_code", "参保地区划代码：须为 6 位或 12 位数字（GB/T 2260）")
    return {
        "name": str(data["name"]).strip()[:50], "id_number": id_number,
        "birth_year": int(id_number[6:10]), "post": str(data["post"]).strip()[:100],
        "post_nature": _choice(data["post_nature"], PostNature, "post_nature"),
        "work_region": _region(str(data["work_region_code"]), "work_region_code"),
        "monthly_wage": wage, "insurance_region_code": insurance_code,
        "insurance_status": _choice(data["insurance_status"], InsuranceStatus, "insurance_status"), **dates,
    }


def _refuse_overlap(clean: dict, exclude_pk=None) -> None:
    others = DispatchedWorker.objects.filter(
        id_number_index=pii.blind_index(clean["id_number"]), status=WorkerStatus.ACTIVE,
        dispatch_start__lte=clean["dispatch_end"], dispatch_end__gte=clean["dispatch_start"]).exclude(pk=exclude_pk)
    other = others.select_related("agency__organization").first()
    if other is not None:
        refuse("id_number", f"身份证号码：该劳动者在 {other.dispatch_start}～{other.dispatch_end} 已由「{other.agency.name}」"
                            "派遣，同一劳动者不能同时由两处派遣", "listed_twice")


@transaction.atomic
def record_worker(agency: Agency, data: dict, *, actor) -> DispatchedWorker:
    """Record one dispatched worker of ``agency`` (the agency's own staff submit it)."""
    authorize(actor, "dispatch_watch.worker.record", agency)
    return _record(agency, data, actor)


def _record(agency: Agency, data: dict, actor) -> DispatchedWorker:
    clean = _clean_worker(agency, data)
    _refuse_overlap(clean)
    host = _host(data["host_uscc"], data.get("host_name", ""), clean["work_region"], actor)
    worker = DispatchedWorker(agency=agency, host=host, **clean)
    worker.save()
    audit.record("dispatch_watch.worker.recorded", actor=actor, target=worker,
                 data={"agency": agency.pk, "host": host.uscc, "post_nature": worker.post_nature})
    events.publish("dispatch_watch.worker.recorded", worker_id=worker.pk, agency_id=agency.pk)
    return worker


def import_workers(agency: Agency, rows, *, actor) -> dict:
    """Record many workers from a spreadsheet's rows (dicts keyed by field name or Chinese label): all or none.

    Returns ``{"recorded": n}``; refuses with ``{"rows": ["第 3 行 身份证号码：…", ...]}`` when any row is bad.
    """
    authorize(actor, "dispatch_watch.worker.record", agency)
    by_label = {label: field for field, label in WORKER_LABELS.items()}
    problems, recorded = [], 0
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            data = {by_label.get(str(k).strip(), str(k).strip()): v for k, v in row.items()}
            try:
                with transaction.atomic():
                    _record(agency, data, actor)
                recorded += 1
            except ValidationError as problem:
                for messages in problem.message_dict.values():
                    problems.extend(f"第 {line} 行 {m}" for m in messages)
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError({"rows": problems[:200]}, code="invalid_rows")
    audit.record("dispatch_watch.workers.imported", actor=actor, target=agency, data={"recorded": recorded})
    return {"recorded": recorded}


@transaction.atomic
def end_dispatch(worker: DispatchedWorker, *, ended_on=None, actor) -> DispatchedWorker:
    """Record that the host returned the worker (退回) on ``ended_on``."""
    authorize(actor, "dispatch_watch.worker.record", worker.agency)
    ended = as_date(ended_on or timezone.localdate(), "ended_on", "退回日期")
    if ended < worker.dispatch_start:
        refuse("ended_on", "退回日期：不能早于派遣开始日期", "dates_order")
    worker.status, worker.dispatch_end = WorkerStatus.ENDED, min(worker.dispatch_end, ended)
    worker.save(update_fields=["status", "dispatch_end", "updated_at"])
    audit.record("dispatch_watch.worker.ended", actor=actor, target=worker, data={"on": ended.isoformat()})
    return worker


def age_on(worker: DispatchedWorker, day: dt.date) -> int:
    return day.year - worker.birth_year
