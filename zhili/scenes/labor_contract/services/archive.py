"""Completed contracts as core.esign's archive: their archive timestamps are renewed before the TSA certificate of
the newest one expires (esign's daily job ``esign.archive_renewal``)."""

from django.utils import timezone

from zhili.core.foundation.api import audit

from ..choices import DocumentStage
from ..models import ContractDocument
from .common import sha256

# The ledger names a contract "labor_contract.laborcontract" with its key: the renewal's entry is the contract's.
ARCHIVE = "labor_contract.laborcontract"


def completed_documents():
    """(contract id, completed PDF) of every completed contract, read a hundred at a time."""
    rows = ContractDocument.objects.filter(stage=DocumentStage.COMPLETED).values_list("contract_id", "pdf")
    for contract_id, pdf in rows.iterator(chunk_size=100):
        yield str(contract_id), bytes(pdf)


def replace_completed(key: str, pdf: bytes, *, actor=None) -> ContractDocument:
    """Keep the renewed file as the contract's completed document (it is the old file plus an incremental update, so
    every digest recorded before stays a revision of it); audited in the caller's transaction."""
    document = ContractDocument.objects.select_for_update().select_related("contract").get(
        contract_id=int(key), stage=DocumentStage.COMPLETED)
    previous = document.sha256
    document.pdf, document.sha256, document.size, document.updated_at = pdf, sha256(pdf), len(pdf), timezone.now()
    document.save(update_fields=["pdf", "sha256", "size", "updated_at"])
    audit.record("labor_contract.document.archive_renewed", actor=actor, target=document.contract,
                 data={"previous_sha256": previous, "sha256": document.sha256})
    return document


def register() -> None:
    from zhili.core.esign import api as esign

    esign.register_archive(ARCHIVE, documents=completed_documents, replace=replace_completed)
