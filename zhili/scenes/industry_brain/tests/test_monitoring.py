"""The department's monthly file: loaded through core.datapool (a bad row refused by its line), taken onto the
firms' monthly reports, evaluated by the slowdown indicators, shown to the district's officer only."""

import csv
import datetime as dt
from decimal import Decimal

from zhili.core.datapool.api import ingest_file
from zhili.core.testing.api import PASSWORD
from zhili.scenes.industry_brain import monitoring, queries
from zhili.scenes.industry_brain.models import MonthlyReport


def test_the_monthly_file_becomes_reports_and_warnings(tmp_path, django_capture_on_commit_callbacks, client,
                                                       officer, officer_elsewhere, near_factory, far_factory, brand,
                                                       today):
    near, far = near_factory[0], far_factory[0]
    last = today.replace(day=1) - dt.timedelta(days=1)
    before = last.replace(day=1) - dt.timedelta(days=1)
    monthly, power = tmp_path / "monthly.csv", tmp_path / "power.csv"
    with open(monthly, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "uscc", "recorded_on", "output_pieces", "orders"])
        writer.writerow(["R1", near.organization.uscc, before.isoformat(), 4160, 4])
        writer.writerow(["R2", near.organization.uscc, last.isoformat(), 2600, 3])
        writer.writerow(["R3", far.organization.uscc, last.isoformat(), 5200, ""])
        writer.writerow(["R4", "91330502MA2B00000X", last.isoformat(), 100, 1])  # no firm holds this code
        writer.writerows([[f"R{n}", near.organization.uscc, dt.date(2024 + n // 12, n % 12 + 1, 28).isoformat(), n,
                           1] for n in range(5, 25)])  # older months of 2024–2025
        writer.writerow(["R25", far.organization.uscc, "2026-02-30", "很多", 1])  # line 26: refused
    with open(power, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "uscc", "recorded_on", "energy_kwh"])
        writer.writerows([["P1", near.organization.uscc, before.isoformat(), 3000],
                          ["P2", near.organization.uscc, last.isoformat(), 2500],
                          ["P3", far.organization.uscc, last.isoformat(), 1200]])
    with django_capture_on_commit_callbacks(execute=True):
        batch = ingest_file("industry_brain_monthly", monthly, actor="test:industry_brain")
        assert ingest_file("industry_brain_power", power, actor="test:industry_brain").rows_accepted == 3
    assert (batch.status, batch.rows_accepted, batch.rows_rejected) == ("succeeded", 24, 1)
    assert {(e.line, e.field) for e in batch.errors.all()} >= {(26, "recorded_on"), (26, "output_pieces")}
    report = MonthlyReport.objects.get(firm=near, month=f"{before:%Y-%m}")
    assert (report.output_pieces, report.energy_kwh, report.orders, report.capacity_used) == (
        4160, 3000, 4, Decimal("0.8"))
    assert MonthlyReport.objects.get(firm=far, month=f"{last:%Y-%m}").orders == 0
    assert MonthlyReport.objects.filter(firm=near).count() == 22 and not MonthlyReport.objects.filter(firm=brand[0])

    client.login(username="ib_officer", password=PASSWORD)
    assert client.post("/industry_brain/monitoring/").status_code == 302
    found = {r["firm"].pk: r for r in monitoring.results_for(queries.firms(officer))}
    # far: one report in 60 days but 1,200 kWh < 5,000 — the energy indicator (40 points) gives yellow (≥ 30)
    assert (found[far.pk]["level"], found[far.pk]["fired"]) == ("yellow", ["近60天用电量（千瓦时）低：1,200"])
    assert (found[near.pk]["level"], found[near.pk]["fired"]) == ("none", [])
    page = client.get("/industry_brain/monitoring/").content.decode()
    assert far.name in page and "近60天用电量" in page
    client.login(username="ib_officer_sun", password=PASSWORD)
    assert far.name not in client.get("/industry_brain/monitoring/").content.decode()
    client.login(username="ib_brand", password=PASSWORD)
    assert client.get("/industry_brain/monitoring/").status_code == 403
