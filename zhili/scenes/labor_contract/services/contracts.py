"""Every change to labor contracts: create, import, send, revoke, record existing contracts, deadline reminders.

Each service checks permission first (a denied call changes nothing), runs in one transaction, writes its audit
entry in that transaction and publishes its events after commit.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit, events, pii
from zhili.core.foundation.validators import validate_id_number, validate_mobile
from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import require

from .. import documents, importing
from ..choices import (
    CONCLUDED_STATUSES,
    ENDED_STATUSES,
    PENDING_STATUSES,
    REVOCABLE_STATUSES,
    BatchKind,
    ContractRelation,
    ContractStatus,
    DocumentKind,
    RowOutcome,
    SigningChannel,
    TermType,
)
from ..models import ContractStatusChange, ContractTemplate, LaborContract, SendBatch, TemplateVersion
from ..rules import add_months, check_contract, probation_wage_floor, term_months, value_on

SIGN_LINK_DAYS = 30
BULK_CHUNK = 1000
CONTRACT_FIELDS = (
    "worker_name", "worker_id_number", "worker_phone", "worker_address", "job_title", "work_place", "term_type",
    "start_date", "end_date", "task_description", "probation_months", "working_hour_system", "monthly_wage",
    "probation_wage", "host_employer_name", "host_employer_uscc", "dispatch_post", "dispatch_start", "dispatch_end",
    "signed_on",
)


@dataclass
class BatchResult:
    """What an import did: the batch row (with counts and the result sheet) and the contracts it created."""

    batch: SendBatch
    created: list[LaborContract]


# ---------------------------------------------------------------- templates

@transaction.atomic
def create_default_template(*, actor=None) -> TemplateVersion:
    """Return the platform's default template version, creating version 1 from the bundled text if absent."""
    template = ContractTemplate.objects.filter(is_default=True).first()
    if template is not None and (version := template.current_version()) is not None:
        return version
    body = documents.default_body()
    documents.check_template_body(body)
    template = template or ContractTemplate.objects.create(name=_("劳动合同（通用）"), is_default=True)
    version = TemplateVersion.objects.create(template=template, number=1, body=body,
                                             basis=documents.DEFAULT_TEMPLATE_BASIS)
    audit.record("labor_contract.template.created", actor=actor, target=version, data={"number": 1})
    return version


@transaction.atomic
def add_template_version(template: ContractTemplate, *, body: str, employer_clauses: str = "", seal_page: int = 0,
                         seal_x=120, seal_y=640, signing_order: str = "worker_first", actor) -> TemplateVersion:
    """Freeze a new version of ``template`` after checking the nine mandatory clauses (Art. 17)."""
    if template.employer is None:
        require(actor, "labor_contract.template.manage_default", template)
    else:
        require(actor, "labor_contract.contract.create", template.employer)
    documents.check_template_body(body)
    last = template.versions.order_by("-number").first()
    version = TemplateVersion.objects.create(
        template=template, number=(last.number + 1) if last else 1, body=body, employer_clauses=employer_clauses,
        seal_page=seal_page, seal_x=seal_x, seal_y=seal_y, signing_order=signing_order, basis=last.basis if last else "")
    audit.record("labor_contract.template.version_added", actor=actor, target=version, data={"number": version.number})
    return version


# ---------------------------------------------------------------- checks shared by the form and the imports

def _new_number() -> str:
    return f"LC{timezone.localdate():%Y%m%d}{secrets.token_hex(5).upper()}"


