"""The workbench registry: who sees which entry, counts per person, a person's own pending actions first."""

import pytest

from zhili.core.identity.choices import Role
from zhili.core.testing.api import personas
from zhili.core.ui import registry
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo, workbench_for


@pytest.fixture
def fresh_entries(monkeypatch):
    entries = registry.Registry("workbench (test)")
    monkeypatch.setattr(registry, "entries", entries)
    return entries


@pytest.mark.django_db
def test_entries_show_to_their_roles_with_each_persons_count(fresh_entries, worker_zhang, officer_wang):
    counts = {worker_zhang.pk: 2}
    registry.register(Todo("sign", "待签署", url_name="home", roles=frozenset({Role.WORKER}), personal=True,
                           count=lambda user: counts.get(user.pk, 0)), scene="demo")
    registry.register(Todo("quiet", "无事", url_name="home", roles=frozenset({Role.WORKER}), personal=True),
                      scene="demo")
    registry.register(Todo("cases", "待办工单", url_name="home", query="box=mine", department=True,
                           count=lambda user: 3), scene="demo")
    registry.register(Recent("latest", "最新", roles=frozenset({Role.OFFICER}),
                             items=lambda user, limit: [RecentItem("一件事", "/x/")] * limit), scene="demo")
    registry.register(Shortcut("go", "去办理", url_name="home", department=True), scene="demo")
    registry.register(Shortcut("gone", "无此页", url_name="no_such:page", department=True), scene="demo")

    worker = workbench_for(worker_zhang)
    assert [(t.code, t.count) for t in worker.pending] == [("demo:sign", 2)]  # nothing to do is not listed
    assert worker.work == [] and worker.recent == [] and worker.shortcuts == []

    officer = workbench_for(officer_wang, recent_limit=2)
    assert [(t.label, t.count, t.url) for t in officer.work] == [("待办工单", 3, "/?box=mine")]
    assert officer.pending == []
    assert [len(r.items) for r in officer.recent] == [2]
    assert officer.shortcuts == [{"code": "demo:go", "label": "去办理", "url": "/"}]  # an unknown page is left out


@pytest.mark.django_db
def test_a_mediator_gets_department_work_but_not_an_officers_recent_panel(fresh_entries):
    mediator = personas.department_user(role=Role.MEDIATOR, name="孙丽", username="mediator_sun", phone="13800000005")
    registry.register(Recent("latest", "最新", roles=frozenset({Role.OFFICER})), scene="demo")
    registry.register(Todo("cases", "待办工单", url_name="home", department=True), scene="demo")
    bench = workbench_for(mediator)
    assert [t.label for t in bench.work] == ["待办工单"] and bench.recent == []


def test_a_workbench_declaration_takes_only_its_own_kinds(fresh_entries):
    with pytest.raises(TypeError, match="WORKBENCH 只能包含"):
        registry.register({"label": "待办"}, scene="demo")
    with pytest.raises(ValueError, match="缺少 code"):
        registry.register(Todo("", "待办"), scene="demo")


def test_the_installed_apps_declare_their_workbench_entries():
    codes = set(registry.entries)
    assert {"labor_contract:to_sign", "labor_contract:awaiting_seal", "labor_risk:warnings", "cases:mine"} <= codes
