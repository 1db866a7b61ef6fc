"""The 人大代表履职 scene's demo data: a login per role, opinions at every step, loaded twice without change."""

from zhili.core.foundation.api import AuditEntry
from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.core.testing.api import RegionFactory
from zhili.scenes.deputy_duty.demo import load
from zhili.scenes.deputy_duty.models import Opinion
from zhili.scenes.deputy_duty.roles import CITIZEN, DEPUTY, HANDLER, OFFICE


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    province = RegionFactory(code="330000", name="浙江省", level="province")
    city = RegionFactory(code="331000", name="台州市", level="city", parent=province)
    RegionFactory(code="331004", name="路桥区", level="county", parent=city)
    first, second = DemoReport(), DemoReport()
    load(first)
    audit_count = AuditEntry.objects.count()
    load(second)
    assert AuditEntry.objects.count() == audit_count
    assert [login[:2] for login in second.logins] == [
        (role_label(OFFICE), "deputy_duty_office"), (role_label(DEPUTY), "deputy_duty_deputy"),
        (role_label(HANDLER), "deputy_duty_handler"), (role_label(CITIZEN), "deputy_duty_citizen")]
    assert sorted(Opinion.objects.values_list("status", flat=True)) == [
        "answered", "closed", "referred", "replied", "submitted", "submitted", "submitted"]
    assert Opinion.objects.filter(third_party_data=True).count() == 1
    from zhili.scenes.deputy_duty.models import LivelihoodProject
    assert list(LivelihoodProject.objects.filter(year=2026).order_by("rank").values_list("title", "votes_for", "status")
                ) == [("城区老旧小区加装电梯", 2, "adopted"), ("金清镇农贸市场改造", 1, "rejected"),
                      ("中小学食堂明厨亮灶", 1, "rejected")]  # a tie is ranked by the order of proposal
    from zhili.scenes.deputy_duty.models import ActivityParticipation, Suggestion
    assert Suggestion.objects.get(kind="motion").status == "submitted"
    assert ActivityParticipation.objects.filter(reported_at__isnull=False).count() == 1
