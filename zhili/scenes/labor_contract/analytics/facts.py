"""The de-identified contract fact set: one row per contract, built by decrypting each ID number once.

Only derived facts are kept — sex, birth year, origin province and city (the ID number's region prefix),
local or not — never the ID number, name, phone or address. Employer region, industry section and size come
from the employer; the minimum wage in force where and when the contract started is stored beside the wage so
the "at or near minimum wage" share needs no rule look-up at query time.
"""

import datetime as dt

from django.db.models import Q

from zhili.core.dashboards.api import FactTable

from .. import choices
from ..choices import CONCLUDED_STATUSES, PENDING_STATUSES, TermType
from ..rules import minimum_wage, term_months

CODE = "labor_contract.contracts"
COLUMNS = {
    "contract_id": "int64", "employer_id": "int64", "employer_name": "string", "region_path": "string",
    "county_code": "string", "town_code": "string", "industry": "string", "size": "string",
    "sex": "string", "birth_year": "int32", "origin_province": "string", "origin_city": "string",
    "is_local": "bool", "monthly_wage": "float64", "minimum_wage": "float64", "term_type": "string",
    "term_months": "int32", "probation_months": "int32", "channel": "string", "status": "string",
    "start_date": "date32[day]", "end_date": "date32[day]", "completed_at": "timestamp[us]",
    "sign_hours": "float64", "job_category": "string",
}
# Contracts ended early (解除) or at term (终止): hires until the day they ended.
ENDED = tuple(str(s) for s in getattr(choices, "ENDED_STATUSES", ()))
# Contracts that stand for a hire (signed, still to be signed, or ended); revoked, rejected and expired do not.
HIRE_STATUSES = tuple(str(s) for s in (*CONCLUDED_STATUSES, *PENDING_STATUSES)) + ENDED
CONCLUDED = tuple(str(s) for s in CONCLUDED_STATUSES)
PENDING = tuple(str(s) for s in PENDING_STATUSES)

# Job categories of 《中华人民共和国职业分类大典（2022年版）》's major groups, recognised from the job title.
# A title matching none is 其他; the keywords are platform data, refined as titles are seen.
JOB_CATEGORIES = (
    ("manager", "管理人员", ("经理", "主管", "总监", "厂长", "主任", "负责人", "店长", "总经理", "部长")),
    ("professional", "专业技术人员", ("工程师", "技术员", "研发", "设计", "会计", "医生", "护士", "教师", "律师",
                                  "分析师", "程序", "开发", "测试", "药师", "审计")),
    ("clerical", "办事人员", ("文员", "行政", "人事", "出纳", "前台", "助理", "客服", "秘书", "专员")),
    ("service", "社会生产服务和生活服务人员", ("销售", "营业员", "厨师", "服务员", "保安", "保洁", "司机", "快递",
                                        "骑手", "导购", "收银", "物流", "配送", "家政", "养老护理")),
    ("agriculture", "农林牧渔业生产人员", ("种植", "养殖", "林业", "渔业", "茶农", "农技")),
    ("production", "生产制造及有关人员", ("操作工", "普工", "焊工", "电工", "钳工", "车工", "装配", "质检", "包装",
                                     "技工", "机修", "叉车", "生产", "工人", "木工", "瓦工", "钢筋")),
)
JOB_CATEGORY_LABELS = {code: label for code, label, _ in JOB_CATEGORIES} | {"other": "其他"}


def job_category(title: str) -> str:
    for code, _label, words in JOB_CATEGORIES:
        if any(word in (title or "") for word in words):
            return code
    return "other"


def _regions():
    from zhili.core.orgs.api import Region

    return {r.pk: r for r in Region.objects.only("id", "code", "level", "parent_id", "path")}


def _ancestor_code(regions, region_id, level):
    region = regions.get(region_id)
    while region is not None:
        if region.level == level:
            return region.code
        region = regions.get(region.parent_id)
    return ""


