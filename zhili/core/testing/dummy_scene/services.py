from django.db import transaction

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require

from .models import DummyDocument


@transaction.atomic
def publish_document(document: DummyDocument, *, actor) -> DummyDocument:
    """Publish a draft document."""
    require(actor, "dummy.document.publish", document)
    document.state = "published"
    document.save(update_fields=["state", "updated_at"])
    audit.record("dummy.document.published", actor=actor, target=document)
    events.publish("dummy.document.published", document_id=document.pk)
    return document
