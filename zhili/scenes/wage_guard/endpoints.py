"""The 安薪在线 scene's JSON API under /api/v1/wage_guard/ (in the OpenAPI document), with the pages' checks."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services

router = Router(tags=["安薪在线"])


class ProjectOut(Schema):
    id: int
    name: str
    permit_number: str
    region_code: str
    builder: str
    general_contractor: str
    contract_sum: Decimal
    status: str
    start_date: dt.date


class LineOut(Schema):
    id: int
    project: str
    month: str
    days: Decimal
    gross: Decimal
    deductions: Decimal
    net: Decimal
    status: str
    confirm_by: dt.date | None
    paid_amount: Decimal


class DisputeIn(Schema):
    reason: str
    claimed_net: Decimal | None = None


def _project(p) -> dict:
    return {"id": p.pk, "name": p.name, "permit_number": p.permit_number, "region_code": p.region.code,
            "builder": p.builder.name, "general_contractor": p.general_contractor.name,
            "contract_sum": p.contract_sum, "status": p.status, "start_date": p.start_date}


def _line(line) -> dict:
    return {"id": line.pk, "project": line.sheet.project.name, "month": line.sheet.month.strftime("%Y-%m"),
            "days": line.days, "gross": line.gross, "deductions": line.deductions, "net": line.net,
            "status": line.status, "confirm_by": line.sheet.confirm_by, "paid_amount": line.paid_amount}


@router.get("/projects", response=list[ProjectOut], summary="我可见的在建项目")
def list_projects(request, status: str = "", offset: int = 0, limit: int = 100):
    require(request.user, "wage_guard.project.view")
    projects = queries.visible_projects(request.user).order_by("-start_date", "-id")
    if status:
        projects = projects.filter(status=status)
    limit = max(1, min(limit, 500))
    return [_project(p) for p in projects[max(offset, 0):max(offset, 0) + limit]]


@router.get("/projects/{project_id}", response=ProjectOut, summary="一个在建项目")
def get_project(request, project_id: int):
    return _project(queries.project_for(request.user, project_id))


class FindingOut(Schema):
    id: int
    project_id: int
    kind: str
    period: str
    uscc: str
    amount: Decimal
    workers: int
    found_on: dt.date
    cleared_on: dt.date | None
    case_number: str | None


@router.get("/findings", response=list[FindingOut], summary="欠薪风险发现")
def list_findings(request, kind: str = "", open: bool = True, offset: int = 0, limit: int = 100):
    require(request.user, "wage_guard.project.view")
    findings = queries.visible_findings(request.user, kind=kind, open=open)
    limit = max(1, min(limit, 500))
    return [{"id": f.pk, "project_id": f.project_id, "kind": f.kind, "period": f.period, "uscc": f.uscc,
             "amount": f.amount, "workers": f.workers, "found_on": f.found_on, "cleared_on": f.cleared_on,
             "case_number": f.case.number if f.case else None}
            for f in findings[max(offset, 0):max(offset, 0) + limit]]


@router.get("/my/lines", response=list[LineOut], summary="我的工资明细")
def my_lines(request):
    return [_line(line) for line in queries.my_lines(request.user)[:60]]


@router.post("/my/lines/{line_id}/confirm", response=LineOut, summary="确认本月工资")
def confirm_line(request, line_id: int):
    line = services.confirm_wage_line(queries.my_line(request.user, line_id), actor=request.user)
    return _line(line)


@router.post("/my/lines/{line_id}/dispute", response=LineOut, summary="对本月工资提出异议")
def dispute_line(request, line_id: int, payload: DisputeIn):
    line = services.dispute_wage_line(queries.my_line(request.user, line_id), reason=payload.reason,
                                      claimed_net=payload.claimed_net, actor=request.user)
    return _line(line)
