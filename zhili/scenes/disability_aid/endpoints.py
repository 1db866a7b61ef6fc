"""The 智慧助残 scene's JSON API under /api/v1/disability_aid/ (in the OpenAPI document), with the pages' checks:
suspected cases with their evidence for the federation's systems, and the check of a certificate number."""

import datetime as dt

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries
from .certificates import check_certificate_number

router = Router(tags=["智慧助残"])


class EvidenceOut(Schema):
    source: str
    record_id: str
    on: str
    detail: str
    matched: str = ""


class SuspectOut(Schema):
    id: int
    person: str
    region_code: str
    found_on: dt.date
    status: str
    case_number: str | None
    evidence: list[EvidenceOut]


class NumberIn(Schema):
    number: str


class NumberOut(Schema):
    valid: bool
    category: str = ""
    grade: str = ""
    errors: list[str] = []


def _out(suspect) -> dict:
    return {"id": suspect.pk, "person": suspect.person.key, "region_code": suspect.person.region.code,
            "found_on": suspect.found_on, "status": suspect.status,
            "case_number": suspect.case.number if suspect.case_id else None, "evidence": suspect.evidence}


@router.get("/suspects", response=list[SuspectOut], summary="辖区疑似残疾线索")
def list_suspects(request, status: str = "", limit: int = 100, offset: int = 0):
    require(request.auth, "disability_aid.suspect.view")
    suspects = queries.visible_suspects(request.auth)
    if status:
        suspects = suspects.filter(status=status)
    return [_out(s) for s in suspects[offset:offset + min(limit, 1000)]]


@router.get("/suspects/{suspect_id}", response=SuspectOut, summary="一条疑似残疾线索及其依据")
def get_suspect(request, suspect_id: int):
    return _out(queries.suspect_for(request.auth, suspect_id))


@router.post("/certificate-numbers/check", response=NumberOut, summary="校验残疾人证号")
def check_number(request, payload: NumberIn):
    """Check a certificate number's form (ID number check digit, category 1–7, grade 1–4); no look-up."""
    from django.core.exceptions import ValidationError

    require(request.auth, "disability_aid.suspect.view")
    try:
        _id_number, category, grade = check_certificate_number(payload.number)
    except ValidationError as problem:
        return {"valid": False, "errors": problem.messages}
    return {"valid": True, "category": category, "grade": grade}


class PostingOut(Schema):
    id: int
    employer: str
    title: str
    region_code: str
    positions: int
    monthly_wage: str
    categories: str
    grades: str
    skills: str
    full_time: bool
    accessible: bool
    welfare_enterprise: bool


@router.get("/jobs", response=list[PostingOut], summary="招聘中的残疾人就业岗位（不含个人信息）")
def list_jobs(request, limit: int = 100, offset: int = 0):
    require(request.auth, "disability_aid.job.manage")
    postings = queries.visible_postings(request.auth).filter(status="open")
    return [{"id": p.pk, "employer": p.organization.name, "title": p.title, "region_code": p.region.code,
             "positions": p.positions, "monthly_wage": str(p.monthly_wage), "categories": p.categories,
             "grades": p.grades, "skills": p.skills, "full_time": p.full_time, "accessible": p.accessible,
             "welfare_enterprise": p.welfare_enterprise} for p in postings[offset:offset + min(limit, 1000)]]


class QuotaOut(Schema):
    employer: str
    uscc: str
    year: int
    staff: str
    required: str
    disabled_counted: str
    fund_before: str
    fund_due: str
    status: str
    explanation: list[str]


@router.get("/quota-reviews", response=list[QuotaOut], summary="按比例就业年审与应缴保障金（供税务部门征收）")
def list_quota_reviews(request, year: int, status: str = "", limit: int = 100, offset: int = 0):
    require(request.auth, "disability_aid.quota.review")
    reviews = queries.visible_quota_reviews(request.auth).filter(year=year).order_by("organization__uscc")
    if status:
        reviews = reviews.filter(status=status)
    return [{"employer": r.organization.name, "uscc": r.organization.uscc or "", "year": r.year, "staff": str(r.staff),
             "required": str(r.required), "disabled_counted": str(r.disabled_counted),
             "fund_before": str(r.fund_before), "fund_due": str(r.fund_due), "status": r.status,
             "explanation": r.explanation} for r in reviews[offset:offset + min(limit, 1000)]]


class InjuryOut(Schema):
    source: str
    record_id: str
    assessed_on: dt.date
    grade: int
    group: str
    cause: str
    pushed_on: dt.date
    case_number: str | None
    case_state: str | None


@router.get("/injury-pushes", response=list[InjuryOut], summary="推送的致残事故及其工单状态")
def list_injury_pushes(request, source: str = "", limit: int = 100, offset: int = 0):
    require(request.auth, "disability_aid.prevention.view")
    pushes = queries.visible_injuries(request.auth)
    if source:
        pushes = pushes.filter(source=source)
    return [{"source": p.source, "record_id": p.record_id, "assessed_on": p.assessed_on, "grade": p.grade,
             "group": p.group, "cause": p.cause, "pushed_on": p.pushed_on,
             "case_number": p.case.number if p.case_id else None, "case_state": p.case.state if p.case_id else None}
            for p in pushes[offset:offset + min(limit, 1000)]]
