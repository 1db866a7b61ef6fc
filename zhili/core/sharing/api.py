"""What scenes and other core packages may use from core.sharing (共享互认).

Declaring: ``DocumentType``, ``SharedField``, ``DocumentStatus``; ``document_types``, ``get_document_type``.
Services: ``grant_access``, ``revoke_grant`` (the person's grants), ``read_document``, ``read_document_pdf``,
    ``read_on_legal_basis`` (a party's reads, logged), ``verify_document``, ``replay_delivery``, ``sign_body``;
    ``NotShared``. Models for reads: ``Matter``, ``AccessLogEntry`` (who read what, shown to the person).

A scene offers documents by declaring ``DOCUMENT_TYPES = [DocumentType(...)]`` in its ``sharing.py``
(see ``zhili/core/testing/dummy_scene/sharing.py``) and publishing its state events (named in ``events``).
"""

from .declarations import DocumentStatus, DocumentType, SharedField
from .models import AccessLogEntry, Matter
from .registry import document_types, get_document_type
from .services import (
    NotShared,
    grant_access,
    read_document,
    read_document_pdf,
    read_on_legal_basis,
    replay_delivery,
    revoke_grant,
    sign_body,
    verify_document,
)

__all__ = [
    "AccessLogEntry", "DocumentStatus", "DocumentType", "Matter", "NotShared", "SharedField", "document_types", "get_document_type",
    "grant_access", "read_document", "read_document_pdf", "read_on_legal_basis", "replay_delivery", "revoke_grant",
    "sign_body", "verify_document",
]
