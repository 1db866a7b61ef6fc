"""JSON API of core.sharing at /api/v1/sharing/.

Parties (departments, banks) call with a client-credentials bearer token:
- ``GET documents/{type}/{id}`` (scope ``sharing.read``): exactly the granted fields;
- ``GET documents/{type}/{id}/pdf`` (scope ``sharing.read``): the original, if the grant includes it;
- ``POST verify`` (scope ``sharing.verify``): is this PDF (or SHA-256) the genuine, current document?

Every refusal of a document read is **403 with the same body** (``{"detail": "无权访问或文档不存在"}``) whether
the document is missing, ungranted, the grant expired or was revoked, or the token lacks the scope: the caller
learns nothing, not even whether the document exists. Officers read on a legal basis and workers manage their
grants with the browser session.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from zhili.core.identity.api_auth import BearerToken, SessionAuth, has_scope

from . import queries, services
from .models import Grant, Matter
from .services.access import NOT_SHARED_MESSAGE

router = Router(tags=["sharing"])
bearer = BearerToken()
session = SessionAuth()

MAX_PDF_BYTES = 20 * 1024 * 1024
GRANT_NOT_FOUND = "无权操作或授权不存在"


class RefusedOut(Schema):
    detail: str


class ErrorOut(Schema):
    detail: str
    errors: dict


class DocumentOut(Schema):
    document_type: str
    document_id: str
    fields: dict
    labels: dict


class VerifyOut(Schema):
    sha256: str
    registered: bool
    genuine: bool
    current: bool
    signatures_valid: bool | None
    document_type: str | None = None
    verdict: str
    verdict_label: str


class LegalReadIn(Schema):
    reason: str = ""


class GrantIn(Schema):
    document_type: str
    document_id: str
    party_id: int
    matter: str
    fields: list[str] = []
    include_pdf: bool = False
    expires_at: dt.datetime


class GrantOut(Schema):
    id: int
    party: str
    matter: str
    document_type: str
    document_id: str
    document_label: str
    fields: list[str]
    include_pdf: bool
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    state: str


class AccessOut(Schema):
    at: dt.datetime
    accessor: str
    basis: str
    basis_label: str
    grant_id: int | None
    matter: str | None
    reason: str
    document_type: str
    document_id: str
    fields: list[str]
    included_pdf: bool


class MatterOut(Schema):
    code: str
    name: str
    department_name: str
    legal_basis: str
    document_type: str
    fields: list[str]


def _refused():
    return Status(403, {"detail": NOT_SHARED_MESSAGE})


def _errors(exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(400, {"detail": "输入有误", "errors": detail})


@router.get("/documents/{document_type}/{document_id}", auth=bearer, response={200: DocumentOut, 403: RefusedOut},
            summary="按授权读取文档字段")
def read_document(request, document_type: str, document_id: str, matter: str | None = None):
    """Return exactly the fields the caller's organisation holds a valid grant for."""
    if not has_scope(request, "sharing.read"):
        return _refused()
    try:
        shared = services.read_document(document_type, document_id, actor=request.api_client, matter_code=matter)
    except services.NotShared:
        return _refused()
    return Status(200, {"document_type": shared.document_type, "document_id": shared.document_id,
                        "fields": shared.fields, "labels": shared.labels})


@router.get("/documents/{document_type}/{document_id}/pdf", auth=bearer, response={200: None, 403: RefusedOut},
            summary="按授权下载原件 PDF")
def read_document_pdf(request, document_type: str, document_id: str, matter: str | None = None):
    if not has_scope(request, "sharing.read"):
        return _refused()
    try:
        pdf = services.read_document_pdf(document_type, document_id, actor=request.api_client, matter_code=matter)
    except services.NotShared:
        return _refused()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="document.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/verify", auth=bearer, response={200: VerifyOut, 400: ErrorOut, 403: RefusedOut},
             summary="核验持有的 PDF 是否为真实现行文档")
