"""The demo data of the scene: the demo enterprises' department data loaded and evaluated once."""

import io

import pytest
from django.core.management import call_command

from zhili.core.scenes.api import ENTERPRISES, enterprise_usccs
from zhili.scenes.labor_risk.choices import WarningStatus
from zhili.scenes.labor_risk.demo import PLANTED
from zhili.scenes.labor_risk.models import MonitoredEnterprise, RiskWarning


@pytest.mark.slow
@pytest.mark.django_db
def test_load_demo_twice_evaluates_the_demo_enterprises_once(var_dir, django_capture_on_commit_callbacks):
    """Given an empty database, load_demo gives the three planted enterprises red/orange warnings with cases
    routed to inspector 赵强; a second run adds nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    warnings = list(RiskWarning.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())

    usccs = enterprise_usccs()
    assert MonitoredEnterprise.objects.filter(uscc__in=usccs).count() == len(ENTERPRISES)
    serious = {w.enterprise.uscc: (w.level, w.status, w.case.assignee.username)
               for w in RiskWarning.objects.filter(level__in=["orange", "red"]).select_related("enterprise", "case")}
    assert serious == {usccs[3]: ("red", WarningStatus.CASE_OPEN, "inspector_zhao"),
                       usccs[10]: ("orange", WarningStatus.CASE_OPEN, "inspector_zhao"),
                       usccs[14]: ("orange", WarningStatus.CASE_OPEN, "inspector_zhao")}
    assert set(PLANTED) == {3, 10, 14}
    assert list(RiskWarning.objects.values_list("pk", flat=True)) == warnings
