"""劳动用工备案 on completion, its XLSX/JSON exports for the region's officers, and the bureau's cursor API."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhili.core.foundation.api import AuditEntry
from zhili.core.identity import api as identity
from zhili.core.testing.api import DepartmentFactory, RegionFactory
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.models import FilingRecord


def bearer(client_org, scopes):
    client, secret = identity.register_api_client(name="人社备案系统", organization=client_org, scopes=scopes)
    _access, token = identity.issue_token(client.client_id, secret)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.django_db
def test_completion_files_the_contract_in_three_groups(completed_contract, employer):
    record = FilingRecord.objects.get(contract=completed_contract)

    assert record.employer == employer and record.region == employer.region
    assert record.basic["worker_name"] == "张伟" and record.basic["worker_sex"] == "男"
    assert record.basic["worker_birth_date"] == "1990-03-07"
    assert "worker_id_number" not in record.basic
    assert record.worker_id_number == completed_contract.worker_id_number
    assert record.terms["contract_number"] == completed_contract.number
    assert record.terms["term_type"] == "固定期限" and record.terms["monthly_wage"] == "5000.00"
    assert record.signing["document_sha256"] == services.completed_document(completed_contract).sha256
    assert record.signing["worker_certificate"] and record.signing["employer_certificate"]
    assert record.signing["worker_signed_at"] and record.signing["employer_signed_at"]
    assert services.file_contract(completed_contract) == record
    assert FilingRecord.objects.count() == 1


@pytest.mark.django_db
def test_officers_export_their_regions_filings_masked(completed_contract, officer_wang, client):
    client.force_login(officer_wang)

    sheet = load_workbook(io.BytesIO(client.get(reverse("labor_contract:region_filings") + "?format=xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    data = json.loads(client.get(reverse("labor_contract:region_filings") + "?format=json").content)

    assert rows[0][2] == "基本信息" and rows[1][:3] == ("备案序号", "备案时间", "用人单位名称")
    assert len(rows) == 3 and rows[2][7] == completed_contract.masked_id_number
    assert data["count"] == 1 and data["filings"][0]["terms"]["contract_number"] == completed_contract.number
    assert data["filings"][0]["basic"]["worker_id_number"] == completed_contract.masked_id_number
    assert AuditEntry.objects.filter(action="labor_contract.filing.exported").count() == 2


@pytest.mark.django_db
def test_the_bureau_pulls_new_filings_since_a_cursor(completed_contract, employer, client):
    headers = bearer(DepartmentFactory(region=employer.region), ["labor_contract.filing.read"])
    url = "/api/v1/labor_contract/filings"

    first = client.get(url, {"cursor": 0, "limit": 10}, **headers).json()
    after = client.get(url, {"cursor": first["next_cursor"]}, **headers).json()

    record = FilingRecord.objects.get()
    assert [f["id"] for f in first["filings"]] == [record.pk] and first["has_more"] is False
    assert first["filings"][0]["basic"]["worker_id_number"] == completed_contract.worker_id_number
    assert after == {"filings": [], "next_cursor": record.pk, "has_more": False}
    read = AuditEntry.objects.filter(action="labor_contract.contract.read", target_id=str(completed_contract.pk),
                                     data__what="filing_api")
    assert read.count() == 1 and read.get().actor_label.startswith("client:zc_")


@pytest.mark.django_db
def test_the_filing_api_needs_the_scope_and_keeps_to_the_region(completed_contract, client):
    url = "/api/v1/labor_contract/filings"
    other = DepartmentFactory(region=RegionFactory(code="330500", name="湖州市"))

    assert client.get(url).status_code == 401
    assert client.get(url, **bearer(other, ["labor_contract.contract.read"])).status_code == 403
    assert client.get(url, {"limit": 0}, **bearer(other, ["labor_contract.filing.read"])).status_code == 422
    assert client.get(url, **bearer(other, ["labor_contract.filing.read"])).json()["filings"] == []
