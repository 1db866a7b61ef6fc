"""The 安薪在线 scene in a real Chromium, one journey per role: a worker on a phone (confirms the month's wage,
disputes nothing, complains by the 安薪码, asks for a labour contract); the general contractor's labour manager at
a desk (a worker registered, attendance file, wage sheet, issue, payment file); the HR officer (warnings list → the warning case)."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.testing.api import PASSWORD, make_id_number, pages
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import Complaint, RiskFinding, RosterEntry
from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_worker_confirms_complains_by_the_code_and_asks_for_a_contract_on_a_phone(
        phone_page, live_server, team, uncontracted, lead_chen, account, project, hrss_qian, page_errors):
    zhang_entry = uncontracted[0]
    _days(zhang_entry, 10)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    services.issue_wage_sheet(sheet, actor=lead_chen, today=timezone.localdate())
    zhang = zhang_entry.worker
    zhang.username = "worker_zhang"
    zhang.set_password(PASSWORD)
    zhang.save()

    phone = phone_page
    _login(phone, live_server.url, "worker_zhang")
    phone.goto(f"{live_server.url}/wage_guard/")
    phone.wait_for_selector("text=3500.00")
    phone.click("button.confirm")
    phone.wait_for_selector(".line-status >> text=已确认")
    _fits(phone, 390)
    pages.assert_accessible(phone)

    phone.click(f"#entry-{zhang_entry.pk} button.contract-request")
    phone.wait_for_selector(f"#entry-{zhang_entry.pk} >> text=等待用人单位发起")
    assert RosterEntry.objects.get(pk=zhang_entry.pk).contract_requested_at is not None

    phone.goto(f"{live_server.url}/wage_guard/code/{project.qr_token}/")
    phone.wait_for_selector("#notice-board >> text=新安江花园一期")
    phone.fill("#complaint-amount", "2800")
    phone.fill("#complaint-from", "2026-03")
    phone.fill("#complaint-to", "2026-03")
    phone.fill("#complaint-description", "三月份工资未足额发放")
    _fits(phone, 390)
    pages.assert_accessible(phone)
    phone.click("#complaint-submit")
    phone.wait_for_selector(".complaint")
    complaint = Complaint.objects.get()
    assert complaint.case.number in phone.inner_text(".complaint")
    assert (complaint.amount, complaint.channel) == (2800, "qr")
    _fits(phone, 390)
    assert page_errors == []


def test_the_contractor_imports_attendance_makes_the_sheet_and_the_payment_file(
        desktop_page, live_server, team, roster, manager_liu, account, project, tmp_path, page_errors):
    manager_liu.set_password(PASSWORD)
    manager_liu.save()
    punches = ["工号,姓名,打卡时间"] + [
        f"{badge},{name},2026-03-{day:02d} {time}" for badge, name in (("001", "张三"), ("002", "李四"))
        for day in (2, 3) for time in ("07:00", "17:00")]
    device_file = tmp_path / "考勤.csv"
    device_file.write_text("\n".join(punches) + "\n", encoding="utf-8-sig")

    desk = desktop_page
    _login(desk, live_server.url, "gc_liu")
    desk.goto(f"{live_server.url}/wage_guard/projects/")
    desk.click("#project-table >> text=新安江花园一期")
    desk.wait_for_selector("#roster >> text=张三")
    pages.assert_accessible(desk)
    desk.click("#roster-add summary")
    desk.select_option("#id_team", str(team.pk))
    for field, value in (("name", "赵六"), ("id_number", make_id_number(birth="19920315", sequence=9)),
                         ("badge", "009"), ("trade", "木工"), ("daily_rate", "320"), ("bank_name", "农业银行"),
                         ("bank_card", "6228480010203040999"), ("entered_on", "2026-03-05")):
        desk.fill(f"#id_{field}", value)
    desk.click("#roster-submit")
    desk.wait_for_selector("#roster >> text=赵六")
    assert desk.locator("#roster .no-contract").count() == 1  # 赵六 has no labour contract on record
    desk.click("#deposit-lodge summary")
    desk.select_option("#deposit_form", "guarantee")
    desk.fill("#deposit_lodged_on", "2026-03-01")
    desk.click("#deposit-lodge-submit")
    desk.wait_for_selector("text=240000.00")  # 2% of 12,000,000: no credit record yet, so no reduction
    desk.set_input_files("#attendance-file", str(device_file))
    desk.click("#attendance-submit")
    desk.wait_for_selector("text=已导入 8 条打卡")

    desk.select_option("#sheet-team", str(team.pk))
    desk.fill("#sheet-month", "2026-03")
    desk.click("#sheet-build")
    desk.wait_for_selector("text=700.00")  # 张三: 2 days × 350
    sheet = project.sheets.get()
    assert sheet.total_net == 1300
    desk.click("#sheet-issue")
    desk.wait_for_selector("text=待确认")
    for line in sheet.lines.all():
        services.confirm_wage_line(line, actor=line.entry.worker)
    desk.reload()
    desk.click("#batch-create")
    desk.wait_for_selector("#batches >> text=待回盘")
    assert sheet.batches.get().line_count == 2
    assert page_errors == []


def test_the_officer_follows_a_warning_to_its_case(desktop_page, live_server, team, roster, lead_chen, account,
                                                 project, hrss_qian, page_errors):
    _days(roster[0], 20)
    _days(roster[1], 10)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    services.run_checks(dt.date(2026, 4, 16), evaluate=False)
    late = RiskFinding.objects.get(kind="late_pay")
    hrss_qian.set_password(PASSWORD)
    hrss_qian.save()

    desk = desktop_page
    _login(desk, live_server.url, "hrss_qian")
    desk.goto(f"{live_server.url}/wage_guard/findings/")
    desk.select_option("#id_kind", "late_pay")
    desk.click("form.zl-toolbar button[type=submit]")
    desk.wait_for_selector("#finding-table >> text=逾期未发放工资")
    assert desk.locator("#finding-table tbody tr").count() == 1
    pages.assert_accessible(desk)
    desk.click(f"#finding-table >> text={late.case.number}")
    desk.wait_for_selector(f"text={late.case.number}")
    desk.click("button[name=transition][value=accept]")
    desk.wait_for_selector("#case-panel >> text=已受理")
    pages.assert_accessible(desk)
    late.case.refresh_from_db()
    assert late.case.state == "accepted"
    assert page_errors == []
