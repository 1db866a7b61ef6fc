"""The 云调解室 scene's JSON API under /api/v1/mediation/ (in the OpenAPI document), with the pages' checks:
a mediation the caller may not see is "not found", a room session they may not enter is refused (403)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema

from zhili.core.identity.api import can
from zhili.core.orgs.api import region_by_code

from . import queries, services
from .choices import Channel, Side
from .permissions import may_enter

router = Router(tags=["云调解室"])


class ClaimOut(Schema):
    id: int
    kind: str
    amount: Decimal
    agreed_amount: Decimal | None
    due_on: date | None
    paid_on: date | None


class MediationOut(Schema):
    id: int
    number: str
    status: str
    channel: str
    applicant_side: str
    dispute_type: str
    employer_name: str
    employer_uscc: str
    region_code: str
    received_on: date
    deadline_on: date
    mediator: str | None
    closed_at: datetime | None
    claims: list[ClaimOut]


class ClaimIn(Schema):
    kind: str
    amount: Decimal


class ApplicationIn(Schema):
    region_code: str
    applicant_side: str = Side.WORKER
    worker_name: str
    worker_phone: str
    employer_name: str
    employer_uscc: str
    employer_phone: str
    dispute_type: str
    facts: str
    claims: list[ClaimIn]


class MessageIn(Schema):
    text: str


class MessageOut(Schema):
    seq: int


def _out(m) -> dict:
    return {"id": m.pk, "number": m.number, "status": m.status, "channel": m.channel,
            "applicant_side": m.applicant_side, "dispute_type": m.dispute_type, "employer_name": m.employer_name,
            "employer_uscc": m.employer_uscc, "region_code": m.region.code, "received_on": m.received_on,
            "deadline_on": m.deadline_on, "mediator": getattr(m.mediator, "name", None), "closed_at": m.closed_at,
            "claims": [{"id": c.pk, "kind": c.kind, "amount": c.amount, "agreed_amount": c.agreed_amount,
                        "due_on": c.due_on, "paid_on": c.paid_on} for c in m.claims.all()]}


@router.get("/mediations", response=list[MediationOut], summary="我可见的调解案件")
def list_mediations(request, status: str = "", dispute_type: str = "", q: str = ""):
    rows = queries.filtered(queries.visible_mediations(request.user), status=status, dispute_type=dispute_type, q=q)
    return [_out(m) for m in rows.prefetch_related("claims")[:200]]


@router.get("/mediations/{mediation_id}", response=MediationOut, summary="一件调解案件")
def get_mediation(request, mediation_id: int):
    return _out(queries.mediation_for(request.user, mediation_id))


@router.post("/mediations", response={201: MediationOut}, summary="申请调解")
def apply(request, payload: ApplicationIn):
    region = region_by_code(payload.region_code)
    if region is None:
        raise ValidationError({"region_code": ["未知的区划代码"]})
    if not can(request.user, "mediation.apply"):
        raise PermissionDenied("无权申请调解")
    from zhili.core.identity.api import Role, has_role

    from .roles import ADMIN

    if has_role(request.user, Role.MEDIATOR, ADMIN):
        channel = Channel.WALK_IN
    elif payload.applicant_side == Side.EMPLOYER:
        channel = Channel.EMPLOYER
    else:
        channel = Channel.WORKER
    m = services.apply_for_mediation(
        channel=channel, applicant_side=payload.applicant_side, region=region, worker_name=payload.worker_name,
        worker_phone=payload.worker_phone, employer_name=payload.employer_name, employer_uscc=payload.employer_uscc,
        employer_phone=payload.employer_phone, dispute_type=payload.dispute_type, facts=payload.facts,
        claims=[{"kind": c.kind, "amount": c.amount} for c in payload.claims], actor=request.user)
    return 201, _out(m)


@router.get("/mediations/{mediation_id}/room/{session}/messages", summary="调解室消息（长轮询，?after=N&wait=秒）")
def room_messages(request, mediation_id: int, session: str):
    from zhili.core.live import api as live

    m = queries.mediation_for(request.user, mediation_id)
    if not may_enter(request.user, m, session):
        raise PermissionDenied("不能进入该调解会话")
    channel = live.channel_by_key(services.room.channel_key(m, session)) or services.room_channel(
        m, session, actor=request.user)
    return live.poll_response(request, channel)


@router.post("/mediations/{mediation_id}/room/{session}/messages", response={201: MessageOut}, summary="在调解室发言")
def post_message(request, mediation_id: int, session: str, payload: MessageIn):
    m = queries.mediation_for(request.user, mediation_id)
    message = services.post_room_message(m, session=session, text=payload.text, actor=request.user)
    return 201, {"seq": message.seq}


@router.get("/cockpit", summary="驾驶舱数据（案件、成功率、类型、金额、时长、调解员、区划）")
def cockpit(request):
    if not can(request.user, "mediation.cockpit.view"):
        raise PermissionDenied("无权查看驾驶舱")
    return queries.overview(queries.visible_mediations(request.user))
