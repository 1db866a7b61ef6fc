"""The two subsidies (国发〔2015〕52号) decided on core.policy for every certificate holder, and the monthly payment
run: exact lines and totals, two approvals by two people, the ledger, the file; stops and recoveries; bad input."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.scenes.disability_aid import services
from zhili.scenes.disability_aid.models import Entitlement, PaymentLine, PaymentRun, Recovery
from zhili.scenes.disability_aid.subsidies import decide_month

NOVEMBER, DECEMBER = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
L, N = Decimal("273.00"), Decimal("250.00")


def test_the_rules_decide_each_holder_as_the_state_council_s_guideline_and_the_local_amounts_say(pool):
    decided = decide_month(NOVEMBER)
    assert decided.amounts == {
        "P00000009": (L, N),      # grade 1, 低保
        "P00000010": (None, N),   # grade 2, no assistance: nursing only
        "P00000011": (L, N),      # grade 3 intellectual in a 低边 family: the grade-3 extension
        "P00000012": (L, None),   # grade 3 physical, 低保: living only
        "P00000014": (L, N),      # alive on 1 November
    }  # P4 grade 3 physical without assistance, P13 grade 4, P15 moved out, P16 特困: nothing
    assert decided.control == {"recipients": 5, "living_total": Decimal("1092.00"),
                               "nursing_total": Decimal("1000.00"), "total": Decimal("2092.00")}
    assert decided.parameters["living_amount"]["value"] == 273


def test_a_run_is_approved_by_two_people_and_its_file_balances(pool, clerk_fang, clerk_mao, approver_zhou):
    run = services.prepare_payment_run(NOVEMBER, actor=clerk_fang)
    assert (run.recipients, run.living_total, run.nursing_total, run.total) == (
        5, Decimal("1092.00"), Decimal("1000.00"), Decimal("2092.00"))
    assert Entitlement.objects.filter(status="active").count() == 8
    with pytest.raises(PermissionDenied):
        services.approve_payment_run(run, actor=clerk_fang)  # the one who prepared it
    with pytest.raises(ValidationError):
        services.payment_csv(run)  # not approved yet
    run = services.approve_payment_run(run, actor=clerk_mao)
    with pytest.raises(PermissionDenied):
        services.approve_payment_run(run, actor=clerk_mao)  # a clerk may not give the second approval
    run.refresh_from_db()
    assert run.status == "first_approved" and run.second_approver is None
    run = services.approve_payment_run(run, actor=approver_zhou)
    assert run.status == "approved"
    assert [e.kind for e in entries_for(run)] == ["disability_aid.payment_run.approved"]
    rows = list(csv.reader(io.StringIO(services.payment_csv(run).decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "人员编码", "乡镇（街道）"]
    assert [r[1] for r in rows[1:-1]] == ["P00000009", "P00000010", "P00000011", "P00000012", "P00000014"]
    assert rows[2][3:6] == ["0.00", "250.00", "250.00"]
    assert rows[-1][:6] == ["合计", "5", "", "1092.00", "1000.00", "2092.00"]
    assert services.payment_xlsx(run)[:2] == b"PK"
    with pytest.raises(ValidationError):
        services.prepare_payment_run(NOVEMBER, actor=clerk_fang)  # one run a month


def test_a_line_without_an_active_entitlement_or_an_unbalanced_run_is_refused_and_nothing_is_written(
        pool, clerk_fang):
    services.prepare_payment_run(NOVEMBER, actor=clerk_fang)
    lines = [(line.person.key, line.living_amount, line.nursing_amount)
             for line in PaymentLine.objects.select_related("person").order_by("person__key")]
    control = {"recipients": 5, "living_total": Decimal("1092.00"), "nursing_total": Decimal("1000.00")}
    with pytest.raises(ValidationError) as no_entitlement:  # P13 (grade 4, no assistance) slipped in, totals fixed
        services.write_payment_run(DECEMBER, [*lines, ("P00000013", L, Decimal("0"))],
                                   {**control, "recipients": 6, "living_total": Decimal("1365.00")}, actor=clerk_fang)
    assert list(no_entitlement.value.message_dict) == ["lines"]
    assert "第 6 行：人员 P00000013" in no_entitlement.value.message_dict["lines"][0]
    with pytest.raises(ValidationError) as unbalanced:
        services.write_payment_run(DECEMBER, lines, {**control, "nursing_total": Decimal("1250.00")}, actor=clerk_fang)
    assert list(unbalanced.value.message_dict) == ["total"]
    with pytest.raises(ValidationError) as twice:
        services.write_payment_run(DECEMBER, [*lines, lines[0]], control, actor=clerk_fang)
    assert list(twice.value.message_dict) == ["lines"]
    assert PaymentRun.objects.filter(month=DECEMBER).count() == 0 and PaymentLine.objects.count() == 5


def test_a_death_reported_late_stops_the_entitlements_and_opens_a_recovery(pool, clerk_fang, clerk_mao,
                                                                           approver_zhou, tmp_path):
    from zhili.core.datapool.api import ingest_file

    november = services.prepare_payment_run(NOVEMBER, actor=clerk_fang)
    services.approve_payment_run(november, actor=clerk_mao)
    services.approve_payment_run(november, actor=approver_zhou)
    # P9 died on 20 October; the death register reports it only now, after November was paid
    path = tmp_path / "deaths.csv"
    path.write_text("person_id,died_on\nP00000009,2026-10-20\n", encoding="utf-8")
    assert ingest_file("da_deaths", path, actor="test", check_permission=False).status == "succeeded"
    december = services.prepare_payment_run(DECEMBER, actor=clerk_fang)
    assert (december.recipients, december.total) == (3, Decimal("1046.00"))  # P10, P11, P12: P9 and P14 died
    stopped = {(e.person.key, e.policy): (e.stop_reason, e.stopped_on)
               for e in Entitlement.objects.filter(status="stopped").select_related("person")}
    assert stopped == {("P00000009", "living_subsidy"): ("died", dt.date(2026, 10, 20)),
                       ("P00000009", "nursing_subsidy"): ("died", dt.date(2026, 10, 20)),
                       ("P00000014", "living_subsidy"): ("died", dt.date(2026, 11, 15)),
                       ("P00000014", "nursing_subsidy"): ("died", dt.date(2026, 11, 15))}
    recovery = Recovery.objects.get()
    assert (recovery.person.key, recovery.amount, recovery.reason, recovery.line.run.month) == (
        "P00000009", L + N, "died", NOVEMBER)


def test_the_run_pages_prepare_approve_twice_and_download_and_a_worker_sees_nothing(client, pool, clerk_fang, clerk_mao,
                                                                                    approver_zhou, worker_ye):
    from django.urls import reverse

    client.force_login(clerk_fang)
    response = client.post(reverse("disability_aid:run_list"), {"month": "2026-11-01"})
    run = PaymentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("disability_aid:run_detail", args=[run.pk])
    assert client.post(reverse("disability_aid:run_list"), {"month": "2026-11-15"}).status_code == 400
    for user in (clerk_mao, approver_zhou):
        client.force_login(user)
        client.post(reverse("disability_aid:run_approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "approved"
    download = client.get(reverse("disability_aid:run_file", args=[run.pk]))
    assert download.status_code == 200 and download.content.decode("utf-8-sig").splitlines()[-1].startswith(
        "合计,5,,1092.00,1000.00,2092.00")
    subsidies = client.get(reverse("disability_aid:cockpit_data")).json()["analyses"]["subsidies"]
    assert subsidies["rows"][0][0] == "2026-11" and subsidies["rows"][0][1]["display"] == "5"
    assert subsidies["rows"][0][2:] == [1092.0, 1000.0]
    client.force_login(worker_ye)
    assert client.get(reverse("disability_aid:run_detail", args=[run.pk])).status_code == 404
    assert client.post(reverse("disability_aid:run_list"), {"month": "2026-12-01"}).status_code == 403
    assert PaymentRun.objects.count() == 1
