"""The 智慧助残 scene's demo data: a login per role, a night's detection, one case taken to a certificate, loaded
twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.disability_aid.demo import load
from zhili.scenes.disability_aid.models import (
    Certificate,
    InjuryPush,
    JobPosting,
    PaymentRun,
    QuotaReview,
    SuspectedCase,
)
from zhili.scenes.disability_aid.roles import APPROVER, CLERK, PREVENTION, WORKER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(town):
    first, second = DemoReport(), DemoReport()
    load(first)
    suspects = SuspectedCase.objects.count()
    load(second)
    assert [login[:2] for login in second.logins] == [(role_label(CLERK), "disability_aid_clerk"),
                                                      (role_label(WORKER), "disability_aid_worker"),
                                                      (role_label(APPROVER), "disability_aid_approver"),
                                                      (role_label(PREVENTION), "disability_aid_prevention"),
                                                      ("残疾人（本人）", "disability_aid_person")]
    assert suspects > 10 and SuspectedCase.objects.count() == suspects
    assert sorted(SuspectedCase.objects.exclude(status="detected").values_list("status", flat=True)) == [
        "certified", "declined"]
    assert Certificate.objects.get().grade == "3"
    assert not SuspectedCase.objects.filter(case__isnull=True).exists()  # every case routed
    run = PaymentRun.objects.get()
    assert run.status == "first_approved" and run.recipients > 10
    assert run.total == sum(line.total for line in run.lines.all())
    assert JobPosting.objects.count() == 2 and QuotaReview.objects.count() == 3
    assert InjuryPush.objects.exists() and not InjuryPush.objects.filter(case__isnull=True).exists()
