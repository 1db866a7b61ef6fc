"""A signed labor contract serves other matters: the worker grants a bank, the bank reads only what was granted."""

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from zhili.core.identity import api as identity
from zhili.core.sharing.api import AccessLogEntry, Matter, grant_access, revoke_grant, verify_document
from zhili.core.testing.api import DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db
REFUSED = {"detail": "无权访问或文档不存在"}


@pytest.fixture
def bank_token():
    bank = DepartmentFactory(name="建德农商银行", kind="bank", region=RegionFactory())
    client, secret = identity.register_api_client(name="贷款系统", organization=bank,
                                                  scopes=["sharing.read", "sharing.verify"])
    return bank, identity.issue_token(client.client_id, secret)[1]


def fetch(token, contract, suffix=""):
    return Client().get(f"/api/v1/sharing/documents/labor_contract.contract/{contract.pk}{suffix}",
                        HTTP_AUTHORIZATION=f"Bearer {token}")


def test_bank_reads_exactly_the_loan_fields_until_the_worker_revokes(completed_contract, worker_zhang, bank_token):
    bank, token = bank_token
    school = Matter.objects.get(code="school_enrolment")
    assert fetch(token, completed_contract).json() == REFUSED

    grant = grant_access(document_type="labor_contract.contract", object_id=completed_contract.pk, party=bank,
                         matter=school, expires_at=timezone.now() + dt.timedelta(days=30), actor=worker_zhang)
    response = fetch(token, completed_contract)

    assert response.status_code == 200
    assert response.json()["fields"] == {"employer_name": completed_contract.employer.name,
                                         "worker_name": "张伟", "start_date": "2026-03-01",
                                         "end_date": "2029-02-28"}
    assert completed_contract.worker_id_number not in response.content.decode()
    assert "monthly_wage" not in response.json()["fields"]
    assert AccessLogEntry.objects.filter(worker=worker_zhang).count() == 1

    revoke_grant(grant, actor=worker_zhang)
    refused = fetch(token, completed_contract)
    assert (refused.status_code, refused.json()) == (403, REFUSED)
    assert AccessLogEntry.objects.filter(worker=worker_zhang).count() == 1


def test_a_bank_holding_the_signed_pdf_learns_it_is_genuine_and_current(completed_contract, bank_token):
    from zhili.core.identity.api import ApiClient
    from zhili.scenes.labor_contract.sharing import DOCUMENT_TYPES

    bank, _token = bank_token
    client = ApiClient.objects.get(organization=bank)
    pdf = DOCUMENT_TYPES[0].pdf(completed_contract)
    answer = verify_document(pdf=pdf, actor=client)
    assert (answer["registered"], answer["current"], answer["signatures_valid"]) == (True, True, True)
    assert answer["verdict"] == "genuine"
    forged = verify_document(sha256=hashlib.sha256(pdf + b"x").hexdigest(), actor=client)
    assert forged["registered"] is False
