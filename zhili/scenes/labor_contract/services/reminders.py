"""Daily legal reminders: unsigned hires (day 20 and 30), contracts ending soon (both parties), the open-ended
offer of Art. 14, and invitations whose signing deadline passed (expired).

Each reminder is queued once (its dedup key names the contract, the occasion and the recipient), so running
these every day is safe.
"""

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii
from zhili.core.identity.api import require

from ..choices import (
    AWAITING_WORKER_STATUSES,
    CONCLUDED_STATUSES,
    PENDING_STATUSES,
    ContractRelation,
    ContractStatus,
    DocumentKind,
    TermType,
)
from ..models import LaborContract
from ..rules import should_offer_open_ended, term_months, value_on
from .common import _employer_admins, _record_change


def pair_history(contract: LaborContract, day: dt.date) -> tuple[int, int]:
    """(concluded fixed-term contracts of this employer–worker pair, this one included; whole years of service
    up to ``day``), the two grounds of Art. 14 ¶2 (3) and (1)."""
    concluded = LaborContract.objects.filter(
        employer_id=contract.employer_id, worker_id_number_index=contract.worker_id_number_index,
        document_kind=DocumentKind.CONTRACT, status__in=CONCLUDED_STATUSES)
    count_from = value_on("open_ended_count_from", day).value
    fixed_terms = concluded.filter(term_type=TermType.FIXED_TERM, start_date__gte=count_from).count()
    first = concluded.order_by("start_date").values_list("start_date", flat=True).first() or contract.start_date
    years = term_months(first, day) // 12 if day >= first else 0
    return fixed_terms, years


@transaction.atomic
def check_contract_deadlines(today: dt.date, *, actor=None) -> dict[str, int]:
    """Queue the day's reminders; return how many of each kind were queued now.

    - ``unsigned``: HR is told in the app when a hire's contract is still unsigned at day 20 and day 30 after
      the start date (Art. 10, 82).
    - ``expiring``: a concluded contract ending within the window (and not renewed yet) reminds HR (in the app) and the worker (SMS,
      and in the app once their account is linked).
    - ``open_ended``: when that contract is the pair's second consecutive fixed-term contract, or the worker
      has ten years of service, both parties are told that a renewal must be open-ended if the worker asks
      (Art. 14 ¶2).
    """
    from zhili.core.notify import api as notify
    from zhili.core.notify.api import Message

    if actor is not None:
        require(actor, "labor_contract.deadlines.check")
    unsigned_days = value_on("unsigned_reminder_days", today)
    counts = {"unsigned": 0, "expiring": 0, "open_ended": 0}
    admins: dict[int, list] = {}

    def fresh(key: str) -> bool:
        return not Message.objects.filter(dedup_key=key).exists()

    def to_hr(contract, kind, counter, template, params):
        for user in admins.setdefault(contract.employer_id, list(_employer_admins(contract.employer_id))):
            key = f"labor_contract:{kind}:{contract.pk}:{user.pk}"
            if fresh(key):
                notify.queue_message(channel="in_app", template=template, address=str(user.pk), params=params,
                                     recipient=user, dedup_key=key, actor=actor)
                counts[counter] += 1

    def to_worker(contract, kind, counter, template, params):
        key = f"labor_contract:{kind}:{contract.pk}:worker"
        if contract.worker_phone and fresh(f"{key}:sms"):
            notify.send_sms(contract.worker_phone, template, params, recipient=contract.worker,
                            dedup_key=f"{key}:sms", actor=actor)
            counts[counter] += 1
        if contract.worker is not None and fresh(f"{key}:in_app"):
            notify.send_in_app(contract.worker, template, params, dedup_key=f"{key}:in_app", actor=actor)

    first = min(unsigned_days.value)
    for contract in (LaborContract.objects.filter(status__in=PENDING_STATUSES, document_kind=DocumentKind.CONTRACT,
                                                  start_date__lte=today - dt.timedelta(days=first))
                     .select_related("employer")):
        elapsed = (today - contract.start_date).days
        for day in sorted(unsigned_days.value):
            if elapsed >= day:
                to_hr(contract, f"unsigned_{day}", "unsigned", "labor_contract_unsigned_reminder",
                      {"name": pii.mask_name(contract.worker_name), "number": contract.number,
                       "days": elapsed, "reference": unsigned_days.reference})
    window = value_on("expiry_reminder_days", today)
    renewed = LaborContract.objects.filter(previous_contract=OuterRef("pk"), relation=ContractRelation.RENEWAL).exclude(
        status__in=[ContractStatus.REVOKED, ContractStatus.REJECTED, ContractStatus.EXPIRED])
    for contract in (LaborContract.objects.filter(status__in=CONCLUDED_STATUSES, document_kind=DocumentKind.CONTRACT,
                                                  end_date__gte=today, end_date__lte=today + dt.timedelta(days=window.value))
                     .exclude(Exists(renewed)).select_related("employer", "worker")):
        ends = contract.end_date.isoformat()
        params = {"name": pii.mask_name(contract.worker_name), "number": contract.number, "end_date": ends,
                  "days": (contract.end_date - today).days, "employer": contract.employer.name}
        to_hr(contract, f"expiring_{ends}", "expiring", "labor_contract_expiry_reminder", params)
        to_worker(contract, f"expiring_{ends}", "expiring", "labor_contract_expiry_worker", params)
        fixed_terms, years = pair_history(contract, contract.end_date)
        ground = should_offer_open_ended(fixed_terms, years, contract.end_date)
        if ground is not None and contract.term_type == TermType.FIXED_TERM:
            offer = {**params, "fixed_terms": fixed_terms, "years": years, "reference": ground.reference}
            to_hr(contract, f"open_ended_{ends}", "open_ended", "labor_contract_open_ended_offer", offer)
            to_worker(contract, f"open_ended_{ends}", "open_ended", "labor_contract_open_ended_worker", offer)
    audit.record("labor_contract.deadlines.checked", actor=actor, data={"today": today, **counts})
    return counts


