"""Pages and downloads: the Excel template, the status board and its export, the form, reminders."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from zhili.core.notify.api import Message
from zhili.scenes.labor_contract import importing, services
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import LaborContract

from .journeys import contract_values


@pytest.mark.django_db
def test_excel_template_downloads_and_opens_with_chinese_headers(client, hr_li):
    client.force_login(hr_li)
    response = client.get(reverse("labor_contract:batch_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["劳动者名单"]
    assert [c.value for c in sheet[1]] == [h for h, _n, _r in importing.NEW_CONTRACT_COLUMNS]
    assert [c.value for c in sheet[2]][:3] == ["【示例】张伟（导入时自动跳过）", "330182199003071232", "13800000001"]
    assert "填写说明" in workbook.sheetnames


@pytest.mark.django_db
def test_the_template_example_row_is_valid_and_read_as_the_sample(hr_li, employer, client):
    client.force_login(hr_li)
    content = client.get(reverse("labor_contract:batch_template")).content
    rows = list(importing.read_rows(content, "t.xlsx", importing.NEW_CONTRACT_COLUMNS))
    assert [(r.line, r.errors, r.sample) for r in rows] == [(2, [], True)]


@pytest.mark.django_db
def test_hr_creates_by_form_then_sees_the_board_and_exports_it(client, hr_li):
    client.force_login(hr_li)
    data = {k: v for k, v in contract_values().items()}
    response = client.post(reverse("labor_contract:create"), data)
    contract = LaborContract.objects.get()
    assert response.status_code == 302 and response["Location"] == contract.get_absolute_url()
    detail = client.get(contract.get_absolute_url()).content.decode()
    assert "data-clause=\"social_insurance\"" in detail and "330182********1232" in detail

    board = client.get(reverse("labor_contract:list")).content.decode()
    assert contract.number in board and "一键发约" in board
    export = client.get(reverse("labor_contract:list"), {"format": "xlsx", "status": "draft"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == contract.number and rows[1][3] == "330182********1232"


@pytest.mark.django_db
def test_form_shows_the_article_when_the_wage_is_below_the_minimum(client, hr_li):
    client.force_login(hr_li)
    data = contract_values(monthly_wage="2000", probation_months=0, probation_wage="")
    page = client.post(reverse("labor_contract:create"), data).content.decode()
    assert "月工资 2000 元低于当地最低工资标准 2260 元（第二档）" in page
    assert LaborContract.objects.count() == 0


@pytest.mark.django_db
def test_upload_page_shows_the_result_and_the_result_sheet_downloads(client, hr_li):
    from .test_import import bad_batch, xlsx

    client.force_login(hr_li)
    response = client.post(reverse("labor_contract:batch_upload"), {"file": xlsx(bad_batch())})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "一键发约：向 4 名劳动者发送签署短信" in page
    batch_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    sheet = load_workbook(io.BytesIO(client.get(reverse("labor_contract:batch_result", args=[batch_id])).content))
    assert sheet.active.max_row == 9
    client.post(reverse("labor_contract:batch_send", args=[batch_id]))
    assert Message.objects.filter(template="labor_contract_sign_invite").count() == 4
    assert LaborContract.objects.filter(status=ContractStatus.SENT).count() == 4


@pytest.mark.django_db
def test_unsigned_hires_are_flagged_at_day_20_and_30_once_each(hr_li, employer):
    services.create_contract(contract_values(), employer=employer, actor=hr_li)  # starts 2026-03-01

    assert services.check_contract_deadlines(dt.date(2026, 3, 20)) == {"unsigned": 0, "expiring": 0, "open_ended": 0}
    assert services.check_contract_deadlines(dt.date(2026, 3, 21)) == {"unsigned": 1, "expiring": 0, "open_ended": 0}
    assert services.check_contract_deadlines(dt.date(2026, 3, 22)) == {"unsigned": 0, "expiring": 0, "open_ended": 0}
    call_command("check_contract_deadlines", date="2026-03-31")
    reminders = Message.objects.filter(template="labor_contract_unsigned_reminder", recipient=hr_li).order_by("id")
    assert [m.params["days"] for m in reminders] == [20, 30]
    assert "《劳动合同法》第十条、第八十二条" in reminders[0].body


@pytest.mark.django_db
def test_contracts_ending_within_30_days_remind_hr(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    LaborContract.objects.filter(pk=contract.pk).update(status=ContractStatus.COMPLETED)

    assert services.check_contract_deadlines(dt.date(2029, 1, 28))["expiring"] == 0
    assert services.check_contract_deadlines(dt.date(2029, 1, 29))["expiring"] == 2  # HR in the app, worker by SMS
    message = Message.objects.get(template="labor_contract_expiry_reminder")
    assert message.body.startswith("劳动者 张* 的劳动合同")
    assert "2029-02-28" in message.body


@pytest.mark.django_db
def test_a_worker_named_like_a_formula_is_exported_as_text(client, hr_li, employer):
    """=HYPERLINK(...) typed as a name must not become a live link in the board's export."""
    services.create_contract(contract_values(worker_name='=HYPERLINK("http://evil.example","张")'),
                             employer=employer, actor=hr_li)
    client.force_login(hr_li)
    export = client.get(reverse("labor_contract:list"), {"format": "xlsx"})
    cell = load_workbook(io.BytesIO(export.content)).active["C2"]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example","张")', "s")
