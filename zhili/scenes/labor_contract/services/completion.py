"""What follows the last signature: PAdES B-LTA, the worker told, filing (备案) or the amendment applied."""


from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events

from ..choices import (
    ContractStatus,
    DocumentKind,
    DocumentStage,
)
from ..models import LaborContract
from .common import _ledger, _record_change
from .pdfs import _esign, _store_document

COMPLETION_LINK_DAYS = 366


def _complete(contract: LaborContract, signed_pdf: bytes, *, actor) -> None:
    """Both parties signed: PAdES B-LTA, status completed, ledger, and the worker told by SMS and in the app."""
    from zhili.core.notify import api as notify

    completed = _esign().complete_document(signed_pdf)
    stored = _store_document(contract, DocumentStage.COMPLETED, completed)
    previous = contract.status
    contract.status, contract.completed_at = ContractStatus.COMPLETED, timezone.now()
    contract.save(update_fields=["status", "completed_at", "updated_at"])
    _record_change(contract, previous, ContractStatus.COMPLETED, actor=actor)
    audit.record("labor_contract.contract.completed", actor=actor, target=contract, data={"sha256": stored.sha256})
    _ledger().append(kind="labor_contract.contract.completed", subject=contract, digest=stored.sha256, actor=actor,
                     data={"number": contract.number, "size": stored.size})
    link = notify.make_short_link(reverse("labor_contract:mine"), expires_in=COMPLETION_LINK_DAYS * 86400,
                                  actor=actor, subject=contract)
    params = {"employer": contract.employer.name, "number": contract.number, "url": link.url}
    notify.send_sms(contract.worker_phone, "labor_contract_completed", params, recipient=contract.worker,
                    dedup_key=f"labor_contract:completed:sms:{contract.pk}", actor=actor)
    if contract.worker is not None:
        notify.send_in_app(contract.worker, "labor_contract_completed", params,
                           dedup_key=f"labor_contract:completed:in_app:{contract.pk}", actor=actor)
    after_completion(contract, actor=actor)
    events.publish("labor_contract.contract.completed", contract_id=contract.pk, employer_id=contract.employer_id,
                   worker_id=contract.worker_id, number=contract.number)


def _apply_amendment(agreement: LaborContract, *, actor) -> None:
    """The agreement is signed by both parties: the earlier contract's terms become the agreed ones."""
    contract = LaborContract.objects.select_for_update().get(pk=agreement.previous_contract_id)
    fields = []
    for change in agreement.amendments:
        setattr(contract, change["field"], getattr(agreement, change["field"]))
        fields.append(change["field"])
    contract.save(update_fields=[*fields, "updated_at"])
    _record_change(contract, contract.status, contract.status, actor=actor,
                   note=_("变更协议 {number} 已签订，合同条款已变更").format(number=agreement.number))
    audit.record("labor_contract.contract.amended", actor=actor, target=contract,
                 data={"agreement": agreement.number, "amendments": agreement.amendments})
    events.publish("labor_contract.contract.amended", contract_id=contract.pk, agreement_id=agreement.pk)


def after_completion(contract: LaborContract, *, actor) -> None:
    """What follows a completed signature: an agreement changes its contract; a contract is filed (备案)."""
    from .filing import file_contract

    if contract.document_kind == DocumentKind.SUPPLEMENTARY:
        _apply_amendment(contract, actor=actor)
    else:
        file_contract(contract, actor=actor)
