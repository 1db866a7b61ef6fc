"""Reads for the worker's pages and the API: their grants, their access log, their shareable documents."""

from dataclasses import dataclass

from .models import AccessLogEntry, Grant, Matter
from .registry import document_types


@dataclass(frozen=True)
class OwnedDocument:
    """One document a worker may grant access to."""

    document_type: str
    type_name: str
    document_id: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.document_type}:{self.document_id}"


def grants_of(worker):
    return Grant.objects.filter(worker=worker).select_related("party", "matter").order_by("-created_at")


def access_log_of(worker):
    return AccessLogEntry.objects.filter(worker=worker).select_related("grant__matter").order_by("-created_at", "-id")


def documents_of(worker, limit: int = 200) -> list[OwnedDocument]:
    """Every document of every registered type that belongs to ``worker``."""
    found = []
    for declared in document_types.values():
        for document in declared.owned_by(worker)[:limit]:
            found.append(OwnedDocument(declared.code, declared.name, str(document.pk), str(declared.describe(document))))
    return found


def matters_for(document_type: str):
    return Matter.objects.filter(is_active=True, document_type=document_type).order_by("code")


def shareable_parties():
    """Organisations a worker may grant to: departments and banks (and other registered organisations)."""
    from zhili.core.orgs.choices import OrganizationKind
    from zhili.core.orgs.models import Organization

    return Organization.objects.filter(kind__in=[OrganizationKind.DEPARTMENT, OrganizationKind.BANK,
                                                 OrganizationKind.OTHER]).order_by("kind", "name")
