"""The 碳效码 scene's demo data: a login per role, the year evaluated, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.carbon_code.demo import load
from zhili.scenes.carbon_code.models import CarbonResult, Evaluation, LoanApplication
from zhili.scenes.carbon_code.roles import BANK, ENTERPRISE, OFFICER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    from zhili.core.orgs.api import Industry
    from zhili.core.testing.api import RegionFactory
    from zhili.scenes.carbon_code.synth import PROFILES

    for code, (name, _mix) in PROFILES.items():
        Industry.objects.get_or_create(code=code, defaults={"name": name})
    RegionFactory(code="330522", name="长兴县")
    first, second = DemoReport(), DemoReport()
    load(first)
    results = CarbonResult.objects.count()
    load(second)
    assert [login[:2] for login in second.logins] == [(role_label(OFFICER), "carbon_officer"),
                                                      (role_label(ENTERPRISE), "carbon_firm"),
                                                      (role_label(BANK), "carbon_bank")]
    assert (Evaluation.objects.count(), CarbonResult.objects.count()) == (13, results)
    assert CarbonResult.objects.filter(period="2025").exclude(grade="").count() >= 50
    assert LoanApplication.objects.filter(status="approved").count() == 1
    from zhili.scenes.carbon_code.effects import effect_rows

    effects = {row["code"]: row["value"] for row in effect_rows({"330522"}, "2025")}
    assert (effects["loan_firms"], effects["loan_amount"], effects["muni_firms"]) == (
        1, 800, CarbonResult.objects.filter(period="2025").exclude(grade="").count())