@transaction.atomic
def expire_unsigned_contracts(today: dt.date, *, actor=None) -> list[LaborContract]:
    """Mark contracts awaiting a signature whose signing deadline has passed as expired; return them.

    HR may send an expired invitation again (``resend_invitation``), which opens a new deadline.
    """
    from zhili.core.ledger import api as ledger

    if actor is not None:
        require(actor, "labor_contract.deadlines.check")
    expired, records = [], []
    due = (LaborContract.objects.select_for_update(of=("self",))
           .filter(status__in=[*AWAITING_WORKER_STATUSES], sign_deadline__lt=today).order_by("pk"))
    for contract in due:
        previous = contract.status
        contract.status = ContractStatus.EXPIRED
        contract.save(update_fields=["status", "updated_at"])
        note = _("签署期限 {deadline} 已过").format(deadline=contract.sign_deadline.isoformat())
        _record_change(contract, previous, ContractStatus.EXPIRED, actor=actor, note=note)
        audit.record("labor_contract.contract.expired", actor=actor, target=contract,
                     data={"sign_deadline": contract.sign_deadline, "from": previous})
        records.append({"kind": "labor_contract.contract.expired", "subject": contract,
                        "digest": hashlib.sha256(f"{contract.number}:expired:{contract.sign_deadline}".encode()).hexdigest(),
                        "data": {"number": contract.number, "sign_deadline": contract.sign_deadline.isoformat()}})
        events.publish("labor_contract.contract.expired", contract_id=contract.pk)
        expired.append(contract)
    if records:
        ledger.append_many(records, actor=actor)
    audit.record("labor_contract.invitations.expired", actor=actor,
                 data={"today": today, "count": len(expired), "at": timezone.now()})
    return expired
