"""The 童装产业大脑 scene's demo data: a login per role, every face walked once, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.industry_brain.demo import load
from zhili.scenes.industry_brain.models import CreditProfile, Firm, LoanDecision, OrderPart, ProcurementBatch
from zhili.scenes.industry_brain.roles import BANK, BRAND, FACTORY, OFFICER, SUPPLIER, WORKER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    first, second = DemoReport(), DemoReport()
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
