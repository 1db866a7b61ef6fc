"""The 关键小事 scene's demo data: a login per role, the 50 matters, eight people found, loaded twice unchanged."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.core.testing.api import RegionFactory
from zhili.scenes.small_matters.demo import load
from zhili.scenes.small_matters.models import BenefitClaim, Finding, Matter
from zhili.scenes.small_matters.queries import catalogue_figures, matters_for
from zhili.scenes.small_matters.roles import CITIZEN, CLERK, EXPERIENCE, OFFICER, POLICE, VET
from zhili.scenes.small_matters.tests.conftest import claim_named


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    RegionFactory(code="330127", name="淳安县")
    first, second = DemoReport(), DemoReport()
    load(first)
    load(second)
    assert [login[:2] for login in second.logins] == [(role_label(CITIZEN), "small_matters_citizen"),
                                                      (role_label(CLERK), "small_matters_clerk"),
                                                      (role_label(POLICE), "small_matters_police"),
                                                      (role_label(VET), "small_matters_vet"),
                                                      (role_label(OFFICER), "small_matters_officer"),
                                                      (role_label(EXPERIENCE), "small_matters_experience")]
    assert (Matter.objects.count(), BenefitClaim.objects.count(), Finding.objects.count()) == (50, 8, 1)
    figures = catalogue_figures()
    assert [figures["per_stage"][s] for s in ("birth", "school", "employment", "life", "family", "retirement")] == [
        4, 6, 14, 16, 5, 5]
    citizen = claim_named("周晓梅").person
    first_matters, _rest = matters_for(citizen)
    assert {"unemployment_benefit", "dog_licence"} <= {m.code for m in first_matters}
    assert all({"unemployed", "dog_owner"} & set(m.situations) for m in first_matters)
