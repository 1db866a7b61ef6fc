"""The worker's consent: grant one party access to one document for one matter, and revoke it."""

import datetime as dt
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation import audit, events

from ..models import Grant, Matter
from ..registry import get_document_type


def _ledger_digest(grant: Grant, action: str) -> str:
    text = json.dumps({
        "action": action, "grant": grant.pk, "worker": grant.worker_id, "party": grant.party_id,
        "matter": grant.matter.code, "document": f"{grant.document_type}:{grant.object_id}",
        "fields": grant.fields, "include_pdf": grant.include_pdf, "expires_at": grant.expires_at.isoformat(),
        "revoked_at": grant.revoked_at.isoformat() if grant.revoked_at else None,
    }, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _append_ledger(grant: Grant, action: str, actor) -> None:
    from zhili.core.ledger import api as ledger

    ledger.append(kind=f"sharing.grant.{action}", subject=grant, digest=_ledger_digest(grant, action), actor=actor)


@transaction.atomic
def grant_access(*, document_type: str, object_id, party, matter: Matter, fields: list[str] | None = None,
                 include_pdf: bool = False, expires_at: dt.datetime, actor) -> Grant:
    """Let ``party`` read ``fields`` of the actor's own document for ``matter`` until ``expires_at`` (授权).

    With no fields named, the matter's minimum set is granted. Only the document's owner may grant.
    """
    declared = get_document_type(document_type)
    document = declared.get(object_id) if declared else None
    if document is None or actor is None or getattr(actor, "pk", None) is None:
        raise PermissionDenied("无权授权此文档")
    owner = declared.owner(document)
    if owner is None or owner.pk != actor.pk:
        raise PermissionDenied("只有文档本人可以授权")
    errors = {}
    if not matter.is_active:
        errors["matter"] = "事项已停用，不能授权"
    elif matter.document_type != document_type:
        errors["matter"] = "事项不接受此类文档"
    chosen = list(fields) if fields else list(matter.fields)
    unknown = [code for code in chosen if code not in declared.field_codes]
    if not chosen:
        errors["fields"] = "请至少选择一个字段"
    elif unknown:
        errors["fields"] = "字段不存在：{codes}".format(codes="、".join(unknown))
    if expires_at <= timezone.now():
        errors["expires_at"] = "有效期须晚于当前时间"
    if party is None:
        errors["party"] = "请选择被授权方"
    if include_pdf and declared.pdf is None:
        errors["include_pdf"] = "此类文档不提供原件 PDF"
    if errors:
        raise ValidationError(errors)
    ordered = [code for code in declared.field_codes if code in set(chosen)]
    grant = Grant.objects.create(
        worker=actor, party=party, matter=matter, document_type=document_type, object_id=str(document.pk),
        document_label=str(declared.describe(document))[:255], fields=ordered, include_pdf=include_pdf,
        expires_at=expires_at,
    )
    audit.record("sharing.grant.created", actor=actor, target=grant,
                 data={"party": party.pk, "matter": matter.code, "fields": ordered, "include_pdf": include_pdf,
                       "expires_at": expires_at})
    _append_ledger(grant, "created", actor)
    events.publish("sharing.grant.created", grant_id=grant.pk, party_id=party.pk)
    return grant


@transaction.atomic
def revoke_grant(grant: Grant, *, actor) -> Grant:
    """Withdraw consent at once: the party's next request is refused (撤销授权)."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if actor is None or getattr(actor, "pk", None) != grant.worker_id:
        raise PermissionDenied("只有授权人本人可以撤销授权")
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at", "updated_at"])
    audit.record("sharing.grant.revoked", actor=actor, target=grant)
    _append_ledger(grant, "revoked", actor)
    events.publish("sharing.grant.revoked", grant_id=grant.pk, party_id=grant.party_id)
    return grant
