"""The calculator for anyone, the policy library and rule list for department staff, the XLSX import."""

import io

import pytest
from openpyxl import Workbook

from zhili.core.foundation.models import AuditEntry
from zhili.core.policy.models import OfficerPolicy
from zhili.core.policy.services import COLUMNS

pytestmark = pytest.mark.django_db

CHEN_FAMILY = {"domain": "dummy", "date": "2025-03-01", "f_county_code": "330001", "f_per_capita_income": "800",
               "f_deposits": "1000", "f_category": "dibao", "m0_birth_date": "1950-03-01", "m0_disabled": "yes",
               "m0_medical_self_paid": "15000", "m1_birth_date": "1990-01-01", "m1_disabled": "no"}


def test_a_citizen_sees_what_the_family_may_get_why_and_what_is_missing(client):
    response = client.get("/policy/calculator/", CHEN_FAMILY)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-status="eligible"') == 3  # dibao, elder_care, disability_help
    assert 'data-policy="illness_aid" data-status="undecided"' in page
    assert "缺少：成员2的年度医疗自付费用" in page
    assert "金额 600.00 元" in page
    assert "测试数据 2025 年标准" in page


def test_a_bad_number_in_the_calculator_names_the_field(client):
    response = client.get("/policy/calculator/", dict(CHEN_FAMILY, f_deposits="一万"))

    assert "「家庭存款」的值无效：一万" in response.content.decode()
    assert 'data-status="eligible"' not in response.content.decode()


def test_the_rule_list_shows_values_dates_references_and_checks(client, officer_wang):
    client.force_login(officer_wang)

    page = client.get("/policy/rules/", {"date": "2025-03-01"}).content.decode()
    unchecked = client.get("/policy/rules/", {"unchecked": "1"}).content.decode()

    assert "测试数据 2025 年标准" in page and "dibao_standard * dibian_multiple" in page
    assert "《老年人权益保障法》第二条" in page
    assert "《老年人权益保障法》第二条" not in unchecked


def test_the_rule_list_holds_every_dated_rule_of_the_platform(client, officer_wang):
    """One page for every dated rule: a scene's statute values, core's login limits and thresholds, case deadlines."""
    client.force_login(officer_wang)

    page = client.get("/policy/rules/", {"date": "2025-03-01"}).content.decode()

    assert "试用期工资不得低于约定工资的比例" in page and "《劳动合同法》第二十条" in page  # labor_contract
    assert "短信验证码有效期" in page and "300 秒" in page  # identity's login limits
    assert "公开统计的最小单元格人数" in page  # dashboards' small-cell suppression
    assert "测试投诉（办理时限）" in page and "测试场景服务承诺" in page  # a case type's deadlines
    assert "mutual_agreement：rescinded、《劳动合同法》第三十六条" in page  # a table read as people read it


def test_a_worker_may_not_see_the_policy_library(client, worker_zhang):
    client.force_login(worker_zhang)

    assert client.get("/policy/").status_code == 403
    assert client.get("/policy/rules/").status_code == 403


def _workbook(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([header for header, _, _ in COLUMNS])
    for row in rows:
        sheet.append([row.get(header, "") for header, _, _ in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "policies.xlsx"
    return buffer


GOOD_ROW = {"政策编码": "warm_visits", "政策名称": "暖心探访", "主办单位": "亭旁红色志愿队", "主办方类型": "社会组织",
            "条件": "家中有老年人：any(age(m.birth_date) >= elderly_age)（延伸服务清单 1.0）\n低保家庭：category == \"dibao\"",
            "依据": "社会力量参与社会帮扶延伸服务清单 1.0 版", "生效日期": "2024-01-01", "待遇类型": "服务",
            "所需材料": "户口簿、身份证", "办理时限（工作日）": 5}


def test_an_officer_imports_out_of_statute_policies_and_the_calculator_uses_them(client, officer_wang):
    client.force_login(officer_wang)

    response = client.post("/policy/import/", {"domain": "dummy", "file": _workbook([GOOD_ROW])})

    assert response.status_code == 302
    row = OfficerPolicy.objects.get()
    assert (row.code, row.owner_kind, row.in_statute, row.materials, row.deadline_days) == (
        "warm_visits", "social_organization", False, ["户口簿", "身份证"], 5)
    assert row.conditions[0] == {"label": "家中有老年人", "test": "any(age(m.birth_date) >= elderly_age)",
                                 "reference": "延伸服务清单 1.0"}
    assert AuditEntry.objects.filter(action="policy.officer_policy.imported").count() == 1
    page = client.get("/policy/calculator/", CHEN_FAMILY).content.decode()
    assert 'data-policy="warm_visits" data-status="eligible"' in page


def test_an_import_with_a_bad_row_lists_every_fault_and_saves_nothing(client, officer_wang):
    client.force_login(officer_wang)
    bad_rule = dict(GOOD_ROW, 政策编码="bad_rule", 条件="收入：salary < 100")
    no_date = dict(GOOD_ROW, 政策编码="no_date", 生效日期="")
    taken = dict(GOOD_ROW, 政策编码="dibao")

    response = client.post("/policy/import/", {"domain": "dummy",
                                               "file": _workbook([GOOD_ROW, bad_rule, no_date, taken])})

    page = response.content.decode()
    assert response.status_code == 200
    assert OfficerPolicy.objects.count() == 0
    assert "有错误，未导入任何政策" in page
    assert "<td>3</td><td>条件</td><td>政策 bad_rule「收入」：未声明的事实或参数：salary（salary &lt; 100）</td>" in page
    assert "<td>4</td><td></td><td>生效日期不能为空</td>" in page
    assert "<td>5</td><td>政策编码</td><td>政策编码 dibao 已由场景声明，不能在此修改</td>" in page


def test_a_worker_may_not_import_policies(client, worker_zhang):
    client.force_login(worker_zhang)

    response = client.post("/policy/import/", {"domain": "dummy", "file": _workbook([GOOD_ROW])})

    assert response.status_code == 403
    assert OfficerPolicy.objects.count() == 0


def test_the_api_decides_with_explanations(client, worker_zhang):
    client.force_login(worker_zhang)
    body = {"domain": "dummy", "date": "2025-03-01",
            "facts": {"county_code": "330002", "per_capita_income": 850, "deposits": 0, "category": "dibao"},
            "members": [{"birth_date": "1980-01-01", "disabled": False, "medical_self_paid": 100}]}

    decisions = {d["policy"]: d for d in client.post("/api/v1/policy/decisions", body,
                                                    content_type="application/json").json()}
    unknown = client.post("/api/v1/policy/decisions", dict(body, facts={"salary": 1}),
                          content_type="application/json")

    assert decisions["dibao"]["status"] == "eligible" and decisions["dibao"]["amount"] == "50.00"
    assert decisions["dibao"]["conditions"][0]["threshold"] == 900.0
    assert unknown.status_code == 400 and unknown.json()["errors"] == {"salary": ["未声明的事实：salary"]}
