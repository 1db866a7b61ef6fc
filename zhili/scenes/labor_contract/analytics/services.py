"""Writes of the employment analytics: refresh the contract facts, count complaints and disputes fed by events."""

import datetime as dt

from zhili.core.dashboards.api import mark_facts_dirty, record_observation, refresh_facts

from .facts import CODE

# Core events other scenes publish for a labor complaint or dispute about an employer; payload: ``employer_id``
# (an orgs.Organization id), an id of their own (``case_id`` or ``id``) and optionally ``occurred_on``.
COMPLAINT_EVENTS = {
    "labor_risk.complaint.received": "labor.complaint",
    "labor_inspection.complaint.received": "labor.complaint",
    "mediation.dispute.filed": "labor.dispute",
    "arbitration.dispute.filed": "labor.dispute",
}
COMPLAINT_STREAMS = tuple(sorted(set(COMPLAINT_EVENTS.values())))
# Events after which a contract's facts change.
CONTRACT_EVENTS = ("labor_contract.contract.created", "labor_contract.contract.sent",
                   "labor_contract.contract.worker_signed", "labor_contract.contract.sealed",
                   "labor_contract.contract.completed", "labor_contract.contract.rejected",
                   "labor_contract.contract.revoked", "labor_contract.contract.expired",
                   "labor_contract.contract.updated", "labor_contract.contract.amended",
                   "labor_contract.contract.renewed", "labor_contract.contract.terminated",
                   "labor_contract.contract.rescinded", "labor_contract.batch.imported")


def refresh_contract_facts(*, actor=None, full: bool = False):
    """Rebuild the facts of the contracts changed since the last refresh (all with ``full``), then grade indices."""
    return refresh_facts(CODE, actor=actor, full=full)


def on_contract_changed(event) -> None:
    """Event handler: the contract facts are stale (refreshed by the job within a minute)."""
    mark_facts_dirty(CODE)


def on_complaint(event) -> None:
    """Event handler: count a complaint or dispute about an employer (never invented: only what is reported)."""
    from zhili.core.orgs.api import Organization

    payload = event.payload
    employer = Organization.objects.filter(pk=payload.get("employer_id")).select_related("region").first()
    source = payload.get("case_id", payload.get("id"))
    if employer is None or source is None:
        return
    occurred = payload.get("occurred_on")
    occurred_on = dt.date.fromisoformat(occurred) if isinstance(occurred, str) else (occurred or event.occurred_at.date())
    record_observation(COMPLAINT_EVENTS[event.name], source_key=f"{event.name}:{source}", occurred_on=occurred_on,
                       organization=employer, actor="event")
