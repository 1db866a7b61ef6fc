"""Grain security: grain sold into storage per plot (core.datapool) set against the subsidised area and the surveys,
warnings held for a manual check, and the depots' grain and seed stock in three colours."""

import csv
import datetime as dt

from zhili.core.datapool.api import ingest_file
from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.choices import LineStatus
from zhili.scenes.grain_subsidy.models import PreVerifiedPlot

from .conftest import TODAY


def _csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_storage_returns_warn_on_subsidised_plots_and_depots(arable_round, clerk_qian, clerk_sun, farmer_shen,
                                                             farmer_lu, plots, tmp_path, client):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    for farmer in (farmer_shen, farmer_lu):
        services.claim_plots(arable_round, actor=farmer.user, today=TODAY)
    services.audit_round(arable_round, actor=clerk_qian)  # P1 passed, P2 held (seasonal), P4 held (area)
    # A second survey finds P2 abandoned again: fallow twice in the year.
    services.record_survey(region=plots["P1"].region, name="2026 年第二季度", taken_on=dt.date(2026, 6, 1),
                           rows=[(2, "P1", "grain"), (3, "P2", "seasonal"), (4, "P3", "non_agri"), (5, "P4", "grain")],
                           actor=clerk_qian)
    header = ["receipt_id", "depot_code", "plot_code", "sold_on", "crop", "weight_kg"]
    # P1 (5 亩) sold 6,000 kg: 1,200 kg a mu, above the 900 limit; P2 sold nothing; P4 a normal harvest.
    ingest_file("grain_subsidy_sales", _csv(tmp_path / "sales.csv", header, [
        ["R1", "D1", "P1", "2026-05-20", "小麦", "6000"], ["R2", "D1", "P4", "2026-05-21", "小麦", "2400"],
        ["R3", "D1", "P4", "2025-10-01", "稻谷", "9000"]]), actor="test")  # last year's: not counted
    warnings = {(w.plot_code, w.kind) for w in services.plot_warnings(arable_round)}
    assert warnings == {("P1", "implausible_yield"), ("P2", "no_evidence"), ("P2", "fallow")}

    assert services.hold_warned_plots(arable_round, actor=clerk_qian) == 1  # P1 was passed; P2 is already held
    p1 = PreVerifiedPlot.objects.get(round=arable_round, plot__code="P1")
    assert (p1.status, p1.audit_reasons) == (LineStatus.HELD, ["warning:implausible_yield"])
    assert services.hold_warned_plots(arable_round, actor=clerk_qian) == 0

    storage = ["report_id", "depot_code", "depot_name", "reported_on", "capacity_t", "stock_t", "reserve_t",
               "seed_stock_t", "seed_reserve_t"]
    ingest_file("grain_subsidy_storage", _csv(tmp_path / "storage.csv", storage, [
        ["A-1", "D1", "新埭库", "2026-06-10", "30000", "24000", "22500", "60", "60"],
        ["B-1", "D2", "广陈库", "2026-06-10", "20000", "19800", "15000", "30", "40"],
        ["C-1", "D3", "乍浦库", "2026-06-10", "15000", "9000", "12000", "20", "20"]]), actor="test")
    depots = {d["depot_code"]: d for d in services.depot_warnings(dt.date(2026, 6, 15))}
    # D2: near full (7 points) and seed below plan (30): yellow; D3: stock at 75 % of plan (28 + 35): red.
    assert {code: d["level"].value for code, d in depots.items()} == {"D1": "none", "D2": "yellow", "D3": "red"}
    assert depots["D2"]["seed_share"] == 75.0 and "种子库存低于储备计划" in depots["D2"]["fired"]
    assert depots["D3"]["stock_share"] == 75.0

    client.login(username="clerk_qian", password=PASSWORD)
    page = client.get(f"/grain_subsidy/security/?round={arable_round.pk}").content.decode()
    assert "乍浦库" in page and "P2" in page and "交售入库量超过核定面积的合理产量" in page
    client.login(username="clerk_sun", password=PASSWORD)  # another county: no rounds of ours
    assert "P2" not in client.get(f"/grain_subsidy/security/?round={arable_round.pk}").content.decode()
