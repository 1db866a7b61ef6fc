"""The enterprise credit report: level, evidence and history as a PDF sealed by the platform, for whom may ask."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhili.core.esign.api import verify_pdf
from zhili.core.identity.api import register_api_client
from zhili.core.ledger.api import entries_for
from zhili.core.sharing.api import AccessLogEntry, Matter, NotShared, grant_access, read_document, revoke_grant
from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.sharing import DOCUMENT_TYPE, MATTER


def _login(client, user):
    user.set_password(PASSWORD)
    user.save()
    assert client.login(username=user.username, password=PASSWORD)


def test_the_credit_report_is_sealed_ledgered_and_hidden_from_others(client, contractor_org, project, hrss_qian,
                                                                     hrss_sun, manager_liu, lead_chen):
    services.rate_enterprise(contractor_org, 2025, actor=hrss_qian)
    services.rate_enterprise(contractor_org, 2026, actor=hrss_qian)
    url = f"/wage_guard/credit/{contractor_org.pk}/report.pdf"
    _login(client, hrss_qian)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf[:5] == b"%PDF-"
    assert "WageGuardCreditSeal" in [s.field_name for s in verify_pdf(pdf).signatures]
    assert [e.kind for e in entries_for(contractor_org)][-1] == "wage_guard.credit.report_issued"
    context = services.credit_report_context(contractor_org, project.start_date)
    assert [r.year for r in context["ratings"]] == [2026, 2025] and context["latest"].level == "AA"
    assert [p.name for p in context["projects"]] == ["新安江花园一期"]

    _login(client, manager_liu)  # the GC's own labour manager may take its report
    assert client.get(url).status_code == 200
    for outsider in (hrss_sun, lead_chen):  # another county's officer, another enterprise's team lead
        _login(client, outsider)
        assert client.get(url).status_code == 404


def test_the_enterprise_grants_another_party_a_query_of_its_level_through_core_sharing(
        contractor_org, builder, sub_org, project, hrss_qian, manager_liu, lead_chen):
    rating = services.rate_enterprise(contractor_org, 2025, actor=hrss_qian)
    matter = Matter.objects.get(code=MATTER)
    until = timezone.now() + dt.timedelta(days=30)
    with pytest.raises(PermissionDenied):  # only the enterprise's own labour manager grants
        grant_access(document_type=DOCUMENT_TYPE, object_id=rating.pk, party=builder, matter=matter,
                     expires_at=until, actor=lead_chen)
    grant = grant_access(document_type=DOCUMENT_TYPE, object_id=rating.pk, party=builder, matter=matter,
                         expires_at=until, actor=manager_liu)
    desk, _secret = register_api_client(name="招标资信审查", organization=builder, scopes=["sharing.read"])
    fields = read_document(DOCUMENT_TYPE, rating.pk, actor=desk, matter_code=MATTER).fields
    assert fields == {"enterprise": "建德建工集团有限公司", "uscc": contractor_org.uscc, "year": 2025, "level": "AA"}
    assert AccessLogEntry.objects.filter(grant=grant).count() == 1
    other, _secret = register_api_client(name="其他单位", organization=sub_org, scopes=["sharing.read"])
    with pytest.raises(NotShared):
        read_document(DOCUMENT_TYPE, rating.pk, actor=other, matter_code=MATTER)
    revoke_grant(grant, actor=manager_liu)
    with pytest.raises(NotShared):
        read_document(DOCUMENT_TYPE, rating.pk, actor=desk, matter_code=MATTER)
