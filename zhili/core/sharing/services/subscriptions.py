"""Webhook subscriptions (推送订阅), written only here: created with a secret shown once, changed, approved.

A subscription with a legal basis skips the worker's grant and hears about every document of its events, so it
pushes nothing until an administrator other than the one who registered or last changed it approves it; a change
of its URL, events or legal basis withdraws the approval. Every write is audited; the secret never is.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit
from zhili.core.foundation.validators import set_allowed_fields
from zhili.core.identity.permissions import require_administrator

from ..models import WebhookSubscription

FIELDS = ("organization", "name", "url", "event_names", "legal_basis", "max_attempts", "is_active")
APPROVAL_FIELDS = {"url", "event_names", "legal_basis", "organization"}


def _summary(subscription: WebhookSubscription) -> dict:
    return {"organization": subscription.organization_id, "url": subscription.url,
            "events": subscription.event_names, "legal_basis": subscription.legal_basis,
            "is_active": subscription.is_active}


@transaction.atomic
def create_subscription(*, actor, **values) -> tuple[WebhookSubscription, str]:
    """Register a subscription and return it with its signing secret, to be shown once."""
    require_administrator(actor)
    secret = secrets.token_urlsafe(32)
    subscription = WebhookSubscription(secret=secret, created_by=actor)
    set_allowed_fields(subscription, values, FIELDS)
    subscription.full_clean()
    subscription.save()
    audit.record("sharing.subscription.created", actor=actor, target=subscription, data=_summary(subscription))
    return subscription, secret


@transaction.atomic
def change_subscription(subscription: WebhookSubscription, *, actor, **changes) -> WebhookSubscription:
    """Change a subscription; changing where or what a legal-basis one pushes withdraws its approval."""
    require_administrator(actor)
    set_allowed_fields(subscription, changes, FIELDS)
    if APPROVAL_FIELDS & set(changes):
        subscription.approved_by, subscription.approved_at = None, None
        subscription.created_by = actor  # the approver must be someone other than who made this version
    subscription.full_clean()
    subscription.save()
    audit.record("sharing.subscription.changed", actor=actor, target=subscription,
                 data={"fields": sorted(changes), **_summary(subscription)})
    return subscription


@transaction.atomic
def approve_subscription(subscription: WebhookSubscription, *, actor) -> WebhookSubscription:
    """The second administrator's approval of a legal-basis subscription (四眼原则)."""
    require_administrator(actor)
    if not subscription.legal_basis:
        raise ValidationError(_("该订阅没有法定依据，无需批准"), code="no_legal_basis")
    if subscription.created_by_id == actor.pk:
        raise PermissionDenied(_("有法定依据的订阅须由登记人以外的管理员批准"))
    subscription.approved_by, subscription.approved_at = actor, timezone.now()
    subscription.save(update_fields=["approved_by", "approved_at", "updated_at"])
    audit.record("sharing.subscription.approved", actor=actor, target=subscription, data=_summary(subscription))
    return subscription


@transaction.atomic
def rotate_subscription_secret(subscription: WebhookSubscription, *, actor) -> str:
    """A new signing secret, returned to be shown once; the old one stops signing at once."""
    require_administrator(actor)
    secret = secrets.token_urlsafe(32)
    subscription.secret = secret
    subscription.save(update_fields=["secret", "updated_at"])
    audit.record("sharing.subscription.secret_rotated", actor=actor, target=subscription)
    return secret
