"""The 安薪在线 demo: a login per role, a project paid through the bank file, the departments' signals (the demo
stops if core.datapool refuses them), loaded twice without change."""

from zhili.core.identity.api import Role, role_label
from zhili.core.scenes.api import DemoReport
from zhili.scenes.wage_guard.demo import load
from zhili.scenes.wage_guard.models import PaymentBatch, Project, RosterEntry, WageLine
from zhili.scenes.wage_guard.roles import CONTRACTOR, HOUSING, HRSS, TEAM_LEAD


def test_the_demo_gives_a_login_per_role_and_loads_twice_without_change(db):
    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv

    import_regions(read_csv(ZHEJIANG_REGIONS_CSV))
    first, second = DemoReport(), DemoReport()
    load(first)
    load(second)
    assert [login[:2] for login in second.logins] == [
        (role_label(CONTRACTOR), "wage_guard_gc"), (role_label(TEAM_LEAD), "wage_guard_lead"),
        (role_label(Role.WORKER), "wage_guard_worker"), (role_label(HOUSING), "wage_guard_housing"),
        (role_label(HRSS), "wage_guard_hrss")]
    assert Project.objects.count() == 1 and RosterEntry.objects.count() == 12
    assert RosterEntry.objects.filter(contract_reference="").count() == 3
    statuses = sorted(WageLine.objects.values_list("status", flat=True))
    assert statuses.count("confirmed") == 9 and statuses.count("disputed") == 1 and statuses.count("pending") == 2
    batch = PaymentBatch.objects.get()
    assert (batch.status, batch.line_count, batch.lines.filter(status="failed").count()) == ("reconciled", 9, 1)
