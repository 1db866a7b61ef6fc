"""The link to labour contracts, through events only: a roster worker without one is flagged and can ask for one;
``labor_contract.contract.completed`` (worker and employer in its payload) puts the contract on the roster."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from zhili.core.foundation.api import events
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import RiskFinding, RosterEntry


def test_a_worker_asks_for_a_contract_and_the_lead_is_told(uncontracted, lead_chen, sub_org, monkeypatch):
    from zhili.core.notify.api import Message

    published = []
    real_publish = events.publish
    monkeypatch.setattr(events, "publish", lambda name, **payload: published.append(
        real_publish(name, **payload)) or published[-1])
    roster = uncontracted
    zhang = roster[0]
    services.request_labor_contract(zhang, actor=zhang.worker)
    asked = [e for e in published if e.name == "wage_guard.contract.requested"]
    assert len(asked) == 1 and asked[0].payload["employer_id"] == sub_org.pk
    assert asked[0].payload["worker_id"] == zhang.worker_id
    assert Message.objects.filter(recipient=lead_chen, template="wage_guard_contract_requested").count() == 1
    with pytest.raises(ValidationError) as twice:
        services.request_labor_contract(zhang, actor=zhang.worker)
    assert twice.value.message_dict["entry"][0].startswith("已于")
    with pytest.raises(ValidationError):
        services.request_labor_contract(roster[1], actor=zhang.worker)


def test_a_completed_contract_from_the_employer_is_put_on_the_roster(uncontracted, sub_org, contractor_org, project):
    zhang, li = uncontracted[0], uncontracted[1]
    events.deliver(events.Event("labor_contract.contract.completed", {
        "contract_id": 7, "employer_id": contractor_org.pk, "worker_id": zhang.worker_id, "number": "LC-OTHER"}))
    assert RosterEntry.objects.get(pk=zhang.pk).contract_reference == ""  # the GC is not zhang's employer here
    events.deliver(events.Event("labor_contract.contract.completed", {
        "contract_id": 8, "employer_id": sub_org.pk, "worker_id": zhang.worker_id, "number": "LC202603000008"}))
    assert RosterEntry.objects.get(pk=zhang.pk).contract_reference == "LC202603000008"
    assert RosterEntry.objects.get(pk=li.pk).contract_reference == ""

    services.run_checks(dt.date(2026, 3, 20), evaluate=False)
    finding = RiskFinding.objects.get(kind="no_contract")
    assert (finding.workers, finding.uscc) == (2, sub_org.uscc)  # li and wang
