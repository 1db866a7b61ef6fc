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
