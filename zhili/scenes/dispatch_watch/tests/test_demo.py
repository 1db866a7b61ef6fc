"""The 劳务派遣监管 scene's demo data: a login per role, agencies, reports and warnings, loaded twice without change."""

from zhili.core.foundation.api import AuditEntry
from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.dispatch_watch.demo import load
from zhili.scenes.dispatch_watch.models import (
    Agency,
    AnnualReport,
    CreditRating,
    DispatchedWorker,
    HostWarning,
    LicenceChange,
    SpecialHoursApproval,
)
from zhili.scenes.dispatch_watch.roles import AGENCY, OFFICER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db, settings, tmp_path,
                                                                          django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path / "var"
    first = DemoReport()
    with django_capture_on_commit_callbacks(execute=True):
        lines = load(first)
    assert lines[0].startswith("劳务派遣监管演示数据（九龙坡区）：12 家派遣单位")
    counts = (Agency.objects.count(), DispatchedWorker.objects.count(), AnnualReport.objects.count(),
              AuditEntry.objects.count())
    assert counts[1] > 50 and counts[2] > 0 and HostWarning.objects.exists()
    assert SpecialHoursApproval.objects.count() == 2
    assert SpecialHoursApproval.objects.filter(status="approved").get().decision_pdf
    assert CreditRating.objects.count() == Agency.objects.exclude(licence_status="cancelled").count()
    assert LicenceChange.objects.filter(status="submitted").count() == 1
    second = DemoReport()
    assert load(second) == ["劳务派遣监管演示数据：已存在，未重复创建"]
    assert [login[:2] for login in second.logins][:2] == [(role_label(OFFICER), "dispatch_officer"),
                                                          (role_label(AGENCY), "dispatch_agency")]
    assert (Agency.objects.count(), DispatchedWorker.objects.count(), AnnualReport.objects.count(),
            AuditEntry.objects.count()) == counts
