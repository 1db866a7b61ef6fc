"""Importing contracts from a spreadsheet (new batches and existing paper contracts) with their scans."""

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii
from zhili.core.identity.api import require

from .. import importing
from ..choices import (
    BatchKind,
    ContractStatus,
    DocumentStage,
    RowOutcome,
)
from ..models import (
    ContractDocument,
    ContractStatusChange,
    LaborContract,
    SendBatch,
)
from ..rules import check_contract, probation_wage_floor
from .contracts import _new_contract, rule_data
from .templates import create_default_template

BULK_CHUNK = 1000


@dataclass
class BatchResult:
    """What an import did: the batch row (with counts and the result sheet) and the contracts it created."""

    batch: SendBatch
    created: list[LaborContract]


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

    from zhili.core.ledger import api as ledger


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
