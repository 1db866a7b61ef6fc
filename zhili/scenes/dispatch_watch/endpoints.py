"""JSON API of the 劳务派遣监管 scene under ``/api/v1/dispatch_watch/``, with the pages' permission checks.

Agencies' systems submit dispatched workers and annual reports; department systems read agencies, reports
and host warnings in their scope. What the caller may not see answers 404.
"""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services

router = Router(tags=["劳务派遣监管"])


class AgencyOut(Schema):
    id: int
    name: str
    uscc: str
    region_code: str
    licence_no: str
    licence_issued_on: dt.date
    licence_expires_on: dt.date
    licence_status: str
    registered_capital: Decimal
    credit_grade: str
    credit_year: int | None = None

    @staticmethod
    def resolve_region_code(obj):
        return obj.region.code


class WorkerIn(Schema):
    name: str
    id_number: str
    host_uscc: str
    host_name: str = ""
    post: str
    post_nature: str
    work_region_code: str
    dispatch_start: dt.date
    dispatch_end: dt.date
    contract_start: dt.date
    contract_end: dt.date
    monthly_wage: Decimal
    insurance_region_code: str
    insurance_status: str


class WorkerOut(Schema):
    id: int
    masked_name: str
    host_uscc: str
    post: str
    post_nature: str
    dispatch_start: dt.date
    dispatch_end: dt.date
    insurance_status: str

    @staticmethod
    def resolve_host_uscc(obj):
        return obj.host.uscc


class ReportIn(Schema):
    year: int
    revenue: Decimal
    audit_attached: bool = False
    dispatched_total: int
    temporary_count: int
    auxiliary_count: int
    substitute_count: int
    contracts_signed: int
    union_members: int
    wages_paid: Decimal
    insured_count: int
    insurance_paid: Decimal
    hosts_count: int
    agreements_count: int
    branches_count: int


class ReportOut(Schema):
    id: int
    agency_id: int
    year: int
    status: str
    submitted_on: dt.date
    findings: list[dict]
    suggested: str
    verdict: str
    reasons: str
    case_id: int | None = None
    published: bool


class VerifyIn(Schema):
    verdict: str
    reasons: str = ""


class WarningOut(Schema):
    host_uscc: str
    host_name: str
    period: str
    level: str
    score: Decimal
    fired: list[dict]
    status: str
    case_id: int | None = None

    @staticmethod
    def resolve_host_uscc(obj):
        return obj.host.uscc

    @staticmethod
    def resolve_host_name(obj):
        return obj.host.name


class CreditOut(Schema):
    year: int
    score: Decimal
    grade: str
    capped: bool
    items: list[dict]


class ChangeIn(Schema):
    explanation: str
    new_name: str = ""
    new_legal_representative: str = ""
    new_premises: str = ""
    new_capital: Decimal | None = None


class ChangeOut(Schema):
    id: int
    status: str
    new_name: str
    new_legal_representative: str
    new_premises: str
    new_capital: Decimal | None = None
    explanation: str
    decision_reason: str


def _limit(limit: int) -> int:
    return max(1, min(limit, 1000))


@router.get("/agencies", response=list[AgencyOut], summary="派遣单位（本辖区或本单位）")
def list_agencies(request, q: str = "", status: str = "", grade: str = "", limit: int = 200, offset: int = 0):
    require(request.auth, "dispatch_watch.agency.view")
    return list(queries.agency_list(request.auth, q=q, status=status, grade=grade)[offset:offset + _limit(limit)])


@router.get("/agencies/{agency_id}", response=AgencyOut, summary="一家派遣单位")
def get_agency(request, agency_id: int):
    return queries.agency_for(request.auth, agency_id)


@router.post("/agencies/{agency_id}/workers", response={201: WorkerOut}, summary="报送一名被派遣劳动者")
def post_worker(request, agency_id: int, payload: WorkerIn):
    agency = queries.agency_for(request.auth, agency_id)
    return 201, services.record_worker(agency, payload.dict(), actor=request.auth)


@router.get("/agencies/{agency_id}/workers", response=list[WorkerOut], summary="派遣名册（姓名遮蔽）")
def list_workers(request, agency_id: int, limit: int = 200, offset: int = 0):
    agency = queries.agency_for(request.auth, agency_id)
    return list(queries.workers_of(agency)[offset:offset + _limit(limit)])


@router.post("/agencies/{agency_id}/reports", response={201: ReportOut}, summary="提交年度经营情况报告")
def post_report(request, agency_id: int, payload: ReportIn):
    agency = queries.agency_for(request.auth, agency_id)
    data = payload.dict()
    return 201, services.submit_report(agency, year=data.pop("year"), data=data, actor=request.auth)


@router.get("/agencies/{agency_id}/credit", response=list[CreditOut], summary="信用等级及加减分依据（各年度）")
def list_credit(request, agency_id: int):
    return list(queries.agency_for(request.auth, agency_id).ratings.order_by("-year"))


@router.post("/agencies/{agency_id}/changes", response={201: ChangeOut}, summary="申请许可变更（名称、法定代表人、住所、注册资本）")
def post_change(request, agency_id: int, payload: ChangeIn):
    agency = queries.agency_for(request.auth, agency_id)
    return 201, services.request_licence_change(agency, actor=request.auth, **payload.dict())


@router.get("/reports", response=list[ReportOut], summary="年度报告及核验结论")
def list_reports(request, year: str = "", verdict: str = "", limit: int = 200, offset: int = 0):
    require(request.auth, "dispatch_watch.agency.view")
    return list(queries.report_list(request.auth, year=year if year.isdigit() else "", verdict=verdict)
                [offset:offset + _limit(limit)])


@router.post("/reports/{report_id}/verify", response=ReportOut, summary="核验年度报告（合格/不合格/无业务）")
def verify(request, report_id: int, payload: VerifyIn):
    report = queries.report_for(request.auth, report_id)
    return services.verify_report(report, verdict=payload.verdict, reasons=payload.reasons, actor=request.auth)


@router.get("/warnings", response=list[WarningOut], summary="用工单位派遣预警")
def list_warnings(request, level: str = "", limit: int = 200, offset: int = 0):
    require(request.auth, "dispatch_watch.host.view")
    return list(queries.visible_warnings(request.auth, level=level)[offset:offset + _limit(limit)])
