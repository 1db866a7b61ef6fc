"""Labor contracts offered for sharing and mutual recognition (共享互认) through core.sharing.

A concluded contract (signed electronically, or an imported paper contract) belongs to its worker, who alone may
grant a department or bank access for one matter. Field codes match the seeded matters catalogue.
"""

from django.db import connection
from django.db.models import Q

from zhili.core.foundation.api import columns, loaded_instance, pii, quoted_column, quoted_table
from zhili.core.sharing.api import DocumentStatus, DocumentType, SharedField

from .choices import ContractStatus, DocumentKind, DocumentStage, TermType
from .models import ContractDocument, LaborContract

SHAREABLE_STATUSES = (ContractStatus.COMPLETED, ContractStatus.EXISTING_PAPER, ContractStatus.RESCINDED,
                      ContractStatus.TERMINATED)
CURRENT_STATUSES = (ContractStatus.COMPLETED, ContractStatus.EXISTING_PAPER)
EVENTS = ("labor_contract.contract.completed", "labor_contract.contract.rescinded",
          "labor_contract.contract.terminated", "labor_contract.contract.amended")


def _owner(contract):
    if contract.worker_id:
        return contract.worker
    from zhili.core.identity.api import User

    return User.objects.filter(id_number_index=contract.worker_id_number_index).first() if (
        contract.worker_id_number_index) else None


def _owned_by(user):
    mine = Q(worker=user)
    if user.id_number_index:
        mine |= Q(worker_id_number_index=user.id_number_index)
    return (LaborContract.objects.filter(mine, status__in=SHAREABLE_STATUSES, document_kind=DocumentKind.CONTRACT)
            .select_related("employer", "employer__region").order_by("-start_date"))


# Labels by value, built once: ``get_<field>_display`` rebuilds and hashes the whole translated choices list on
# every call, and ``_read`` is on a bank's read (the hot path). Translated when read, in the active language.
TERM_TYPE_LABELS = dict(TermType.choices)
STATUS_LABELS = dict(ContractStatus.choices)


def _read(contract) -> dict:
    """The shareable values; reads only what ``_load_for_reading`` selects (keep the two in step)."""
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
        "term_type": str(TERM_TYPE_LABELS.get(contract.term_type, contract.term_type)),
        "status": str(STATUS_LABELS.get(contract.status, contract.status)),
    }


# A bank's read (the hot path) loads the contract with one hand-written statement of just the columns ``_read``
# reads: the ORM spends ~0.3 ms of CPU compiling its select_related query, ``raw`` ~0.1 ms in all (it still
# converts and decrypts each column as its model field does). Keep the columns in step with ``_read``.
_EMPLOYER = LaborContract._meta.get_field("employer").related_model
_READ_SQL = (
    f"SELECT {columns(LaborContract, 'c', 'pk', 'employer', 'worker_name', 'worker_id_number', 'job_title')},"
    f" {columns(LaborContract, 'c', 'work_place', 'start_date', 'end_date', 'monthly_wage', 'term_type', 'status')},"
    f" e.{quoted_column(_EMPLOYER, 'name')} AS employer_name_, e.{quoted_column(_EMPLOYER, 'uscc')} AS employer_uscc_"
    f" FROM {quoted_table(LaborContract)} c JOIN {quoted_table(_EMPLOYER)} e"
    f" ON e.{quoted_column(_EMPLOYER, 'pk')} = c.{quoted_column(LaborContract, 'employer')}"
    f" WHERE c.{quoted_column(LaborContract, 'pk')} = %s"
)


def _load_for_reading(object_id):
    """The contract with its employer's name and USCC, for ``_read`` alone (other fields load on access)."""
    pk = int(object_id)  # ValueError / TypeError for a malformed id: the caller answers "no such document"
    low, high = connection.ops.integer_field_range(LaborContract._meta.pk.get_internal_type())
    if not low <= pk <= high:
        return None
    contract = next(iter(LaborContract.objects.raw(_READ_SQL, [pk])), None)
    if contract is not None:
        contract.employer = loaded_instance(_EMPLOYER, contract._state.db, id=contract.employer_id,
                                            name=contract.__dict__.pop("employer_name_"),
                                            uscc=contract.__dict__.pop("employer_uscc_"))
    return contract


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
        load_for_reading=_load_for_reading,
    ),
]
