"""Rectification tasks (整改任务) for red plots: a case for the town's office with a working-day deadline, the farmer
told, closed only by a field check with its photo that finds the plot no longer red; the plot is then offered again
and joins the farmer's claim."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.timezone import localtime

from zhili.core.cases.api import add_working_days, transition_case
from zhili.core.foundation.api import audit
from zhili.core.notify.api import Message
from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.choices import LineStatus
from zhili.scenes.grain_subsidy.models import PreVerifiedPlot

from .conftest import TODAY
from .test_field_checks import _photo


def _check(plot, clerk, use):
    return services.record_field_check(plot, land_use=use, lon=plot.min_lon + 0.0001, lat=plot.min_lat + 0.0001,
                                       photo=_photo(), note="复核", actor=clerk)


def test_a_red_plot_becomes_a_task_and_closes_by_reverification(arable_round, clerk_qian, clerk_sun, farmer_shen,
                                                                plots, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="尚未预核定"):
        services.issue_rectifications(arable_round, actor=clerk_qian)
    services.pre_verify_round(arable_round, actor=clerk_qian)
    services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)  # P1, P2; P3 (non-agricultural) blocked
    with pytest.raises(PermissionDenied):
        services.issue_rectifications(arable_round, actor=clerk_sun)  # another county
    assert services.issue_rectifications(arable_round, actor=clerk_qian) == 1
    assert services.issue_rectifications(arable_round, actor=clerk_qian) == 0  # one task per plot
    p3 = PreVerifiedPlot.objects.get(round=arable_round, plot__code="P3")
    case = p3.rectification
    assert (case.case_type, case.state, case.subject, case.region) == ("grain_subsidy.rectification", "rectifying", p3,
                                                                       plots["P3"].region)
    assert localtime(case.due_at).date() == add_working_days(localtime(case.created_at).date(), 20)
    told = Message.objects.filter(template="grain_subsidy_rectification")
    assert list(told.values_list("channel", flat=True)) == ["in_app"]  # no phone on file: no SMS
    assert "P3" in told.get(channel="in_app").body and "非农化" in told.get(channel="in_app").body

    with pytest.raises(PermissionDenied):  # no field check yet: nothing to close it on
        transition_case(case, "reverify", actor=clerk_qian, comment="已复耕")
    _check(plots["P3"], clerk_qian, "non_agri")  # still red: noted, the task stays open
    case.refresh_from_db()
    assert case.state == "rectifying" and "仍为「非农化」" in case.events.last().comment

    _check(plots["P3"], clerk_qian, "grain")
    p3.refresh_from_db()
    case.refresh_from_db()
    assert (case.state, p3.colour, p3.status, p3.amount_yuan) == ("fixed", "green", LineStatus.OFFERED,
                                                                 arable_round.per_mu_yuan * 5)
    assert "整改完成" in case.result and case.attachments.count() == 1
    assert case.attachments.get().sha256 == p3.plot.field_checks.first().photo_sha256
    assert audit.entries_for(p3).filter(action="grain_subsidy.rectification.reverified").exists()

    claim = services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)  # joins the first claim
    p3.refresh_from_db()
    assert (p3.claim, p3.status, claim.status) == (claim, LineStatus.CLAIMED, "submitted")
    assert claim.lines.count() == 3
    with pytest.raises(ValidationError, match="已申领过本批次"):
        services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    client.login(username="clerk_qian", password=PASSWORD)
    assert case.number in client.get(f"/grain_subsidy/plots/{p3.plot_id}/").content.decode()
