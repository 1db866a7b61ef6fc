"""An organisation's grant (企业授权) to another organisation over a named scope of its data, and the reads under it.

A person's grant (``grants.py``) opens one document its owner holds; an organisation's data (an enterprise's
carbon-efficiency figures, its credit profile …) belongs to no person, so the consent is the organisation's, given
by one of its administrators (core's ``employer_admin`` role in that organisation, the legal representative's
delegate on the platform). The scene declares what a scope holds (``DataScope`` in its ``sharing.py``); core.sharing
keeps the consent text as shown, the expiry and revocation, and logs every read before any figure leaves.

A refused read raises ``NotShared`` whatever the reason (no grant, revoked, expired, another subject, a reader not of
the grantee), so a reader cannot tell a missing grant from data that does not exist. Nothing is logged for it.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import organizations_of

from ..models import OrgAccessLogEntry, OrgGrant
from ..registry import get_data_scope
from .access import MIN_REASON_LENGTH, NotShared

GRANTOR_ROLES = (Role.EMPLOYER_ADMIN,)


@dataclass(frozen=True)
class SharedData:
    """What a reader receives under an organisation's grant: exactly the scope's fields, and the grant read under."""

    scope: str
    grantor_id: int
    subject: str
    fields: dict
    labels: dict
    grant_id: int


def _scope(code: str):
    scope = get_data_scope(code)
    if scope is None:
        raise ValidationError({"scope": f"数据范围未登记：{code}"})
    return scope


def consent_text(scope: str, *, grantor, grantee, subject: str) -> str:
    """The text the grantor's administrator is shown before granting (and that the grant keeps word for word)."""
    declared = _scope(scope)
    fields = "、".join(f.label for f in declared.fields)
    return (f"{declared.consent(grantor, grantee, subject)}\n授权范围：{declared.name}（{subject}）：{fields}。"
            f"查阅方每次查阅均留痕，本单位可随时查看查阅记录并撤销授权；撤销或到期后查阅方不能再读取。")


