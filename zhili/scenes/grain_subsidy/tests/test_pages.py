"""Governance pages: the plot list with filters and export, the round's figures, the cockpit and the workbench."""

import io

from openpyxl import load_workbook

from zhili.core.testing.api import PASSWORD
from zhili.core.ui.api import workbench_for
from zhili.scenes.grain_subsidy import services

from .conftest import TODAY


def test_the_plot_list_filters_by_survey_class_and_exports_masked(plots, clerk_qian, client):
    client.login(username="clerk_qian", password=PASSWORD)
    page = client.get("/grain_subsidy/plots/?land_use=grain").content.decode()
    assert "P1" in page and "P4" in page and ">P2<" not in page
    export = client.get("/grain_subsidy/plots/?land_use=grain&format=xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[3]) for r in rows] == [("P1", "沈**"), ("P4", "陆**")]


def test_round_figures_cockpit_and_workbench_follow_the_money(arable_round, clerk_qian, approver_zhou, approver_he,
                                                              farmer_shen, farmer_lu, client):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    assert {todo.code: todo.count for todo in workbench_for(farmer_shen.user).todos}[
        "grain_subsidy:plots_to_confirm"] == 2
    services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    assert {todo.code: todo.count for todo in workbench_for(clerk_qian).todos}["grain_subsidy:claims_to_audit"] == 1
    services.audit_round(arable_round, actor=clerk_qian)
    payment_file = services.make_payment_file(arable_round, day=TODAY, actor=clerk_qian)
    assert {todo.code: todo.count for todo in workbench_for(approver_zhou).todos}[
        "grain_subsidy:files_to_approve"] == 1
    services.approve_payment_file(payment_file, actor=approver_zhou)
    services.approve_payment_file(payment_file, actor=approver_he)

    client.login(username="clerk_qian", password=PASSWORD)
    funds = client.get("/grain_subsidy/cockpit/data/").json()["analyses"]["funds"]
    assert funds["rows"][0][0] == "2026 耕地地力保护补贴"
    offered = 550 + 550 + float(farmer_lu.plots.get().measured_area_mu) * 110
    assert [cell["value"] for cell in funds["rows"][0][1:]] == [round(offered, 2), 1100.0, 550.0, 550.0]
    page = client.get(f"/grain_subsidy/rounds/{arable_round.pk}/").content.decode()
    assert 'id="paid-yuan">550.00<' in page
