"""The enterprise credit report: level, evidence and history as a PDF sealed by the platform, for whom may ask."""

from zhili.core.esign.api import verify_pdf
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services


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
