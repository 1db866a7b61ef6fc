"""Sending contracts to workers for signing (SMS link, PDF rendering queued) and withdrawing them."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import (
    REVOCABLE_STATUSES,
    ContractStatus,
    SigningChannel,
)
from ..models import ContractStatusChange, LaborContract
from .batches import BULK_CHUNK
from .common import _content_digest, _record_change, _require_each_employer, _sign_url, sign_deadline

SEND_CHUNK = 200


def send_contracts(contracts: Iterable[LaborContract], *, actor, channel: str = SigningChannel.REMOTE) -> list[LaborContract]:
    """一键发约: move each draft to sent, give it a signing short link (SMS to the worker, or QR code on site).

    Contracts already sent are left alone. Every contract is permission-checked before anything changes, so
    one foreign contract in the list stops the whole call with nothing sent. The drafts are then sent in
    chunks of ``SEND_CHUNK``, each chunk one transaction (a large batch never holds the database's write lock
    for long; a chunk that fails leaves the earlier ones sent, and sending again skips them). Once a chunk
    commits, its PDFs are rendered by the task workers (``tasks.render_contract_pdfs``), so the worker's
    reading page finds its PDF ready.
    """
    contracts = list(contracts)
    _require_each_employer(actor, "labor_contract.contract.send", contracts)
    ids = sorted({c.pk for c in contracts})
    sent: list[LaborContract] = []
    for start in range(0, len(ids), SEND_CHUNK):
        sent += _send_chunk(ids[start:start + SEND_CHUNK], actor=actor, channel=channel)
    return sent


@transaction.atomic
def _send_chunk(ids: list[int], *, actor, channel: str) -> list[LaborContract]:
    from zhili.core.ledger import api as ledger
    from zhili.core.notify import api as notify

    now = timezone.now()
    deadline = sign_deadline(timezone.localdate())
    sent, records, changes = [], [], []
    actor_obj = actor if getattr(actor, "pk", None) else None
    for contract in LaborContract.objects.select_for_update(of=("self",)).filter(
            pk__in=ids, status=ContractStatus.DRAFT).select_related("employer", "template_version").order_by("pk"):
        contract.status, contract.sent_at, contract.channel = ContractStatus.SENT, now, channel
        contract.sign_url = _sign_url(contract, actor=actor)
        contract.sign_deadline = deadline
        contract.last_invited_at = now if channel == SigningChannel.REMOTE else None
        contract.updated_at = now
        changes.append(ContractStatusChange(contract=contract, from_status=ContractStatus.DRAFT,
                                            to_status=ContractStatus.SENT, actor=actor_obj, note=""))
        if channel == SigningChannel.REMOTE:
            notify.send_sms(contract.worker_phone, "labor_contract_sign_invite",
                            {"employer": contract.employer.name, "url": contract.sign_url},
                            dedup_key=f"labor_contract:invite:{contract.pk}", actor=actor)
        audit.record("labor_contract.contract.sent", actor=actor, target=contract, data={"channel": channel})
        records.append({"kind": "labor_contract.contract.sent", "subject": contract,
                        "digest": _content_digest(contract), "data": {"number": contract.number, "channel": channel}})
        events.publish("labor_contract.contract.sent", contract_id=contract.pk, channel=channel)
        sent.append(contract)
    if not sent:
        return sent
    # The fields every contract of the chunk shares in one UPDATE; only the short links differ.
    LaborContract.objects.filter(pk__in=[c.pk for c in sent]).update(
        status=ContractStatus.SENT, sent_at=now, channel=channel, sign_deadline=deadline, updated_at=now,
        last_invited_at=now if channel == SigningChannel.REMOTE else None)
    LaborContract.objects.bulk_update(sent, ["sign_url"], batch_size=BULK_CHUNK)
    ContractStatusChange.objects.bulk_create(changes, batch_size=BULK_CHUNK)
    ledger.append_many(records, actor=actor)
    sent_ids, actor_id = [c.pk for c in sent], getattr(actor_obj, "pk", None)
    _enqueue_rendering(sent_ids, actor_id)
    return sent


RENDER_TASK_SIZE = 25


def _enqueue_rendering(ids: list[int], actor_id: int | None) -> None:
    """Hand the PDF rendering of ``ids`` to the task workers, ``RENDER_TASK_SIZE`` contracts per task (so
    every worker process gets a share), queued in the send's own transaction: the tasks commit with the send.
    The reading page still renders a PDF that is missing when the worker opens it."""
    from zhili.core.foundation.api import enqueue_with_commit

    from ..tasks import render_contract_pdfs

    for start in range(0, len(ids), RENDER_TASK_SIZE):
        enqueue_with_commit(render_contract_pdfs, contract_ids=ids[start:start + RENDER_TASK_SIZE], actor_id=actor_id)


@transaction.atomic
def revoke_contract(contract: LaborContract, *, actor, reason: str = "") -> LaborContract:
    """Withdraw a contract the worker has not signed yet (draft or sent)."""
    require(actor, "labor_contract.contract.revoke", contract)
    contract = LaborContract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in REVOCABLE_STATUSES:
        raise ValidationError({"status": _("合同状态为「{status}」，劳动者签署后不能撤回").format(
            status=contract.status_choice.label)}, code="not_revocable")
    previous = contract.status
    contract.status, contract.revoke_reason = ContractStatus.REVOKED, (reason or "")[:500]
    contract.save(update_fields=["status", "revoke_reason", "updated_at"])
    _record_change(contract, previous, ContractStatus.REVOKED, actor=actor, note=contract.revoke_reason)
    audit.record("labor_contract.contract.revoked", actor=actor, target=contract, data={"reason": contract.revoke_reason})
    if previous != ContractStatus.DRAFT:  # a draft never left the employer; a sent contract's withdrawal is evidence
        from zhili.core.ledger import api as ledger

        ledger.append(kind="labor_contract.contract.revoked", subject=contract, actor=actor,
                      digest=_content_digest(contract), data={"number": contract.number, "reason": contract.revoke_reason})
    events.publish("labor_contract.contract.revoked", contract_id=contract.pk)
    return contract
