"""Batch import: every row checked with its own reason, good rows go on, a second upload duplicates nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zhili.core.foundation.api import audit
from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import importing, services
from zhili.scenes.labor_contract.choices import BatchKind, ContractStatus
from zhili.scenes.labor_contract.models import LaborContract, SendBatch
from zhili.scenes.labor_contract.rules import _ZJ_2025

HEADERS = [h for h, _n, _r in importing.NEW_CONTRACT_COLUMNS]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def row(name, id_number, phone="13900000001", *, start="2026-03-01", end="2029-02-28", probation="3",
        wage="5000", probation_wage="4000"):
    return [name, id_number, phone, "操作工", "建德市新安江街道", "固定期限", start, end, "", probation, "标准工时制",
            wage, probation_wage]


def xlsx(rows, name="workers.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def bad_batch():
    good = make_id_number(birth="19880512", sequence=11)
    wrong_check = make_id_number(birth="19880513", sequence=12)
    wrong_check = wrong_check[:17] + ("0" if wrong_check[17] != "0" else "1")
    serial = (dt.date(2026, 3, 1) - importing.EXCEL_EPOCH).days
    return [
        row("李明", good),                                                                       # line 2
        row("赵敏", wrong_check, "13900000003"),                                                  # line 3
        row("钱进", make_id_number(birth="19900101", sequence=14).translate(FULL_WIDTH),           # line 4
            "13900000004".translate(FULL_WIDTH), wage="５０００", probation_wage="４０００"),
        row("孙丽", make_id_number(birth="19920202", sequence=15), "+86 139 0000 0005"),          # line 5
        row("周杰", make_id_number(birth="19930303", sequence=16), "8613900000006", start=serial),  # line 6
        row("吴小", make_id_number(birth="20110101", sequence=17), "13900000007"),                # line 7
        row("郑低", make_id_number(birth="19850505", sequence=18), "13900000008", probation="0",  # line 8
            wage="2000", probation_wage=""),
        row("王长", make_id_number(birth="19860606", sequence=19), "13900000009", end="2027-02-28"),  # line 9
    ]


def sheet_rows(batch: SendBatch) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(bytes(batch.result_sheet)), read_only=True).worksheets[0]
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_bad_batch_gives_each_row_its_own_reason_and_keeps_the_good_rows(hr_li, employer):
    # given a sheet of eight workers, four of them wrong in four different ways
    upload = xlsx(bad_batch())

    # when HR uploads it
    result = services.import_contract_batch(upload, employer=employer, actor=hr_li)

    # then the four good rows (full-width digits, +86 phone and an Excel date serial included) become drafts
    batch = result.batch
    assert (batch.total_rows, batch.created_count, batch.duplicate_count, batch.error_count) == (8, 4, 0, 4)
    created = {c.worker_name: c for c in LaborContract.objects.filter(batch=batch)}
    assert sorted(created) == sorted(["李明", "钱进", "孙丽", "周杰"])
    assert created["钱进"].worker_phone == "13900000004"
    assert created["钱进"].monthly_wage == Decimal("5000.00")
    assert created["孙丽"].worker_phone == "13900000005"
    assert created["周杰"].start_date == dt.date(2026, 3, 1)
    assert created["周杰"].worker_phone == "13900000006"
    assert {c.status for c in created.values()} == {ContractStatus.DRAFT}
    assert created["李明"].probation_end_date == dt.date(2026, 5, 31)

    # and each bad row has exactly its own reason, with its line number and article
    rows = sheet_rows(batch)
    assert rows[0] == ("行号", "姓名", "结果", "原因")
    errors = {r[0]: r[3] for r in rows[1:] if r[2] == "有误，未导入"}
    assert errors == {
        3: "身份证号码：身份证号码校验位错误（GB 11643）",
        7: "劳动者在合同开始日未满 16 周岁（按身份证号码计算为 15 周岁），不得招用（《劳动法》第十五条）",
        8: "月工资 2000.00 元低于当地最低工资标准 2260 元（第二档）（《劳动法》第四十八条；《最低工资规定》；" + _ZJ_2025 + "）",
        9: "试用期 3 个月超过该合同期限允许的 2 个月（《劳动合同法》第十九条第一款）",
    }
    assert [r[1] for r in rows[1:]] == ["李*", "赵*", "钱*", "孙*", "周*", "吴*", "郑*", "王*"]
    assert sorted(audit.entries_for(batch).values_list("action", flat=True)) == [
        "labor_contract.batch.new_contracts_imported", "labor_contract.batch.new_contracts_started",
        "labor_contract.batch.rows_written"]


@pytest.mark.django_db
def test_uploading_the_same_sheet_twice_creates_nothing_new(hr_li, employer):
    services.import_contract_batch(xlsx(bad_batch()), employer=employer, actor=hr_li)

    again = services.import_contract_batch(xlsx(bad_batch()), employer=employer, actor=hr_li).batch

    assert (again.created_count, again.duplicate_count, again.error_count) == (0, 4, 4)
    assert LaborContract.objects.count() == 4
    assert {r[3] for r in sheet_rows(again) if r[2] == "已存在，未重复创建"} == {"该合同此前已导入，未重复创建"}


@pytest.mark.django_db
def test_a_row_repeated_inside_one_file_is_created_once(hr_li, employer):
    id_number = make_id_number(birth="19880512", sequence=11)
    batch = services.import_contract_batch(xlsx([row("李明", id_number), row("李明", id_number)]),
                                           employer=employer, actor=hr_li).batch
    assert (batch.created_count, batch.duplicate_count) == (1, 1)


@pytest.mark.django_db
def test_csv_in_gb18030_is_read_too(hr_li, employer):
    lines = [",".join(HEADERS[:13]), ",".join(row("李明", make_id_number(birth="19880512", sequence=11)))]
    upload = SimpleUploadedFile("workers.csv", "\n".join(lines).encode("gb18030"))
    batch = services.import_contract_batch(upload, employer=employer, actor=hr_li).batch
    assert (batch.created_count, batch.error_count) == (1, 0)


@pytest.mark.django_db
def test_a_sheet_without_required_columns_is_refused_whole(hr_li, employer):
    workbook = Workbook()
    workbook.active.append(["姓名", "籍贯"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(ValidationError) as exc:
        services.import_contract_batch(SimpleUploadedFile("x.xlsx", out.getvalue()), employer=employer, actor=hr_li)
    assert exc.value.message_dict["file"][0].startswith("缺少必填列：身份证号码、手机号码、工作岗位")
    assert SendBatch.objects.count() == 0


@pytest.mark.django_db
def test_hr_of_another_company_cannot_import_for_this_one(hr_zhou, employer):
    with pytest.raises(PermissionDenied):
        services.import_contract_batch(xlsx(bad_batch()), employer=employer, actor=hr_zhou)
    assert (SendBatch.objects.count(), LaborContract.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_existing_paper_contracts_are_recorded_once_with_their_defects_as_warnings(hr_li, employer):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([h for h, _n, _r in importing.EXISTING_CONTRACT_COLUMNS])
    sheet.append(["李明", make_id_number(birth="19880512", sequence=11), "", "仓管", "", "固定期限",
                  dt.date(2025, 3, 1), dt.date(2028, 2, 29), "", "标准工时制", 2100, dt.date(2025, 2, 20)])
    sheet.append(["赵敏", "330182", "", "仓管", "", "固定期限", "2025-03-01", "2028-02-29", "", "", "", ""])
    out = io.BytesIO()
    workbook.save(out)

    first = services.import_existing_contracts(SimpleUploadedFile("paper.xlsx", out.getvalue()), employer=employer,
                                               actor=hr_li).batch
    second = services.import_existing_contracts(SimpleUploadedFile("paper.xlsx", out.getvalue()), employer=employer,
                                                actor=hr_li).batch

    assert first.kind == BatchKind.EXISTING_CONTRACTS
    assert (first.created_count, first.error_count, second.created_count, second.duplicate_count) == (1, 1, 0, 1)
    contract = LaborContract.objects.get()
    assert (contract.status, contract.signed_on, contract.template_version) == (
        ContractStatus.EXISTING_PAPER, dt.date(2025, 2, 20), None)
    rows = sheet_rows(first)
    assert rows[1][2] == "已创建" and rows[1][3].startswith("月工资 2100.00 元低于当地最低工资标准 2260 元")
    assert rows[2][2:] == ("有误，未导入", "身份证号码：身份证号码应为 18 位：前 17 位数字，最后一位为数字或 X")
