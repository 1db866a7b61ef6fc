"""Labor contracts offered for sharing and mutual recognition (共享互认) through core.sharing.

A concluded contract (signed electronically, or an imported paper contract) belongs to its worker, who alone may
grant a department or bank access for one matter. Field codes match the seeded matters catalogue.
"""

from django.db.models import Q

from zhili.core.foundation import pii
from zhili.core.sharing.declarations import DocumentStatus, DocumentType, SharedField

from .choices import ContractStatus, DocumentKind, DocumentStage
from .models import ContractDocument, LaborContract

SHAREABLE_STATUSES = (ContractStatus.COMPLETED, ContractStatus.EXISTING_PAPER, ContractStatus.RESCINDED,
                      ContractStatus.TERMINATED)
CURRENT_STATUSES = (ContractStatus.COMPLETED, ContractStatus.EXISTING_PAPER)
EVENTS = ("labor_contract.contract.completed", "labor_contract.contract.rescinded",
          "labor_contract.contract.terminated", "labor_contract.contract.amended")


def _owner(contract):
    if contract.worker_id:
        return contract.worker
    from zhili.core.identity.models import User

    return User.objects.filter(id_number_index=contract.worker_id_number_index).first() if (
        contract.worker_id_number_index) else None


def _owned_by(user):
    mine = Q(worker=user)
    if user.id_number_index:
        mine |= Q(worker_id_number_index=user.id_number_index)
    return (LaborContract.objects.filter(mine, status__in=SHAREABLE_STATUSES, document_kind=DocumentKind.CONTRACT)
            .select_related("employer", "employer__region").order_by("-start_date"))


def _read(contract) -> dict:
    return {
        "employer_name": contract.employer.name,
        "employer_uscc": contract.employer.uscc or "",
        "worker_name": contract.worker_name,
        "worker_id_number": contract.worker_id_number,
        "job_title": contract.job_title,
        "work_place": contract.work_place,
        "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat() if contract.end_date else "",
        "monthly_wage": str(contract.monthly_wage) if contract.monthly_wage is not None else "",
        "term_type": contract.get_term_type_display(),
        "status": contract.get_status_display(),
    }


def _final_document(contract):
    return (ContractDocument.objects.filter(contract=contract, stage=DocumentStage.COMPLETED).first()
            or ContractDocument.objects.filter(contract=contract).order_by("-id").first())


def _pdf(contract):
    document = _final_document(contract)
    return bytes(document.pdf) if document is not None else None


def _status(contract) -> DocumentStatus:
    document = _final_document(contract)
    return DocumentStatus(sha256=document.sha256 if document else "", signatures_valid=None,
                          current=contract.status in CURRENT_STATUSES, state_label=contract.get_status_display())


def _find(sha256: str):
    document = ContractDocument.objects.filter(sha256=sha256.lower()).select_related("contract").first()
    return document.contract if document is not None else None


DOCUMENT_TYPES = [
    DocumentType(
        code="labor_contract.contract",
        name="劳动合同",
        model=LaborContract,
        owner=_owner,
        owned_by=_owned_by,
        fields=(
            SharedField("employer_name", "用人单位名称"),
            SharedField("employer_uscc", "用人单位统一社会信用代码"),
            SharedField("worker_name", "劳动者姓名"),
            SharedField("worker_id_number", "劳动者身份证号码"),
            SharedField("job_title", "工作岗位"),
            SharedField("work_place", "工作地点"),
            SharedField("start_date", "合同开始日期"),
            SharedField("end_date", "合同终止日期"),
            SharedField("monthly_wage", "月工资（元）"),
            SharedField("term_type", "合同期限类型"),
            SharedField("status", "合同状态"),
        ),
        read_fields=_read,
        status=_status,
        region=lambda contract: contract.employer.region,
        pdf=_pdf,
        find_by_sha256=_find,
        describe=lambda contract: f"{contract.employer.name} · {pii.mask_name(contract.worker_name)} · {contract.number}",
        events=EVENTS,
        event_id_key="contract_id",
        related=("employer",),
    ),
]
