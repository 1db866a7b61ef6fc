"""The Art. 14 open-ended prompt to both parties, scanned paper contracts with their digests in the ledger, and
the worker's access log."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import importing, services
from zhili.scenes.labor_contract.choices import ContractStatus, DocumentStage
from zhili.scenes.labor_contract.models import ContractDocument, LaborContract

from .journeys import contract_values


def paper(employer, hr, start, end):
    contract = services.create_contract(contract_values(start_date=start, end_date=end, probation_months=0,
                                                        probation_wage=None), employer=employer, actor=hr)
    LaborContract.objects.filter(pk=contract.pk).update(status=ContractStatus.EXISTING_PAPER)
    return contract


@pytest.mark.django_db
def test_the_second_fixed_term_ending_prompts_the_open_ended_offer_to_both_parties(hr_li, employer):
    """Given two consecutive fixed-term contracts, the second ending within 30 days, both parties are told of Art. 14."""
    paper(employer, hr_li, dt.date(2020, 3, 1), dt.date(2023, 2, 28))
    second = paper(employer, hr_li, dt.date(2023, 3, 1), dt.date(2026, 2, 28))

    counts = services.check_contract_deadlines(dt.date(2026, 2, 1))
    again = services.check_contract_deadlines(dt.date(2026, 2, 2))

    assert counts == {"unsigned": 0, "expiring": 2, "open_ended": 2}
    assert again == {"unsigned": 0, "expiring": 0, "open_ended": 0}
    to_hr = Message.objects.get(template="labor_contract_open_ended_offer", recipient=hr_li)
    to_worker = Message.objects.get(template="labor_contract_open_ended_worker", channel="sms")
    assert second.number in to_hr.body and "已连续订立 2 次固定期限劳动合同" in to_hr.body
    assert "《劳动合同法》第十四条第二款第三项" in to_hr.body
    assert to_worker.address == "13800000001" and "您有权要求订立无固定期限劳动合同" in to_worker.body


@pytest.mark.django_db
def test_a_single_fixed_term_ending_does_not_prompt_the_offer(hr_li, employer):
    paper(employer, hr_li, dt.date(2023, 3, 1), dt.date(2026, 2, 28))

    assert services.check_contract_deadlines(dt.date(2026, 2, 1)) == {"unsigned": 0, "expiring": 2, "open_ended": 0}
    assert Message.objects.filter(template__startswith="labor_contract_open_ended").count() == 0


@pytest.mark.django_db
def test_a_contract_already_renewed_is_not_reminded(hr_li, employer):
    old = paper(employer, hr_li, dt.date(2023, 3, 1), dt.date(2026, 2, 28))
    services.renew_contract(old, {"end_date": dt.date(2029, 2, 28)}, actor=hr_li)

    assert services.check_contract_deadlines(dt.date(2026, 2, 1)) == {"unsigned": 0, "expiring": 0, "open_ended": 0}


def existing_sheet(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append([h for h, _n, _r in importing.EXISTING_CONTRACT_COLUMNS])
    for r in rows:
        workbook.active.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("paper.xlsx", out.getvalue())


def paper_row(name, sequence, scan):
    return [name, make_id_number(birth="19880101", sequence=sequence), "", "仓管员", "建德", "固定期限", "2024-01-01",
            "2026-12-31", "0", "标准工时制", "3000", "2023-12-28", scan]


def scans_zip(files: dict[str, bytes]) -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"扫描件/{name}", content)
    return SimpleUploadedFile("scans.zip", out.getvalue())


@pytest.mark.django_db
def test_scanned_paper_contracts_are_stored_once_with_their_digest_in_the_ledger(hr_li, employer, client):
    pdf = b"%PDF-1.4\n% scanned paper contract of Wang\n%%EOF\n"
    rows = [paper_row("王五", 201, "王五.pdf"), paper_row("赵六", 202, "缺失.pdf"), paper_row("钱七", 203, "")]
    files = {"王五.pdf": pdf, "说明.txt": b"not a scan"}

    first = services.import_existing_contracts(existing_sheet(rows), employer=employer, actor=hr_li,
                                               scans=scans_zip(files))
    second = services.import_existing_contracts(existing_sheet(rows), employer=employer, actor=hr_li,
                                                scans=scans_zip(files))

    wang = LaborContract.objects.get(worker_name="王五")
    scan = ContractDocument.objects.get(stage=DocumentStage.SCAN)
    assert scan.contract == wang and bytes(scan.pdf) == pdf and scan.sha256 == hashlib.sha256(pdf).hexdigest()
    assert [(e.kind, e.digest) for e in entries_for(wang)] == [("labor_contract.existing_scan", scan.sha256)]
    assert (first.batch.created_count, first.batch.error_count) == (2, 1)
    assert (second.batch.created_count, second.batch.duplicate_count, second.batch.error_count) == (0, 2, 1)
    result = list(load_workbook(io.BytesIO(bytes(first.batch.result_sheet))).active.iter_rows(values_only=True))
    assert result[2][3] == "扫描件文件名：压缩包中没有“缺失.pdf”"
    assert ContractDocument.objects.count() == 1
    client.force_login(hr_li)
    assert client.get(reverse("labor_contract:pdf", args=[wang.number])).content == pdf
    qian = LaborContract.objects.get(worker_name="钱七")
    assert client.get(reverse("labor_contract:pdf", args=[qian.number])).status_code == 404


@pytest.mark.django_db
def test_a_scan_that_is_not_a_pdf_or_without_a_zip_is_a_row_error(hr_li, employer):
    rows = [paper_row("王五", 201, "说明.txt"), paper_row("赵六", 202, "赵六.pdf")]

    result = services.import_existing_contracts(existing_sheet(rows[:1]), employer=employer, actor=hr_li,
                                                scans=scans_zip({"说明.txt": b"hello"}))
    no_zip = services.import_existing_contracts(existing_sheet(rows[1:]), employer=employer, actor=hr_li)

    sheets = [list(load_workbook(io.BytesIO(bytes(r.batch.result_sheet))).active.iter_rows(values_only=True))
              for r in (result, no_zip)]
    assert sheets[0][1][3] == "扫描件文件名：“说明.txt”不是 PDF 文件"
    assert sheets[1][1][3] == "扫描件文件名：未上传扫描件压缩包"
    assert LaborContract.objects.count() == 0


@pytest.mark.django_db
def test_the_worker_sees_every_read_of_their_contract_by_others_on_a_phone(hr_li, worker_zhang, employer, client):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    client.force_login(hr_li)
    client.get(contract.get_absolute_url())
    client.force_login(worker_zhang)
    client.get(contract.get_absolute_url())  # the worker's own read is not logged

    page = client.get(reverse("labor_contract:access_log"), HTTP_USER_AGENT="Mozilla/5.0 (iPhone)").content.decode()

    assert page.count('<li class="card">') == 1
    assert "李娜" in page and "查看合同" in page and contract.number in page
    assert 'container narrow' in page