def _naive_utc(value):
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value is not None else None


def build_contract_facts(since: dt.datetime | None):
    """The fact rows of the contracts changed since ``since`` (all contracts when None), as a pyarrow.Table."""
    import pyarrow as pa

    from ..models import LaborContract

    regions = _regions()
    has_ended_on = any(f.name == "ended_on" for f in LaborContract._meta.get_fields())
    queryset = LaborContract.objects.order_by()
    if since is not None:
        queryset = queryset.filter(Q(updated_at__gte=since) | Q(employer__updated_at__gte=since))
    fields = ("id", "employer_id", "employer__name", "employer__region_id", "employer__industry__code",
              "employer__industry__parent__code", "employer__size", "work_region__code", "worker_id_number",
              "monthly_wage", "term_type", "start_date", "end_date", "probation_months", "channel", "status",
              "sent_at", "completed_at", "job_title", *(("ended_on",) if has_ended_on else ()))
    columns = {name: [] for name in COLUMNS}
    wages_cache = {}
    for row in queryset.values_list(*fields).iterator(chunk_size=5000):
        (pk, employer_id, employer_name, region_id, industry, industry_parent, size, work_region, id_number,
         wage, term_type, start, end, probation, channel, status, sent_at, completed_at, title) = row[:19]
        ended_on = row[19] if has_ended_on else None
        term_end = end
        if ended_on is not None and (end is None or ended_on < end):
            end = ended_on  # the employment ended on this day (解除或终止), not at the agreed term
        region = regions.get(region_id)
        employer_code = region.code if region else ""
        county = _ancestor_code(regions, region_id, "county")
        wage_region = work_region or employer_code
        key = (wage_region[:6], start)
        if key not in wages_cache:
            rule = minimum_wage(wage_region, start) if wage_region else None
            wages_cache[key] = float(rule.monthly) if rule else None
        id_number = (id_number or "").strip().upper()
        valid = len(id_number) == 18 and id_number[:17].isdigit()
        columns["contract_id"].append(pk)
        columns["employer_id"].append(employer_id)
        columns["employer_name"].append(employer_name)
        columns["region_path"].append(region.path if region else "")
        columns["county_code"].append(county)
        columns["town_code"].append(_ancestor_code(regions, region_id, "town"))
        columns["industry"].append(industry_parent or industry or "")
        columns["size"].append(size or "")
        columns["sex"].append(("M" if int(id_number[16]) % 2 else "F") if valid else "")
        columns["birth_year"].append(int(id_number[6:10]) if valid else None)
        columns["origin_province"].append(id_number[:2] + "0000" if valid else "")
        columns["origin_city"].append(id_number[:4] + "00" if valid else "")
        columns["is_local"].append(bool(valid and county and id_number[:6] == county))
        columns["monthly_wage"].append(float(wage) if wage is not None else None)
        columns["minimum_wage"].append(wages_cache[key])
        columns["term_type"].append(term_type)
        columns["term_months"].append(term_months(start, term_end) if term_type == TermType.FIXED_TERM and term_end
                                      else None)
        columns["probation_months"].append(probation or 0)
        columns["channel"].append(channel)
        columns["status"].append(status)
        columns["start_date"].append(start)
        columns["end_date"].append(end)
        columns["completed_at"].append(_naive_utc(completed_at))
        columns["sign_hours"].append((completed_at - sent_at).total_seconds() / 3600
                                     if completed_at and sent_at else None)
        columns["job_category"].append(job_category(title))
    return pa.table(columns, schema=FactTable(CODE, COLUMNS, "contract_id", build_contract_facts).arrow_schema())


# Registered by ``dashboards.py`` with its after-refresh step (``refresh.REFRESHED_CONTRACT_FACTS``).
CONTRACT_FACTS = FactTable(code=CODE, columns=COLUMNS, key="contract_id", build=build_contract_facts,
                           label="劳动合同事实表")
