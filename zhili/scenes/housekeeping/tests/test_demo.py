"""The 浙里好家政 scene's demo data: a login per role, workers in every colour, loaded twice without change."""

from zhili.core.identity.api import role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.housekeeping.demo import load
from zhili.scenes.housekeeping.models import Worker
from zhili.scenes.housekeeping.roles import AGENCY_ADMIN, CLERK, CUSTOMER, WORKER


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv

    import_regions(read_csv(ZHEJIANG_REGIONS_CSV))
    first, second = DemoReport(), DemoReport()
    load(first)
    load(second)
    assert [login[:2] for login in second.logins] == [
        (role_label(CLERK), "housekeeping_clerk"), (role_label(AGENCY_ADMIN), "housekeeping_agency"),
        (role_label(WORKER), "housekeeping_worker"), (role_label(CUSTOMER), "housekeeping_customer")]
    assert sorted(Worker.objects.values_list("code_colour", flat=True)) == ["green", "green", "red", "yellow",
                                                                           "yellow"]
