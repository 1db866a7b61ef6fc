"""Writes: officers save policies one by one or import a workbook of them; every write audited."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from zhili.core.foundation import audit
from zhili.core.identity.permissions import require

from .choices import BenefitKind, BenefitPeriod, Entity, OwnerKind
from .declarations import PolicyPackError, Source
from .domains import compile_policy
from .models import OfficerPolicy
from .registry import get_domain

FIELDS = ("name", "owner", "owner_kind", "in_statute", "category", "entity", "benefit_kind", "benefit_amount",
          "benefit_period", "benefit_description", "conditions", "materials", "office", "deadline_days",
          "reference", "effective_from", "effective_to", "description", "is_active")


def check_officer_policy(row: OfficerPolicy, source: Source | None = None) -> None:
    """Raise ``ValidationError`` naming the field and the rule when ``row`` cannot be a policy of its domain."""
    try:
        domain = get_domain(row.domain)
    except LookupError:
        raise ValidationError({"domain": f"未声明的政策领域：{row.domain}"}) from None
    if not row.code.isidentifier():
        raise ValidationError({"code": "政策编码只能由字母、数字和下划线组成，且不以数字开头"})
    if row.code in domain.policies:
        raise ValidationError({"code": f"政策编码 {row.code} 已由场景声明，不能在此修改"})
    if not row.conditions:
        raise ValidationError({"conditions": "至少需要一个条件"})
    for condition in row.conditions:
        if not condition.get("label") or not condition.get("test"):
            raise ValidationError({"conditions": "每个条件都需要名称和表达式"})
    try:
        compile_policy(domain, row.to_policy(source))
    except PolicyPackError as exc:
        field_name = "benefit_amount" if "待遇金额" in exc.message else "conditions"
        if "生效日期" in exc.message or "失效日期" in exc.message:
            field_name = "effective_from"
        raise ValidationError({field_name: exc.message}) from None


@transaction.atomic
def save_officer_policy(values: dict, *, actor, domain: str, code: str) -> OfficerPolicy:
    """Create or change the officer-kept policy ``domain``/``code`` with ``values`` (checked first)."""
    require(actor, "policy.policy.manage", None)
    row = OfficerPolicy.objects.select_for_update().filter(domain=domain, code=code).first()
    created = row is None
    row = row or OfficerPolicy(domain=domain, code=code, created_by=actor)
    before = {name: getattr(row, name) for name in FIELDS} if not created else {}
    for name, value in values.items():
        if name not in FIELDS:
            raise ValidationError({name: "未知字段"})
        setattr(row, name, value)
    check_officer_policy(row)
    row.save()
    changed = sorted(name for name in FIELDS if before.get(name) != getattr(row, name)) if not created else []
    audit.record("policy.officer_policy.created" if created else "policy.officer_policy.changed", actor=actor,
                 target=row, data={"domain": domain, "code": code, "changed": changed})
    return row


# --- XLSX import -------------------------------------------------------------------------------------------

COLUMNS = [  # (header, field, required)
    ("政策编码", "code", True), ("政策名称", "name", True), ("主办单位", "owner", True),
    ("主办方类型", "owner_kind", False), ("政策内", "in_statute", False), ("帮扶类别", "category", False),
    ("对象", "entity", False), ("待遇类型", "benefit_kind", False), ("待遇金额", "benefit_amount", False),
    ("待遇周期", "benefit_period", False), ("待遇说明", "benefit_description", False),
    ("条件", "conditions", True), ("所需材料", "materials", False), ("经办机构", "office", False),
    ("办理时限（工作日）", "deadline_days", False), ("依据", "reference", True),
    ("生效日期", "effective_from", True), ("失效日期", "effective_to", False),
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 2000


@dataclass
class ImportReport:
    """What an import did: rows saved, or every bad row with its line, column and reason (then nothing saved)."""

    saved: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, column header, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _choice(value, choices, header):
    text = str(value or "").strip()
    if not text:
        return None
    for member in choices:
        if text in (member.value, str(member.label)):
            return member.value
    raise ValueError(f"{header}应为：" + "、".join(str(m.label) for m in choices))


def _parse_conditions(text: str) -> list[dict]:
    """``名称：表达式（依据）`` one per line; the reference in full-width brackets at the end is optional."""
    found = []
    for line in str(text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, sep, rest = line.partition("：")
        if not sep:
            label, sep, rest = line.partition(":")
        if not sep or not label.strip() or not rest.strip():
            raise ValueError(f"条件应写成「名称：表达式」，每行一个：{line}")
        reference = ""
        rest = rest.strip()
        if rest.endswith("）") and "（" in rest:
            rest, _, reference = rest[:-1].rpartition("（")
        found.append({"label": label.strip(), "test": rest.strip(), "reference": reference.strip()})
    if not found:
        raise ValueError("至少需要一个条件")
    return found


def _date(value, header):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{header}应为日期（YYYY-MM-DD）") from None


def _row_values(cells: dict) -> dict:
    values = {}
    for header, name, required in COLUMNS:
        raw = cells.get(header)
        if required and raw in (None, ""):
            raise ValueError(f"{header}不能为空")
        if name in ("owner_kind", "entity", "benefit_kind", "benefit_period"):
            choices = {"owner_kind": OwnerKind, "entity": Entity, "benefit_kind": BenefitKind,
                       "benefit_period": BenefitPeriod}[name]
            value = _choice(raw, choices, header)
            if value is not None:
                values[name] = value
        elif name == "in_statute":
            values[name] = str(raw or "").strip() in ("是", "true", "True", "1")
        elif name == "conditions":
            values[name] = _parse_conditions(raw)
        elif name == "materials":
            values[name] = [m.strip() for m in str(raw or "").replace("，", "、").replace(",", "、").split("、")
                            if m.strip()]
        elif name == "deadline_days":
            if raw not in (None, ""):
                try:
                    values[name] = int(raw)
                except (TypeError, ValueError):
                    raise ValueError(f"{header}应为整数") from None
        elif name in ("effective_from", "effective_to"):
            values[name] = _date(raw, header)
        else:
            values[name] = "" if raw is None else str(raw).strip()
    return values


def import_policies(upload, *, actor, domain: str) -> ImportReport:
    """Read an XLSX workbook of policies (first sheet, headers as in ``COLUMNS``) into domain ``domain``.

    Every row is checked as ``save_officer_policy`` checks one; if any row is bad, the report lists every bad
    row with its line and nothing is saved. Files over 5 MB or 2,000 rows are refused.
    """
    from openpyxl import load_workbook

    require(actor, "policy.policy.manage", None)
    report = ImportReport()
    if getattr(upload, "size", 0) > MAX_IMPORT_BYTES:
        report.errors.append((0, "", "文件超过 5 MB"))
        return report
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception:
        report.errors.append((0, "", "无法读取文件：请上传 XLSX 工作簿"))
        return report
    rows = sheet.iter_rows(values_only=True)
    headers = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    missing = [header for header, _, required in COLUMNS if required and header not in headers]
    if missing:
        report.errors.append((1, "", "缺少列：" + "、".join(missing)))
        return report
    parsed = []
    for line, cells in enumerate(rows, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            report.errors.append((line, "", f"超过 {MAX_IMPORT_ROWS} 行"))
            break
        if not any(c not in (None, "") for c in cells):
            continue
        by_header = dict(zip(headers, cells, strict=False))
        try:
            values = _row_values(by_header)
        except ValueError as exc:
            report.errors.append((line, "", str(exc)))
            continue
        code = values.pop("code")
        row = OfficerPolicy(domain=domain, code=code, **values)
        try:
            check_officer_policy(row, Source("xlsx", line))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                header = next((h for h, n, _ in COLUMNS if n == name), name)
                report.errors += [(line, header, message) for message in messages]
            continue
        if any(code == other for _, other, _ in parsed):
            report.errors.append((line, "政策编码", f"政策编码 {code} 在文件中重复"))
            continue
        parsed.append((line, code, values))
    if report.errors:
        return report
    with transaction.atomic():
        for _, code, values in parsed:
            report.saved.append(save_officer_policy(values, actor=actor, domain=domain, code=code))
        audit.record("policy.officer_policy.imported", actor=actor,
                     data={"domain": domain, "codes": [code for _, code, _ in parsed]})
    return report


def import_template() -> bytes:
    """An empty workbook with the import's headers and one example row."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "政策"
    sheet.append([header for header, _, _ in COLUMNS])
    sheet.append(["care_visits", "孤寡老人上门关爱", "县婚姻家庭协会", "社会组织", "否", "social_care", "家庭",
                  "服务", "", "每月", "每月两次上门探访", "家中有老年人：any(age(m.birth_date) >= 60)", "户口簿",
                  "县婚姻家庭协会", 10, "社会力量参与社会帮扶延伸服务清单 1.0 版", "2024-01-01", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
