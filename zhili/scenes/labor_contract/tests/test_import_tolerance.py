"""Imports under load and with clerks' sheets: no write lock held while rows are checked, bad rows explained."""

import threading

import pytest
from django.db import OperationalError
from django.urls import reverse

from zhili.core.identity import api as identity
from zhili.core.identity.api import OtpChallenge
from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.models import LaborContract, SendBatch
from zhili.scenes.labor_contract.services import batches as contract_services

from .test_import import row, sheet_rows, xlsx


def _write_from_another_connection(outcomes: list) -> None:
    """Ask for an SMS login code on a connection of its own that does not wait for a lock."""

    def target():
        from django.db import connection as own

        try:
            if own.vendor == "sqlite":
                with own.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 0")
            identity.request_login_code("13900001234", ip_address="127.0.0.9")
            outcomes.append("ok")
        except OperationalError as exc:
            outcomes.append(str(exc))
        finally:
            own.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_a_login_code_is_sent_while_an_import_checks_its_rows(hr_li, employer, monkeypatch):
    """The import checks rows outside any transaction, so a worker's login write is not locked out."""
    outcomes: list = []
    checked = []
    original = contract_services.check_contract

    def check_and_meanwhile_write(data):
        checked.append(data["worker_name"])
        if len(checked) == 2:
            _write_from_another_connection(outcomes)
        return original(data)

    monkeypatch.setattr(contract_services, "check_contract", check_and_meanwhile_write)
    upload = xlsx([row(f"职工{i}", make_id_number(birth="19880512", sequence=20 + i)) for i in range(3)])

    batch = services.import_contract_batch(upload, employer=employer, actor=hr_li).batch

    assert outcomes == ["ok"]
    assert OtpChallenge.objects.count() == 1
    assert (batch.created_count, batch.error_count) == (3, 0)


@pytest.mark.django_db
def test_an_interrupted_import_is_shown_unfinished_and_finished_by_uploading_again(client, hr_li, employer,
                                                                                   monkeypatch):
    """Chunks already written stay; the same file again creates only the rest, each row once."""
    rows = [row(f"职工{i}", make_id_number(birth="19880512", sequence=40 + i)) for i in range(5)]
    monkeypatch.setattr(contract_services, "IMPORT_CHUNK", 2)
    written = []
    original = contract_services._insert_new

    def die_after_the_first_chunk(chunk):
        if written:
            raise KeyboardInterrupt  # the process killed between two chunks
        written.append(chunk)
        return original(chunk)

    monkeypatch.setattr(contract_services, "_insert_new", die_after_the_first_chunk)
    with pytest.raises(KeyboardInterrupt):
        services.import_contract_batch(xlsx(rows), employer=employer, actor=hr_li)
    interrupted = SendBatch.objects.get()
    assert LaborContract.objects.count() == 2
    client.force_login(hr_li)
    page = client.get(reverse("labor_contract:batch_detail", args=[interrupted.pk])).content.decode()
    assert "这一批尚未导入完成" in page

    monkeypatch.setattr(contract_services, "_insert_new", original)
    again = services.import_contract_batch(xlsx(rows), employer=employer, actor=hr_li).batch

    assert (again.created_count, again.duplicate_count) == (3, 2)
    assert LaborContract.objects.count() == 5


def _sheet(headers: list[str], rows: list[list]):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(headers)
    for values in rows:
        workbook.active.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("花名册.xlsx", out.getvalue())


