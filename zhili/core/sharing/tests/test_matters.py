"""The matters catalogue: seeded with the six of the 建德 scene, extended by CSV/XLSX import and the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from zhili.core.sharing.models import Matter
from zhili.core.sharing.services import import_matters

pytestmark = pytest.mark.django_db

HEADER = ["事项编码", "事项名称", "主管部门", "依据", "文档类型", "最少字段"]


def test_seed_has_the_six_matters_with_their_minimum_fields():
    seeded = dict(Matter.objects.values_list("code", "fields"))

    assert set(seeded) >= {"social_insurance_registration", "work_injury_determination", "school_enrolment",
                           "professional_title_review", "public_rental_housing", "bank_loan"}
    assert seeded["school_enrolment"] == ["employer_name", "worker_name", "start_date", "end_date"]
    assert "monthly_wage" not in seeded["school_enrolment"]
    assert Matter.objects.get(code="bank_loan").document_type == "labor_contract.contract"


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_import_adds_and_updates_by_code(platform_admin):
    content = xlsx([["dummy_tax", "个税专项附加扣除", "税务局", "《个人所得税法》第六条", "dummy.document", "title；state"]])

    report = import_matters(content, file_name="事项.xlsx", actor=platform_admin)
    again = import_matters(content, file_name="事项.xlsx", actor=platform_admin)

    assert (report.created, report.updated, report.errors) == (1, 0, [])
    assert (again.created, again.updated) == (0, 1)
    assert Matter.objects.get(code="dummy_tax").fields == ["title", "state"]


def test_bad_rows_are_reported_by_line_and_nothing_is_written(platform_admin):
    before = Matter.objects.count()
    content = "\n".join([",".join(HEADER),
                         "dummy_ok,测试,测试局,测试依据,dummy.document,title",
                         "Bad Code,测试,测试局,测试依据,dummy.document,title",
                         "dummy_wage,测试,测试局,测试依据,dummy.document,wage",
                         "dummy_x,测试,,测试依据,nothing.here,title"]).encode()

    report = import_matters(content, file_name="matters.csv", actor=platform_admin)

    assert report.errors == [
        (3, "事项编码：须为 2–64 位小写字母、数字、下划线或连字符"),
        (4, "最少字段：文档类型中没有字段 wage"),
        (5, "主管部门：不能为空；文档类型：未注册的文档类型 nothing.here"),
    ]
    assert Matter.objects.count() == before


def test_command_and_admin_import(tmp_path, platform_admin):
    path = tmp_path / "m.csv"
    path.write_text(",".join(HEADER) + "\ndummy_cmd,命令导入,测试局,测试依据,dummy.document,title\n", encoding="utf-8")

    call_command("import_matters", str(path))
    with pytest.raises(CommandError):
        call_command("import_matters", str(tmp_path / "missing.csv"))

    admin = Client()
    admin.force_login(platform_admin)
    upload = io.BytesIO(xlsx([["dummy_admin", "后台导入", "测试局", "测试依据", "dummy.document", "state"]]))
    upload.name = "admin.xlsx"
    response = admin.post("/admin/sharing/matter/import/", {"file": upload})

    assert response.status_code == 302
    assert set(Matter.objects.filter(code__startswith="dummy_").values_list("code", flat=True)) == {
        "dummy_cmd", "dummy_admin"}
