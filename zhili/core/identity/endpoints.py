"""Identity endpoints: the client-credentials token grant and the current user."""

from django.http import HttpRequest
from ninja import Form, Router, Schema, Status

from . import services

router = Router(tags=["identity"])


class TokenOut(Schema):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    scope: str


class ErrorOut(Schema):
    detail: str
    errors: dict | None = None


class MeOut(Schema):
    id: int
    name: str
    phone: str
    id_number: str
    verified: bool
    roles: list[str]


@router.post("/token", auth=None, response={200: TokenOut, 400: ErrorOut}, summary="客户端凭证换取访问令牌")
def token(request: HttpRequest, grant_type: Form[str], client_id: Form[str], client_secret: Form[str],
          scope: Form[str] = ""):
    """OAuth 2.0 client-credentials grant (RFC 6749 §4.4)."""
    if grant_type != "client_credentials":
        return Status(400, {"detail": "grant_type 仅支持 client_credentials"})
    access, raw = services.issue_token(client_id, client_secret, scopes=scope.split() or None)
    lifetime = int((access.expires_at - access.created_at).total_seconds())
    return Status(200, {"access_token": raw, "expires_in": lifetime, "scope": " ".join(access.scopes)})


@router.post("/revoke", response={204: None, 403: ErrorOut}, summary="吊销当前访问令牌")
def revoke(request: HttpRequest):
    """The bearer token presenting itself is revoked at once (RFC 7009 in spirit: the owner ends its own token)."""
    from .models import AccessToken

    access = request.auth
    if not isinstance(access, AccessToken):
        return Status(403, {"detail": "此接口仅供访问令牌使用"})
    services.revoke_token(access, actor=access.client)
    return Status(204, None)


@router.get("/me", response={200: MeOut, 403: ErrorOut}, summary="当前登录用户")
def me(request: HttpRequest):
    from .permissions import roles_of

    user = request.auth
    if not hasattr(user, "memberships"):
        return Status(403, {"detail": "此接口仅供登录用户使用"})
    return Status(200, {"id": user.pk, "name": user.name, "phone": user.masked_phone, "id_number": user.masked_id_number,
                 "verified": user.is_verified, "roles": sorted(roles_of(user))})
