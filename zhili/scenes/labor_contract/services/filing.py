"""劳动用工备案: a filing record for every concluded electronic contract, and its XLSX / JSON exports.

Fields are grouped as Zhejiang's exchange standard for electronic labour contracts groups them (DB33/T
1311-2023, as summarised in reference/esign.md): basic information (employer and worker), contract terms, and
signing information (channel, each party's signing time, certificate serials, the document's SHA-256). The
group and field names below are this project's; check them against the standard's text before a real exchange.
"""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import AuditEntry, XlsxWriter, audit, birth_date_from_id, events, pii

from ..choices import DocumentStage
from ..models import ContractDocument, FilingRecord, LaborContract

FILING_STANDARD = "DB33/T 1311-2023 电子劳动合同数据交换（分组：基本信息、合同信息、签署信息）"
# (group, key, Chinese column) in export order; "worker_id_number" is filled from the encrypted field.
COLUMNS = [
    ("basic", "employer_name", "用人单位名称"), ("basic", "employer_uscc", "统一社会信用代码"),
    ("basic", "employer_region", "用人单位所在区划"), ("basic", "employer_industry", "行业"),
    ("basic", "worker_name", "劳动者姓名"), ("basic", "worker_id_number", "身份证号码"),
    ("basic", "worker_sex", "性别"), ("basic", "worker_birth_date", "出生日期"),
    ("basic", "worker_household_region", "户籍地区划（身份证号码前六位）"),
    ("terms", "contract_number", "合同编号"), ("terms", "term_type", "合同期限类型"),
    ("terms", "start_date", "合同开始日期"), ("terms", "end_date", "合同终止日期"),
    ("terms", "probation_months", "试用期（月）"), ("terms", "probation_end_date", "试用期截止日期"),
    ("terms", "job_title", "工作岗位"), ("terms", "work_place", "工作地点"),
    ("terms", "working_hour_system", "工时制度"), ("terms", "monthly_wage", "月工资（元）"),
    ("signing", "channel", "签署方式"), ("signing", "worker_signed_at", "劳动者签署时间"),
    ("signing", "employer_signed_at", "用人单位盖章时间"), ("signing", "completed_at", "签订完成时间"),
    ("signing", "worker_certificate", "劳动者证书序列号"), ("signing", "employer_certificate", "用人单位证书序列号"),
    ("signing", "document_sha256", "合同文件 SHA-256"),
]
GROUP_LABELS = {"basic": "基本信息", "terms": "合同信息", "signing": "签署信息"}


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _certificate(contract: LaborContract, action: str) -> str:
    entry = (AuditEntry.objects.filter(action=action, target_type="labor_contract.laborcontract",
                                       target_id=str(contract.pk)).order_by("-id").first())
    return (entry.data or {}).get("certificate", "") if entry else ""


def filing_groups(contract: LaborContract) -> tuple[dict, dict, dict]:
    """The three groups of a contract's filing (the worker's ID number is not in them: it is kept encrypted)."""
    employer = contract.employer
    id_number = contract.worker_id_number
    try:
        born = birth_date_from_id(id_number).isoformat()
    except (ValueError, IndexError):
        born = ""
    sex = ("男" if int(id_number[16]) % 2 else "女") if len(id_number) == 18 and id_number[16].isdigit() else ""
    document = (ContractDocument.objects.filter(contract=contract, stage=DocumentStage.COMPLETED)
                .values_list("sha256", flat=True).first())
    basic = {
        "employer_name": employer.name, "employer_uscc": employer.uscc or "",
        "employer_region": employer.region.code if employer.region_id else "",
        "employer_industry": employer.industry.code if employer.industry_id else "",
        "worker_name": contract.worker_name, "worker_sex": sex, "worker_birth_date": born,
        "worker_household_region": id_number[:6],
    }
    terms = {
        "contract_number": contract.number, "term_type": str(contract.get_term_type_display()),
        "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat() if contract.end_date else "",
        "probation_months": contract.probation_months,
        "probation_end_date": contract.probation_end_date.isoformat() if contract.probation_end_date else "",
        "job_title": contract.job_title, "work_place": contract.work_place,
        "working_hour_system": str(contract.get_working_hour_system_display()),
        "monthly_wage": str(contract.monthly_wage) if contract.monthly_wage is not None else "",
    }
    signing = {
        "channel": str(contract.get_channel_display()), "worker_signed_at": _when(contract.worker_signed_at),
        "employer_signed_at": _when(contract.employer_signed_at), "completed_at": _when(contract.completed_at),
        "worker_certificate": _certificate(contract, "labor_contract.contract.worker_signed"),
        "employer_certificate": _certificate(contract, "labor_contract.contract.sealed"),
        "document_sha256": document or "",
    }
    return basic, terms, signing


@transaction.atomic
def file_contract(contract: LaborContract, *, actor=None) -> FilingRecord:
    """Create the contract's filing record once (a second call returns the first); run at completion."""
    existing = FilingRecord.objects.filter(contract=contract).first()
    if existing is not None:
        return existing
    contract = LaborContract.objects.select_related("employer__region", "employer__industry").get(pk=contract.pk)
    basic, terms, signing = filing_groups(contract)
    record = FilingRecord.objects.create(contract=contract, employer=contract.employer, region=contract.employer.region,
                                         worker_id_number=contract.worker_id_number, basic=basic, terms=terms,
                                         signing=signing)
    audit.record("labor_contract.filing.created", actor=actor, target=contract, data={"filing_id": record.pk})
    events.publish("labor_contract.filing.created", filing_id=record.pk, contract_id=contract.pk)
    return record


def filing_dict(record: FilingRecord, *, reveal_id: bool) -> dict:
    """One record as the exchange dict: ``id``, ``filed_at`` and the three groups."""
    basic = dict(record.basic)
    basic["worker_id_number"] = record.worker_id_number if reveal_id else pii.mask_id_number(record.worker_id_number)
    return {"id": record.pk, "filed_at": _when(record.created_at), "standard": FILING_STANDARD,
            "basic": basic, "terms": record.terms, "signing": record.signing}


def export_filings_json(records, *, reveal_id: bool = False) -> bytes:
    data = [filing_dict(r, reveal_id=reveal_id) for r in records]
    return json.dumps({"standard": FILING_STANDARD, "count": len(data), "filings": data}, ensure_ascii=False,
                      indent=1).encode("utf-8")


def export_filings_xlsx(records, *, reveal_id: bool = False) -> bytes:
    """The records as one sheet: a row naming each column's group, a header row, then one row per filing."""
    writer = XlsxWriter()
    sheet = writer.add_sheet(_("劳动用工备案"))
    sheet.append(["", ""] + [GROUP_LABELS[group] for group, _key, _label in COLUMNS])
    sheet.append(["备案序号", "备案时间"] + [label for _group, _key, label in COLUMNS])
    for record in records:
        row = filing_dict(record, reveal_id=reveal_id)
        sheet.append([row["id"], row["filed_at"]] + [row[group].get(key, "") for group, key, _label in COLUMNS])
    return writer.to_bytes()
