"""After a contract is concluded: renew, amend (supplementary agreement), rescind or terminate with the Art. 50
certificate, transfer; and, before it is signed, resend or remind the worker.

A renewal, a transfer's new contract and a supplementary agreement are ``LaborContract`` rows linked to the
earlier contract (``previous_contract``, ``relation``); they go through the same send → worker signs → seal
flow. A supplementary agreement (``document_kind=supplementary``) changes the earlier contract's terms once
both parties have signed it (Art. 35).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, pii
from zhili.core.identity.api import require

from ..choices import (
    ContractRelation,
    ContractStatus,
    SigningChannel,
    TerminationReason,
)
from ..models import (
    LaborContract,
)
from ..rules import (
    check_contract,
    value_on,
)
from .common import _contract_values, _fresh, _record_change, _require_concluded, _sign_url, sign_deadline
from .contracts import create_contract, rule_data
from .progress import worker_may_sign_status
from .termination import terminate_contract


@transaction.atomic
def renew_contract(contract: LaborContract, values: dict | None = None, *, actor) -> LaborContract:
    """续订: a new draft contract following ``contract`` (same worker and employer), checked like any new one.

    Defaults: the old terms, starting the day after the old end date, with no probation (Art. 19 ¶2). Send it
    with ``send_contracts``; it is signed the same way. An open-ended offer due under Art. 14 is a warning the
    renewal's rule check reports (``renewal_warnings``).
    """
    require(actor, "labor_contract.contract.create", contract.employer)
    contract = _fresh(contract)
    _require_concluded(contract, _("续订"))
    if contract.successors.filter(relation=ContractRelation.RENEWAL).exclude(
            status__in=[ContractStatus.REVOKED, ContractStatus.REJECTED, ContractStatus.EXPIRED]).exists():
        raise ValidationError({"status": _("该合同已有续订合同，不能重复续订")}, code="already_renewed")
    new_values = _contract_values(contract)
    new_values.update(probation_months=0, probation_wage=None, signed_on=None)
    if contract.end_date:
        new_values["start_date"] = contract.end_date + dt.timedelta(days=1)
        new_values["end_date"] = None
    new_values.update(values or {})
    return create_contract(new_values, employer=contract.employer, actor=actor,
                           previous_contract=contract, relation=ContractRelation.RENEWAL)


def renewal_warnings(contract: LaborContract, values: dict | None = None) -> list[str]:
    """Warnings (not errors) the renewal of ``contract`` with ``values`` would carry, e.g. the Art. 14 offer."""
    new_values = _contract_values(contract)
    new_values.update(probation_months=0, probation_wage=None)
    if contract.end_date:
        new_values["start_date"] = contract.end_date + dt.timedelta(days=1)
    new_values.update(values or {})
    return [str(v) for v in check_contract(rule_data(new_values, contract.employer)) if v.severity == "warning"]


@transaction.atomic
def transfer_contract(contract: LaborContract, *, to_employer, values: dict | None = None, ended_on: dt.date, actor,
                      confirmed: bool, ip_address=None, user_agent: str = "") -> LaborContract:
    """调动 to another employer: rescind here by agreement (with the certificate) and draft the new employer's
    contract linked to this one, so service years carry over (LCL-IR Art. 10). The actor must be HR of both
    (e.g. a group's HR office). A change of post inside the employer is ``amend_contract`` instead.
    """
    require(actor, "labor_contract.contract.create", to_employer)
    if to_employer.pk == contract.employer_id:
        raise ValidationError({"to_employer": _("调入单位：与原单位相同，单位内部调岗请使用变更协议")}, code="same_employer")
    terminate_contract(contract, reason=TerminationReason.TRANSFER, ended_on=ended_on, actor=actor, confirmed=confirmed,
                       note=_("调动至 {employer}").format(employer=to_employer.name), ip_address=ip_address,
                       user_agent=user_agent)
    new_values = _contract_values(contract)
    new_values.update(start_date=ended_on + dt.timedelta(days=1), probation_months=0, probation_wage=None,
                      signed_on=None, work_region=None)
    new_values.update(values or {})
    return create_contract(new_values, employer=to_employer, actor=actor, previous_contract=contract,
                           relation=ContractRelation.TRANSFER)


def _invite_again(contract: LaborContract, *, actor, template: str, action: str) -> LaborContract:
    from zhili.core.notify import api as notify


    require(actor, "labor_contract.contract.send", contract)
    contract = LaborContract.objects.select_for_update(of=("self",)).select_related("employer").get(pk=contract.pk)
    awaiting = contract.status == worker_may_sign_status(contract)
    if not awaiting and contract.status != ContractStatus.EXPIRED:
        raise ValidationError({"status": _("合同状态为「{status}」，不是等待劳动者签署，不能发送签署短信").format(
            status=contract.status_choice.label)}, code="not_awaiting_worker")
    now, today = timezone.now(), timezone.localdate()
    cooldown = value_on("invitation_resend_cooldown_minutes", today).value
    if contract.last_invited_at and now - contract.last_invited_at < dt.timedelta(minutes=cooldown):
        raise ValidationError({"resend": _("{minutes} 分钟内已向该劳动者发送过签署短信，请稍后再试（避免重复打扰劳动者）").format(
            minutes=cooldown)}, code="cooldown")
    fields = ["last_invited_at", "updated_at"]
    if contract.status == ContractStatus.EXPIRED or not contract.sign_deadline or contract.sign_deadline < today:
        previous = contract.status
        contract.sign_url = _sign_url(contract, actor=actor)
        contract.sign_deadline = sign_deadline(today)
        fields += ["sign_url", "sign_deadline"]
        if previous == ContractStatus.EXPIRED:
            contract.status = ContractStatus.SENT
            fields.append("status")
            _record_change(contract, previous, ContractStatus.SENT, actor=actor, note=_("重新发送签署邀请"))
    contract.last_invited_at = now
    if contract.channel != SigningChannel.REMOTE:
        contract.channel = SigningChannel.REMOTE
        fields.append("channel")
    contract.save(update_fields=fields)
    params = {"employer": contract.employer.name, "url": contract.sign_url,
              "deadline": contract.sign_deadline.isoformat()}
    notify.send_sms(contract.worker_phone, template, params, recipient=contract.worker,
                    dedup_key=f"labor_contract:{action}:{contract.pk}:{now.timestamp():.0f}", actor=actor)
    if contract.worker is not None:
        notify.send_in_app(contract.worker, template, params,
                           dedup_key=f"labor_contract:{action}:in_app:{contract.pk}:{now.timestamp():.0f}", actor=actor)
    audit.record(f"labor_contract.contract.{action}", actor=actor, target=contract,
                 data={"sign_deadline": contract.sign_deadline, "phone": pii.mask_phone(contract.worker_phone)})
    return contract


@transaction.atomic
def resend_invitation(contract: LaborContract, *, actor) -> LaborContract:
    """Send the signing SMS again (a new link and deadline if the old one lapsed); not twice within the cool-down."""
    return _invite_again(contract, actor=actor, template="labor_contract_sign_invite", action="invitation_resent")


@transaction.atomic
def remind_worker(contract: LaborContract, *, actor) -> LaborContract:
    """Remind the worker by SMS (and in the app) that a contract awaits their signature; same cool-down."""
    return _invite_again(contract, actor=actor, template="labor_contract_sign_reminder", action="worker_reminded")
