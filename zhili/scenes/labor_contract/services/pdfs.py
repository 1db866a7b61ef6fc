"""The contract PDF: rendered once per version, stored with its SHA-256, rendered in bulk by the task workers."""


from django.db import IntegrityError, transaction

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from .. import documents
from ..choices import DocumentStage
from ..models import (
    ContractDocument,
    LaborContract,
)
from .common import _require_each_employer, sha256


def _esign():
    from zhili.core.esign import api as esign

    return esign


def current_document(contract: LaborContract) -> ContractDocument | None:
    """The newest stored PDF of the contract (completed, sealed, worker-signed or unsigned)."""
    # The bytes load only when used (``_pdf``): the signing pages need just the digest.
    return ContractDocument.objects.filter(contract=contract).defer("pdf").order_by("-id").first()


def completed_document(contract: LaborContract) -> ContractDocument | None:
    return ContractDocument.objects.filter(contract=contract, stage=DocumentStage.COMPLETED).first()


def _store_document(contract: LaborContract, stage: str, pdf: bytes) -> ContractDocument:
    return ContractDocument.objects.create(contract=contract, stage=stage, pdf=pdf, sha256=sha256(pdf), size=len(pdf))


def _pdf(document: ContractDocument) -> bytes:
    return bytes(document.pdf)


def ensure_contract_pdf(contract: LaborContract, *, actor) -> ContractDocument:
    """Render the contract's PDF once and keep it; later calls return the stored file (no re-rendering)."""
    require(actor, "labor_contract.contract.view", contract)
    existing = current_document(contract)
    if existing is not None:
        return existing
    pdf = documents.render_contract_pdf(contract)  # outside the transaction: rendering takes a moment
    try:
        with transaction.atomic():
            document = _store_document(contract, DocumentStage.UNSIGNED, pdf)
            audit.record("labor_contract.document.rendered", actor=actor, target=contract,
                         data={"sha256": document.sha256, "size": document.size})
    except IntegrityError:  # rendered at the same moment by another request: use theirs
        document = ContractDocument.objects.get(contract=contract, stage=DocumentStage.UNSIGNED)
    return document


def render_contract_pdfs(contract_ids: list[int], *, actor) -> int:
    """Render and store the PDFs of the sent contracts among ``contract_ids`` that have none yet (the task
    workers run this after a send); return how many were rendered. Each PDF is stored in its own short
    transaction; one rendered at the same moment elsewhere (the reading page) is kept, not duplicated."""

    have = set(ContractDocument.objects.filter(contract_id__in=contract_ids).values_list("contract_id", flat=True))
    contracts = list(LaborContract.objects.filter(pk__in=[i for i in contract_ids if i not in have],
                                                  template_version__isnull=False)
                     .select_related("employer", "template_version").order_by("pk"))
    _require_each_employer(actor, "labor_contract.contract.view", contracts)
    rendered = 0
    for contract in contracts:
        pdf = documents.render_contract_pdf(contract)
        try:
            with transaction.atomic():
                document = _store_document(contract, DocumentStage.UNSIGNED, pdf)
                audit.record("labor_contract.document.rendered", actor=actor, target=contract,
                             data={"sha256": document.sha256, "size": document.size})
        except IntegrityError:
            continue
        rendered += 1
    return rendered
