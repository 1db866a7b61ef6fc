"""Every change to labor contracts: create, import, send, revoke, record existing contracts, deadline reminders.

Each service checks permission first (a denied call changes nothing), runs in one transaction, writes its audit
entry in that transaction and publishes its events after commit.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii, validate_id_number, validate_mobile
from zhili.core.identity.api import require

from .. import importing
from ..choices import (
    CONCLUDED_STATUSES,
    ENDED_STATUSES,
    PENDING_STATUSES,
    ContractRelation,
    ContractStatus,
    DocumentKind,
    TermType,
)
from ..models import (
    LaborContract,
    TemplateVersion,
)
from ..rules import add_months, check_contract, term_months, value_on
from .common import CONTRACT_FIELDS, _new_number, _record_change
from .templates import create_default_template


def _history(employer, id_index: str, day: dt.date | None = None) -> tuple[bool, int, int]:
    """Whether the pair already had a probation, how many concluded fixed-term contracts they have (counted from
    the law's entry into force, Art. 97), and the whole years of service from their first concluded contract."""
    earlier = LaborContract.objects.filter(employer=employer, worker_id_number_index=id_index,
                                           document_kind=DocumentKind.CONTRACT,
                                           status__in=[*CONCLUDED_STATUSES, *ENDED_STATUSES, *PENDING_STATUSES])
    prior_probation = earlier.filter(probation_months__gt=0).exists()
    concluded = earlier.filter(status__in=[*CONCLUDED_STATUSES, *ENDED_STATUSES])
    count_from = value_on("open_ended_count_from", day or timezone.localdate()).value
    fixed_terms = concluded.filter(term_type=TermType.FIXED_TERM, start_date__gte=count_from).count()
    first = concluded.order_by("start_date").values_list("start_date", flat=True).first()
    years = term_months(first, day - dt.timedelta(days=1)) // 12 if first and day and day > first else 0
    return prior_probation, fixed_terms, years


def rule_data(values: dict, employer, *, with_history: bool = True) -> dict:
    """The input ``check_contract`` needs: the values, the employer's facts and the pair's history."""
    data = dict(values)
    region = values.get("work_region") or employer.region
    data["region_code"] = region.code if region is not None else ""
    data["is_dispatch_agency"] = employer.is_dispatch_agency
    if with_history and values.get("worker_id_number"):
        data["prior_probation"], data["prior_fixed_terms"], data["years_of_service"] = _history(
            employer, pii.blind_index(values["worker_id_number"]), values.get("start_date"))
    return data


def _identity_errors(values: dict, *, phone_required: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_id_number(values.get("worker_id_number") or "")
    except ValidationError as exc:
        errors["worker_id_number"] = exc.messages
    if phone_required or values.get("worker_phone"):
        try:
            validate_mobile(values.get("worker_phone") or "")
        except ValidationError as exc:
            errors["worker_phone"] = exc.messages
    return errors


def _new_contract(values: dict, *, employer, actor, status, template_version, batch=None, previous_contract=None,
                  relation: str = ContractRelation.NEW) -> LaborContract:
    fields = {name: values[name] for name in CONTRACT_FIELDS if values.get(name) not in (None, "")}
    contract = LaborContract(number=_new_number(), employer=employer, status=status, batch=batch,
                             template_version=template_version, work_region=values.get("work_region"),
                             previous_contract=previous_contract, relation=relation,
                             created_by=actor if getattr(actor, "pk", None) else None, **fields)
    if contract.probation_months:
        contract.probation_end_date = add_months(contract.start_date, contract.probation_months) - dt.timedelta(days=1)
    contract.idempotency_key = LaborContract.make_idempotency_key(
        employer.uscc or f"org{employer.pk}", pii.blind_index(contract.worker_id_number), contract.start_date)
    return contract


@transaction.atomic
def create_contract(values: dict, *, employer, actor, template_version: TemplateVersion | None = None,
                    previous_contract: LaborContract | None = None, relation: str = ContractRelation.NEW) -> LaborContract:
    """Create a draft contract from form values after the identity and legal checks; raise ValidationError otherwise.

    The error maps each field to Chinese messages that end with the article they rest on.
    """
    require(actor, "labor_contract.contract.create", employer)
    values = dict(values)
    values["worker_id_number"] = importing.normalise_id_number(values.get("worker_id_number"))
    values["worker_phone"] = importing.normalise_phone(values.get("worker_phone"))
    errors = _identity_errors(values, phone_required=True)
    violations = [v for v in check_contract(rule_data(values, employer)) if v.severity == "error"]
    for violation in violations:
        errors.setdefault(violation.field, []).append(str(violation))
    if errors:
        raise ValidationError(errors)
    version = template_version or create_default_template(actor=actor)
    contract = _new_contract(values, employer=employer, actor=actor, status=ContractStatus.DRAFT,
                             template_version=version, previous_contract=previous_contract, relation=relation)
    if LaborContract.objects.filter(idempotency_key=contract.idempotency_key).exists():
        raise ValidationError({"start_date": _("该劳动者在此开始日期的合同已存在，不会重复创建")}, code="duplicate")
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:
        raise ValidationError({"start_date": _("该劳动者在此开始日期的合同已存在，不会重复创建")}, code="duplicate") from None
    note = _("表单创建") if previous_contract is None else _("{relation}：{number}").format(
        relation=ContractRelation(relation).label, number=previous_contract.number)
    _record_change(contract, "", ContractStatus.DRAFT, actor=actor, note=note)
    audit.record("labor_contract.contract.created", actor=actor, target=contract,
                 data={"channel": "form", "relation": relation,
                       "previous": previous_contract.number if previous_contract else None})
    events.publish("labor_contract.contract.created", contract_id=contract.pk, employer_id=employer.pk)
    return contract


@transaction.atomic
def draft_requested_contract(*, employer, worker, job_title: str, work_place: str, start_date: dt.date,
                             daily_rate=None, source: str, end_date: dt.date | None = None,
                             monthly_wage=None, task_description: str = "") -> tuple[LaborContract | None, dict]:
    """A worker asked another scene (through a core event, ``source``) for the labour contract their employer owes
    them: a draft with what that scene knows, for the employer's administrators to check, complete and send. The
    term is the work on the site (以完成一定工作任务为期限), the monthly wage the daily rate × the dated monthly pay
    days. No permission is checked: the worker's request is the cause, and nothing reaches the worker until the
    employer sends it. With ``end_date`` (work for a season) the term is fixed to that day instead, and
    ``monthly_wage`` (a piece-rate job's guaranteed monthly pay) replaces the daily rate's; ``task_description``
    then says how the pay is counted. Returns ``(None, errors)`` when the draft would break a rule, and
    ``(None, {})`` when the pair already has a pending or concluded contract; the employer's administrators are
    told in-app either way except in the latter case."""
    from zhili.core.notify.api import send_in_app

    from .common import _employer_admins

    id_number = importing.normalise_id_number(worker.id_number or "")
    index = pii.blind_index(id_number) if id_number else ""
    if index and LaborContract.objects.filter(employer=employer, worker_id_number_index=index, document_kind=DocumentKind.CONTRACT,
                                    status__in=[*PENDING_STATUSES, *CONCLUDED_STATUSES, ContractStatus.DRAFT]).exists():
        return None, {}
    if monthly_wage is None:
        days = value_on("monthly_pay_days", start_date).value
        monthly_wage = (Decimal(str(daily_rate or "0")) * days).quantize(Decimal("0.01"))
    values = {"worker_name": worker.name, "worker_id_number": id_number,
              "worker_phone": importing.normalise_phone(worker.phone), "job_title": job_title[:100],
              "work_place": work_place[:255], "start_date": start_date, "working_hour_system": "standard",
              "monthly_wage": Decimal(str(monthly_wage))}
    if end_date is None:
        values.update(term_type=TermType.TASK_BASED, task_description=(
            task_description or _("{place}{job}作业至完成").format(place=work_place, job=job_title))[:255])
    else:
        values.update(term_type=TermType.FIXED_TERM, end_date=end_date, task_description=task_description[:255])
    errors = _identity_errors(values, phone_required=True)
    for violation in check_contract(rule_data(values, employer)):
        if violation.severity == "error":
            errors.setdefault(violation.field, []).append(str(violation))
    contract = None
    if not errors:
        contract = _new_contract(values, employer=employer, actor=None, status=ContractStatus.DRAFT,
                                 template_version=create_default_template())
        contract.worker = worker
        if LaborContract.objects.filter(idempotency_key=contract.idempotency_key).exists():
            return None, {}
        contract.save()
        _record_change(contract, "", ContractStatus.DRAFT, actor=None, note=_("劳动者申请（{s}）").format(s=source))
        audit.record("labor_contract.contract.created", actor=f"event:{source}", target=contract,
                     data={"channel": "request", "source": source, "worker": worker.pk})
        events.publish("labor_contract.contract.created", contract_id=contract.pk, employer_id=employer.pk)
    problems = "；".join(m for messages in errors.values() for m in messages)
    for admin in _employer_admins(employer.pk):
        send_in_app(admin, "labor_contract_requested", {
            "name": worker.name, "place": work_place,
            "next": (_("已生成合同草稿 {n}，请核对后发送签署").format(n=contract.number) if contract else
                     _("未能生成草稿（{p}），请在合同页面新建").format(p=problems))},
            dedup_key=f"labor_contract:requested:{source}:{employer.pk}:{worker.pk}:{admin.pk}",
            actor=f"event:{source}")
    return contract, errors
