"""JSON API for labor contracts: the lists a person may see, one contract, and sending."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from zhili.core.identity.api import BearerToken, can, has_scope

from . import queries, services
from .models import LaborContract

router = Router(tags=["labor_contract"])


class ContractOut(Schema):
    number: str
    employer: str
    worker_name: str
    worker_id_number: str
    job_title: str
    term_type: str
    start_date: dt.date
    end_date: dt.date | None
    monthly_wage: Decimal | None
    status: str

    @staticmethod
    def resolve_employer(obj):
        return obj.employer.name

    @staticmethod
    def resolve_worker_id_number(obj):
        return obj.masked_id_number


class SendIn(Schema):
    numbers: list[str]


def _user(request):
    user = request.auth
    if not hasattr(user, "memberships"):
        raise Http404
    return user


@router.get("/contracts", response=list[ContractOut], summary="本单位（用人单位）或本辖区（部门）的劳动合同")
def list_contracts(request, status: str = "", limit: int = 100, offset: int = 0):
    user = _user(request)
    queryset = queries.employer_contracts(user) if queries.employers_of(user) else queries.region_contracts(user)
    queryset = queries.filter_contracts(queryset, status=status).order_by("-id")
    return list(queryset[offset:offset + min(limit, 500)])


@router.get("/mine", response=list[ContractOut], summary="我的合同（劳动者）")
def my_contracts(request):
    return list(queries.worker_contracts(_user(request)).order_by("-start_date"))


@router.get("/contracts/{number}", response=ContractOut, summary="一份劳动合同")
def get_contract(request, number: str):
    contract = LaborContract.objects.select_related("employer").filter(number=number).first()
    user = _user(request)
    if contract is None or not can(user, "labor_contract.contract.view", contract):
        raise Http404
    services.record_contract_read(contract, actor=user, what="api")
    return contract


@router.post("/send", response=list[ContractOut], summary="一键发约：发送草稿合同的签署短信")
def send(request, payload: SendIn):
    user = _user(request)
    contracts = LaborContract.objects.select_related("employer").filter(number__in=payload.numbers)
    return services.send_contracts(list(contracts), actor=user)


FILING_SCOPE = "labor_contract.filing.read"
FILING_PAGE_MAX = 500


class FilingOut(Schema):
    id: int
    filed_at: str
    standard: str
    basic: dict
    terms: dict
    signing: dict


class FilingPage(Schema):
    filings: list[FilingOut]
    next_cursor: int
    has_more: bool


@router.get("/filings", response=FilingPage, auth=BearerToken(),
            summary="劳动用工备案：按游标拉取新增备案（人社部门系统，范围 labor_contract.filing.read）")
def pull_filings(request, cursor: int = 0, limit: int = 100):
    """Filings with an id above ``cursor``, oldest first; pass ``next_cursor`` back to continue.

    Restricted to the calling system's region (its organisation's region and below). Full ID numbers are
    returned; every contract read this way is written to the worker's access log.
    """
    from .models import FilingRecord

    if not has_scope(request, FILING_SCOPE):
        raise HttpError(403, "令牌缺少范围 labor_contract.filing.read")
    if cursor < 0 or not 1 <= limit <= FILING_PAGE_MAX:
        raise HttpError(422, "cursor 须不小于 0；limit 须在 1 到 500 之间")
    client = request.auth.client
    records = FilingRecord.objects.select_related("contract").filter(pk__gt=cursor).order_by("pk")
    region = client.organization.region if client.organization_id else None
    if region is not None:
        records = records.filter(region__path__startswith=region.path)
    page = list(records[:limit + 1])
    has_more, page = len(page) > limit, page[:limit]
    actor = f"client:{client.client_id}"
    for record in page:
        services.record_contract_read(record.contract, actor=actor, what="filing_api")
    return {"filings": [services.filing_dict(r, reveal_id=True) for r in page],
            "next_cursor": page[-1].pk if page else cursor, "has_more": has_more}
