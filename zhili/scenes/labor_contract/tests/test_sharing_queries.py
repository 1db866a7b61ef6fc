"""A bank's read of a granted labor contract costs a fixed handful of statements, whatever it reads."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zhili.core.identity import api as identity
from zhili.core.sharing.api import AccessLogEntry, Matter, grant_access
from zhili.core.testing.api import DepartmentFactory, RegionFactory, statements

pytestmark = pytest.mark.django_db


def test_a_granted_contract_read_costs_five_statements(completed_contract, worker_zhang):
    bank = DepartmentFactory(name="建德农商银行", kind="bank", region=RegionFactory())
    client, secret = identity.register_api_client(name="贷款系统", organization=bank, scopes=["sharing.read"])
    token = identity.issue_token(client.client_id, secret)[1]
    grant_access(document_type="labor_contract.contract", object_id=completed_contract.pk, party=bank,
                 matter=Matter.objects.get(code="bank_loan"), expires_at=timezone.now() + dt.timedelta(days=30),
                 actor=worker_zhang)
    url = f"/api/v1/sharing/documents/labor_contract.contract/{completed_contract.pk}"
    browser = Client()
    responses = []

    sent = statements(lambda: responses.append(browser.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")))

    # The employer the fields name is joined to the contract (DocumentType.related), not fetched after it.
    assert sent == [("SELECT", "identity_accesstoken"), ("SELECT", "sharing_grant"),
                    ("SELECT", "labor_contract_laborcontract"), ("SAVEPOINT", ""),
                    ("INSERT", "sharing_accesslogentry"), ("INSERT", "foundation_auditentry"), ("RELEASE", "")]
    fields = responses[0].json()["fields"]
    assert fields["employer_name"] == completed_contract.employer.name
    assert fields["worker_id_number"] == completed_contract.worker_id_number
    assert set(fields) == {"employer_name", "worker_name", "worker_id_number", "start_date", "end_date",
                           "monthly_wage"}
    assert AccessLogEntry.objects.filter(worker=worker_zhang).count() == 1
