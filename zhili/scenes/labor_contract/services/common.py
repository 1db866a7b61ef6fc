"""Helpers every labor contract service shares: numbers, status history, who administers an employer, links."""

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.identity.api import Role, require

from .. import documents
from ..choices import (
    CONCLUDED_STATUSES,
    DocumentKind,
)
from ..models import (
    ContractStatusChange,
    LaborContract,
)
from ..rules import value_on

CONTRACT_FIELDS = (
    "worker_name", "worker_id_number", "worker_phone", "worker_address", "job_title", "work_place", "term_type",
    "start_date", "end_date", "task_description", "probation_months", "working_hour_system", "monthly_wage",
    "probation_wage", "host_employer_name", "host_employer_uscc", "dispatch_post", "dispatch_start", "dispatch_end",
    "signed_on",
)


def _new_number() -> str:
    return f"LC{timezone.localdate():%Y%m%d}{secrets.token_hex(5).upper()}"


def _record_change(contract, from_status, to_status, *, actor, note="") -> ContractStatusChange:
    return ContractStatusChange.objects.create(contract=contract, from_status=from_status or "", to_status=to_status,
                                               actor=actor if getattr(actor, "pk", None) else None, note=note)


def sign_path(contract: LaborContract) -> str:
    """The worker's signing start page (login, real-name check, disclosure, intent, signature)."""
    return reverse("labor_contract:sign", args=[contract.number])


def sign_deadline(today: dt.date) -> dt.date:
    """The last day an invitation sent ``today`` may be signed (the short link lives as long)."""
    return today + dt.timedelta(days=value_on("signing_invitation_days", today).value)


def _sign_url(contract: LaborContract, *, actor) -> str:
    """A short link to the worker's signing page (notify's short links), open as long as the invitation is."""
    from zhili.core.notify import api as notify

    today = timezone.localdate()
    return notify.make_short_link(sign_path(contract), expires_in=sign_deadline(today) - today, actor=actor,
                                  subject=contract).url


def _content_digest(contract: LaborContract) -> str:
    """SHA-256 of the contract text as sent (full ID number and phone), for the evidence ledger."""
    import hashlib

    return hashlib.sha256(documents.render_contract_html(contract, reveal_pii=True).encode("utf-8")).hexdigest()


def _require_each_employer(actor, permission: str, contracts: list[LaborContract]) -> None:
    """``require`` once per employer: the send and view rules of this scene depend only on the employer (and
    the worker, who never sends), so one check covers every contract of that employer."""
    checked: set[int] = set()
    for contract in contracts:
        if contract.employer_id not in checked:
            require(actor, permission, contract)
            checked.add(contract.employer_id)


def _employer_admins(employer_id: int):
    return get_user_model().objects.filter(memberships__organization_id=employer_id, memberships__is_active=True,
                                           memberships__role=Role.EMPLOYER_ADMIN, is_active=True).distinct()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ledger():
    from zhili.core.ledger import api as ledger

    return ledger


def _ledger():
    from zhili.core.ledger import api as ledger

    return ledger


def _contract_values(contract: LaborContract) -> dict:
    values = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    values["work_region"] = contract.work_region
    return values


def _fresh(contract: LaborContract) -> LaborContract:
    """The contract as stored now, locked for the rest of the transaction."""
    return (LaborContract.objects.select_for_update(of=("self",)).select_related("employer", "work_region")
            .get(pk=contract.pk))


def _require_concluded(contract: LaborContract, what: str) -> None:
    if contract.document_kind != DocumentKind.CONTRACT or contract.status not in CONCLUDED_STATUSES:
        raise ValidationError({"status": _("合同状态为「{status}」，只有已签订的劳动合同可以{what}").format(
            status=contract.status_choice.label, what=what)}, code="not_concluded")