def _history(employer, id_index: str, day: dt.date | None = None) -> tuple[bool, int, int]:
    """Whether the pair already had a probation, how many concluded fixed-term contracts they have (counted from
    the law's entry into force, Art. 97), and the whole years of service from their first concluded contract."""
    earlier = LaborContract.objects.filter(employer=employer, worker_id_number_index=id_index,
                                           document_kind=DocumentKind.CONTRACT,
                                           status__in=[*CONCLUDED_STATUSES, *ENDED_STATUSES, *PENDING_STATUSES])
    prior_probation = earlier.filter(probation_months__gt=0).exists()
    concluded = earlier.filter(status__in=[*CONCLUDED_STATUSES, *ENDED_STATUSES])
    count_from = value_on("open_ended_count_from", day or timezone.localdate()).value
    fixed_terms = concluded.filter(term_type=TermType.FIXED_TERM, start_date__gte=count_from).count()
    first = concluded.order_by("start_date").values_list("start_date", flat=True).first()
    years = term_months(first, day - dt.timedelta(days=1)) // 12 if first and day and day > first else 0
    return prior_probation, fixed_terms, years


def rule_data(values: dict, employer, *, with_history: bool = True) -> dict:
    """The input ``check_contract`` needs: the values, the employer's facts and the pair's history."""
    data = dict(values)
    region = values.get("work_region") or employer.region
    data["region_code"] = region.code if region is not None else ""
    data["is_dispatch_agency"] = employer.is_dispatch_agency
    if with_history and values.get("worker_id_number"):
        data["prior_probation"], data["prior_fixed_terms"], data["years_of_service"] = _history(
            employer, pii.blind_index(values["worker_id_number"]), values.get("start_date"))
    return data


