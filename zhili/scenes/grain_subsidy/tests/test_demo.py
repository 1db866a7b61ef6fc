"""The 浙农补 scene's demo data: a login per role, a paid round, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv
from zhili.core.scenes.api import DemoReport
from zhili.scenes.grain_subsidy.demo import load
from zhili.scenes.grain_subsidy.models import PaymentFile, Plot, PreVerifiedPlot
from zhili.scenes.grain_subsidy.roles import APPROVER, CLERK, FARMER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    import_regions(read_csv(ZHEJIANG_REGIONS_CSV))
    first, second = DemoReport(), DemoReport()
    load(first)
    counts = (Plot.objects.count(), PreVerifiedPlot.objects.count(), PaymentFile.objects.count())
    load(second)
    assert [login[:2] for login in second.logins] == [
        (role_label(CLERK), "grain_subsidy_clerk"), (role_label(APPROVER), "grain_subsidy_approver"),
        (role_label(APPROVER), "grain_subsidy_approver2"), (role_label(FARMER), "grain_subsidy_farmer")]
    assert (Plot.objects.count(), PreVerifiedPlot.objects.count(), PaymentFile.objects.count()) == counts
    assert counts[0] == 120 and PaymentFile.objects.get().status == "paid"
    mine = PreVerifiedPlot.objects.filter(farmer__user__username="grain_subsidy_farmer")
    assert sorted(mine.values_list("colour", "status")) == [("green", "offered"), ("red", "blocked"),
                                                            ("yellow", "offered")]
