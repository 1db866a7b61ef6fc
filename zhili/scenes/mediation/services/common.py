"""Helpers the mediation services share: locking, digests, the ledger, notices, the case, validation."""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.ledger import api as ledger

from ..choices import Side
from ..models import Mediation
from ..rules import rule


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def digest_of(data: dict) -> str:
    return sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def locked(mediation: Mediation) -> Mediation:
    return Mediation.objects.select_for_update(of=("self",)).get(pk=mediation.pk)


def person(actor):
    """The actor as a user row, or None for the platform (a referral, a sweep)."""
    return actor if getattr(actor, "pk", None) else None


def amount(value, field: str) -> Decimal:
    """A money amount in yuan: positive, two decimals, below the platform's check limit."""
    try:
        result = Decimal(str(value).strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("金额：须为数字")}, code="invalid") from None
    limit = rule("claim_amount_max", timezone.localdate())
    if result <= 0 or result > limit.value:
        raise ValidationError({field: _("金额：须大于 0 且不超过 {limit} 元（{reference}）").format(
            limit=limit.value, reference=limit.reference)}, code="out_of_range")
    return result


def record(action: str, mediation: Mediation, *, actor, ledger_kind: str = "", **data) -> None:
    """Audit ``action`` on the mediation; with ``ledger_kind`` also append it to the evidence ledger."""
    audit.record(f"mediation.{action}", actor=person(actor) or "platform", target=mediation, data=data)
    if ledger_kind:
        payload = {"number": mediation.number, **data}
        ledger.append(kind=f"mediation.{ledger_kind}", subject=mediation, actor=person(actor),
                      digest=data.get("sha256") or digest_of(payload), data=payload)


def publish(name: str, mediation: Mediation, **payload) -> None:
    events.publish(f"mediation.{name}", mediation_id=mediation.pk, number=mediation.number, **payload)


def party_phone(mediation: Mediation, side: str) -> str:
    return mediation.worker_phone if side == Side.WORKER else mediation.employer_phone


def notify_party(mediation: Mediation, side: str, template: str, *, actor, dedup: str, **params) -> None:
    """An SMS to one party's phone (the link in ``params`` takes them to the case after logging in)."""
    from zhili.core.notify import api as notify

    params = {"number": mediation.number, "employer": mediation.employer_name, **params}
    notify.send_sms(party_phone(mediation, side), template, params, actor=person(actor),
                    dedup_key=f"mediation:{mediation.pk}:{dedup}:{side}")


def notify_user(user, template: str, mediation: Mediation, *, actor, dedup: str, **params) -> None:
    from zhili.core.notify import api as notify

    if user is None:
        return
    params = {"number": mediation.number, "employer": mediation.employer_name, **params}
    notify.send_in_app(user, template, params, actor=person(actor), dedup_key=f"mediation:{mediation.pk}:{dedup}")


def move_case(mediation: Mediation, transition: str, *, actor, comment: str = "") -> None:
    """Take the case's step that follows the mediation (the case keeps the mediator's inbox and deadlines)."""
    from zhili.core.cases.api import transition_case

    if mediation.case_id is None or actor is None:  # nobody to act: the case's own deadline escalates it
        return
    case = mediation.case
    if case.type.transition(transition) is None or case.state not in case.type.transition(transition).source:
        return
    transition_case(case, transition, actor=actor, comment=comment)
