"""The matters catalogue (事项目录): import and update from CSV or XLSX, every bad row reported."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from zhili.core.foundation import audit
from zhili.core.foundation.api import SpreadsheetRejected, iter_rows
from zhili.core.foundation.validators import set_allowed_fields
from zhili.core.identity.permissions import require

from ..models import Matter
from ..registry import get_document_type

COLUMNS = {
    "code": ("事项编码", "code"),
    "name": ("事项名称", "name"),
    "department_name": ("主管部门", "department_name"),
    "legal_basis": ("依据", "legal_basis"),
    "document_type": ("文档类型", "document_type"),
    "fields": ("最少字段", "fields"),
}
CODE_PATTERN = re.compile(r"^[a-z0-9_-]{2,64}$")


@dataclass
class ImportReport:
    """What an import did: rows created and updated, and every refused row with its line and reason."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_rows(content: bytes, file_name: str) -> list[dict]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file as dicts keyed by the header (bounded reader)."""
    if not file_name.lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"file": "只接受 .csv 或 .xlsx 文件"})
    try:
        rows = [["" if v is None else str(v).strip() for v in row] for row in iter_rows(content, file_name)]
    except SpreadsheetRejected as exc:
        raise ValidationError({"file": str(exc)}) from None
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    return [{k: v for k, v in zip(header, row, strict=False) if k} for row in body if any(row)]


def _value(row: dict, key: str) -> str:
    for header in COLUMNS[key]:
        if header in row and row[header] not in (None, ""):
            return str(row[header]).strip()
    return ""


def _clean(row: dict, *, check_types: bool) -> dict:
    values = {key: _value(row, key) for key in COLUMNS}
    problems = []
    if not CODE_PATTERN.match(values["code"]):
        problems.append("事项编码：须为 2–64 位小写字母、数字、下划线或连字符")
    for key, label in (("name", "事项名称"), ("department_name", "主管部门"), ("legal_basis", "依据"),
                       ("document_type", "文档类型")):
        if not values[key]:
            problems.append(f"{label}：不能为空")
    fields = [f for f in re.split(r"[;；,，、\s]+", values["fields"]) if f]
    if not fields:
        problems.append("最少字段：至少一个字段")
    declared = get_document_type(values["document_type"]) if values["document_type"] else None
    if check_types and values["document_type"]:
        if declared is None:
            problems.append("文档类型：未注册的文档类型 {code}".format(code=values["document_type"]))
        else:
            unknown = [f for f in fields if f not in declared.field_codes]
            if unknown:
                problems.append("最少字段：文档类型中没有字段 {codes}".format(codes="、".join(unknown)))
    if problems:
        raise ValidationError("；".join(problems))
    values["fields"] = fields
    return values


@transaction.atomic
def import_matters(content: bytes, *, file_name: str, actor, check_types: bool = True) -> ImportReport:
    """Create or update matters by code from a CSV/XLSX file; nothing is written if any row is bad."""
    if actor is not None:
        require(actor, "sharing.matter.import")
    report = ImportReport()
    cleaned = []
    seen = set()
    for line, row in enumerate(read_rows(content, file_name), start=2):
        try:
            values = _clean(row, check_types=check_types)
        except ValidationError as exc:
            report.errors.append((line, "；".join(exc.messages)))
            continue
        if values["code"] in seen:
            report.errors.append((line, "事项编码：与前面的行重复"))
            continue
        seen.add(values["code"])
        cleaned.append(values)
    if report.errors:
        return report
    for values in cleaned:
        code = values.pop("code")
        _matter, created = Matter.objects.update_or_create(code=code, defaults=values)
        if created:
            report.created += 1
        else:
            report.updated += 1
    audit.record("sharing.matters.imported", actor=actor,
                 data={"file": file_name, "created": report.created, "updated": report.updated})
    return report


MATTER_FIELDS = ("name", "department_name", "department", "legal_basis", "document_type", "fields", "is_active")


@transaction.atomic
def save_matter(code: str, *, actor, **values) -> Matter:
    """Create or change one matter of the catalogue by its code (the admin page's form), audited."""
    require(actor, "sharing.matter.import")
    matter = Matter.objects.filter(code=code).first() or Matter(code=code)
    created = matter.pk is None
    set_allowed_fields(matter, values, MATTER_FIELDS)
    matter.full_clean()
    matter.save()
    audit.record("sharing.matter.created" if created else "sharing.matter.changed", actor=actor, target=matter,
                 data={"fields": sorted(values), "legal_basis": matter.legal_basis, "is_active": matter.is_active})
    return matter
