"""The 童装产业大脑 scene's demo data: a login per role, every face walked once, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.notify.api import Message
from zhili.core.scenes.api import DemoReport
from zhili.scenes.industry_brain import monitoring
from zhili.scenes.industry_brain.demo import load
from zhili.scenes.industry_brain.models import (
    CreditProfile,
    Firm,
    LoanDecision,
    MonthlyReport,
    OrderPart,
    ProcurementBatch,
)
from zhili.scenes.industry_brain.roles import BANK, BRAND, FACTORY, OFFICER, SUPPLIER, WORKER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db, django_capture_on_commit_callbacks):
    first, second = DemoReport(), DemoReport()
    with django_capture_on_commit_callbacks(execute=True):
        load(first)
    counts = (Firm.objects.count(), OrderPart.objects.count(), CreditProfile.objects.count())
    load(second)
    assert [login[:2] for login in second.logins] == [
        (role_label(OFFICER), "ib_officer"), (role_label(BRAND), "ib_brand"), (role_label(FACTORY), "ib_factory"),
        (role_label(SUPPLIER), "ib_supplier"), (role_label(WORKER), "ib_worker"), (role_label(BANK), "ib_bank")]
    assert (Firm.objects.count(), OrderPart.objects.count(), CreditProfile.objects.count()) == counts
    assert counts[0] == 13 and counts[1] > 0
    assert ProcurementBatch.objects.get().savings > 0
    assert LoanDecision.objects.exclude(decided_at=None).count() == 1
    # the monthly files went through the data pool and were evaluated: the silent and the slowed factory warned
    warned = {r["firm"].name: str(r["level"]) for r in monitoring.results_for(Firm.objects.all()) if r["fired"]}
    assert warned == {"湖州织里恒信服装厂": "red", "湖州织里阳光制衣厂": "yellow"}
    assert MonthlyReport.objects.count() == 13 * 6 - 3
    # the accepted match reached labor_contract through the core event: a draft for the factory, the worker told
    drafted = Message.objects.get(recipient__username="ib_worker_li", template="labor_contract_match_drafted")
    assert "已转为劳动合同草稿" in drafted.body and "星辰针织" in drafted.body
    assert Message.objects.filter(recipient__username="ib_factory", template="labor_contract_requested").exists()