@pytest.mark.django_db
def test_a_clerks_own_headers_and_a_term_in_months_are_understood(hr_li, employer):
    """身份证号 / 联系电话 / 入职日期 / 工资 / 合同期限（月） / 试用期 '3个月' are the same columns as the template's."""
    id_number = make_id_number(birth="19900307", sequence=61)
    upload = _sheet(
        ["姓名", "身份证号", "联系电话", "岗位", "工作地点", "合同类型", "入职日期", "合同期限(月)", "试用期", "工时制度",
         "工资", "试用期工资"],
        [["李明", id_number, "13900000061", "操作工", "建德市新安江街道", "固定期限", "2026-03-01", "36", "3个月",
          "标准工时制", "5000", "4000"]])

    result = services.import_contract_batch(upload, employer=employer, actor=hr_li)

    contract = LaborContract.objects.get()
    assert (result.batch.created_count, result.batch.error_count) == (1, 0)
    assert (contract.worker_phone, str(contract.end_date), contract.probation_months) == (
        "13900000061", "2029-02-28", 3)


@pytest.mark.django_db
def test_a_missing_probation_wage_takes_the_legal_floor_and_the_sheet_says_so(hr_li, employer):
    """Art. 20: 80% of 5,000 is 4,000, above 建德's minimum wage of 2,260."""
    upload = xlsx([row("李明", make_id_number(birth="19900307", sequence=62), probation_wage="")])

    batch = services.import_contract_batch(upload, employer=employer, actor=hr_li).batch

    assert str(LaborContract.objects.get().probation_wage) == "4000.00"
    reason = sheet_rows(batch)[1][3]
    assert reason.startswith("试用期工资未填写，按法定下限计为 4000.00 元（约定工资的 80% 与当地最低工资标准中的较高者，")
    assert "第二十条" in reason


@pytest.mark.django_db
def test_an_id_number_already_used_under_another_name_is_an_error_not_a_duplicate(hr_li, employer):
    id_number = make_id_number(birth="19900307", sequence=63)
    services.import_contract_batch(xlsx([row("李明", id_number)]), employer=employer, actor=hr_li)

    batch = services.import_contract_batch(xlsx([row("王芳", id_number)]), employer=employer, actor=hr_li).batch

    assert (batch.created_count, batch.duplicate_count, batch.error_count) == (0, 0, 1)
    assert sheet_rows(batch)[1][2:] == ("有误，未导入", "身份证号码：已登记在“李*”名下，与姓名“王*”不符，请核对")
    assert LaborContract.objects.count() == 1


@pytest.mark.django_db
def test_the_template_sample_row_is_marked_skipped_and_its_id_column_is_text(client, hr_li, employer):
    import io

    from openpyxl import load_workbook

    client.force_login(hr_li)
    template = client.get(reverse("labor_contract:batch_template")).content
    sheet = load_workbook(io.BytesIO(template))["劳动者名单"]
    assert sheet["A2"].value.startswith("【示例】") and sheet["B2"].number_format == "@"
    assert sheet.column_dimensions["B"].number_format == "@"

    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = services.import_contract_batch(SimpleUploadedFile("模板.xlsx", template), employer=employer,
                                           actor=hr_li).batch

    assert (batch.total_rows, batch.created_count, batch.error_count) == (0, 0, 0)
    assert sheet_rows(batch)[1][2] == "模板示例行，已跳过"
    assert LaborContract.objects.count() == 0


@pytest.mark.django_db
def test_text_longer_than_its_column_is_refused_per_row_with_the_column_name(client, hr_li, employer):
    upload = xlsx([row("李明", make_id_number(birth="19900307", sequence=64)) [:3] + ["岗" * 101]
                   + row("李明", make_id_number(birth="19900307", sequence=64))[4:],
                   row("王芳", make_id_number(birth="19900307", sequence=65))])

    batch = services.import_contract_batch(upload, employer=employer, actor=hr_li).batch

    assert (batch.created_count, batch.error_count) == (1, 1)
    assert sheet_rows(batch)[1][3] == "工作岗位：不能超过 100 个字符（现为 101 个）"
    client.force_login(hr_li)
    page = client.get(reverse("labor_contract:batch_detail", args=[batch.pk])).content.decode()
    assert "未导入的行及原因" in page and "工作岗位：不能超过 100 个字符（现为 101 个）" in page