def _identity_errors(values: dict, *, phone_required: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_id_number(values.get("worker_id_number") or "")
    except ValidationError as exc:
        errors["worker_id_number"] = exc.messages
    if phone_required or values.get("worker_phone"):
        try:
            validate_mobile(values.get("worker_phone") or "")
        except ValidationError as exc:
            errors["worker_phone"] = exc.messages
    return errors


def _new_contract(values: dict, *, employer, actor, status, template_version, batch=None, previous_contract=None,
                  relation: str = ContractRelation.NEW) -> LaborContract:
    fields = {name: values[name] for name in CONTRACT_FIELDS if values.get(name) not in (None, "")}
    contract = LaborContract(number=_new_number(), employer=employer, status=status, batch=batch,
                             template_version=template_version, work_region=values.get("work_region"),
                             previous_contract=previous_contract, relation=relation,
                             created_by=actor if getattr(actor, "pk", None) else None, **fields)
    if contract.probation_months:
        contract.probation_end_date = add_months(contract.start_date, contract.probation_months) - dt.timedelta(days=1)
    contract.idempotency_key = LaborContract.make_idempotency_key(
        employer.uscc or f"org{employer.pk}", pii.blind_index(contract.worker_id_number), contract.start_date)
    return contract


def _record_change(contract, from_status, to_status, *, actor, note="") -> ContractStatusChange:
    return ContractStatusChange.objects.create(contract=contract, from_status=from_status or "", to_status=to_status,
                                               actor=actor if getattr(actor, "pk", None) else None, note=note)


# ---------------------------------------------------------------- one contract by form

@transaction.atomic
def create_contract(values: dict, *, employer, actor, template_version: TemplateVersion | None = None,
                    previous_contract: LaborContract | None = None, relation: str = ContractRelation.NEW) -> LaborContract:
    """Create a draft contract from form values after the identity and legal checks; raise ValidationError otherwise.

    The error maps each field to Chinese messages that end with the article they rest on.
    """
    require(actor, "labor_contract.contract.create", employer)
    values = dict(values)
    values["worker_id_number"] = importing.normalise_id_number(values.get("worker_id_number"))
    values["worker_phone"] = importing.normalise_phone(values.get("worker_phone"))
    errors = _identity_errors(values, phone_required=True)
    violations = [v for v in check_contract(rule_data(values, employer)) if v.severity == "error"]
    for violation in violations:
        errors.setdefault(violation.field, []).append(str(violation))
    if errors:
        raise ValidationError(errors)
    version = template_version or create_default_template(actor=actor)
    contract = _new_contract(values, employer=employer, actor=actor, status=ContractStatus.DRAFT,
                             template_version=version, previous_contract=previous_contract, relation=relation)
    if LaborContract.objects.filter(idempotency_key=contract.idempotency_key).exists():
        raise ValidationError({"start_date": _("该劳动者在此开始日期的合同已存在，不会重复创建")}, code="duplicate")
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:
        raise ValidationError({"start_date": _("该劳动者在此开始日期的合同已存在，不会重复创建")}, code="duplicate") from None
    note = _("表单创建") if previous_contract is None else _("{relation}：{number}").format(
        relation=ContractRelation(relation).label, number=previous_contract.number)
    _record_change(contract, "", ContractStatus.DRAFT, actor=actor, note=note)
    audit.record("labor_contract.contract.created", actor=actor, target=contract,
                 data={"channel": "form", "relation": relation,
                       "previous": previous_contract.number if previous_contract else None})
    events.publish("labor_contract.contract.created", contract_id=contract.pk, employer_id=employer.pk)
    return contract


# ---------------------------------------------------------------- batches

def _read(file) -> tuple[bytes, str]:
    name = getattr(file, "name", "") or "upload.xlsx"
    content = file.read() if hasattr(file, "read") else bytes(file)
    return content, name.rsplit("/", 1)[-1]


IMPORT_CHUNK = 250  # rows written per transaction (see ``_import``)


def _import(file, *, employer, actor, kind: str, scans=None) -> BatchResult:
    """Check every row with reads only, then write the good ones ``IMPORT_CHUNK`` rows per transaction.

    On SQLite a transaction holds the database's one write lock from its first statement: a 5,000-row upload
    checked and written in one transaction kept every other write (logins, SMS codes) waiting until they failed
    with "database is locked". Here the file is read and each row checked (the pair's history included)
    outside any transaction; then each chunk is inserted, with its status changes and an audit entry, in a
    transaction of its own, so other writers get in between chunks. The batch row is written first and its
    result sheet last: a batch without a result sheet is unfinished (its page says so), and uploading the
    same file again finishes it, since every row is idempotent by its key (employer, ID number, start date).
    """
    content, file_name = _read(file)
    archive = scan_archive(scans) if scans is not None else None
    existing = kind == BatchKind.EXISTING_CONTRACTS
    columns = importing.EXISTING_CONTRACT_COLUMNS if existing else importing.NEW_CONTRACT_COLUMNS
    try:
        rows = list(importing.read_rows(content, file_name, columns))
    except importing.SheetError as exc:
        raise ValidationError({"file": str(exc)}, code="sheet") from None
    with transaction.atomic():
        version = None if existing else create_default_template(actor=actor)
        batch = SendBatch.objects.create(employer=employer, kind=kind, file_name=file_name[:255],
                                         total_rows=sum(1 for row in rows if not row.sample),
                                         created_by=actor if getattr(actor, "pk", None) else None)
        audit.record(f"labor_contract.batch.{kind}_started", actor=actor, target=batch,
                     data={"rows": len(rows), "file": file_name[:200]})
    status = ContractStatus.EXISTING_PAPER if existing else ContractStatus.DRAFT
    results, pending, scan_for_key = _check_rows(rows, employer=employer, actor=actor, batch=batch, status=status,
                                                 version=version, existing=existing, archive=archive)
    created: list[LaborContract] = []
    note = _("批量导入：{name}").format(name=file_name)[:500]
    for start in range(0, len(pending), IMPORT_CHUNK):
        chunk = [contract for contract, _index in pending[start:start + IMPORT_CHUNK]]
        with transaction.atomic():
            fresh = _insert_new(chunk)
            ContractStatusChange.objects.bulk_create(
                [ContractStatusChange(contract=c, to_status=status, actor=batch.created_by, note=note) for c in fresh],
                batch_size=BULK_CHUNK)
            audit.record("labor_contract.batch.rows_written", actor=actor, target=batch,
                         data={"created": len(fresh), "rows": len(chunk)})
        created += fresh
    created_keys = {c.idempotency_key for c in created}
    for contract, index in pending:
        if contract.idempotency_key not in created_keys:  # it existed before this upload
            line, masked, _outcome, _reason = results[index]
            results[index] = (line, masked, str(RowOutcome.DUPLICATE.label), _("该合同此前已导入，未重复创建"))
    with transaction.atomic():
        counts = {o: sum(1 for r in results if r[2] == str(o.label)) for o in RowOutcome}
        batch.created_count = counts[RowOutcome.CREATED]
        batch.duplicate_count = counts[RowOutcome.DUPLICATE]
        batch.error_count = counts[RowOutcome.ERROR]
        if scan_for_key:
            attach_scans(archive, scan_for_key, actor=actor)
        batch.result_sheet = importing.result_workbook(_("导入结果"), results)
        batch.save(update_fields=["created_count", "duplicate_count", "error_count", "result_sheet", "updated_at"])
        audit.record(f"labor_contract.batch.{kind}_imported", actor=actor, target=batch,
                     data={"rows": batch.total_rows, "created": batch.created_count,
                           "duplicates": batch.duplicate_count, "errors": batch.error_count})
        events.publish("labor_contract.batch.imported", batch_id=batch.pk, kind=kind, created=batch.created_count)
    return BatchResult(batch=batch, created=created)


def _check_rows(rows, *, employer, actor, batch, status, version, existing: bool, archive):
    """Each row's outcome (line, masked name, outcome, reason), the contracts to insert, and the scans to attach.

    Reads only: the known keys and each pair's history.
    """
    results: list[tuple[int, str, str, str]] = []
    pending: list[tuple[LaborContract, int]] = []
    keys_seen: set[str] = set()
    uscc = employer.uscc or f"org{employer.pk}"
    keys = {row.line: LaborContract.make_idempotency_key(uscc, pii.blind_index(row.values["worker_id_number"]),
                                                         row.values["start_date"])
            for row in rows if not row.errors}
    known = _known_keys(keys.values())
    names_by_id = _names_by_id(employer, rows)
    duplicate_label = str(RowOutcome.DUPLICATE.label)
    scan_for_key: dict[str, str] = {}
    for row in rows:
        masked = pii.mask_name(row.values.get("worker_name") or "")
        if row.sample:
            results.append((row.line, masked, str(RowOutcome.SAMPLE.label), _("模板中的示例行，未导入")))
            continue
        _check_name_for_id(row, names_by_id)
        key = keys.get(row.line)
        scan_name = (row.values.get("scan_file") or "").strip() if existing else ""
        if scan_name and key is not None:
            problem = archive.problem(scan_name) if archive is not None else _("扫描件文件名：未上传扫描件压缩包")
            if problem:
                row.errors.append(problem)
            else:
                scan_for_key.setdefault(key, scan_name)
        if key in known and not row.errors:
            results.append((row.line, masked, duplicate_label, _("该合同此前已导入，未重复创建")))
            continue
        if key is not None and key in keys_seen and not row.errors:
            results.append((row.line, masked, duplicate_label, _("与本文件前面的行重复（同一身份证号码与开始日期）")))
            continue
        errors = list(row.errors)
        warnings: list = list(row.notes)
        if not errors and not existing:
            _fill_probation_wage(row, employer, warnings)
        if not errors:
            violations = check_contract(rule_data(row.values, employer, with_history=not existing))
            if existing:
                # A paper contract already binds the parties: record it, and show what is unlawful in it.
                warnings += violations
            else:
                errors += [str(v) for v in violations if v.severity == "error"]
                warnings += [v for v in violations if v.severity == "warning"]
        if errors:
            results.append((row.line, masked, str(RowOutcome.ERROR.label), "；".join(errors)))
            continue
        contract = _new_contract(row.values, employer=employer, actor=actor, status=status,
                                 template_version=version, batch=batch)
        keys_seen.add(contract.idempotency_key)
        pending.append((contract, len(results)))
        results.append((row.line, masked, str(RowOutcome.CREATED.label), "；".join(str(w) for w in warnings)))
    return results, pending, scan_for_key


def _names_by_id(employer, rows) -> dict[str, str]:
    """The worker name each ID number (blind index) already has in this employer's contracts."""
    indexes = {pii.blind_index(row.values["worker_id_number"]) for row in rows
               if not row.errors and not row.sample and row.values.get("worker_id_number")}
    names: dict[str, str] = {}
    indexes = list(indexes)
    for start in range(0, len(indexes), BULK_CHUNK):
        names.update(LaborContract.objects.filter(employer=employer, worker_id_number_index__in=indexes[start:start + BULK_CHUNK])
                     .order_by("id").values_list("worker_id_number_index", "worker_name"))
    return names


def _check_name_for_id(row, names_by_id: dict[str, str]) -> None:
    """An ID number already used under another name (in earlier contracts or earlier rows) makes the row an error."""
    id_number, name = row.values.get("worker_id_number"), row.values.get("worker_name")
    if row.errors or not id_number or not name:
        return
    index = pii.blind_index(id_number)
    known = names_by_id.setdefault(index, name)
    if known != name:
        row.errors.append(_("身份证号码：已登记在“{other}”名下，与姓名“{name}”不符，请核对").format(
            other=pii.mask_name(known), name=pii.mask_name(name)))


def _fill_probation_wage(row, employer, notes: list) -> None:
    """A probation without its wage takes the legal floor (Art. 20): 80% of the wage, at least the minimum wage."""
    values = row.values
    if not values.get("probation_months") or values.get("probation_wage") is not None or values.get("monthly_wage") is None:
        return
    region = values.get("work_region") or employer.region
    floor = probation_wage_floor(values["monthly_wage"], region.code if region is not None else "", values["start_date"])
    values["probation_wage"] = floor.value
    notes.append(_("试用期工资未填写，按法定下限计为 {amount} 元（约定工资的 80% 与当地最低工资标准中的较高者，{basis}）")
                 .format(amount=floor.value, basis=floor.reference))


def _known_keys(keys: Iterable[str]) -> set[str]:
    """The idempotency keys among ``keys`` that the database already holds (looked up in chunks)."""
    keys, known = list(keys), set()
    for start in range(0, len(keys), BULK_CHUNK):
        known.update(LaborContract.objects.filter(idempotency_key__in=keys[start:start + BULK_CHUNK])
                     .values_list("idempotency_key", flat=True))
    return known


def _insert_new(pending: list[LaborContract]) -> list[LaborContract]:
    """Insert the contracts whose key is not in the database yet, in chunks; return those inserted."""
    created = []
    for start in range(0, len(pending), BULK_CHUNK):
        chunk = pending[start:start + BULK_CHUNK]
        known = set(LaborContract.objects.filter(idempotency_key__in=[c.idempotency_key for c in chunk])
                    .values_list("idempotency_key", flat=True))
        fresh = [c for c in chunk if c.idempotency_key not in known]
        LaborContract.objects.bulk_create(fresh, batch_size=BULK_CHUNK)
        if fresh and fresh[0].pk is None:  # databases that do not return ids from a bulk insert
            ids = dict(LaborContract.objects.filter(idempotency_key__in=[c.idempotency_key for c in fresh])
                       .values_list("idempotency_key", "pk"))
            for contract in fresh:
                contract.pk = ids[contract.idempotency_key]
        created += fresh
    return created


def import_contract_batch(file, *, employer, actor) -> BatchResult:
    """Create draft contracts from an uploaded XLSX/CSV of workers; every row checked, bad rows reported.

    Valid rows go on even when others are bad. A row whose employer, ID number and start date match an existing
    contract is reported as a duplicate and creates nothing, so uploading the same file twice is harmless. The
    rows are written in chunks, each its own transaction (see ``_import``).
    """
    require(actor, "labor_contract.batch.import", employer)
    return _import(file, employer=employer, actor=actor, kind=BatchKind.NEW_CONTRACTS)


def import_existing_contracts(file, *, employer, actor, scans=None) -> BatchResult:
    """Record existing paper contracts (存量合同录入) from XLSX/CSV metadata; idempotent like the batch import.

    Format errors reject a row; legal problems in a paper contract already signed are imported and listed as
    warnings in the result sheet, since the contract exists whatever its defects. ``scans`` is an optional zip
    of the scanned PDFs, matched to rows by the column 扫描件文件名; each scan is stored with its SHA-256 and
    appended to the ledger (``labor_contract.existing_scan``); a scan already stored is not stored again.
    """
    require(actor, "labor_contract.batch.import", employer)
    return _import(file, employer=employer, actor=actor, kind=BatchKind.EXISTING_CONTRACTS, scans=scans)


SCAN_MAX_BYTES = 20 * 1024 * 1024


class ScanArchive:
    """The uploaded zip of scanned contracts, its members found by base name (GBK names of Windows zips fixed)."""

    def __init__(self, content: bytes):
        import io
        import unicodedata
        import zipfile

        try:
            self.zip = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            raise ValidationError({"scans": _("扫描件压缩包：不是有效的 zip 文件")}, code="bad_zip") from None
        self.members = {}
        for info in self.zip.infolist():
            if info.is_dir():
                continue
            name = info.filename
            if not info.flag_bits & 0x800:  # no UTF-8 flag: zipfile decoded the name as cp437
                try:
                    name = name.encode("cp437").decode("gb18030")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
            self.members[unicodedata.normalize("NFKC", name.rsplit("/", 1)[-1])] = info

    def find(self, name: str):
        import unicodedata

        return self.members.get(unicodedata.normalize("NFKC", name.strip().rsplit("/", 1)[-1]))

    def problem(self, name: str) -> str:
        """A Chinese reason the scan named ``name`` cannot be used, or an empty string."""
        info = self.find(name)
        if info is None:
            return _("扫描件文件名：压缩包中没有“{name}”").format(name=name)
        if info.file_size > SCAN_MAX_BYTES:
            return _("扫描件文件名：“{name}”超过 20 MB").format(name=name)
        with self.zip.open(info) as handle:
            if handle.read(5) != b"%PDF-":
                return _("扫描件文件名：“{name}”不是 PDF 文件").format(name=name)
        return ""

    def read(self, name: str) -> bytes:
        return self.zip.read(self.find(name))


def scan_archive(scans) -> ScanArchive:
    content = scans.read() if hasattr(scans, "read") else bytes(scans)
    return ScanArchive(content)


def attach_scans(archive: ScanArchive, scan_for_key: dict[str, str], *, actor) -> int:
    """Store each contract's scan once (stage ``scan``) and append its SHA-256 to the ledger; return how many."""
    import hashlib

    from zhili.core.ledger import api as ledger

    from ..choices import DocumentStage
    from ..models import ContractDocument

    keys = list(scan_for_key)
    stored, records = 0, []
    for start in range(0, len(keys), BULK_CHUNK):
        chunk = dict(LaborContract.objects.filter(idempotency_key__in=keys[start:start + BULK_CHUNK])
                     .values_list("idempotency_key", "pk"))
        have = set(ContractDocument.objects.filter(contract_id__in=chunk.values(), stage=DocumentStage.SCAN)
                   .values_list("contract_id", flat=True))
        documents_ = []
        for key, pk in chunk.items():
            if pk in have:
                continue
            pdf = archive.read(scan_for_key[key])
            digest = hashlib.sha256(pdf).hexdigest()
            documents_.append(ContractDocument(contract_id=pk, stage=DocumentStage.SCAN, pdf=pdf, sha256=digest,
                                               size=len(pdf)))
            records.append({"kind": "labor_contract.existing_scan", "subject": LaborContract(pk=pk), "digest": digest,
                            "data": {"file": scan_for_key[key][:200], "size": len(pdf)}})
        ContractDocument.objects.bulk_create(documents_)
        stored += len(documents_)
    if records:
        ledger.append_many(records, actor=actor)
    return stored


# ---------------------------------------------------------------- sending and revoking

def sign_path(contract: LaborContract) -> str:
    """The worker's signing start page (login, real-name check, disclosure, intent, signature)."""
    return reverse("labor_contract:sign", args=[contract.number])


def sign_deadline(today: dt.date) -> dt.date:
    """The last day an invitation sent ``today`` may be signed (the short link lives as long)."""
    return today + dt.timedelta(days=value_on("signing_invitation_days", today).value)


def _sign_url(contract: LaborContract, *, actor) -> str:
    """A short link to the worker's signing page (notify's short links), valid for ``SIGN_LINK_DAYS`` days."""
    from zhili.core.notify import api as notify

    return notify.make_short_link(sign_path(contract), expires_in=dt.timedelta(days=SIGN_LINK_DAYS), actor=actor,
                                  subject=contract).url


def _content_digest(contract: LaborContract) -> str:
    """SHA-256 of the contract text as sent (full ID number and phone), for the evidence ledger."""
    import hashlib

    return hashlib.sha256(documents.render_contract_html(contract, reveal_pii=True).encode("utf-8")).hexdigest()


SEND_CHUNK = 200


def _require_each_employer(actor, permission: str, contracts: list[LaborContract]) -> None:
    """``require`` once per employer: the send and view rules of this scene depend only on the employer (and
    the worker, who never sends), so one check covers every contract of that employer."""
    checked: set[int] = set()
    for contract in contracts:
        if contract.employer_id not in checked:
            require(actor, permission, contract)
            checked.add(contract.employer_id)


def send_contracts(contracts: Iterable[LaborContract], *, actor, channel: str = SigningChannel.REMOTE) -> list[LaborContract]:
    """一键发约: move each draft to sent, give it a signing short link (SMS to the worker, or QR code on site).

    Contracts already sent are left alone. Every contract is permission-checked before anything changes, so
    one foreign contract in the list stops the whole call with nothing sent. The drafts are then sent in
    chunks of ``SEND_CHUNK``, each chunk one transaction (a large batch never holds the database's write lock
    for long; a chunk that fails leaves the earlier ones sent, and sending again skips them). Once a chunk
    commits, its PDFs are rendered by the task workers (``tasks.render_contract_pdfs``), so the worker's
    reading page finds its PDF ready.
    """
    contracts = list(contracts)
    _require_each_employer(actor, "labor_contract.contract.send", contracts)
    ids = sorted({c.pk for c in contracts})
    sent: list[LaborContract] = []
    for start in range(0, len(ids), SEND_CHUNK):
        sent += _send_chunk(ids[start:start + SEND_CHUNK], actor=actor, channel=channel)
    return sent


@transaction.atomic
def _send_chunk(ids: list[int], *, actor, channel: str) -> list[LaborContract]:
    from zhili.core.ledger import api as ledger
    from zhili.core.notify import api as notify

    now = timezone.now()
    deadline = sign_deadline(timezone.localdate())
    sent, records, changes = [], [], []
    actor_obj = actor if getattr(actor, "pk", None) else None
    for contract in LaborContract.objects.select_for_update(of=("self",)).filter(
            pk__in=ids, status=ContractStatus.DRAFT).select_related("employer", "template_version").order_by("pk"):
        contract.status, contract.sent_at, contract.channel = ContractStatus.SENT, now, channel
        contract.sign_url = _sign_url(contract, actor=actor)
        contract.sign_deadline = deadline
        contract.last_invited_at = now if channel == SigningChannel.REMOTE else None
        contract.updated_at = now
        changes.append(ContractStatusChange(contract=contract, from_status=ContractStatus.DRAFT,
                                            to_status=ContractStatus.SENT, actor=actor_obj, note=""))
        if channel == SigningChannel.REMOTE:
            notify.send_sms(contract.worker_phone, "labor_contract_sign_invite",
                            {"employer": contract.employer.name, "url": contract.sign_url},
                            dedup_key=f"labor_contract:invite:{contract.pk}", actor=actor)
        audit.record("labor_contract.contract.sent", actor=actor, target=contract, data={"channel": channel})
        records.append({"kind": "labor_contract.contract.sent", "subject": contract,
                        "digest": _content_digest(contract), "data": {"number": contract.number, "channel": channel}})
        events.publish("labor_contract.contract.sent", contract_id=contract.pk, channel=channel)
        sent.append(contract)
    if not sent:
        return sent
    # The fields every contract of the chunk shares in one UPDATE; only the short links differ.
    LaborContract.objects.filter(pk__in=[c.pk for c in sent]).update(
        status=ContractStatus.SENT, sent_at=now, channel=channel, sign_deadline=deadline, updated_at=now,
        last_invited_at=now if channel == SigningChannel.REMOTE else None)
    LaborContract.objects.bulk_update(sent, ["sign_url"], batch_size=BULK_CHUNK)
    ContractStatusChange.objects.bulk_create(changes, batch_size=BULK_CHUNK)
    ledger.append_many(records, actor=actor)
    sent_ids, actor_id = [c.pk for c in sent], getattr(actor_obj, "pk", None)
    _enqueue_rendering(sent_ids, actor_id)
    return sent


RENDER_TASK_SIZE = 25


def _enqueue_rendering(ids: list[int], actor_id: int | None) -> None:
    """Hand the PDF rendering of ``ids`` to the task workers, ``RENDER_TASK_SIZE`` contracts per task (so
    every worker process gets a share), queued in the send's own transaction: the tasks commit with the send.
    The reading page still renders a PDF that is missing when the worker opens it."""
    from zhili.core.foundation.api import enqueue_with_commit

    from ..tasks import render_contract_pdfs

    for start in range(0, len(ids), RENDER_TASK_SIZE):
        enqueue_with_commit(render_contract_pdfs, contract_ids=ids[start:start + RENDER_TASK_SIZE], actor_id=actor_id)


@transaction.atomic
def revoke_contract(contract: LaborContract, *, actor, reason: str = "") -> LaborContract:
    """Withdraw a contract the worker has not signed yet (draft or sent)."""
    require(actor, "labor_contract.contract.revoke", contract)
    contract = LaborContract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in REVOCABLE_STATUSES:
        raise ValidationError({"status": _("合同状态为「{status}」，劳动者签署后不能撤回").format(
            status=contract.status_choice.label)}, code="not_revocable")
    previous = contract.status
    contract.status, contract.revoke_reason = ContractStatus.REVOKED, (reason or "")[:500]
    contract.save(update_fields=["status", "revoke_reason", "updated_at"])
    _record_change(contract, previous, ContractStatus.REVOKED, actor=actor, note=contract.revoke_reason)
    audit.record("labor_contract.contract.revoked", actor=actor, target=contract, data={"reason": contract.revoke_reason})
    if previous != ContractStatus.DRAFT:  # a draft never left the employer; a sent contract's withdrawal is evidence
        from zhili.core.ledger import api as ledger

        ledger.append(kind="labor_contract.contract.revoked", subject=contract, actor=actor,
                      digest=_content_digest(contract), data={"number": contract.number, "reason": contract.revoke_reason})
    events.publish("labor_contract.contract.revoked", contract_id=contract.pk)
    return contract


# ---------------------------------------------------------------- reminders

def _employer_admins(employer_id: int):
    return get_user_model().objects.filter(memberships__organization_id=employer_id, memberships__is_active=True,
                                           memberships__role=Role.EMPLOYER_ADMIN, is_active=True).distinct()