def verify(request, file: File[UploadedFile] = None, sha256: Form[str] = ""):
    """Upload the PDF (multipart ``file``) or send its ``sha256``; get genuine / current / signatures valid."""
    if not has_scope(request, "sharing.verify"):
        return _refused()
    if file is not None and file.size > MAX_PDF_BYTES:
        return Status(400, {"detail": "输入有误", "errors": {"file": ["PDF 不能超过 20 MB"]}})
    try:
        result = services.verify_document(pdf=file.read() if file is not None else None, sha256=sha256,
                                          actor=request.api_client)
    except ValidationError as exc:
        return _errors(exc)
    return Status(200, result)


@router.post("/legal/{document_type}/{document_id}", auth=session,
             response={200: DocumentOut, 400: ErrorOut, 403: RefusedOut}, summary="依法定职权查阅（须说明事由）")
def read_on_legal_basis(request, document_type: str, document_id: str, payload: LegalReadIn):
    try:
        shared = services.read_on_legal_basis(document_type, document_id, reason=payload.reason, actor=request.user)
    except ValidationError as exc:
        return _errors(exc)
    except services.NotShared:
        return _refused()
    return Status(200, {"document_type": shared.document_type, "document_id": shared.document_id,
                        "fields": shared.fields, "labels": shared.labels})


def _grant_out(grant: Grant) -> dict:
    return {"id": grant.pk, "party": grant.party.name, "matter": grant.matter.code,
            "document_type": grant.document_type, "document_id": grant.object_id,
            "document_label": grant.document_label, "fields": grant.fields, "include_pdf": grant.include_pdf,
            "expires_at": grant.expires_at, "revoked_at": grant.revoked_at, "state": grant.state.value}


@router.get("/grants", auth=session, response=list[GrantOut], summary="我的授权")
def my_grants(request):
    return [_grant_out(g) for g in queries.grants_of(request.user)]


@router.post("/grants", auth=session, response={201: GrantOut, 400: ErrorOut, 403: RefusedOut}, summary="新增授权")
def create_grant(request, payload: GrantIn):
    from django.core.exceptions import PermissionDenied

    from zhili.core.orgs.models import Organization

    matter = Matter.objects.filter(code=payload.matter).first()
    party = Organization.objects.filter(pk=payload.party_id).first()
    if matter is None:
        return Status(400, {"detail": "输入有误", "errors": {"matter": ["事项不存在"]}})
    try:
        grant = services.grant_access(
            document_type=payload.document_type, object_id=payload.document_id, party=party, matter=matter,
            fields=payload.fields, include_pdf=payload.include_pdf, expires_at=payload.expires_at,
            actor=request.user)
    except ValidationError as exc:
        return _errors(exc)
    except PermissionDenied:
        return Status(403, {"detail": NOT_SHARED_MESSAGE})
    return Status(201, _grant_out(grant))


@router.post("/grants/{grant_id}/revoke", auth=session, response={200: GrantOut, 403: RefusedOut},
             summary="撤销授权（立即生效）")
def revoke_grant(request, grant_id: int):
    grant = Grant.objects.filter(pk=grant_id, worker=request.user).select_related("party", "matter").first()
    if grant is None:
        return Status(403, {"detail": GRANT_NOT_FOUND})
    grant = services.revoke_grant(grant, actor=request.user)
    return Status(200, _grant_out(Grant.objects.select_related("party", "matter").get(pk=grant.pk)))


@router.get("/access-log", auth=session, response=list[AccessOut], summary="我的文档查阅记录")
def my_access_log(request):
    return [{"at": e.created_at, "accessor": e.accessor_label, "basis": e.basis, "basis_label": e.get_basis_display(),
             "grant_id": e.grant_id, "matter": e.grant.matter.code if e.grant_id else None, "reason": e.reason,
             "document_type": e.document_type, "document_id": e.object_id, "fields": e.fields,
             "included_pdf": e.included_pdf}
            for e in queries.access_log_of(request.user)[:500]]


@router.get("/matters", response=list[MatterOut], summary="共享事项目录")
def matters(request):
    return list(Matter.objects.filter(is_active=True).order_by("code").values(
        "code", "name", "department_name", "legal_basis", "document_type", "fields"))