def _ledger_digest(grant: OrgGrant, action: str) -> str:
    text = json.dumps({
        "action": action, "grant": grant.pk, "grantor": grant.grantor_id, "grantee": grant.grantee_id,
        "scope": grant.scope, "subject": grant.subject, "purpose": grant.purpose,
        "consent_sha256": hashlib.sha256(grant.consent_text.encode()).hexdigest(),
        "expires_at": grant.expires_at.isoformat(),
        "revoked_at": grant.revoked_at.isoformat() if grant.revoked_at else None,
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _append_ledger(grant: OrgGrant, action: str, actor) -> None:
    from zhili.core.ledger import api as ledger

    ledger.append(kind=f"sharing.org_grant.{action}", subject=grant, digest=_ledger_digest(grant, action), actor=actor)


def _administers(actor, organization) -> bool:
    return organization is not None and organization.pk in organizations_of(actor, *GRANTOR_ROLES)


@transaction.atomic
def grant_org_access(*, scope: str, grantor, grantee, subject: str, purpose: str, days: int, actor) -> OrgGrant:
    """Let ``grantee`` read ``scope`` of ``grantor``'s data for ``subject`` during ``days`` days (企业授权).

    Only an administrator of the grantor may grant; the consent text stored is the one ``consent_text`` shows.
    """
    if actor is None or getattr(actor, "pk", None) is None or not _administers(actor, grantor):
        raise PermissionDenied("只有本单位管理员可以代表单位授权")
    declared = _scope(scope)
    errors = {}
    try:
        subject = declared.check_subject(grantor, str(subject or "").strip())
    except ValueError as exc:
        errors["subject"] = str(exc)
    purpose = (purpose or "").strip()
    if len(purpose) < MIN_REASON_LENGTH:
        errors["purpose"] = f"请写明用途，不少于 {MIN_REASON_LENGTH} 个字"
    if grantee is None or getattr(grantee, "pk", None) is None:
        errors["grantee"] = "请选择被授权单位"
    elif grantee.pk == grantor.pk:
        errors["grantee"] = "不能授权给本单位自己"
    if not isinstance(days, int) or not 1 <= days <= declared.max_days:
        errors["days"] = f"有效期须为 1–{declared.max_days} 天"
    if errors:
        raise ValidationError(errors)
    grant = OrgGrant.objects.create(
        grantor=grantor, grantee=grantee, scope=scope, subject=subject[:100], purpose=purpose[:200],
        consent_text=consent_text(scope, grantor=grantor, grantee=grantee, subject=subject), granted_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record("sharing.org_grant.created", actor=actor, target=grant,
                 data={"grantor": grantor.pk, "grantee": grantee.pk, "scope": scope, "subject": grant.subject,
                       "purpose": grant.purpose, "expires_at": grant.expires_at})
    _append_ledger(grant, "created", actor)
    events.publish("sharing.org_grant.created", grant_id=grant.pk, grantor_id=grantor.pk, grantee_id=grantee.pk)
    return grant


@transaction.atomic
def revoke_org_grant(grant: OrgGrant, *, actor) -> OrgGrant:
    """Withdraw the organisation's consent at once (any administrator of the grantor): the next read is refused."""
    grant = OrgGrant.objects.select_for_update().select_related("grantor").get(pk=grant.pk)
    if actor is None or getattr(actor, "pk", None) is None or not _administers(actor, grant.grantor):
        raise PermissionDenied("只有授权单位的管理员可以撤销授权")
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at, grant.revoked_by = timezone.now(), actor
    grant.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit.record("sharing.org_grant.revoked", actor=actor, target=grant)
    _append_ledger(grant, "revoked", actor)
    events.publish("sharing.org_grant.revoked", grant_id=grant.pk, grantor_id=grant.grantor_id,
                   grantee_id=grant.grantee_id)
    return grant


def _reader_organization(actor) -> tuple[int | None, bool]:
    """The organisation the reader acts for (an API client's own, or a user's memberships checked later)."""
    if actor is not None and hasattr(actor, "client_id") and hasattr(actor, "organization_id"):
        return actor.organization_id, True
    return None, False


def valid_org_grant(*, scope: str, grantor, grantee, subject: str, now=None) -> OrgGrant | None:
    """The oldest grant that opens ``scope``/``subject`` of ``grantor`` to ``grantee`` now, or None (reads nothing)."""
    return (OrgGrant.objects.valid(now).filter(scope=scope, grantor=grantor, grantee=grantee, subject=str(subject))
            .order_by("pk").first())


def read_org_data(*, scope: str, grantor, grantee, subject: str, reason: str, actor) -> SharedData:
    """Read ``scope``/``subject`` of ``grantor`` for ``grantee`` under a valid grant; log the read first.

    ``actor`` is a user holding an active membership of ``grantee`` or an API client of ``grantee``. The reason
    is checked first, so that a missing one tells nothing about the grant either.
    """
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": f"请填写查阅事由，不少于 {MIN_REASON_LENGTH} 个字"})
    declared = get_data_scope(scope)
    if declared is None or grantor is None or grantee is None:
        raise NotShared
    client_org, is_client = _reader_organization(actor)
    if is_client:
        if client_org != grantee.pk:
            raise NotShared
    elif actor is None or grantee.pk not in organizations_of(actor):
        raise NotShared
    grant = valid_org_grant(scope=scope, grantor=grantor, grantee=grantee, subject=subject)
    if grant is None:
        raise NotShared
    values = declared.read(grantor, grant.subject)
    if values is None:
        raise NotShared
    codes = list(declared.field_codes)
    with transaction.atomic():
        OrgAccessLogEntry.objects.create(grant=grant, grantor=grantor, organization=grantee, reason=reason[:500],
                                         fields=codes, reader=None if is_client else actor,
                                         client=actor if is_client else None)
        audit.record("sharing.org_data.read", actor=f"client:{actor.client_id}" if is_client else actor,
                     target=grant, data={"scope": scope, "subject": grant.subject, "grantor": grantor.pk,
                                         "reason": reason[:500], "fields": codes})
    return SharedData(scope=scope, grantor_id=grantor.pk, subject=grant.subject,
                      fields={code: values.get(code) for code in codes},
                      labels={code: declared.label_of(code) for code in codes}, grant_id=grant.pk)


def org_grants_of(organization):
    """The grants an organisation has given, newest first (for its administrators' page)."""
    return OrgGrant.objects.filter(grantor=organization).select_related("grantee", "granted_by")


def org_access_log_of(organization):
    """Every read of an organisation's data under its grants, newest first."""
    return (OrgAccessLogEntry.objects.filter(grantor=organization)
            .select_related("grant", "organization", "reader").order_by("-created_at", "-id"))
