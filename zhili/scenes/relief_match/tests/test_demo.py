"""The scene's demo: regions, owners, logins for each role, and a synthetic county run once."""

import io

import pytest
from django.core.management import call_command

from zhili.scenes.relief_match.models import ReliefHousehold, ReliefWarning


@pytest.mark.slow
@pytest.mark.django_db
def test_load_demo_twice_runs_the_county_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    warnings = ReliefWarning.objects.count()
    call_command("load_demo", stdout=io.StringIO())

    printed = out.getvalue()
    assert "助共体演示数据：3000 人" in printed
    for username in ("citizen_li", "officer_chen", "mingzheng_zhou", "volunteer_xu"):
        assert username in printed
    assert warnings > 0 and ReliefWarning.objects.count() == warnings
    assert ReliefWarning.objects.filter(case__assignee__username="officer_chen").count() == warnings
    household = ReliefHousehold.objects.get(key="H0000002")
    assert household.user.username == "citizen_li" and household.user.is_verified
