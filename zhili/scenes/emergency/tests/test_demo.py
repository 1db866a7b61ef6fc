"""The 浙里急救 scene's demo data: a login per role, a fleet, history for the cockpit, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.core.testing.api import RegionFactory
from zhili.scenes.emergency.demo import load
from zhili.scenes.emergency.models import Ambulance, Call, Run
from zhili.scenes.emergency.roles import CALLER, CREW, DISPATCHER, HOSPITAL, LEADER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    RegionFactory(code="331122", name="缙云县")
    first, second = DemoReport(), DemoReport()
    load(first)
    counts = (Ambulance.objects.count(), Call.objects.count(), Run.objects.count())
    load(second)
    assert [login[:2] for login in second.logins] == [
        (role_label(CALLER), "emergency_caller"), (role_label(DISPATCHER), "emergency_dispatcher"),
        (role_label(CREW), "emergency_crew"), (role_label(HOSPITAL), "emergency_hospital"),
        (role_label(LEADER), "emergency_leader")]
    assert counts == (Ambulance.objects.count(), Call.objects.count(), Run.objects.count())
    assert counts[0] == 8 and Run.objects.filter(status="handed_over").count() == 24
    assert Call.objects.filter(status="waiting").count() == 1
    responses = sorted(r.response_s for r in Run.objects.filter(status="handed_over").select_related("call"))
    median = responses[len(responses) // 2]
    assert 6 * 60 <= median <= 13 * 60  # around the province's ~10 minutes, not a rural county's worst
    assert any(s <= 8 * 60 for s in responses) and any(s > 12 * 60 for s in responses)  # town and village calls
