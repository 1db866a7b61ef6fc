"""What scenes and other core packages may use from core.sharing (共享互认).

Declaring: ``DocumentType``, ``SharedField``, ``DocumentStatus``; ``document_types``, ``get_document_type``.
Services: ``grant_access``, ``revoke_grant`` (the person's grants), ``read_document``, ``read_document_pdf``,
    ``read_on_legal_basis`` (a party's reads, logged), ``verify_document``, ``replay_delivery``, ``sign_body``;
    ``NotShared``. Models for reads: ``Matter``, ``AccessLogEntry`` (who read what, shown to the person).
An organisation's data (企业授权): a scene declares ``DATA_SCOPES = [DataScope(...)]`` in its ``sharing.py``;
    ``consent_text`` (what the administrator agrees to), ``grant_org_access``, ``revoke_org_grant`` (an
    administrator of the grantor), ``read_org_data`` (a member or API client of the grantee; logged, ``NotShared``
    without a valid grant), ``valid_org_grant``, ``org_grants_of``, ``org_access_log_of``; ``SharedData``;
    models ``OrgGrant``, ``OrgAccessLogEntry``; ``get_data_scope``.

A scene offers documents by declaring ``DOCUMENT_TYPES = [DocumentType(...)]`` in its ``sharing.py``
(see ``zhili/core/testing/dummy_scene/sharing.py``) and publishing its state events (named in ``events``).
"""

from .declarations import DataScope, DocumentStatus, DocumentType, SharedField
from .models import AccessLogEntry, Matter, OrgAccessLogEntry, OrgGrant
from .registry import document_types, get_data_scope, get_document_type
from .services import (
    NotShared,
    SharedData,
    consent_text,
    grant_access,
    grant_org_access,
    org_access_log_of,
    org_grants_of,
    read_document,
    read_document_pdf,
    read_on_legal_basis,
    read_org_data,
    replay_delivery,
    revoke_grant,
    revoke_org_grant,
    sign_body,
    valid_org_grant,
    verify_document,
)

__all__ = [
    "DataScope", "OrgAccessLogEntry", "OrgGrant", "SharedData", "consent_text", "get_data_scope", "grant_org_access",
    "org_access_log_of", "org_grants_of", "read_org_data", "revoke_org_grant", "valid_org_grant",
    "AccessLogEntry", "DocumentStatus", "DocumentType", "Matter", "NotShared", "SharedField", "document_types", "get_document_type",
    "grant_access", "read_document", "read_document_pdf", "read_on_legal_basis", "replay_delivery", "revoke_grant",
    "sign_body", "verify_document",
]
